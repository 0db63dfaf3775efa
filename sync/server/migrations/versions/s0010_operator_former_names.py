"""the names operators had before a rename (`daftar server operator rename`): the trail names
them by those names in what they did before, so each stays its operator's (no other operator may
take it) and the trail's readers are told who it is now: sync_operator_former_name

Revision ID: s0010
Revises: s0009
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "s0010"
down_revision = "s0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_operator_former_name",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("operator_id", sa.Integer(), sa.ForeignKey("sync_operator.id"), nullable=False, index=True),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("name_key", sa.String(64), nullable=False, unique=True),
        sa.Column("until", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("sync_operator_former_name")
