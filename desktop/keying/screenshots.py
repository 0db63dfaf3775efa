"""Screenshots of the keying aids: `python -m desktop.keying.screenshots docs/screenshots`.

- keying-completer.png: the type-ahead popup over the correction view (Urdu suggestions);
- urdu-keyboard.png: the on-screen Urdu phonetic keyboard (unshifted and Shift level).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.shotkit import wait_until  # noqa: E402

OWNERS = [
    "محمد اسلم ولد غلام رسول قوم اعوان",
    "محمد اکرم ولد غلام رسول قوم اعوان",
    "محمد اشرف ولد نور دین قوم جٹ",
    "محمد افضل ولد اللہ دتہ قوم آرائیں",
    "احمد علی ولد غلام رسول قوم اعوان",
]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0] if argv else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    from desktop.context import AppContext, Preferences
    from desktop.correction.view import CorrectionView
    from desktop.fonts import load_fonts
    from desktop.keying.urdu_keyboard import UrduKeyboard, send_text
    from desktop.main import _app
    from desktop.qt import QApplication, QEvent, QKeyEvent, Qt
    from desktop.screenshots import HEADER, ROWS, synth_png
    from desktop.signin import default_actor
    from records import services
    from records.workspace import Workspace

    app = _app()
    load_fonts()
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace.open(Path(tmp) / "ws", create=True)
        actor = default_actor(ws)
        with ws.session() as s:
            old = services.create_register(s, actor=actor, template="jamabandi", **{**HEADER, "year": "2015-16"})
            for i, owner in enumerate(OWNERS * 2):
                services.add_entry(s, actor=actor, register_id=old, values={"khewat_no": str(40 + i), "owner": owner})
            rid = services.create_register(s, actor=actor, template="jamabandi", **HEADER)
            pid = services.add_page(s, ws.images, actor=actor, register_id=rid, data=synth_png(),
                                    name="jamabandi.png").page_id
            for row in [*ROWS, {"khewat_no": "48", "khatooni_no": "115"}]:
                services.add_entry(s, actor=actor, register_id=rid, page_id=pid, values=row)
        ctx = AppContext.create(ws, actor, prefs=Preferences(urdu_digits=True))
        view = CorrectionView(ctx)
        view.resize(1400, 640)
        view.show()
        view.show_page(pid)
        wait_until(app, runner=ctx.runner, cond=lambda: view.model.rowCount() == 4 and view.keying.vocab is not None)
        view.select_field(3, "owner")
        view.table.setFocus()
        send_text(view.table, "محمد ا")
        editor = QApplication.focusWidget()
        if editor is None:  # an X server without a window manager gives no window the focus
            raise SystemExit("no widget has the keyboard focus: run with QT_QPA_PLATFORM=offscreen")
        QApplication.sendEvent(editor, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier))
        app.processEvents()
        assert view.keying.popup.isVisible(), "the popup did not appear"
        view.grab().save(str(out / "keying-completer.png"))
        QApplication.sendEvent(editor, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier))

        kb = UrduKeyboard()
        kb.resize(720, 300)
        kb.show()
        app.processEvents()
        normal = kb.grab()
        kb.shift.setChecked(True)
        kb._relabel()
        app.processEvents()
        shifted = kb.grab()
        from desktop.qt import QPainter, QPixmap

        both = QPixmap(normal.width(), normal.height() * 2 + 6)
        both.fill(Qt.GlobalColor.white)
        p = QPainter(both)
        p.drawPixmap(0, 0, normal)
        p.drawPixmap(0, normal.height() + 6, shifted)
        p.end()
        both.save(str(out / "urdu-keyboard.png"))
        kb.close()
        view.close()
        ctx.close()
        ws.close()
    print(f"screenshots written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
