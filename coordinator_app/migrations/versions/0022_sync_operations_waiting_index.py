"""sync_operations: the index of operations kept for an upgrade holds only those

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-01

ix_sync_operations_known held every operation under its one value (1: known), though
it is read only for the operations a version kept for a kind or field it did not
know (known = 0), nearly always none. A first bundle's 402,294 operations entered it
one by one (0.5 s of processor time). Now it holds those rows alone, and the queries
that read it say its condition as it is written here. Frozen: its own DDL.
"""
from alembic import op

revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_sync_operations_known")
    op.execute("CREATE INDEX ix_sync_operations_known ON sync_operations (known) "
               "WHERE known = 0")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_sync_operations_known")
    op.execute("CREATE INDEX ix_sync_operations_known ON sync_operations (known)")
