"""attachments: bytes not yet received are kept as none, not as an empty file

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30

An attachment synced from another laptop whose bytes the office server did not
hold was written with empty content, which then read as a damaged file, or was
opened as an empty one. Its content is now NULL until a sync brings bytes with its
SHA-256. Rows written so before this revision (empty, where the SHA-256 names a
file that is not empty) become NULL, so the next sync fetches them.
"""
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

#: The SHA-256 of no bytes at all: a file that really is empty keeps its content.
EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def upgrade() -> None:
    op.execute(f"UPDATE attachments SET content = NULL "
               f"WHERE length(content) = 0 AND sha256 != '{EMPTY}'")


def downgrade() -> None:
    op.execute("UPDATE attachments SET content = X'' WHERE content IS NULL")
