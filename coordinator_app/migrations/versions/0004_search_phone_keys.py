"""search index: phone numbers also as one word of their last nine digits

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25

The index rows are rebuilt so that a duplicate check finds "+370 448 73 100"
when "8-448-73100" is typed, through the index instead of reading every contact.
"""
from alembic import op

from coordinator_app.core import search_index

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    search_index.rebuild(op.get_bind())


def downgrade() -> None:
    # The extra words do no harm to the older code; nothing to take back.
    pass
