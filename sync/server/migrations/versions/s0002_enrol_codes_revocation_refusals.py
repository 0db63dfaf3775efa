"""one-time enrolment codes, revoked offices, the server's audit events, refused batches

Revision ID: s0002
Revises: s0001
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "s0002"
down_revision = "s0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sync_office") as b:
        b.add_column(sa.Column("revoked_at", sa.DateTime(), nullable=True))
        b.add_column(sa.Column("revoked_reason", sa.Text(), nullable=False, server_default=""))
    op.create_table(
        "sync_enrol_code",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code_sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("district", sa.String(100), nullable=False),
        sa.Column("tehsil", sa.String(100), nullable=False),
        sa.Column("office_id", sa.Integer(), sa.ForeignKey("sync_office.id"), nullable=True),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.Column("used_by", sa.Integer(), sa.ForeignKey("sync_office.id"), nullable=True),
    )
    op.create_table(
        "sync_event",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("office_uuid", sa.String(36), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
    )
    op.create_table(
        "sync_refusal",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", sa.DateTime(), nullable=False, index=True),
        sa.Column("office_uuid", sa.String(36), nullable=False, index=True),
        sa.Column("batch_uuid", sa.String(100), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("error", sa.String(40), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    for t in ("sync_refusal", "sync_event", "sync_enrol_code"):
        op.drop_table(t)
    with op.batch_alter_table("sync_office") as b:
        b.drop_column("revoked_reason")
        b.drop_column("revoked_at")
