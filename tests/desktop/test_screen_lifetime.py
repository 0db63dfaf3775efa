"""The application's screen outlives the windows that ask which screen they are on.

PySide makes the QScreen that `QWidget.screen()` returns a child of the asking widget's Python
object: deleted with it when Python's cycle collector takes that object (the screen gone, a
segmentation fault inside Qt later), and "already deleted" for every holder once the widget
is deleted the ordinary way. The app asks through `desktop.qt.screen_of` (docs/monkey.md, 5).
"""

from __future__ import annotations

import pytest


def _main_window(ctx):
    from desktop.mainwindow import MainWindow

    win = MainWindow(ctx)  # opened for the first time on this computer: it fits itself to the screen
    win.shutdown()
    return win


def _preferences(ctx):
    from desktop.preferences import PreferencesDialog

    return PreferencesDialog(ctx)  # as tall as the screen allows


def _keyboard_dock(ctx):
    from desktop.keying.urdu_keyboard import KeyboardDock

    dock = KeyboardDock()
    dock.size_class()  # where it was kept depends on the screen's size class
    return dock


@pytest.mark.parametrize("build", [_main_window, _preferences, _keyboard_dock],
                         ids=["main window", "preferences", "keyboard dock"])
def test_the_screen_outlives_a_window_that_fitted_itself_to_it(qtbot, qapp, ctx, build):
    import shiboken6

    from desktop.qt import QGuiApplication

    # GIVEN the screen, as any part of the app holds it
    screen = QGuiApplication.primaryScreen()
    # WHEN a window that sizes itself by its screen is built and deleted (as open_preferences
    # deletes its dialog, as an old window goes after a new language)
    widget = build(ctx)
    shiboken6.delete(widget)
    # THEN the screen is still the app's (before: "Internal C++ object (QScreen) already
    # deleted", the screen having been the deleted window's)
    assert shiboken6.isValid(screen)
    assert screen.availableGeometry().height() > 0
    assert QGuiApplication.primaryScreen() is screen

