"""an index of the server's trail by action: the operator's page finds the latest restore (and
whether it was acknowledged) without reading the whole trail, which holds an event per decision

Revision ID: s0006
Revises: s0005
Create Date: 2026-11-28
"""

from alembic import op

revision = "s0006"
down_revision = "s0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_sync_event_action", "sync_event", ["action", "id"])


def downgrade() -> None:
    op.drop_index("ix_sync_event_action", table_name="sync_event")
