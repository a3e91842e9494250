"""merged into: a duplicate merged into another names the record it became

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03

People and organisations get `merged_into`, the id of the record a duplicate was
merged into. It is set with the tombstone by a merge, so the merge travels to
other laptops as an operation like any field, and reads of the old id follow it to
the record that remains. Frozen: the two tables that could be merged on this day.
"""
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

TABLES = ("organizations", "people")


def upgrade() -> None:
    for table in TABLES:
        op.execute(f"ALTER TABLE {table} ADD COLUMN merged_into VARCHAR(36)")


def downgrade() -> None:
    for table in TABLES:
        op.execute(f"ALTER TABLE {table} DROP COLUMN merged_into")
