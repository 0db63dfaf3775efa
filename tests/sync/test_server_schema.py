"""The server's own Alembic migrations match its models (PostgreSQL)."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

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


def test_database_made_before_migrations_is_stamped_not_recreated(tmp_path):
    # GIVEN tables made by create_all (no version table)
    url = f"sqlite:///{tmp_path}/old.sqlite"
    old = create_engine(url)
    Base.metadata.create_all(old)
    old.dispose()
    # WHEN the server starts on it THEN it is adopted at the first revision
    engine = make_engine(url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM sync_alembic_version").scalar() == "s0001"
    engine.dispose()
