"""The words of the operating system and of the libraries (a full disk, no permission, a
file that is no image, a refused connection) in the interface language, where the desktop
shows them: the import's list of bad files, a backup's failure, the sync panel."""

from __future__ import annotations

import errno
import re

import pytest

from desktop import i18n
from tests.desktop.test_sync_panel import FakeOffice

# English words of OS and library errors a clerk must not meet in the Urdu interface
ENGLISH_ERRORS = re.compile(r"No space left|Permission denied|Read-only file system|No such file|Input/output|"
                            r"Connection refused|Failed to load document|PDFium|Data format|cannot identify|"
                            r"database is locked|\[Errno", re.I)


@pytest.fixture
def urdu(qapp):
    assert i18n.apply_language(qapp, "ur")
    yield qapp
    i18n.apply_language(qapp, "en")


def _tr(phrase: str) -> str:
    from desktop.qt import QCoreApplication
    from desktop.system_errors import CONTEXT

    return QCoreApplication.translate(CONTEXT, phrase)


# ----------------------------------------------------------------------------- the phrases
def test_os_and_library_errors_are_said_in_urdu_with_the_number_for_it(urdu):
    import sqlite3
    import zipfile

    from desktop import system_errors as se

    # GIVEN errors of the OS and of the libraries, as exceptions and as the core writes them
    full = OSError(errno.ENOSPC, "No space left on device", "/media/usb/daftar.tar")
    # WHEN said in the Urdu interface
    # THEN each is a short Urdu phrase; an OSError keeps its path and its number for IT
    assert se.reason(full) == "ڈسک بھر چکی ہے: \u2066/media/usb/daftar.tar\u2069 \u2066(Errno 28)\u2069"
    assert se.reason(PermissionError(errno.EACCES, "Permission denied")).startswith("اجازت نہیں")
    assert se.reason(zipfile.BadZipFile("File is not a zip file")) == "یہ فائل ZIP نہیں یا خراب ہے"
    assert se.reason(sqlite3.OperationalError("database is locked")).startswith("ڈیٹا بیس کسی اور کام میں مصروف ہے")
    said = {
        "Cannot write the backup /m/b.tar: Read-only file system": "ڈسک صرف پڑھنے کے لیے ہے",
        "x.png: [Errno 2] No such file or directory: '/m/x.png'": "فائل یا فولڈر موجود نہیں",
        "(sqlite3.OperationalError) disk I/O error\n[SQL: SELECT 1]": "ڈیٹا بیس ڈسک پر پڑھا یا لکھا نہیں جا سکا",
        "database disk image is malformed": "ڈیٹا بیس خراب ہو چکا ہے",
        "cannot identify image file '/m/x.png'": "یہ فائل ایسی تصویر نہیں",
        "[Errno -2] Name or service not known": "سرور کا نام نہیں ملا",
        "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate (_ssl.c:1000)":
            "سرور کے سرٹیفکیٹ کی تصدیق نہیں ہو سکی",
        "The read operation timed out": "رابطہ بہت سست ہے",
    }
    for english, urdu_words in said.items():
        shown = i18n.message(english)
        assert urdu_words in shown and not ENGLISH_ERRORS.search(shown), (english, shown)
        assert not re.search(r"[A-Za-z]{3,}", re.sub(r"Errno|/m/\S*|x\.png|\bIT\b|\bCA\b|ZIP", "", shown)), shown


def test_in_english_the_words_stay_as_they_are(qapp):
    from desktop import system_errors as se

    i18n.apply_language(qapp, "en")
    full = OSError(errno.ENOSPC, "No space left on device", "/media/usb/daftar.tar")
    assert se.reason(full) == str(full)
    for english in ("Cannot write the backup /m/b.tar: Read-only file system", "[Errno 111] Connection refused"):
        assert i18n.message(english) == se.in_text(english) == english


# ----------------------------------------------------------------------------- import
def test_an_import_of_files_that_cannot_be_read_says_why_in_urdu(urdu, qtbot, ctx, tmp_path, monkeypatch):
    from pathlib import Path

    from desktop.capture.import_dialog import ImportDialog
    from tests.desktop.test_capture import _register

    # GIVEN a clerk in the Urdu interface, a file named .pdf that is no PDF, and a scan this
    # computer may not read (the OS says "Permission denied": tests may run as root, so the
    # refusal is made here)
    rid = _register(ctx)
    (tmp_path / "page1.pdf").write_bytes(b"%PDF-1.4 this is not a PDF")
    locked = tmp_path / "page2.png"
    locked.write_bytes(b"\x89PNG")
    real_read = Path.read_bytes

    def read_bytes(self):
        if self == locked:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    dlg = ImportDialog(ctx, rid)
    qtbot.addWidget(dlg)
    # WHEN they are added to the import
    dlg.add_paths([tmp_path / "page1.pdf", locked])
    qtbot.waitUntil(lambda: dlg._loading == 0 and len(dlg.items) == 2, timeout=10_000)
    # THEN the list says why in Urdu: not a PDF or damaged, no permission; no English words of
    # the PDF library or the OS, the number kept for IT
    shown = [dlg.list.item(i).text() for i in range(2)]
    assert _tr("the file is not a PDF or it is damaged") in shown[0]
    assert "اجازت نہیں" in shown[1] and "(Errno 13)" in shown[1]
    assert [t for t in shown if ENGLISH_ERRORS.search(t.replace("(Errno 13)", ""))] == []


