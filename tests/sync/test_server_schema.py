"""The server's own Alembic migrations match its models (PostgreSQL)."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect
from sqlalchemy.exc import IntegrityError

from sync.server.db import Base, make_engine


def test_migrations_create_exactly_the_model_tables(pg_url):
    # GIVEN an empty database WHEN the server engine is made (migrations run)
    engine = make_engine(pg_url)
    try:
        # THEN the schema equals the models, and running again changes nothing
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True, "version_table": "sync_alembic_version"}), Base.metadata)
        assert diff == []
        make_engine(pg_url).dispose()
        assert "sync_alembic_version" in inspect(engine).get_table_names()
    finally:
        engine.dispose()


def _at_first_revision(url: str, *, versioned: bool) -> None:
    """The database as the first server version made it (with an enrolled office): by the
    migration s0001, or (not `versioned`) by create_all before migrations existed."""
    from alembic import command
    from alembic.config import Config

    from sync.server.db import MIGRATIONS

    eng = create_engine(url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with eng.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "s0001")
        conn.exec_driver_sql("INSERT INTO sync_office (office_uuid, name, district, tehsil, public_key, token_sha256, "
                             "enrolled_at) VALUES ('o-1', 'office one', 'd', 't', 'k', 'h', '2026-01-01 00:00:00')")
        if not versioned:
            conn.exec_driver_sql("DROP TABLE sync_alembic_version")
    eng.dispose()


def test_database_made_before_migrations_is_stamped_not_recreated(tmp_path):
    # GIVEN tables made by create_all (no version table)
    url = f"sqlite:///{tmp_path}/old.sqlite"
    _at_first_revision(url, versioned=False)
    # WHEN the server starts on it THEN it is adopted at the first revision, and brought to the newest
    engine = make_engine(url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM sync_alembic_version").scalar() == "s0010"
        assert conn.exec_driver_sql("SELECT name, revoked_at FROM sync_office").all() == [("office one", None)]
    engine.dispose()


def test_a_server_database_of_the_first_revision_is_migrated_keeping_its_offices(pg_url):
    # GIVEN a PostgreSQL database of the first server version, an office enrolled in it
    _at_first_revision(pg_url, versioned=True)
    # WHEN the new server starts on it (migrations run)
    engine = make_engine(pg_url)
    try:
        # THEN the office is kept, not revoked, and the schema is the models' (codes, events, refusals)
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT name, revoked_at, revoked_reason FROM sync_office").all() == [
                ("office one", None, "")]
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True, "version_table": "sync_alembic_version"}), Base.metadata)
        assert diff == []
        assert {"sync_enrol_code", "sync_event", "sync_refusal"} <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_the_office_clocks_migration_upgrades_and_downgrades(pg_url):
    from alembic import command
    from alembic.config import Config

    from sync.server.db import MIGRATIONS

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    # GIVEN a server database at the newest revision, with an office's clock offset kept
    make_engine(pg_url).dispose()
    eng = create_engine(pg_url)
    try:
        with eng.begin() as conn:
            conn.exec_driver_sql("INSERT INTO sync_office_clock (office_uuid, offset_seconds, heard_at) "
                                 "VALUES ('o-1', 10800, '2026-11-27 12:00:00')")
        # WHEN it is downgraded to the revision before s0009 THEN the table is gone, the rest kept
        with eng.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "s0008")  # (through s0010's downgrade too)
        with eng.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM sync_alembic_version").scalar() == "s0008"
        assert "sync_office_clock" not in inspect(eng).get_table_names()
        assert "sync_operator" in inspect(eng).get_table_names()
        # AND upgraded again THEN the table is back, empty, and the schema is the models'
        with eng.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        with eng.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM sync_alembic_version").scalar() == "s0010"
            assert conn.exec_driver_sql("SELECT count(*) FROM sync_office_clock").scalar() == 0
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True, "version_table": "sync_alembic_version"}), Base.metadata)
        assert diff == []
    finally:
        eng.dispose()


def test_the_operators_former_names_migration_upgrades_and_downgrades(pg_url):
    from alembic import command
    from alembic.config import Config

    from sync.server.db import MIGRATIONS

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    # GIVEN a server database at the newest revision: an operator renamed once (her former name kept)
    make_engine(pg_url).dispose()
    eng = create_engine(pg_url)
    try:
        with eng.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO sync_operator (id, name, name_key, role, password_hash, active, failed_logins, created_at, "
                "password_set_at, must_change_password) VALUES (1, 'amina.khan', 'amina.khan', 'reviewer', 'h', true, "
                "0, '2026-11-27 12:00:00', '2026-11-27 12:00:00', false)")
            conn.exec_driver_sql("INSERT INTO sync_operator_former_name (operator_id, name, name_key, until) "
                                 "VALUES (1, 'amina', 'amina', '2026-11-30 09:00:00')")
        # (a former name is one operator's: another row of that name is refused by the database)
        with pytest.raises(IntegrityError), eng.begin() as conn:
            conn.exec_driver_sql("INSERT INTO sync_operator_former_name (operator_id, name, name_key, until) "
                                 "VALUES (1, 'Amina', 'amina', '2026-11-30 09:00:00')")
        # WHEN it is downgraded to s0009 THEN the table is gone, the operator kept
        with eng.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "s0009")
        with eng.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM sync_alembic_version").scalar() == "s0009"
            assert conn.exec_driver_sql("SELECT name FROM sync_operator").all() == [("amina.khan",)]
        assert "sync_operator_former_name" not in inspect(eng).get_table_names()
        # AND upgraded again THEN it is back, empty, and the schema is the models'
        with eng.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        with eng.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM sync_alembic_version").scalar() == "s0010"
            assert conn.exec_driver_sql("SELECT count(*) FROM sync_operator_former_name").scalar() == 0
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True, "version_table": "sync_alembic_version"}), Base.metadata)
        assert diff == []
    finally:
        eng.dispose()
