"""The operator's page (/admin) says when the server found its database restored from an older
backup (`server.restored`, the new epoch in sync_instance): when, and what it means for the
offices and the decisions made here, until someone presses Understood (in the trail) and at
most `instance.RESTORE_NOTICE_DAYS` days."""

from __future__ import annotations

import json
import re
import ssl
from contextlib import contextmanager

import httpx
from sqlalchemy import create_engine, text

from sync.server import instance
from tests.sync.conftest import ADMIN

NOTICE = "The server’s database was restored from an older backup"


def _sql(server, *statements: str) -> list:
    eng = create_engine(server.database_url)
    try:
        with eng.begin() as conn:
            results = [conn.execute(text(st)) for st in statements]
            return [r.all() if r.returns_rows else None for r in results]
    finally:
        eng.dispose()


def _restart_restored(server) -> None:
    """The server starts on a database behind what it had written (the marker beside the
    images names more batches and decisions): as after a restore from an older backup."""
    from sync.server import Settings, create_app

    ((epoch,),) = _sql(server, "SELECT epoch FROM sync_instance")[0]
    (server.storage / instance.MARKER).write_text(json.dumps({"epoch": epoch, "batches": 7, "decisions": 4}))
    app = create_app(Settings(server.database_url, server.storage, admin_token=ADMIN))
    app.state.engine.dispose()


@contextmanager
def _browser(server):
    with httpx.Client(base_url=server.url, verify=ssl.create_default_context(cafile=server.ca), timeout=30) as c:
        assert c.post("/admin/login", data={"token": server.admin}).status_code == 303
        yield c


def _csrf(page: str) -> str:
    (token,) = set(re.findall(r"name='csrf' value='([^']+)'", page))
    return token


def _events(server) -> list[dict]:
    with server.admin_client() as c:
        return c.get("/v1/admin/events").json()["events"]


def test_a_restore_is_shown_to_the_operator_until_acknowledged(server):
    # GIVEN a server that was never restored  THEN its page says nothing of it
    with _browser(server) as c:
        assert NOTICE not in c.get("/admin").text
    # WHEN it starts on a database restored from an older backup
    _restart_restored(server)
    ((epoch, since),) = _sql(server, "SELECT epoch, since FROM sync_instance")[0]
    with _browser(server) as c:
        page = c.get("/admin").text
        # THEN the page says so, with the date, that the offices send again what was lost at their
        # next sync, that decisions made since the backup are to be made again, and the new epoch
        assert NOTICE in page
        assert f"Found when the server started on {since:%Y-%m-%d %H:%M} (UTC)" in page
        assert "The offices send it again by themselves at their next sync" in page
        assert "Decisions made here after that backup were lost too" in page and epoch in page
        assert "decisions up to no. 0; the server had written batches up to no. 7 and decisions up to no. 4" in page
        # AND a script reading the page with the token sees it too
        with server.admin_client() as api:
            assert NOTICE in api.get("/admin").text
        # WHEN Understood is sent without the page's token THEN it is refused and still shown
        (event,) = re.findall(r"name='event' value='(\d+)'", page)
        assert c.post("/admin/restored/acknowledge", data={"event": event}).status_code == 403
        assert NOTICE in c.get("/admin").text
        # WHEN it is pressed
        r = c.post("/admin/restored/acknowledge", data={"csrf": _csrf(page), "event": event})
        # THEN the page no longer shows it, for any sign-in, and the trail says who acknowledged it
        assert r.status_code == 303 and r.headers["location"] == "/admin"
        assert NOTICE not in c.get("/admin").text
    with _browser(server) as other:
        assert NOTICE not in other.get("/admin").text
    ack, restored = [e for e in _events(server) if e["action"].startswith("server.")][:2]
    assert (ack["action"], restored["action"]) == ("server.restore_acknowledged", "server.restored")
    assert ack["detail"]["epoch"] == epoch and ack["detail"]["by"] == "admin page" and ack["detail"]["sign_in"]
    # WHEN the server is found restored again THEN the new restore is shown again
    _restart_restored(server)
    with _browser(server) as c:
        page = c.get("/admin").text
        assert NOTICE in page
        # AND an Understood from the page of the restore before changes nothing
        assert c.post("/admin/restored/acknowledge", data={"csrf": _csrf(page), "event": event}).status_code == 303
        assert NOTICE in c.get("/admin").text


def test_a_restore_not_acknowledged_is_shown_for_at_most_the_days_set(server):
    # GIVEN a restore found 29 days ago, not acknowledged
    _restart_restored(server)
    days = instance.RESTORE_NOTICE_DAYS
    back = f"now() - interval '{days - 1} days'" if server.database_url.startswith("postgresql") \
        else f"datetime('now', '-{days - 1} days')"
    _sql(server, f"UPDATE sync_event SET at = {back} WHERE action = 'server.restored'",
         f"UPDATE sync_instance SET since = {back}")
    with _browser(server) as c:
        # THEN it is still shown, saying until when
        assert NOTICE in c.get("/admin").text
        # WHEN the days have passed THEN it is no longer shown (the offices have long synced since)
        older = back.replace(f"{days - 1} days", f"{days + 1} days")
        _sql(server, f"UPDATE sync_event SET at = {older} WHERE action = 'server.restored'",
             f"UPDATE sync_instance SET since = {older}")
        assert NOTICE not in c.get("/admin").text
