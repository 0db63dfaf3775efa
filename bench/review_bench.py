"""The central office's review page with 100,000 entries waiting (PostgreSQL 15, as in
production): the first page, a page deep in the list, each filter, one entry's page, and
accepting a batch of 5,000 from the page. Run: python -m bench.review_bench [--entries N].

Entries are written straight into the server's tables (one office's signed batches are not
needed to time the reads), 2 offices, 3 register kinds, batches of 5,000."""

from __future__ import annotations

import argparse
import re
import shutil
import tempfile
import time
import uuid
from pathlib import Path

from bench.timing import best


def _fill(engine, n: int) -> list[str]:
    """`n` received entries in batches of 5,000 over 2 offices and the 3 kinds; the batch ids."""
    from sqlalchemy import insert

    from sync.server.db import ServerBatch, ServerEntry, ServerOffice, utcnow

    kinds = ("jamabandi", "girdawari", "intiqal")
    batches = []
    with engine.begin() as conn:
        offices = [conn.execute(insert(ServerOffice).values(
            office_uuid=str(uuid.uuid4()), name=name, district="لاہور", tehsil="رائیونڈ", public_key="k" * 44,
            token_sha256=uuid.uuid4().hex * 2, enrolled_at=utcnow(), revoked_reason="")).inserted_primary_key[0]
            for name in ("پٹوار خانہ رائیونڈ", "Patwar office Chunian")]
        for start in range(0, n, 5000):
            office = offices[(start // 5000) % 2]
            bu = str(uuid.uuid4())
            bid = conn.execute(insert(ServerBatch).values(
                batch_uuid=bu, office_id=office, manifest_sha256="0" * 64, manifest={}, signature="s", audit_head="",
                source="network", entries=min(5000, n - start), received_at=utcnow())).inserted_primary_key[0]
            batches.append(bu)
            rows = []
            for i in range(start, min(n, start + 5000)):
                doc = {"schema": 1, "entry_uuid": str(uuid.uuid4()), "version": 1,
                       "register": {"template_id": kinds[i % 3], "district": "لاہور", "tehsil": "رائیونڈ",
                                    "mauza": f"موضع {i // 300}", "hadbast_no": "12", "year": "2019-20"},
                       "page": {"page_no": i // 30 + 1, "image_sha256": "a" * 64}, "row_no": i % 30 + 1,
                       "values": {"khewat_no": str(i), "owner": "محمد اسلم ولد غلام رسول", "area": "3-4",
                                  "share": "1/2"},
                       "approved_by": "girdawar1", "verified_by": None}
                rows.append({"entry_uuid": doc["entry_uuid"], "version": 1, "sha256": "b" * 64, "content": doc,
                             "office_id": office, "batch_id": bid, "state": "received", "reason": "",
                             "received_at": utcnow()})
            conn.execute(insert(ServerEntry), rows)
    return batches


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--entries", type=int, default=100_000)
    args = ap.parse_args()

    from fastapi.testclient import TestClient

    from sync.server import Settings, create_app
    from tests.pg import start_cluster

    base = Path(tempfile.mkdtemp(prefix="daftar-pg-"))
    base.chmod(0o755)
    cluster = start_cluster(base / "cluster")
    try:
        token = "bench-admin-token-0123456789"
        app = create_app(Settings(cluster.create_database(), base / "images", admin_token=token))
        t = time.perf_counter()
        batches = _fill(app.state.engine, args.entries)
        print(f"{args.entries} entries written in {time.perf_counter() - t:.1f} s")
        with TestClient(app, base_url="https://testserver") as c:
            c.post("/admin/login", data={"token": token})
            first = c.get("/admin/review")
            waiting = re.search(r"<p>(\d+) waiting", first.text)[1]
            shown = len(re.findall(r"href='/admin/review/\d+", first.text))
            print(f"first page: {waiting} waiting, {shown} entries shown, {len(first.content) // 1024} KiB")
            office = re.findall(r"<option value='([0-9a-f-]{36})'", first.text)[0]
            last_id = app.state.engine.connect().exec_driver_sql("SELECT max(id) FROM sync_entry").scalar()
            cases = {"first page": ("/admin/review", {}),
                     "a page at the end": ("/admin/review", {"after": last_id - 60}),
                     "one office": ("/admin/review", {"office": office}),
                     "one register kind": ("/admin/review", {"template": "intiqal"}),
                     "one batch": ("/admin/review", {"batch": batches[-1]}),
                     "one kind, the end": ("/admin/review", {"template": "intiqal", "after": last_id - 60}),
                     "one entry": (f"/admin/review/{last_id // 2}", {}),
                     "the front page (/admin)": ("/admin", {})}
            for name, (path, params) in cases.items():
                assert c.get(path, params=params).status_code == 200
                print(f"{name:28s} {best(lambda p=path, q=params: c.get(p, params=q), 3) * 1000:7.1f} ms")
            confirm = c.get(f"/admin/review/batch/{batches[0]}").text
            csrf = re.search(r"name='csrf' value='([^']+)'", confirm)[1]
            t = time.perf_counter()
            r = c.post(f"/admin/review/batch/{batches[0]}/accept", data={"csrf": csrf, "expected": "5000"})
            print(f"accept a batch of 5000      {(time.perf_counter() - t) * 1000:7.1f} ms (status {r.status_code})")
        app.state.engine.dispose()
    finally:
        cluster.stop()
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
