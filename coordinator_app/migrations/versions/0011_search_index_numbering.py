"""search index: each row numbered from its record's row and kind

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02

A list filtered by text keeps the records the index finds. With index rows
numbered in the order they were written, every match was looked up by its key to
learn its UUID, then by its UUID in the record's table. Numbered instead as the
record's row in its table times 16 plus a number for its kind, a match names its
row itself. The tables keep their shape; the rows are derived data, emptied here
and marked stale, and the opening code writes them again with today's numbering
(core.store.derived), as revision 0005 did.
"""
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def _renumber() -> None:
    op.execute("DELETE FROM search_index")
    op.execute("DELETE FROM search_keys")
    op.execute("CREATE TABLE IF NOT EXISTS derived_state "
               "(name VARCHAR(60) PRIMARY KEY, stale INTEGER NOT NULL)")
    op.execute("INSERT OR REPLACE INTO derived_state (name, stale) VALUES ('search_index', 1)")


def upgrade() -> None:
    _renumber()


def downgrade() -> None:
    # Rows numbered so would be read as other records by the older filter.
    _renumber()
