"""device per installation: the database notes which installation and path last opened it

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30

The device id belongs to the installation (the user data folder), not to the
file: a file opened by another installation, at another path, or restored from
a backup starts a new device id and keeps its journal. `derived_state` is where
migrations mark derived data (search index, sort keys) stale; databases made
before 0002 learned of it get it here.
"""
from alembic import op
import sqlalchemy as sa

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("replica", schema=None) as batch_op:
        batch_op.add_column(sa.Column("installation_id", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("opened_path", sa.Text(), nullable=True))
    op.execute("CREATE TABLE IF NOT EXISTS derived_state "
               "(name VARCHAR(60) PRIMARY KEY, stale INTEGER NOT NULL)")


def downgrade() -> None:
    with op.batch_alter_table("replica", schema=None) as batch_op:
        batch_op.drop_column("opened_path")
        batch_op.drop_column("installation_id")
