"""sync peers: the attachment files each laptop is waiting for

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-30

A laptop can hold an attachment without its bytes ("not yet received") when it came
through the office server before the file did, or through a laptop that had not
received it either. The office server fills such files at the next pull; a laptop
that only meets others by USB stick says in each bundle which files it waits for,
and the laptop that reads it sends them in its next bundle. Each known laptop keeps
the list it last said: none for the laptops known before this revision.
"""
from alembic import op

revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE sync_peers ADD COLUMN wants TEXT")


def downgrade() -> None:
    op.execute("ALTER TABLE sync_peers DROP COLUMN wants")
