"""imported_export: the JSON exports a workspace imported, so that one is not imported again

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 12:40:00

Workspaces that imported an export before this revision have its `workspace.import` audit
event (the file's name, when it was exported and who signed it): one row each is made from
it, so offering an older export of that office is refused there too.
"""
import json

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "imported_export",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("export_id", sa.String(length=100), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("office_id", sa.String(length=36), nullable=True),
        sa.Column("office_name", sa.String(length=200), nullable=False),
        sa.Column("key_fingerprint", sa.String(length=40), nullable=True),
        sa.Column("exported_at", sa.DateTime(), nullable=True),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("file_name", sa.String(length=500), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("export_id"),
    )
    op.create_index("ix_imported_export_content_sha256", "imported_export", ["content_sha256"], unique=False)
    op.create_index("ix_imported_export_office_id", "imported_export", ["office_id"], unique=False)
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, at, new, detail FROM audit_event WHERE action = 'workspace.import' "
                                "ORDER BY id")).fetchall()
    params = []
    for ev_id, at, new, detail in rows:
        try:
            d = json.loads(detail) if isinstance(detail, str) else (detail or {})
        except ValueError:
            d = {}
        signer = d.get("signed_by") if isinstance(d.get("signed_by"), dict) else {}
        exported = d.get("exported_at")
        params.append({"e": f"audit:{ev_id}", "o": signer.get("office_id"), "n": signer.get("office_name") or "",
                       "k": signer.get("key_fingerprint"),
                       "x": exported.replace("T", " ") if isinstance(exported, str) else None,
                       "i": at, "f": new or ""})
    if params:
        conn.execute(sa.text("INSERT INTO imported_export (export_id, content_sha256, office_id, office_name, "
                             "key_fingerprint, exported_at, imported_at, file_name) VALUES (:e, '', :o, :n, :k, :x, "
                             ":i, :f)"), params)


def downgrade() -> None:
    op.drop_index("ix_imported_export_office_id", table_name="imported_export")
    op.drop_index("ix_imported_export_content_sha256", table_name="imported_export")
    op.drop_table("imported_export")
