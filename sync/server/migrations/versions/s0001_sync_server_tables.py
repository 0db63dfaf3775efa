"""sync server tables: offices, batches, entries, decisions

Revision ID: s0001
Revises:
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "s0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_office",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("office_uuid", sa.String(36), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("district", sa.String(100), nullable=False),
        sa.Column("tehsil", sa.String(100), nullable=False),
        sa.Column("public_key", sa.String(100), nullable=False),
        sa.Column("token_sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("enrolled_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "sync_batch",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("batch_uuid", sa.String(36), nullable=False, unique=True),
        sa.Column("office_id", sa.Integer(), sa.ForeignKey("sync_office.id"), nullable=False, index=True),
        sa.Column("manifest_sha256", sa.String(64), nullable=False),
        sa.Column("manifest", sa.JSON(), nullable=False),
        sa.Column("signature", sa.String(200), nullable=False),
        sa.Column("audit_head", sa.String(64), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("receipt", sa.JSON(), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "sync_entry",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("entry_uuid", sa.String(36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("office_id", sa.Integer(), sa.ForeignKey("sync_office.id"), nullable=False, index=True),
        sa.Column("batch_id", sa.Integer(), sa.ForeignKey("sync_batch.id"), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("entry_uuid", "version", name="uq_sync_entry_key"),
    )
    op.create_table(
        "sync_decision",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True, autoincrement=True),
        sa.Column("office_id", sa.Integer(), sa.ForeignKey("sync_office.id"), nullable=False, index=True),
        sa.Column("entry_id", sa.Integer(), sa.ForeignKey("sync_entry.id"), nullable=False),
        sa.Column("entry_uuid", sa.String(36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    for t in ("sync_decision", "sync_entry", "sync_batch", "sync_office"):
        op.drop_table(t)