# ----------------------------------------------------------------------------- backup
@pytest.mark.parametrize("job, urdu_words", [("backup_on_a_full_disk", "ڈسک بھر چکی ہے"),
                                             ("backup_on_a_read_only_disk", "ڈسک صرف پڑھنے کے لیے ہے")])
def test_a_backup_onto_a_full_or_read_only_disk_says_why_in_urdu(urdu, qtbot, workspace, actors, tmp_path,
                                                                  monkeypatch, job, urdu_words):
    from desktop import oversight
    from desktop.qt import QApplication, QMessageBox
    from tests.desktop.test_roles import _window

    # GIVEN a supervisor in the Urdu interface and a USB stick that is full (or read-only)
    monkeypatch.setattr(oversight, "BACKUP_JOB", f"tests.desktop.slow_job:{job}")
    usb = tmp_path / "usb"
    usb.mkdir()
    win = _window(qtbot, workspace, actors["girdawar1"])
    try:
        # WHEN he backs the workspace up onto it
        job_ = oversight.back_up(win, str(usb))
        qtbot.waitUntil(lambda: job_.done, timeout=60_000)
        # THEN the box says in Urdu that no backup was written and why: the disk's state in
        # Urdu words, no English words of the OS
        qtbot.waitUntil(lambda: any(isinstance(w, QMessageBox) and w.isVisible()
                                    for w in QApplication.topLevelWidgets()), timeout=10_000)
        (box,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        said = box.text()
        box.close()
        assert said == job_.error
        assert "بیک اپ" in said and urdu_words in said, said
        assert not ENGLISH_ERRORS.search(said), said
        assert list(usb.iterdir()) == []
    finally:
        win.shutdown()


def test_a_backup_onto_a_full_disk_in_english_says_the_os_words(qtbot, workspace, actors, tmp_path, monkeypatch):
    from desktop import oversight
    from tests.desktop.test_roles import _window

    monkeypatch.setattr(oversight, "BACKUP_JOB", "tests.desktop.slow_job:backup_on_a_full_disk")
    usb = tmp_path / "usb"
    usb.mkdir()
    win = _window(qtbot, workspace, actors["girdawar1"])
    try:
        job = oversight.back_up(win, str(usb))
        qtbot.waitUntil(lambda: job.done, timeout=60_000)
        # THEN the core's words, as they were: the OS's words kept
        assert re.fullmatch(rf"Cannot write the backup {re.escape(str(usb))}/\S+\.tar: No space left on device",
                            job.error), job.error
    finally:
        from desktop.qt import QApplication, QMessageBox

        for w in QApplication.topLevelWidgets():
            if isinstance(w, QMessageBox) and w.isVisible():
                w.close()
        win.shutdown()


# ----------------------------------------------------------------------------- sync
def _refused_connection():
    """What httpx raises for a port nobody listens on (a real refused connection)."""
    import socket

    import httpx

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    try:
        httpx.get(f"http://127.0.0.1:{port}/v1/ping", timeout=5)
    except httpx.ConnectError as e:
        return e
    raise AssertionError("the port answered")


def _panel(qtbot, office):
    from desktop.sync_panel import SyncPanel

    panel = SyncPanel(run_pass=office.run_pass, status=office.status, set_paused=office.set_paused)
    qtbot.addWidget(panel)
    return panel


def _problems(panel) -> list[str]:
    return [panel.errors.item(i).text() for i in range(panel.errors.count())]


def test_a_refused_connection_in_the_sync_panel_is_said_in_urdu(urdu, qtbot):
    # GIVEN the sync panel in the Urdu interface, a pass that meets a server port that
    # refuses the connection and raises it as it came
    refused = _refused_connection()
    assert "Connection refused" in str(refused)
    panel = _panel(qtbot, FakeOffice(refused))
    # WHEN Sync now is pressed
    panel.sync_now()
    phrase = _tr("the server refused the connection (is it running, at this address?)")
    # THEN the problem says in Urdu that the server refused the connection, the number kept
    qtbot.waitUntil(lambda: any(phrase in t for t in _problems(panel)), timeout=10_000)
    (shown,) = [t for t in _problems(panel) if phrase in t]
    assert "(Errno 111)" in shown and not ENGLISH_ERRORS.search(shown.replace("(Errno 111)", "")), shown
    panel.stop()


def test_a_refused_connection_in_english_is_said_as_it_was(qapp, qtbot):
    i18n.apply_language(qapp, "en")
    refused = _refused_connection()
    panel = _panel(qtbot, FakeOffice(refused))
    panel.sync_now()
    qtbot.waitUntil(lambda: any("Unexpected" in t for t in _problems(panel)), timeout=10_000)
    assert f"Unexpected problem: {refused}" in _problems(panel)
    panel.stop()


def test_a_sync_pass_to_a_refused_port_says_no_connection_in_urdu(urdu, qtbot, workspace):
    import socket

    from records.outbox import office_identity
    from sync import engine

    # GIVEN an office enrolled with a server whose port refuses connections
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    with workspace.session() as ss:
        office = office_identity(ss)
        office.server_url, office.device_token = f"https://127.0.0.1:{port}", "token"
    from desktop.sync_panel import SyncPanel

    # (the pass tries the refused port again after each backoff: the waits are noted, not
    # slept, ~11 s of this run otherwise)
    waits: list[float] = []
    panel = SyncPanel(run_pass=lambda progress: engine.run_once(workspace, progress=progress, sleep=waits.append),
                      status=lambda: engine.queue_status(workspace), set_paused=lambda p: None)
    qtbot.addWidget(panel)
    # WHEN Sync now is pressed
    panel.sync_now()
    qtbot.waitUntil(lambda: panel.errors.count() > 0, timeout=30_000)
    # THEN the panel says in Urdu that there is no connection, no English of the OS or httpx
    shown = panel.errors.item(0).text()
    assert "رابطہ نہیں" in shown and not re.search(r"[A-Za-z]{3,}", shown), shown
    # after the pass had tried every time it may, backing off in between
    assert len(waits) == engine.SyncConfig.max_attempts - 1 and all(w > 0 for w in waits), waits
    panel.stop()


# ----------------------------------------------------------------------------- other places
def test_a_report_written_onto_a_full_disk_and_a_sign_in_to_a_locked_database_say_why_in_urdu(urdu):
    import sqlite3

    from desktop.login import _sign_in_error
    from desktop.reports_dialogs import _message

    # GIVEN a report (a fard, a handover sheet) whose PDF met a full disk, and a sign-in whose
    # database was locked by another program
    full = OSError(errno.ENOSPC, "No space left on device", "/media/usb/fard.pdf")
    locked = sqlite3.OperationalError("database is locked")
    # WHEN the app says why  THEN in Urdu words, the file's path and the number kept
    said = _message(full)
    assert said.startswith("ڈسک بھر چکی ہے") and "/media/usb/fard.pdf" in said and "(Errno 28)" in said
    assert not ENGLISH_ERRORS.search(said.replace("(Errno 28)", ""))
    assert _sign_in_error(locked).startswith("ڈیٹا بیس کسی اور کام میں مصروف ہے")


def test_in_english_a_report_and_a_sign_in_say_what_they_said(qapp):
    import sqlite3

    from desktop.login import _sign_in_error
    from desktop.reports_dialogs import _message

    i18n.apply_language(qapp, "en")
    assert _message(OSError(errno.ENOSPC, "No space left on device", "/m/f.pdf")) == "/m/f.pdf: No space left on device"
    assert _sign_in_error(sqlite3.OperationalError("database is locked")) == "OperationalError: database is locked"


def test_a_known_error_deep_in_a_long_chain_of_causes_is_still_said(urdu):
    from desktop import system_errors as se

    # GIVEN a disk-full error wrapped by six layers of the program's own errors (a long chain,
    # as a job's failure carries it), and a chain that loops back on itself
    def wrapped(depth: int) -> BaseException:
        try:
            try:
                raise OSError(errno.ENOSPC, "No space left on device")
            except OSError as e:
                raise RuntimeError("layer 1") from e
        except RuntimeError as e:
            err = e
        for n in range(2, depth + 1):
            try:
                raise RuntimeError(f"layer {n}") from err
            except RuntimeError as e:
                err = e
        return err

    looped = RuntimeError("a")
    looped.__cause__ = RuntimeError("b")
    looped.__cause__.__cause__ = looped
    # WHEN each is said in the Urdu interface
    # THEN the disk-full cause is found within the causes looked at, however long the chain,
    # one further down is not, and the loop ends
    assert se.phrase_of(wrapped(3)).startswith("ڈسک بھر چکی ہے")
    assert se.phrase_of(wrapped(se.CAUSES_LOOKED_AT)).startswith("ڈسک بھر چکی ہے")
    assert se.phrase_of(wrapped(se.CAUSES_LOOKED_AT + 1)) is None
    assert se.phrase_of(looped) is None
