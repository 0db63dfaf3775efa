"""Runs in a job process (no Qt here): long CPU work of the records core, away from the app.

A thread of the app that runs Python holds the interpreter's lock most of the time: while
Verify chain (40-70 s on 870,000 events), a progress report (12-14 s) or sealing 20,000
entries (8-12 s) ran on a worker thread, the window waited for that lock at every step
(PgDn 80-270 ms instead of 50-70) and collected the worker's garbage on its own thread
(desktop.gc_guard: 20-120 ms at a time). Here the work runs in a process of its own
(`desktop.procjob.run_in_process`, multiprocessing's spawn context, as the OCR workers do),
which opens the workspace itself: only plain values go in and come back.

`main` is the process's entry; the jobs are the functions below, named by an import path
("module:function") so tests can name their own. Each gets `progress(what, done, total)`,
which raises JobCancelled once the app asked to stop. A job that commits what it cannot take
back (the backup's audit event) calls `past_stopping()` just before: from there it is no
longer stopped, and the app waits for its answer.
"""

from __future__ import annotations

import importlib
import time


class JobCancelled(Exception):
    """The app asked the job to stop."""


def _resolve(path: str):
    mod, _, name = path.partition(":")
    return getattr(importlib.import_module(mod), name)


# the job this process runs: the app's stop event, the pipe to it, and the event that says the
# job is past stopping (see past_stopping)
_job: dict = {}


def main(target: str, kwargs: dict, conn, stop, log_file: str | None = None, final=None) -> None:
    """The job process: run `target(**kwargs, progress=...)` and send ("progress", what, done,
    total) messages (at most ten a second), then ("done", result) or ("error", exception).
    `final`: an event the job sets when it is past stopping (`past_stopping`), which the app
    reads before it gives up on the job."""
    if log_file:
        import faulthandler

        try:
            faulthandler.enable(file=open(log_file, "a", encoding="utf-8"), all_threads=True)  # noqa: SIM115
        except OSError:
            pass
    _job.update(conn=conn, stop=stop, final=final)
    _end_cleanly_when_terminated()
    last = [0.0]

    def progress(what: str, done: int, total: int) -> None:
        if stop.is_set() and not _past_stopping():
            raise JobCancelled()
        now = time.monotonic()
        if now - last[0] >= 0.1 or done >= total:
            last[0] = now
            conn.send(("progress", what, done, total))

    try:
        result = _resolve(target)(progress=progress, **kwargs)
    except BaseException as e:  # noqa: BLE001 - raised again in the app
        try:
            _send(conn, ("error", e))
        except Exception:  # noqa: BLE001 - an exception that does not pickle: its words
            _send(conn, ("error", RuntimeError(f"{type(e).__name__}: {e}")))
    else:
        _send(conn, ("done", result))
    finally:
        conn.close()
        _end_at_once_when_terminated()


def _end_at_once_when_terminated() -> None:
    """Once the job has answered there is nothing left to stop: a SIGTERM (the app's, when the
    process is slow to end: desktop.procjob.run_in_process) ends it on the spot. Raising
    JobCancelled then went into the interpreter's exit handlers ("Exception ignored in atexit
    callback ... JobCancelled" in the app's output; seen in a random run on an encrypted
    workspace, the machine busy)."""
    import signal

    try:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    except (ValueError, OSError):  # not the main thread (a test calling main directly)
        pass


# what a spare job process (desktop.procjob.keep_warm) imports while it waits: what every job
# opening the workspace needs (the bulk of a job process's start), its mappers configured (a
# "module:function" is called)
PRELOAD = ("sqlalchemy.orm", "sqlalchemy.dialects.sqlite", "records.workspace", "records.models", "records.audit",
           "records.crypto", "sqlalchemy.orm:configure_mappers")
