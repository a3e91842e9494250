"""sort keys: names and titles in Ukrainian and Lithuanian alphabetical order

Lists order by a stored key whose byte order, which is all SQLite's index knows,
is the alphabetical order. Frozen: this adds the columns; the keys are derived
data, marked stale here and computed by the opening code after migrating.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

#: Each listed table and the column that names its records, on this day.
LABELS = {
    "organizations": "name",
    "people": "full_name",
    "agreements": "title",
    "projects": "title",
    "activities": "title",
}
DERIVED_STATE = ("CREATE TABLE IF NOT EXISTS derived_state "
                 "(name VARCHAR(60) PRIMARY KEY, stale INTEGER NOT NULL)")


def upgrade() -> None:
    for table in LABELS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("sort_key", sa.Text(), server_default="", nullable=False))
            batch_op.create_index(batch_op.f(f"ix_{table}_sort_key"), ["sort_key"], unique=False)
    op.execute(DERIVED_STATE)
    op.execute("INSERT OR REPLACE INTO derived_state (name, stale) VALUES ('sort_keys', 1)")


def downgrade() -> None:
    for table in LABELS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_sort_key"))
            batch_op.drop_column("sort_key")
