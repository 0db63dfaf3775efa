"""imported_export.export_epoch and office_restored_at: the restore generation of an imported export

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28 10:00:00

A workspace restored from a backup goes on from the backup's audit trail, so its exports are
numbered (`export_seq`) lower than the ones it made before the disaster. Each restore is
recorded (`records.restores`), and a JSON export carries, signed, how many restores its
workspace has been through (`export_epoch`) and when the last one was made (`restored.at`).
An import keeps both here, and an office's exports are ordered by (epoch, restore time,
number) (docs/export-format.md#restored-workspaces). NULL: an export made before epochs
(epoch 0) and every row this revision finds.
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("imported_export", sa.Column("export_epoch", sa.Integer(), nullable=True))  # (no copy of the table)
    op.add_column("imported_export", sa.Column("office_restored_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("imported_export") as b:
        b.drop_column("office_restored_at")
        b.drop_column("export_epoch")
