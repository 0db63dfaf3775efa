"""Alembic migrations of workspace databases, run programmatically on open."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if url:
        cfg.set_main_option("sqlalchemy.url", url)
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def known_revision(rev: str) -> bool:
    """Is `rev` one of this program's migrations?"""
    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(rev) is not None
    except Exception:
        return False


def current_revision(engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade_workspace(ws, target: str = "head") -> str | None:
    """Bring a workspace to `target`; an existing older database is backed up first.

    Returns the path of the backup taken, or None when none was needed.
    """
    from records.workspace import WorkspaceError

    current = current_revision(ws.engine)
    head = head_revision() if target == "head" else target
    if current == head:
        return None
    backup = None
    with ws.engine.connect() as conn:
        has_tables = conn.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE type='table'"
        ).scalar()
    if current is not None and not known_revision(current):
        raise WorkspaceError(
            f"{ws.db_path} was made by a newer version of Daftar (schema {current}). "
            "Update Daftar to open it; nothing was changed."
        )
    if current is None and has_tables:
        raise WorkspaceError(
            f"{ws.db_path} is not a Daftar database (it has tables but no Daftar schema "
            "version). Nothing was changed; choose another folder for the workspace."
        )
    if has_tables:
        backup = ws.backup_database(ws.timestamped_backup_path(f"before-upgrade-{current or 'none'}"))
    cfg = alembic_config()
    with ws.engine.connect() as conn:
        # SQLite's documented way to change a table: foreign keys off while batch migrations
        # copy and recreate tables (else dropping the old table would cascade or fail), all
        # in one transaction, and every reference checked before it commits. pysqlite opens
        # no transaction for DDL by itself, so BEGIN is issued here: a failing or interrupted
        # upgrade leaves the database exactly as it was.
        dbapi = conn.connection.dbapi_connection
        saved = dbapi.isolation_level
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        conn.commit()
        dbapi.isolation_level = None
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, target)
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise WorkspaceError(
                        f"Upgrading {ws.db_path} would leave {len(broken)} broken reference(s) "
                        f"(first in table {broken[0][0]}); it was not upgraded. Report this to "
                        "your Daftar support."
                    )
                conn.commit()
            except WorkspaceError:
                conn.rollback()
                raise
            except Exception as e:
                conn.rollback()
                raise WorkspaceError(
                    f"Upgrading {ws.db_path} from schema {current} failed ({type(e).__name__}: {e}); "
                    "the database was left as it was. Report this to your Daftar support."
                ) from e
        finally:
            dbapi.isolation_level = saved
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
            conn.commit()
    return str(backup) if backup else None
