"""A backup taken in its job process while a clerk keeps editing: is it a consistent copy?

    nice -n 10 .venv/bin/python bench/backup_while_editing.py WORKSPACE [--hold SECONDS]

On a copy of WORKSPACE (bench/big_workspace.py builds one): a thread of this process (the
app) corrects a field every 20 ms, each in its own transaction as the correction view's
autosave does, while the app's backup runs in its job process (desktop.job_process:backup,
as Register › Back up the workspace…). Then the backup is restored into another folder and
checked: SQLite's integrity, the audit chain and the records against it (`records.audit.verify`,
`audit_records.summary`), the events it holds against those written before and after it
started. `--hold S`: the app also holds the write lock for S seconds (a long transaction)
from half a second into the backup.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("workspace", type=Path)
    ap.add_argument("--hold", type=float, default=0.0)
    args = ap.parse_args()

    from sqlalchemy import func, select, text

    from desktop.job_process import workspace_args
    from desktop.procjob import run_in_process
    from records import audit, services
    from records.audit import Actor
    from records.audit_records import summary
    from records.backup import restore_backup
    from records.models import AuditEvent, FieldValue, User
    from records.workspace import Workspace

    tmp = Path(tempfile.mkdtemp(prefix="backup-edit-"))
    shutil.copytree(args.workspace, tmp / "ws")
    ws = Workspace.open(tmp / "ws")
    with ws.session() as s:
        users = {u.username: u for u in s.scalars(select(User).where(User.username.in_(("clerk1", "admin"))))}
        clerk, admin = (Actor(id=users[n].id, username=n, role=users[n].role) for n in ("clerk1", "admin"))
        targets = list(s.execute(text(
            "SELECT v.entry_id FROM field_value v JOIN entry e ON e.id = v.entry_id "
            "WHERE v.field = 'owner' AND v.current AND e.state IN ('draft', 'returned') LIMIT 500")).scalars())
        events_before = s.scalar(select(func.max(AuditEvent.id)))
    stop = threading.Event()
    edits: list[tuple[float, float]] = []  # (started, seconds) of each edit
    errors: list[str] = []

    def clerk_edits() -> None:
        i = 0
        while not stop.is_set():
            t = time.perf_counter()
            try:
                with ws.session() as s:
                    services.set_value(s, actor=clerk, entry_id=targets[i % len(targets)], field_name="owner",
                                       text=f"محمد اسلم {i}")
            except Exception as e:  # noqa: BLE001 - counted
                errors.append(f"{type(e).__name__}: {str(e)[:120]}")
            edits.append((t, time.perf_counter() - t))
            i += 1
            time.sleep(0.02)

    def hold_lock() -> None:
        time.sleep(0.5)
        con = ws.connect_raw(timeout=30)
        con.isolation_level = None
        con.execute("BEGIN IMMEDIATE")
        time.sleep(args.hold)
        con.execute("ROLLBACK")
        con.close()

    usb = tmp / "usb"
    usb.mkdir()
    editor = threading.Thread(target=clerk_edits)
    editor.start()
    time.sleep(0.5)
    holder = threading.Thread(target=hold_lock) if args.hold else None
    t0 = time.perf_counter()
    if holder:
        holder.start()
    result: dict = {}
    try:
        r = run_in_process("desktop.job_process:backup", {**workspace_args(ws), "actor": admin, "folder": str(usb)})
        result["backup"] = r
    except Exception as e:  # noqa: BLE001 - reported
        result["backup_error"] = f"{type(e).__name__}: {e}"
    secs = time.perf_counter() - t0
    time.sleep(0.5)
    stop.set()
    editor.join()
    if holder:
        holder.join()
    during = [d for t, d in edits if t >= t0 and t <= t0 + secs]
    with ws.session() as s:
        events_after = s.scalar(select(func.max(AuditEvent.id)))
        recorded = s.scalars(select(AuditEvent).where(AuditEvent.action == "workspace.backup")).all()
    out = {"backup_s": round(secs, 2), "edits_during": len(during),
           "edit_ms_max": round(max(during, default=0) * 1000, 1),
           "edit_ms_median": round(sorted(during)[len(during) // 2] * 1000, 1) if during else 0,
           "edit_errors": errors[:3], "edit_error_count": len(errors),
           "events_before": events_before, "events_after": events_after,
           "backup_events_recorded": len(recorded), **result}
    ws.close()
    if "backup" in result:
        restored = tmp / "restored"
        restore_backup(result["backup"]["path"], restored)
        rws = Workspace.open(restored, migrate=False, anchor=False)
        try:
            with rws.session() as s:
                v = audit.verify(s)
                found = summary(s, keep=3)
                n_events = s.scalar(select(func.max(AuditEvent.id)))
                n_values = s.scalar(select(func.count(FieldValue.id)))
                integrity = s.execute(text("PRAGMA integrity_check")).scalar()
            out.update({"restored_integrity": integrity, "restored_chain_ok": v.ok, "restored_chain_reason": v.reason,
                        "restored_findings": found.count, "restored_events": n_events, "restored_values": n_values})
        finally:
            rws.close()
    print(json.dumps(out, ensure_ascii=False, indent=1, default=str))
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
