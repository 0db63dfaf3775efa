"""What the server holds of an office's entries (GET /v1/holdings, /v1/holdings/summary) and
its epoch, new when it finds its database restored from a backup."""

from __future__ import annotations

from sqlalchemy import create_engine, text

from sync.server import Settings, create_app
from tests.sync.conftest import ADMIN, engine_for, enrol, seal


def _sql(url: str, *statements: str) -> None:
    eng = create_engine(url)
    try:
        with eng.begin() as conn:
            for st in statements:
                conn.execute(text(st))
    finally:
        eng.dispose()


def _token(ws) -> str:
    from sqlalchemy import select

    from records.models import Office

    with ws.session() as s:
        return s.scalar(select(Office)).device_token


def test_holdings_list_the_calling_offices_entries_only_a_page_at_a_time(office, server, _template_workspace, tmp_path):
    import shutil

    from records.workspace import Workspace
    from tests.sync.conftest import add_approved, make_users

    # GIVEN two offices that each sent entries to the server
    seal(office.ws, office.sup)
    enrol(office.ws, server)
    assert engine_for(office.ws).run_once().ok
    shutil.copytree(_template_workspace, tmp_path / "other")
    other = Workspace.open(tmp_path / "other")
    clerk, sup = make_users(other)
    add_approved(other, clerk, sup, pages=1, rows=2, seed=7)
    seal(other, sup)
    enrol(other, server)
    assert engine_for(other).run_once().ok
    assert len(server.entry_keys()) == 8
    other.close()

    # WHEN the first office asks what the server holds of its entries, two at a time
    import httpx
    from sqlalchemy import select

    from records.models import OutboxItem

    with httpx.Client(base_url=server.url, verify=__import__("ssl").create_default_context(cafile=server.ca),
                      headers={"Authorization": f"Bearer {_token(office.ws)}"}) as c:
        summary = c.get("/v1/holdings/summary").json()
        got, after, pages = [], 0, 0
        while True:
            page = c.get("/v1/holdings", params={"after": after, "limit": 2}).json()
            got += page["entries"]
            after, pages = page["cursor"], pages + 1
            assert page["epoch"] == summary["epoch"]
            if not page["more"]:
                break
        assert c.get("/v1/holdings", params={"limit": 100000}).status_code == 422
    # THEN it learns of its own six entries only, each once, with its hash and state
    with office.ws.session() as s:
        mine = {(i.entry_uuid, i.version, i.content_sha256) for i in s.scalars(select(OutboxItem))}
    assert {(u, v, h) for _sid, u, v, h, _st in got} == mine
    assert len(got) == 6 and pages == 3 and {st for *_x, st in got} == {"received"}
    assert summary["entries"] == 6 and summary["states"] == {"received": 6, "accepted": 0, "rejected": 0}
    assert len(summary["epoch"]) == 36


def test_the_epoch_changes_when_the_database_is_found_restored_behind_the_image_store(server_db, tmp_path):
    storage = tmp_path / "images"

    def epoch_of(app) -> str:
        eng = create_engine(server_db)
        try:
            with eng.connect() as conn:
                return conn.execute(text("SELECT epoch FROM sync_instance")).scalar_one()
        finally:
            eng.dispose()

    # GIVEN a server that received a batch (ids in its database and the marker beside the images)
    app = create_app(Settings(server_db, storage, admin_token=ADMIN))
    first = epoch_of(app)
    _sql(server_db, "INSERT INTO sync_office (id, office_uuid, name, district, tehsil, public_key, token_sha256, "
         "enrolled_at, revoked_reason) VALUES (1, 'o', '', '', '', 'k', 't', '2026-01-01', '')",
         "INSERT INTO sync_batch (id, batch_uuid, office_id, manifest_sha256, manifest, signature, audit_head, source, "
         "entries, received_at) VALUES (1, 'b', 1, 'm', '{}', 's', '', 'network', 0, '2026-01-01')")
    from sync.server import instance

    with app.state.engine.connect() as conn:
        from sqlalchemy.orm import Session

        with Session(bind=conn) as s:
            instance.note_written(s, storage)
    app.state.engine.dispose()

    # WHEN the server starts again on the same database  THEN its epoch stays
    app = create_app(Settings(server_db, storage, admin_token=ADMIN))
    assert epoch_of(app) == first
    app.state.engine.dispose()

    # WHEN the database is restored from a backup taken before that batch, and the server starts
    _sql(server_db, "DELETE FROM sync_batch")
    app = create_app(Settings(server_db, storage, admin_token=ADMIN))
    # THEN it has a new epoch, and its own trail says why
    second = epoch_of(app)
    assert second != first
    eng = create_engine(server_db)
    with eng.connect() as conn:
        ev = conn.execute(text("SELECT action FROM sync_event WHERE action = 'server.restored'")).all()
    eng.dispose()
    assert len(ev) == 1
    app.state.engine.dispose()
    # AND it keeps that epoch at the next start
    app = create_app(Settings(server_db, storage, admin_token=ADMIN))
    assert epoch_of(app) == second
    app.state.engine.dispose()
