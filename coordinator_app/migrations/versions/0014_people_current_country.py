"""people's current country: the Country facet of the people list

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04

People get `current_country`, the country of the organisation of their current
position, with an index of country, tombstone and sort key, so the people list
filtered by a country reads its first page of live people in order, its count and
the facet's options from the index alone, instead of working the country out
through the affiliations of every person. (Made partial, for live people only, the
index was taken for every list of live people, sorting 100,000 by Latin spelling
through it: ten times slower.) The values are derived
data: marked stale here and worked out by the opening code after migrating
(core.store.derived), which also keeps the day they were worked out on in
`derived_days` (positions begin and end with the calendar). Frozen: its own DDL.
"""
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE people ADD COLUMN current_country VARCHAR(2)")
    op.execute("CREATE INDEX ix_people_current_country "
               "ON people (current_country, deleted_at, sort_key)")
    op.execute("CREATE TABLE IF NOT EXISTS derived_days "
               "(name VARCHAR(60) PRIMARY KEY, day VARCHAR(10) NOT NULL)")
    op.execute("CREATE TABLE IF NOT EXISTS derived_state "
               "(name VARCHAR(60) PRIMARY KEY, stale INTEGER NOT NULL)")
    op.execute("INSERT OR REPLACE INTO derived_state (name, stale) VALUES ('current_countries', 1)")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_people_current_country")
    op.execute("DROP TABLE IF EXISTS derived_days")
    op.execute("DELETE FROM derived_state WHERE name = 'current_countries'")
    op.execute("ALTER TABLE people DROP COLUMN current_country")
