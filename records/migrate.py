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


def current_revision(engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade_workspace(ws, target: str = "head") -> str | None:
    """Bring a workspace to `target`; an existing older database is backed up first.

    Returns the path of the backup taken, or None when none was needed.
    """
    current = current_revision(ws.engine)
    head = head_revision() if target == "head" else target
    if current == head:
        return None
    backup = None
    with ws.engine.connect() as conn:
        has_tables = conn.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE type='table'"
        ).scalar()
    if has_tables:
        backup = ws.backup_database(ws.timestamped_backup_path(f"before-upgrade-{current or 'none'}"))
    cfg = alembic_config()
    with ws.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
    return str(backup) if backup else None
