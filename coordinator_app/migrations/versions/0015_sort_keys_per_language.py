"""sort keys per language: lists of names kept in several languages sort by what they show

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03

An organisation's name, an agreement's title (and those of projects, activities and
needs) are listed in the interface language, the original where that language is
missing; each such table gets an indexed key per language (sort_key_uk, sort_key_lt,
sort_key_en) so that each language's list sorts by what it shows from an index.
Frozen: this adds the columns; the keys are derived data, marked stale here and
computed by the opening code after migrating (core.store.derived).
"""
from alembic import op
import sqlalchemy as sa

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

LANGUAGES = ("uk", "lt", "en")
#: The tables whose names were translatable on this day.
TABLES = ("organizations", "agreements", "projects", "activities", "needs")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            for lang in LANGUAGES:
                batch_op.add_column(sa.Column(f"sort_key_{lang}", sa.Text(), server_default="",
                                              nullable=False))
                batch_op.create_index(batch_op.f(f"ix_{table}_sort_key_{lang}"),
                                      [f"sort_key_{lang}"], unique=False)
    op.execute("CREATE TABLE IF NOT EXISTS derived_state "
               "(name VARCHAR(60) PRIMARY KEY, stale INTEGER NOT NULL)")
    op.execute("INSERT OR REPLACE INTO derived_state (name, stale) VALUES ('sort_keys', 1)")


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            for lang in reversed(LANGUAGES):
                batch_op.drop_index(batch_op.f(f"ix_{table}_sort_key_{lang}"))
                batch_op.drop_column(f"sort_key_{lang}")
