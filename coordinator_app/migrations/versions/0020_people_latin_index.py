"""people: an index of live people's Latin spelling, for the list so sorted

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-30

The people list sorted by Latin spelling read every live person's Latin spelling
(from ix_people_country_latin, whose first column is the country) and sorted them
all to show 200: 35 to 86 ms of processor time at 100,000 people, 84 to 220 at
300,000, growing with the list. With this index the page is read in order and the
reading stops after it, as the list sorted by name reads ix_people_sort_key.
Frozen: its own DDL.
"""
from alembic import op

revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE INDEX ix_people_latin ON people (latin_name) WHERE deleted_at IS NULL")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_people_latin")
