"""delivery item languages: an aid delivery's item in uk, lt and en

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-04

An aid delivery's item ("Diesel generators 30 kW") is kept in several languages, as a
need's item is (0008): a column naming the language of the original and one per other
language. The item each delivery has stays its original, its language guessed from its
letters until a person names it. Frozen: the field and its length as they were on this
day. A project's search document reads the new columns too, but the index needs no
rebuild: no delivery has text in them yet, and what is written there later is indexed
as it is written.
"""
from alembic import op
import sqlalchemy as sa

revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None

LANGUAGES = ("uk", "lt", "en")


def upgrade() -> None:
    with op.batch_alter_table("aid_deliveries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("item_lang", sa.String(length=2), nullable=True))
        for lang in LANGUAGES:
            batch_op.add_column(sa.Column(f"item_{lang}", sa.String(length=300), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("aid_deliveries", schema=None) as batch_op:
        for lang in reversed(LANGUAGES):
            batch_op.drop_column(f"item_{lang}")
        batch_op.drop_column("item_lang")
