"""sync peers: whether a laptop belongs to a partner association

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30

A USB bundle written for a laptop of a partner association must not carry the
records our association keeps to itself, as the office server never shows them to
a partner's device. Each known laptop says whether it is a partner's: 0 for the
laptops known before this revision, which were all taken as the association's
own, as bundles treated them until now.
"""
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE sync_peers ADD COLUMN partner INTEGER NOT NULL DEFAULT 0")


def downgrade() -> None:
    op.execute("ALTER TABLE sync_peers DROP COLUMN partner")
