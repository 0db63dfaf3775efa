"""page.looks_like: the register kind a page's column headings match better than its own

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 02:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("page") as batch:
        batch.add_column(sa.Column("looks_like", sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("page") as batch:
        batch.drop_column("looks_like")
