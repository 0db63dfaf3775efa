"""Alembic environment of the sync server (its own tables, separate from workspaces)."""

from alembic import context

from sync.server.db import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    conn = config.attributes["connection"]
    context.configure(connection=conn, target_metadata=target_metadata, compare_type=True,
                      version_table="sync_alembic_version")
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
