"""sort keys: names and titles in Ukrainian and Lithuanian alphabetical order

Lists order by a stored key (core.collation) whose byte order, which is all
SQLite's index knows, is the alphabetical order; existing records get theirs here.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa

from coordinator_app.core.collation import sort_key

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

#: Each listed table and the column that names its records (the models' LABEL_FIELD).
LABELS = {
    "organizations": "name",
    "people": "full_name",
    "agreements": "title",
    "projects": "title",
    "activities": "title",
}


def upgrade() -> None:
    connection = op.get_bind()
    for table, label in LABELS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("sort_key", sa.Text(), server_default="", nullable=False))
            batch_op.create_index(batch_op.f(f"ix_{table}_sort_key"), ["sort_key"], unique=False)
        rows = connection.execute(sa.text(f"SELECT id, {label} FROM {table}")).fetchall()
        if rows:
            connection.execute(
                sa.text(f"UPDATE {table} SET sort_key = :key WHERE id = :id"),
                [{"id": row_id, "key": sort_key(value)} for row_id, value in rows],
            )


def downgrade() -> None:
    for table in LABELS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_sort_key"))
            batch_op.drop_column("sort_key")
