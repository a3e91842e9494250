"""needs and pledges: what communities need, what partners pledge, deliveries that fulfil

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30

Frozen: the tables as they were made on this day. The new kind is searchable; its
index rows are derived data, so the index is marked stale and rebuilt after
migrating (core.store.derived).
"""
from alembic import op
import sqlalchemy as sa

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def _record_columns() -> list[sa.Column]:
    return [
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('device_id', sa.String(length=36), nullable=False),
        sa.Column('deleted_at', sa.DateTime(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table('needs',
    sa.Column('organization_id', sa.String(length=36), nullable=False),
    sa.Column('item', sa.String(length=300), nullable=False),
    sa.Column('sort_key', sa.Text(), server_default='', nullable=False),
    sa.Column('quantity', sa.Float(), nullable=False),
    sa.Column('unit', sa.String(length=50), nullable=True),
    sa.Column('priority', sa.String(length=20), nullable=False),
    sa.Column('needed_by', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    *_record_columns(),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_needs_organization_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_needs'))
    )
    with op.batch_alter_table('needs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_needs_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_needs_sort_key'), ['sort_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_needs_needed_by'), ['needed_by'], unique=False)
        batch_op.create_index(batch_op.f('ix_needs_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_needs_updated_at'), ['updated_at'], unique=False)

    op.create_table('pledges',
    sa.Column('need_id', sa.String(length=36), nullable=False),
    sa.Column('organization_id', sa.String(length=36), nullable=False),
    sa.Column('quantity', sa.Float(), nullable=False),
    sa.Column('expected_on', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    *_record_columns(),
    sa.ForeignKeyConstraint(['need_id'], ['needs.id'], name=op.f('fk_pledges_need_id_needs')),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_pledges_organization_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pledges'))
    )
    with op.batch_alter_table('pledges', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pledges_need_id'), ['need_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pledges_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pledges_updated_at'), ['updated_at'], unique=False)

    with op.batch_alter_table('aid_deliveries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pledge_id', sa.String(length=36), nullable=True))
        batch_op.create_index(batch_op.f('ix_aid_deliveries_pledge_id'), ['pledge_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_aid_deliveries_pledge_id_pledges'), 'pledges', ['pledge_id'], ['id'])

    op.execute("CREATE TABLE IF NOT EXISTS derived_state "
               "(name VARCHAR(60) PRIMARY KEY, stale INTEGER NOT NULL)")
    op.execute("INSERT OR REPLACE INTO derived_state (name, stale) VALUES ('search_index', 1)")


def downgrade() -> None:
    with op.batch_alter_table('aid_deliveries', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_aid_deliveries_pledge_id_pledges'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_aid_deliveries_pledge_id'))
        batch_op.drop_column('pledge_id')
    op.drop_table('pledges')
    op.drop_table('needs')
