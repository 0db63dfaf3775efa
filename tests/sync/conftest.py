"""Fixtures for sync tests: a real server (uvicorn, TLS, PostgreSQL) and an office workspace
with approved entries, enrolled with that server."""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.pg import free_port, pg_cluster, pg_url  # noqa: F401  (fixtures)

ADMIN = "admin-token-for-tests-0123456789"


@pytest.fixture(scope="session")
def dev_certs(tmp_path_factory):
    from sync.devcerts import make_dev_certs

    return make_dev_certs(tmp_path_factory.mktemp("certs"))


def start_server_process(database_url: str, storage: Path, port: int, certs, admin_token: str = ADMIN, *,
                         test_hooks: bool = False, timeout: float = 60.0):
    """`daftar server` in its own process (TLS on 127.0.0.1:`port`), returned once it answers;
    raises if it ends or does not answer within `timeout` seconds."""
    import ssl
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    proc = subprocess.Popen(
        [sys.executable, "-m", "daftar.cli", "server", "--host", "127.0.0.1", "--port", str(port),
         "--database", database_url, "--storage", str(storage), "--tls-cert", str(certs.server_cert),
         "--tls-key", str(certs.server_key), "--admin-token", admin_token, *(["--test-hooks"] if test_hooks else [])],
        cwd=root, stdout=subprocess.DEVNULL,
    )
    ctx = ssl.create_default_context(cafile=str(certs.ca_cert))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server process ended at start (exit code {proc.returncode})")
        try:
            if httpx.get(f"https://127.0.0.1:{port}/openapi.json", verify=ctx, timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the server process did not start")


class ServerThread:
    """The real server app under uvicorn in a thread on 127.0.0.1."""

    def __init__(self, app, port: int, certs=None):
        import uvicorn

        kw = {"ssl_certfile": str(certs.server_cert), "ssl_keyfile": str(certs.server_key)} if certs else {}
        self.config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error", lifespan="off",
                                     timeout_graceful_shutdown=1, **kw)
        self.server = uvicorn.Server(self.config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("server did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@dataclass
class Server:
    url: str
    port: int
    app: object
    ca: str
    database_url: str
    storage: Path
    admin: str = ADMIN

    def admin_client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, verify=_ctx(self.ca), headers={"Authorization": f"Bearer {self.admin}"},
                            timeout=30)

    def fault(self, **kw) -> None:
        with self.admin_client() as c:
            c.post("/v1/test/faults", json=kw).raise_for_status()

    def stats(self) -> dict:
        with self.admin_client() as c:
            r = c.get("/v1/admin/batches")
            r.raise_for_status()
            return r.json()

    def entry_keys(self) -> list[tuple[str, int]]:
        """Every (entry uuid, version) row the server holds (duplicates would show twice)."""
        from sqlalchemy import create_engine, text

        eng = create_engine(self.database_url)
        try:
            with eng.connect() as conn:
                return [tuple(r) for r in conn.execute(text("SELECT entry_uuid, version FROM sync_entry"))]
        finally:
            eng.dispose()


def _ctx(ca: str):
    import ssl

    return ssl.create_default_context(cafile=ca)


@pytest.fixture
def server_db(request, tmp_path) -> str:
    """PostgreSQL when the binaries exist (always in CI), else SQLite."""
    from tests.pg import PG_BIN

    if (PG_BIN / "initdb").is_file():
        return request.getfixturevalue("pg_url")
    return f"sqlite:///{tmp_path}/server.sqlite"


@pytest.fixture
def server(server_db, tmp_path, dev_certs):
    from sync.server import Settings, create_app

    storage = tmp_path / "server-images"
    app = create_app(Settings(server_db, storage, admin_token=ADMIN, test_hooks=True))
    port = free_port()
    st = ServerThread(app, port, dev_certs).start()
    yield Server(f"https://127.0.0.1:{port}", port, app, str(dev_certs.ca_cert), server_db, storage)
    st.stop()
    app.state.engine.dispose()


# ----------------------------------------------------------------------------- office side
def make_users(ws):
    from records.models import User

    with ws.session() as s:
        clerk = User(username="clerk", full_name="کلرک", role="clerk")
        sup = User(username="supervisor", full_name="نگران", role="supervisor")
        s.add_all([clerk, sup])
        s.flush()
        from records import audit
        from records.audit import Actor

        actors = Actor(clerk.id, "clerk", "clerk"), Actor(sup.id, "supervisor", "supervisor")
        for a in actors:  # recorded as records.accounts.create_user records it
            audit.record(s, actor=a, action="user.create", entity="user", entity_id=a.id, new=f"{a.username} ({a.role})")
        return actors


SUP_PASS, CLERK_PASS = "supervisor-pass-1", "clerk-pass-1"


def give_passwords(ws) -> None:
    """`make_users`' supervisor and clerk get passwords (they have none): acting in their
    names on the command line (`batch export --seal`, `batch resend --as`) needs them."""
    from sqlalchemy import select

    from records.accounts import hash_password
    from records.models import User

    with ws.session() as s:
        for u in s.scalars(select(User).where(User.username.in_(("supervisor", "clerk")))):
            u.password_hash = hash_password({"supervisor": SUP_PASS, "clerk": CLERK_PASS}[u.username])


def add_approved(ws, clerk, sup, *, pages: int = 2, rows: int = 3, image_kb: int = 20, seed: int = 0) -> list[int]:
    """Register pages with random images and approved rows; returns the entry ids."""
    import random

    from records import services

    rnd = random.Random(seed)
    ids = []
    with ws.session() as s:
        reg = services.create_register(s, actor=clerk, template="jamabandi", district="لاہور", tehsil="رائیونڈ",
                                       mauza="موضع " + str(seed), hadbast_no="12", year="2019-20")
        for p in range(pages):
            img = rnd.randbytes(image_kb * 1024)
            res = services.add_page(s, ws.images, actor=clerk, register_id=reg, data=img, name=f"p{p}.png")
            for r in range(rows):
                ids.append(services.add_entry(s, actor=clerk, register_id=reg, page_id=res.page_id,
                                              values={"khewat_no": str(40 + r), "owner": "محمد اسلم ولد غلام رسول",
                                                      "area": f"{r + 1}-5", "share": "1/2"}))
        services.transition(s, actor=clerk, entry_ids=ids, action="submit")
        services.transition(s, actor=sup, entry_ids=ids, action="approve")
    return ids


def seal(ws, sup, entry_ids=None):
    from records.outbox import create_batch

    with ws.session() as s:
        return create_batch(s, actor=sup, entry_ids=entry_ids)


@dataclass
class Office:
    ws: object
    clerk: object
    sup: object
    entry_ids: list[int]


@pytest.fixture
def office(workspace):
    """A workspace with 6 approved entries on 2 pages (not yet batched or enrolled)."""
    clerk, sup = make_users(workspace)
    ids = add_approved(workspace, clerk, sup)
    return Office(workspace, clerk, sup, ids)


def enrol_code(server: Server, *, office_id: str | None = None, name: str = "Patwar office", district: str = "لاہور",
               hours: float = 72) -> str:
    """A one-time enrolment code the operator issues (POST /v1/admin/enrol-codes)."""
    with server.admin_client() as c:
        r = c.post("/v1/admin/enrol-codes", json={"name": name, "district": district, "office_id": office_id,
                                                  "hours": hours})
        r.raise_for_status()
        return r.json()["code"]


def office_uuid(ws) -> str:
    from records.outbox import office_identity

    with ws.session() as s:
        return office_identity(s).uuid


def enrol(ws, server: Server, url: str | None = None) -> None:
    """Enrol the workspace's office with a code issued for it (for an office enrolled before:
    a code for its new key)."""
    from sync.engine import enrol as do_enrol

    oid = office_uuid(ws)
    with server.admin_client() as c:
        known = any(o["office_id"] == oid for o in c.get("/v1/admin/batches").json()["offices"])
    code = enrol_code(server, office_id=oid if known else None)
    do_enrol(ws, server_url=url or server.url, code=code, ca_bundle=server.ca)
    if url:
        set_url(ws, url)


def set_url(ws, url: str) -> None:
    from sqlalchemy import select

    from records.models import Office as OfficeRow

    with ws.session() as s:
        s.scalar(select(OfficeRow)).server_url = url


def engine_for(ws, sleep_cap: float | None = 0.05, **cfg):
    """A SyncEngine whose backoff sleeps are recorded (and cut to `sleep_cap` seconds)."""
    from sync.engine import SyncEngine, load_config

    sleeps: list[float] = []
    cfg.setdefault("backoff_base", 0.01)
    cfg.setdefault("timeout", 5)

    def sleep(d: float) -> None:
        sleeps.append(d)
        time.sleep(d if sleep_cap is None else min(d, sleep_cap))

    eng = SyncEngine(ws, load_config(ws, **cfg), sleep=sleep)
    eng.sleeps = sleeps
    return eng


def item_states(ws) -> dict[str, int]:
    from sqlalchemy import func, select

    from records.models import OutboxItem

    with ws.session() as s:
        return dict(s.execute(select(OutboxItem.state, func.count()).group_by(OutboxItem.state)).all())


def entry_states(ws, ids) -> list[str]:
    from records.models import Entry

    with ws.session() as s:
        return [s.get(Entry, i).state for i in ids]


os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")
