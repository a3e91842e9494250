"""search index: phone numbers also as one word of their last nine digits

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25

The index rows change shape (a duplicate check finds "+370 448 73 100" when
"8-448-73100" is typed), so they are marked stale and rebuilt after migrating.
"""
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

DERIVED_STATE = ("CREATE TABLE IF NOT EXISTS derived_state "
                 "(name VARCHAR(60) PRIMARY KEY, stale INTEGER NOT NULL)")


def upgrade() -> None:
    op.execute(DERIVED_STATE)
    op.execute("INSERT OR REPLACE INTO derived_state (name, stale) VALUES ('search_index', 1)")


def downgrade() -> None:
    # The extra words do no harm to the older code; nothing to take back.
    pass
