"""each office's latest clock offset (office minus server, seconds) and when the server heard it:
sync_office_clock, read at start so that a restarted server can doubt its own clock at once

Revision ID: s0009
Revises: s0008
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "s0009"
down_revision = "s0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_office_clock",
        sa.Column("office_uuid", sa.String(36), primary_key=True),
        sa.Column("offset_seconds", sa.BigInteger(), nullable=False),
        sa.Column("heard_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("sync_office_clock")
