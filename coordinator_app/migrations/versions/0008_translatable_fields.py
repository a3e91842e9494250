"""translatable fields: titles, purposes, notes, commitments and names in uk, lt and en

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02

Each translatable field gets a column naming the language of its original text and
one column per other language (priority areas had name_uk and name_lt already).
The text each record already has stays its original; its language is left unstored,
so it is guessed from its letters when read (core.records.languages: Cyrillic is
Ukrainian, Lithuanian letters Lithuanian, else English) until a person names it or
adds a translation. Frozen: the fields and their lengths as they were on this day.
The search index reads the new columns, so it is marked stale and rebuilt after
migrating (core.store.derived).
"""
from alembic import op
import sqlalchemy as sa

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

LANGUAGES = ("uk", "lt", "en")
#: table: ((field, its type), ...) on this day.
FIELDS = {
    "organizations": (("name", sa.String(length=300)),),
    "priority_areas": (("name", sa.String(length=200)),),
    "agreements": (("title", sa.String(length=500)), ("purpose", sa.Text()),
                   ("notes", sa.Text())),
    "activities": (("title", sa.String(length=500)),),
    "commitments": (("description", sa.Text()),),
    "projects": (("title", sa.String(length=500)), ("description", sa.Text())),
    "milestones": (("title", sa.String(length=300)),),
    "needs": (("item", sa.String(length=300)),),
}
#: Columns that were there before this revision.
EXISTING = {("priority_areas", "name_uk"), ("priority_areas", "name_lt")}


def upgrade() -> None:
    for table, fields in FIELDS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for field, type_ in fields:
                batch_op.add_column(sa.Column(f"{field}_lang", sa.String(length=2), nullable=True))
                for lang in LANGUAGES:
                    if (table, f"{field}_{lang}") not in EXISTING:
                        batch_op.add_column(sa.Column(f"{field}_{lang}", type_, nullable=True))
    op.execute("CREATE TABLE IF NOT EXISTS derived_state "
               "(name VARCHAR(60) PRIMARY KEY, stale INTEGER NOT NULL)")
    op.execute("INSERT OR REPLACE INTO derived_state (name, stale) VALUES ('search_index', 1)")


def downgrade() -> None:
    for table, fields in FIELDS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for field, _type in fields:
                for lang in reversed(LANGUAGES):
                    if (table, f"{field}_{lang}") not in EXISTING:
                        batch_op.drop_column(f"{field}_{lang}")
                batch_op.drop_column(f"{field}_lang")
