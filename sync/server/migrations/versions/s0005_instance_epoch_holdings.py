"""the server's epoch (a random id, new when its database is found restored from a backup),
an index for an office's holdings in server-id order

Revision ID: s0005
Revises: s0004
Create Date: 2026-11-27
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "s0005"
down_revision = "s0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    t = op.create_table(
        "sync_instance",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("epoch", sa.String(36), nullable=False),
        sa.Column("since", sa.DateTime(), nullable=False),
    )
    import datetime as dt

    op.bulk_insert(t, [{"id": 1, "epoch": str(uuid.uuid4()),
                        "since": dt.datetime.now(dt.UTC).replace(tzinfo=None)}])
    op.create_index("ix_sync_entry_office_id_id", "sync_entry", ["office_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_sync_entry_office_id_id", table_name="sync_entry")
    op.drop_table("sync_instance")
