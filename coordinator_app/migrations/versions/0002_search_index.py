"""search index: FTS5 over names, titles and text of every searchable record

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25

Frozen: the tables as they were made on this day. The index's rows are derived
data, marked stale here and filled by the opening code after migrating
(core.store.derived), never by calling today's indexing code from a migration.
"""
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS search_keys (
        entry INTEGER PRIMARY KEY,
        kind VARCHAR(30) NOT NULL,
        record_id VARCHAR(36) NOT NULL UNIQUE)""",
    """CREATE VIRTUAL TABLE IF NOT EXISTS search_index USING fts5(
        kind, title, names, body,
        tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3')""",
    """CREATE TABLE IF NOT EXISTS search_terms (
        id INTEGER PRIMARY KEY,
        term VARCHAR(100) NOT NULL UNIQUE)""",
)
DERIVED_STATE = ("CREATE TABLE IF NOT EXISTS derived_state "
                 "(name VARCHAR(60) PRIMARY KEY, stale INTEGER NOT NULL)")


def upgrade() -> None:
    for statement in SCHEMA:
        op.execute(statement)
    op.execute(DERIVED_STATE)
    op.execute("INSERT OR REPLACE INTO derived_state (name, stale) VALUES ('search_index', 1)")


def downgrade() -> None:
    for table in ("search_index", "search_keys", "search_terms"):
        op.execute(f"DROP TABLE IF EXISTS {table}")