# ... and then, while no job has come, what a fard and a handover sheet need besides: reportlab,
# the Urdu shaping (uharfbuzz), the signature's cryptography (records.outbox's Ed25519), the
# QR code's codec and the bundled fonts registered with reportlab: 0.3-0.5 s of a warm fard
# before, ~20 MB more resident in the spare (55 -> 75 MB). Nothing of a workspace: code and
# fonts only. In small steps, each ~0.1 s at most: a job that comes meanwhile waits for one.
PRELOAD_REPORTS = ("reportlab.pdfbase.ttfonts", "reportlab.pdfgen.canvas", "reportlab.platypus.paragraph",
                   "reportlab.platypus", "reportlab.graphics.barcode.qr", "reportlab.graphics.renderPDF",
                   "records.services", "records.settings", "records.reports.urdu_text", "records.reports.layout",
                   "records.reports.fard", "records.reports.handover", "records.exports.detached",
                   "cryptography.hazmat.primitives.asymmetric.ed25519",
                   "cryptography.hazmat.primitives.serialization", "encodings.shift_jis",
                   "records.reports.urdu_text:register_fonts")


def _preload(name: str) -> None:
    try:
        if ":" in name:
            _resolve(name)()
        else:
            importlib.import_module(name)
    except Exception:  # noqa: BLE001 - (a trimmed build, a font missing: the job meets it and says so)
        pass


def spare_main(jobs, conn, stop, log_file: str | None, final, preload=PRELOAD, later=PRELOAD_REPORTS,
               ready=None) -> None:
    """A spare job process: import `preload`, then (while no job is waiting on the pipe
    `jobs`) `later`, set `ready`, wait for one job (target, kwargs) on `jobs` and run it as
    `main` does. The app's end of `jobs` closing (the app ended the spare, or is gone) ends
    it; it holds no key until its job comes."""
    for name in preload:
        _preload(name)
    try:
        for name in later:
            if jobs.poll():  # a job came: it goes first, and imports what it needs itself
                break
            _preload(name)
        else:
            if ready is not None:
                ready.set()
    except (EOFError, OSError):
        return
    try:
        job = jobs.recv()
    except (EOFError, OSError):
        return
    finally:
        jobs.close()
    target, kwargs = job
    main(target, kwargs, conn, stop, log_file, final)
    # its answer sent and its pipe closed: end without tearing down every module (50-150 ms
    # with SQLAlchemy loaded, which the app's join waited for); its files are closed already
    import os
    import sys

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):
            pass
    os._exit(0)


def past_stopping() -> None:
    """The job's point of no return, called just before it commits what it cannot take back
    (the backup's audit event, after which the backup is kept). Raises JobCancelled when the
    app asked to stop before it (the job then commits nothing). From here on a Stop no longer
    stops the job: the app's SIGTERM is ignored, its progress no longer raises, and the app
    (which reads the `final` event before it gives up on a job) waits for its answer, so the
    job ends as done, as what it committed says. Stop pressed in the instant after a backup's
    event was committed kept the backup, and the window said it was stopped, nothing written.
    Outside a job process (a test calling a job directly) it does nothing."""
    final, stop = _job.get("final"), _job.get("stop")
    if final is None or stop is None:
        return
    final.set()  # (first: a SIGTERM from now on is ignored; the app sets stop before it ends a job)
    if stop.is_set():
        final.clear()
        raise JobCancelled()
    _send(_job["conn"], ("progress", "final", 0, 0))  # (the app's window drops its Stop)


def _past_stopping() -> bool:
    final = _job.get("final")
    return final is not None and final.is_set()


def _send(conn, message) -> None:
    """Send to the app; nothing when it no longer listens (it stopped the job and left)."""
    try:
        conn.send(message)
    except (BrokenPipeError, ConnectionResetError, EOFError):
        pass


def _end_cleanly_when_terminated() -> None:
    """A job the app ends (Stop pressed, and the job did not stop within its grace: writing
    the PDF checks no progress) gets SIGTERM: raise JobCancelled where it is, so that what it
    was writing is removed as on any failure (records.output_file.written_whole: no `.part`
    left in the clerk's folder; records.exports.detached.signed_output: no file without its
    .sig). Python's default ends the process on the spot. (Windows ends a process without a
    signal: there the part file may stay.)"""
    import signal

    def ended(_signum, _frame):
        if not _past_stopping():  # (past it, the job goes on to its answer: see past_stopping)
            raise JobCancelled()

    try:
        signal.signal(signal.SIGTERM, ended)
    except (ValueError, OSError):  # not the main thread (a test calling main directly)
        pass


