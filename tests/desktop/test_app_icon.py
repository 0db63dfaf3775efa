"""Daftar's windows carry its own icon (title bar, task bar, Alt+Tab), not Qt's default."""

from __future__ import annotations


def test_every_window_gets_daftars_icon_at_the_sizes_a_task_bar_asks(qapp):
    from desktop import main
    from desktop.qt import QIcon, QWidget

    # GIVEN the application as Daftar sets it up, with no icon of its own before
    qapp.setWindowIcon(QIcon())
    assert qapp.windowIcon().isNull()
    # WHEN Daftar's set-up runs
    assert main._app() is qapp
    # THEN the application's icon is Daftar's, drawn at a task bar's and a title bar's sizes
    icon = qapp.windowIcon()
    assert not icon.isNull()
    for size in (16, 32, 48, 256):
        image = icon.pixmap(size, size).toImage()
        assert image.width() == size
        opaque = sum(image.pixelColor(x, y).alpha() > 0 for x in range(size) for y in range(size))
        assert opaque > size * size // 4, f"the icon at {size} px is nearly empty ({opaque} opaque pixels)"
    # ... and a window without an icon of its own shows it
    w = QWidget()
    assert w.windowIcon().cacheKey() == icon.cacheKey()
    w.deleteLater()
    qapp.setWindowIcon(QIcon())
