"""search index: FTS5 over names, titles and text of every searchable record

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""
from alembic import op

from coordinator_app.core import search_index

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    connection = op.get_bind()
    search_index.create(connection)
    # Records written before the index existed become findable at once.
    search_index.rebuild(connection)


def downgrade() -> None:
    search_index.drop(op.get_bind())
