"""Six weeks offline, then a poor link: the real main window while a big backlog syncs.

    Xvfb :67 -screen 0 1366x768x24 &
    DISPLAY=:67 nice -n 10 .venv/bin/python bench/bigsync_probe.py [--entries 3900] [--pages 300]
        [--image-kb 40] [--rate 100000] [--cut 1500000]

Builds an office workspace (bench/sync_bench.build_workspace: approved entries, one random
page image per page, no verification), a central server (`daftar server` in its own process,
TLS, PostgreSQL when tests/pg.py finds it, else SQLite) and the in-repo fault proxy between
them: one link of --rate bytes/s shared by every connection, each connection cut after --cut
bytes sent. The workspace is enrolled; then the supervisor's main window
(desktop.main.MainWindowHost) opens, the sync panel seals every approved entry (its button)
and sends the batch, and while that pass runs the probe pages through the register
(PgDn) and reads the sync panel's progress bar every second. bench/stall_watch.StallWatch notes
every gap of the UI thread over 100 ms. At the end: entries and images on the server against
the office's, bytes through the proxy against the bytes to send, cuts, the pass's time, the
UI thread's longest stall, and the largest RSS of the app and of the server.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from stall_watch import StallWatch  # noqa: E402


def rss_mb(pid: int | str = "self") -> tuple[float, float]:
    """(resident now, largest resident) of a process, in MB (Linux /proc)."""
    got = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        k, _, v = line.partition(":")
        if k in ("VmRSS", "VmHWM"):
            got[k] = int(v.split()[0]) / 1024
    return got.get("VmRSS", 0.0), got.get("VmHWM", 0.0)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--entries", type=int, default=3900)
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--image-kb", type=int, default=40)
    ap.add_argument("--rate", type=float, default=100_000, help="the link's bytes per second")
    ap.add_argument("--cut", type=int, default=1_500_000, help="each connection is cut after this many bytes sent")
    ap.add_argument("--timeout", type=float, default=1800)
    args = ap.parse_args()

    import signal

    from stall_probe import Day

    from bench.sync_bench import build_workspace
    from sync.devcerts import make_dev_certs
    from tests.faultproxy import Fault, FaultProxy, Link
    from tests.pg import PG_BIN, free_port, start_cluster
    from tests.sync.conftest import Server, enrol, start_server_process

    signal.signal(signal.SIGTERM, lambda *_a: sys.exit(1))  # (killed: the server and PostgreSQL are stopped)
    tmp = Path(tempfile.mkdtemp(prefix="daftar-bigsync-"))
    tmp.chmod(0o755)  # (PostgreSQL runs as its own user)
    cluster = srv = proxy = None
    try:
        if (PG_BIN / "initdb").is_file():
            cluster = start_cluster(tmp / "pg")
            db = cluster.create_database("bigsync")
        else:
            db = f"sqlite:///{tmp}/server.sqlite"
        certs = make_dev_certs(tmp / "certs")
        admin = "bench-admin-token-0123456789"
        port = free_port()
        srv = start_server_process(db, tmp / "store", port, certs, admin)
        server = Server(f"https://127.0.0.1:{port}", port, None, str(certs.ca_cert), db, tmp / "store", admin)
        t0 = time.perf_counter()
        ws, sup = build_workspace(tmp / "ws", args.entries, args.pages, args.image_kb)
        print(f"built {args.entries} entries on {args.pages} pages in {time.perf_counter() - t0:.0f} s", flush=True)
        from records import office_settings
        from records.audit import Actor
        from records.models import User

        with ws.session() as s:  # an office without a revenue officer: its administrator turned verification off
            admin_user = User(username="admin", role="admin")
            s.add(admin_user)
            s.flush()
            office_settings.change(s, actor=Actor(admin_user.id, "admin", "admin"),
                                   values={"workflow.require_verification": False})
        proxy = FaultProxy(("127.0.0.1", port)).start()
        proxy.link = Link(args.rate)
        proxy.default = Fault(up_limit=args.cut)
        enrol(ws, server, url=f"https://127.0.0.1:{proxy.port}")
        proxy.bytes.update(up=0, down=0)
        image_bytes = sum(f.stat().st_size for f in (tmp / "ws" / "images").rglob("*") if f.is_file())

        from desktop.fonts import load_fonts
        from desktop.main import MainWindowHost, _app

        _app()
        load_fonts()
        watch = StallWatch(threshold=0.1, live=False)
        watch.start()
        day = Day(tmp / "ws", watch, tmp)
        day.step("main window opens", lambda: _open(day, MainWindowHost, ws, sup),
                 cond=lambda: day.win.correction.model.page is not None)
        from desktop import oversight

        win = day.win
        day.step("open the sync panel", lambda: oversight.open_sync(win), cond=lambda: not win.sync_panel.busy)
        panel = win.sync_panel
        print(f"   seal button: {panel.seal_btn.text()}", flush=True)
        day.step("Put the approved entries in a batch (and sync)", panel.seal_approved,
                 cond=lambda: panel.busy or panel.progress.isVisible(), timeout=120)
        t_sync = time.perf_counter()
        watch.action = "clerk pages through the register during the sync"
        shown, app_hwm, srv_hwm, last = [], 0.0, 0.0, 0.0
        nxt = win.correction.actions_by_name["nextPage"]
        while time.perf_counter() - t_sync < args.timeout:
            day.pump(0.05)
            if not (panel.busy or any(t.is_alive() for t in panel._threads)):
                break
            if time.perf_counter() - last >= 1.0:
                last = time.perf_counter()
                nxt.trigger()
                text = panel.progress.text() if panel.progress.isVisible() else panel.state_label.text()[:60]
                if not shown or shown[-1][1] != text:
                    shown.append((round(last - t_sync), text))
                app_hwm = max(app_hwm, rss_mb()[1])
                srv_hwm = max(srv_hwm, rss_mb(srv.pid)[1])
        sync_s = time.perf_counter() - t_sync
        day.pump(1.0)
        watch.stop()
        from sqlalchemy import func, select

        from records.models import OutboxItem

        with ws.session() as s:
            states = dict(s.execute(select(OutboxItem.state, func.count()).group_by(OutboxItem.state)).all())
        keys = server.entry_keys()
        stored = [f for d in (tmp / "store").iterdir() if d.is_dir() and len(d.name) == 2 for f in d.iterdir()]
        worst = max((st.ms for st in watch.stalls), default=0.0)
        res = {
            "entries": args.entries, "pages": args.pages, "image_mb": round(image_bytes / 1e6, 2),
            "link_kb_s": args.rate / 1000, "cut_every_kb": args.cut / 1000, "sync_s": round(sync_s, 1),
            "outbox": states, "server_entries": len(keys), "server_unique": len(set(keys)),
            "server_images": len(stored), "proxy_up_mb": round(proxy.bytes["up"] / 1e6, 2),
            "proxy_down_mb": round(proxy.bytes["down"] / 1e6, 2), "connections": proxy.connections, "cuts": proxy.cuts,
            "stalls_over_100ms": len(watch.stalls), "worst_stall_ms": round(worst),
            "app_rss_max_mb": round(app_hwm), "server_rss_max_mb": round(srv_hwm),
        }
        print("progress shown:", *(f"  {t:>4} s  {x}" for t, x in shown), sep="\n")
        print(watch.report())
        print(json.dumps(res, ensure_ascii=False))
    finally:
        if proxy:
            proxy.stop()
        if srv:
            srv.terminate()
            srv.wait(10)
        if cluster:
            cluster.stop()
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
    os._exit(0)  # (the app's threads and windows: nothing to keep)


def _open(day, host_cls, ws, actor) -> None:
    day.host = host_cls(ws, actor, root=ws.root)
    day.host.window.resize(1366, 740)
    day.host.window.show()


if __name__ == "__main__":
    sys.exit(main())