def _open(root: str, key: bytes | None, first_use: int | None = None, schema: str | None = None):
    """The app's workspace, opened again in this process: already upgraded and anchored by
    the app (`first_use`: the event the app wrote its anchor for, when it did on opening).
    Not waiting for the write lock: while the app held it (a long save) the job waited 5 s
    and failed as if another program had the workspace; a job that writes waits when it does.
    No migration check (Alembic's, 0.1-0.3 s of imports): `schema`, the revision the app
    checked and upgraded to on its opening, is compared with the database's in one read, and
    a workspace restored or upgraded underneath the app is refused with a message."""
    from records.workspace import Workspace

    ws = Workspace.open(root, key=key, migrate=False, anchor=False, probe_write=False, schema=schema)
    if first_use:
        from records.audit import ANCHOR_FIRST_USE

        ws.anchor_first_use = first_use
        ws.Session.kw["info"][ANCHOR_FIRST_USE] = first_use
    return ws


def workspace_args(ws) -> dict:
    """What a job needs to open `ws` again: its folder, its key (encrypted), the anchor
    written when the app opened it and the schema revision it checked then."""
    return {"root": str(ws.root), "key": ws.key, "first_use": getattr(ws, "anchor_first_use", None),
            "schema": getattr(ws, "schema_revision", None)}


# ----------------------------------------------------------------------------- the jobs
def verify_audit(*, root: str, key: bytes | None, first_use: int | None = None, schema: str | None = None,
        progress):
    """Audit trail › Verify chain: the chain, then (when it is whole) the records against it.
    Returns (records.audit.VerifyResult, records.audit_records.Findings or None)."""
    from records import audit
    from records.audit_records import summary

    ws = _open(root, key, first_use, schema)
    try:
        with ws.session() as s:
            r = audit.verify(s, progress=progress)
            if not r.ok:
                return r, None
            progress("records", 0, 0)
            return r, summary(s, keep=5)
    finally:
        ws.close()


def progress_report(*, root: str, key: bytes | None, first_use: int | None = None, schema: str | None = None,
        out: str, register_ids: list[int] | None, urdu_digits: bool | None, progress) -> str:
    """Reports › progress report as a PDF at `out`; returns the path written."""
    from records.reports.layout import office_options
    from records.reports.progress import progress_pdf

    ws = _open(root, key, first_use, schema)
    try:
        with ws.session() as s:
            opts = office_options(s, urdu_digits=urdu_digits)
        return str(progress_pdf(ws, out, register_ids=register_ids, options=opts, progress=progress))
    finally:
        ws.close()


def seal_approved(*, root: str, key: bytes | None, first_use: int | None = None, schema: str | None = None,
        actor, expected: int | None, progress):
    """The sync panel's "Put N approved entries in a batch": the BatchInfo, None when that many
    are no longer ready (nothing sealed), or why nothing was sealed (the core's refusal, a str)."""
    from records import outbox

    ws = _open(root, key, first_use, schema)
    try:
        try:
            with ws.session() as s:
                return outbox.seal_batchable(s, actor=actor, expected=expected)
        except outbox.ReadyChanged:
            return None
        except outbox.OutboxError as e:
            return str(e)
    finally:
        ws.close()


def csv_export(*, root: str, key: bytes | None, first_use: int | None = None, schema: str | None = None,
        out: str, register_ids: list[int] | None, raw: bool, excel_safe: bool, progress) -> int:
    """Export › CSV: the file and its signature beside it; returns the entry rows written
    (5-11 s over 60,000 entries: on a thread of the app its rows, 100,000-200,000 objects at a
    time, were the garbage the UI thread looked at, and it held the Python lock)."""
    from records.exports.csv_export import CsvFilter, export_csv

    ws = _open(root, key, first_use, schema)
    try:
        return export_csv(ws, out, CsvFilter(tuple(register_ids) if register_ids else None), raw=raw,
                          excel_safe=excel_safe, progress=progress)
    finally:
        ws.close()


