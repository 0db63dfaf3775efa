"""Windows no bigger than the screen they open on (1024 x 768 monitors, 1280 x 720 laptops,
1920 x 1080 at 150 %, which leaves 1280 x 720 to lay out, less the taskbar)."""

from __future__ import annotations

from desktop.qt import QWidget, screen_of

# room kept free around a window: its title bar and frame, drawn by the system around the
# size a window asks for (30-45 px at 125-150 %), and a little margin
FRAME_ROOM = 60
SIDE_ROOM = 20


def room_on_screen(widget: QWidget) -> tuple[int, int] | None:
    """The largest (width, height) a window of `widget` can have and still show whole (its
    title bar and its bottom buttons) on the free part of its screen; None with no screen."""
    screen = screen_of(widget)
    if screen is None:
        return None
    avail = screen.availableGeometry()
    return max(200, avail.width() - SIDE_ROOM), max(200, avail.height() - FRAME_ROOM)


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resize a top-level `window` to width x height, or less where its screen has less room:
    a dialog of a fixed 680 px opened on a screen of 720 px less a taskbar had its Close
    button under the taskbar, out of reach."""
    room = room_on_screen(window)
    if room is not None:
        width, height = min(width, room[0]), min(height, room[1])
    window.resize(width, height)
