"""named operators of the central server (name, role, argon2id password hash, lockout), their
personal API tokens (SHA-256 only), and the operator each /admin sign-in was made by

Revision ID: s0007
Revises: s0006
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "s0007"
down_revision = "s0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_operator",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("name_key", sa.String(64), nullable=False, unique=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("password_set_at", sa.DateTime(), nullable=False),
        sa.Column("last_sign_in", sa.DateTime(), nullable=True),
    )
    op.create_table(
        "sync_operator_token",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("operator_id", sa.Integer(), sa.ForeignKey("sync_operator.id"), nullable=False, index=True),
        sa.Column("token_sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("fingerprint", sa.String(12), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_used", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
    )
    with op.batch_alter_table("sync_admin_session") as t:  # (SQLite: a foreign key needs the table made again)
        t.add_column(sa.Column("operator_id", sa.Integer(), sa.ForeignKey("sync_operator.id",
                                                                           name="fk_sync_admin_session_operator"),
                               nullable=True))
        t.add_column(sa.Column("operator_name", sa.String(64), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("sync_admin_session") as t:
        t.drop_constraint("fk_sync_admin_session_operator", type_="foreignkey")
        t.drop_column("operator_name")
        t.drop_column("operator_id")
    op.drop_table("sync_operator_token")
    op.drop_table("sync_operator")
