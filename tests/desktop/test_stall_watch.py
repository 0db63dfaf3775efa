"""bench/stall_watch.py, which bench/monkey.py runs inside the app's process, must not change
where the app's objects are released (docs/monkey.md, 5: the segmentation faults after Save).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import os, sys, tempfile, threading, time, weakref
sys.path.insert(0, os.path.join(os.getcwd(), "bench"))
os.environ["DAFTAR_UI_SETTINGS"] = os.path.join(tempfile.mkdtemp(), "ui.ini")
from desktop.qt import QApplication, QTimer
from desktop.ui_settings import computer_settings
from stall_watch import StallWatch

app = QApplication([])
watch = StallWatch(threshold=2.0, beat_ms=20)
watch.start()
released_on = []


def save(i):  # as Preferences' Save: this computer's settings written while the window is busy
    s = computer_settings()
    weakref.finalize(s, lambda: released_on.append(threading.current_thread().name))
    s.setValue("ui/language", "ur" if i % 2 else "en")  # (QSettings posts itself an update)
    s.sync()
    t = time.perf_counter()
    while time.perf_counter() - t < 0.06:  # the database write of the same Save
        pass


def step(i=[0]):
    save(i[0])
    i[0] += 1
    QTimer.singleShot(300 if i[0] >= 40 else 30, app.quit if i[0] >= 40 else step)


QTimer.singleShot(100, step)
app.exec()
watch.stop()
print("released on", sorted(set(released_on)), len(released_on), flush=True)
"""


def test_settings_written_while_the_watch_samples_are_released_on_the_ui_thread():
    # GIVEN the stall watch sampling the UI thread's stack while it is busy (it holds the UI
    # thread's frames, and with them a returning function's local variables)
    # WHEN the UI thread writes this computer's settings 40 times, busy each time (as Save does)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    r = subprocess.run([sys.executable, "-X", "faulthandler", "-c", CHILD], cwd=ROOT, env=env,
                       capture_output=True, text=True, timeout=180)
    # THEN every settings object went on the UI thread, and the process lived (it was released
    # on the watch's thread, deleted there while the UI thread delivered its update: a
    # segmentation fault inside Qt's event loop, every run)
    assert r.returncode == 0, r.stderr[-3000:]
    assert "released on ['MainThread'] 40" in r.stdout, r.stdout
