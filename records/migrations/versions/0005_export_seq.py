"""imported_export.export_seq: the number of an imported JSON export

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 16:00:00

A JSON export carries, signed, its number `export_seq` (the newest audit event of the
exporting workspace: it only grows, whatever the computer's clock says). An import keeps it
here; NULL for an export made before numbers, and for the rows 0004 made from the audit trail.
An older export of an office is then refused by its number, not by the exporting computer's
clock (docs/export-format.md#export-sequence).
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("imported_export", sa.Column("export_seq", sa.Integer(), nullable=True))  # (no copy of the table)


def downgrade() -> None:
    with op.batch_alter_table("imported_export") as b:
        b.drop_column("export_seq")
