"""khasra search tokens: an indexed table instead of scanning entry.search_khasra

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 18:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _tokens(search_khasra: str) -> set[str]:
    out: set[str] = set()
    for tok in (search_khasra or "").split():
        parts = tok.split("/")
        out.update("/".join(parts[:i]) for i in range(1, len(parts) + 1))
    return {t for t in out if t and len(t) <= 40}


def upgrade() -> None:
    op.create_table(
        "search_token",
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(["entry_id"], ["entry.id"]),
        sa.PrimaryKeyConstraint("entry_id", "token"),
    )
    op.create_index("ix_search_token_token", "search_token", ["token"], unique=False)
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, search_khasra FROM entry WHERE search_khasra != ''")).fetchall()
    params = [{"e": eid, "t": t} for eid, text in rows for t in sorted(_tokens(text))]
    if params:
        conn.execute(sa.text("INSERT INTO search_token (entry_id, token) VALUES (:e, :t)"), params)


def downgrade() -> None:
    op.drop_index("ix_search_token_token", table_name="search_token")
    op.drop_table("search_token")
