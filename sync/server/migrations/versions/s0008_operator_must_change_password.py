"""an operator whose password someone else typed (`daftar server operator add`, `operator
password`) chooses their own at the next /admin sign-in: sync_operator.must_change_password.
Operators made before this keep working as they are (false).

Revision ID: s0008
Revises: s0007
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "s0008"
down_revision = "s0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sync_operator") as t:
        t.add_column(sa.Column("must_change_password", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("sync_operator") as t:
        t.drop_column("must_change_password")
