"""A real extra Alembic revision for tests of upgrading an older workspace.

The product's revisions end at the current head. To test "opening a workspace of the previous
revision backs it up and upgrades it" for real, tests copy the migration scripts to a
temporary folder, add revision 9001 on top of the current head (it recreates the register
table in batch mode, the hardest kind of SQLite change, and adds a column), and point
records.migrate at that folder. A database made by the real code is then "older".
"""

from __future__ import annotations

import shutil
from pathlib import Path

import records.migrate as migrate

EXTRA = '''"""test-only: recreate register with a new column

Revision ID: 9001
Revises: {head}
"""
from alembic import op
import sqlalchemy as sa

revision = "9001"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("register", recreate="always") as b:
        b.add_column(sa.Column("shelf", sa.String(20), nullable=False, server_default="A-1"))


def downgrade() -> None:
    with op.batch_alter_table("register", recreate="always") as b:
        b.drop_column("shelf")
'''


def install_newer_schema(tmp_path: Path, monkeypatch) -> str:
    """Make records.migrate see one revision more than the product has; returns it."""
    head = migrate.head_revision()
    scripts = tmp_path / "migrations-next"
    shutil.copytree(migrate.MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "9001_test_extra.py").write_text(EXTRA.format(head=head), encoding="utf-8")
    monkeypatch.setattr(migrate, "MIGRATIONS", scripts)
    return "9001"


FAILING = '''"""test-only: changes two tables, then fails

Revision ID: 9001
Revises: {head}
"""
from alembic import op
import sqlalchemy as sa

revision = "9001"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("page", sa.Column("scanner", sa.String(40), nullable=True))
    with op.batch_alter_table("register", recreate="always") as b:
        b.add_column(sa.Column("shelf", sa.String(20), nullable=False, server_default="A-1"))
    op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))
    raise RuntimeError("power cut in the middle of the upgrade")


def downgrade() -> None:
    pass
'''


def install_failing_schema(tmp_path: Path, monkeypatch) -> None:
    """Like install_newer_schema, but the extra migration fails after changing tables."""
    head = migrate.head_revision()
    scripts = tmp_path / "migrations-failing"
    shutil.copytree(migrate.MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "9001_test_failing.py").write_text(FAILING.format(head=head), encoding="utf-8")
    monkeypatch.setattr(migrate, "MIGRATIONS", scripts)
