"""indexes for the central office's review: entries waiting by state, by batch, and (on
PostgreSQL) by register kind read out of the entry's document

Revision ID: s0004
Revises: s0003
Create Date: 2026-11-27
"""

from alembic import op

revision = "s0004"
down_revision = "s0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_sync_entry_state", "sync_entry", ["state", "id"])
    op.create_index("ix_sync_entry_batch", "sync_entry", ["batch_id", "state"])
    if op.get_bind().dialect.name == "postgresql":
        # the same expression as sync.server.central._waiting's filter (json ->, ->>)
        op.execute("CREATE INDEX ix_sync_entry_kind ON sync_entry "
                   "(((content -> 'register') ->> 'template_id'), state, id)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_sync_entry_kind", table_name="sync_entry")
    op.drop_index("ix_sync_entry_batch", table_name="sync_entry")
    op.drop_index("ix_sync_entry_state", table_name="sync_entry")