def json_export(*, root: str, key: bytes | None, first_use: int | None = None, schema: str | None = None,
        out: str, register_ids: list[int] | None, images: str, progress) -> dict:
    """Export › JSON: the signed file (and its images folder); returns what the note says of
    it. On a thread of the app it held the Python lock for seconds and left its rows (tens of
    thousands of young objects) for the UI thread's collector."""
    from records.exports.json_export import export_json

    ws = _open(root, key, first_use, schema)
    try:
        r = export_json(ws, out, register_ids=register_ids, images=images, progress=progress)
        return {"entries": r.entries, "pages": r.pages, "images": r.images, "office_name": r.office_name,
                "key_fingerprint": r.key_fingerprint}
    finally:
        ws.close()


def fard(*, root: str, key: bytes | None, first_use: int | None = None, schema: str | None = None,
        out: str, register_id: int, khewat: str | None, owner: str | None, urdu_digits: bool | None, progress) -> str:
    """A fard of one khewat (or owner) as a PDF at `out` with its .sig; returns the path. Its
    register's every row is read to pick the khewat's: 40,000 young objects on a register of
    10,000 entries."""
    from records.reports.fard import fard_pdf
    from records.reports.layout import office_options

    ws = _open(root, key, first_use, schema)
    try:
        with ws.session() as s:
            opts = office_options(s, urdu_digits=urdu_digits)
        progress("pdf", 0, 0)
        return str(fard_pdf(ws, out, register_id=register_id, khewat=khewat, owner=owner, options=opts))
    finally:
        ws.close()


def handover(*, root: str, key: bytes | None, first_use: int | None = None, schema: str | None = None,
        out: str, batch_id: int | None, entry_ids: list[int] | None, urdu_digits: bool | None, progress) -> str:
    """A batch's handover sheet as a PDF at `out` with its .sig; returns the path."""
    from records.reports.handover import handover_pdf
    from records.reports.layout import office_options

    ws = _open(root, key, first_use, schema)
    try:
        with ws.session() as s:
            opts = office_options(s, urdu_digits=urdu_digits)
        progress("pdf", 0, 0)
        return str(handover_pdf(ws, out, batch_id=batch_id, entry_ids=entry_ids, options=opts))
    finally:
        ws.close()


def register_report(*, root: str, key: bytes | None, first_use: int | None = None, schema: str | None = None,
        out: str, register_id: int, urdu_digits: bool | None, progress, states: list[str] | None = None) -> str:
    """Export › PDF: the whole register, its entries in `states` (None: every one) in its own
    layout, at `out` with its .sig; returns the path. It reports the rows read, then the rows
    printed."""
    from records.reports.layout import office_options
    from records.reports.register_pdf import CHOOSE_ENTRIES, register_pdf

    ws = _open(root, key, first_use, schema)
    try:
        with ws.session() as s:
            opts = office_options(s, urdu_digits=urdu_digits)
        return str(register_pdf(ws, out, register_id=register_id, states=states, options=opts,
                                progress=progress, choose=CHOOSE_ENTRIES))
    finally:
        ws.close()


def backup(*, root: str, key: bytes | None, first_use: int | None = None, schema: str | None = None,
        actor, folder: str, progress) -> dict:
    """Register › Back up the workspace: the .tar in `folder`, recorded in the audit trail;
    returns what the note says of it."""
    from records.backup import back_up

    ws = _open(root, key, first_use, schema)
    try:
        # once its audit event is about to commit, the backup is kept: no Stop from there
        r = back_up(ws, actor, folder, progress=progress, before_commit=past_stopping)
        return {"path": str(r.path), "entries": r.counts.get("entry", 0), "images": r.images, "size": r.size}
    finally:
        ws.close()
