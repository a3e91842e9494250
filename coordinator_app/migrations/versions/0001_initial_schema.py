"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-24
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('agreements',
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=True),
    sa.Column('signed_place', sa.String(length=200), nullable=True),
    sa.Column('effective_from', sa.Date(), nullable=True),
    sa.Column('expires_on', sa.Date(), nullable=True),
    sa.Column('purpose', sa.Text(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreements'))
    )
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreements_expires_on'), ['expires_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreements_title'), ['title'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreements_updated_at'), ['updated_at'], unique=False)

    op.create_table('attachments',
    sa.Column('owner_kind', sa.String(length=30), nullable=False),
    sa.Column('owner_id', sa.String(length=36), nullable=False),
    sa.Column('filename', sa.String(length=300), nullable=False),
    sa.Column('media_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('content', sa.LargeBinary(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachments'))
    )
    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachments_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachments_updated_at'), ['updated_at'], unique=False)

    op.create_table('changes',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('change_set', sa.String(length=36), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=True),
    sa.Column('action', sa.String(length=10), nullable=False),
    sa.Column('entity', sa.String(length=30), nullable=False),
    sa.Column('entity_id', sa.String(length=36), nullable=False),
    sa.Column('field', sa.String(length=60), nullable=True),
    sa.Column('old', sa.Text(), nullable=True),
    sa.Column('new', sa.Text(), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_changes'))
    )
    with op.batch_alter_table('changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_changes_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_changes_change_set'), ['change_set'], unique=False)
        batch_op.create_index(batch_op.f('ix_changes_entity_id'), ['entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_changes_seq'), ['seq'], unique=True)

    op.create_table('organizations',
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('other_names', sa.Text(), nullable=True),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('region', sa.String(length=200), nullable=True),
    sa.Column('parent_id', sa.String(length=36), nullable=True),
    sa.Column('website', sa.String(length=500), nullable=True),
    sa.Column('address', sa.Text(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['parent_id'], ['organizations.id'], name=op.f('fk_organizations_parent_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organizations'))
    )
    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organizations_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_organizations_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_organizations_updated_at'), ['updated_at'], unique=False)

    op.create_table('people',
    sa.Column('full_name', sa.String(length=300), nullable=False),
    sa.Column('latin_name', sa.String(length=300), nullable=True),
    sa.Column('other_names', sa.Text(), nullable=True),
    sa.Column('languages', sa.String(length=100), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_people'))
    )
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_people_full_name'), ['full_name'], unique=False)
        batch_op.create_index(batch_op.f('ix_people_updated_at'), ['updated_at'], unique=False)

    op.create_table('priority_areas',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('name_uk', sa.String(length=200), nullable=True),
    sa.Column('name_lt', sa.String(length=200), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_priority_areas'))
    )
    with op.batch_alter_table('priority_areas', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_priority_areas_updated_at'), ['updated_at'], unique=False)

    op.create_table('replica',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_replica'))
    )
    op.create_table('sources',
    sa.Column('owner_kind', sa.String(length=30), nullable=False),
    sa.Column('owner_id', sa.String(length=36), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('url', sa.String(length=1000), nullable=True),
    sa.Column('publisher', sa.String(length=200), nullable=True),
    sa.Column('published_on', sa.Date(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sources'))
    )
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sources_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sources_updated_at'), ['updated_at'], unique=False)

    op.create_table('tags',
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tags'))
    )
    with op.batch_alter_table('tags', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tags_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_tags_updated_at'), ['updated_at'], unique=False)

    op.create_table('affiliations',
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('organization_id', sa.String(length=36), nullable=False),
    sa.Column('position', sa.String(length=300), nullable=True),
    sa.Column('start_on', sa.Date(), nullable=True),
    sa.Column('end_on', sa.Date(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_affiliations_organization_id_organizations')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_affiliations_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_affiliations'))
    )
    with op.batch_alter_table('affiliations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_affiliations_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_affiliations_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_affiliations_updated_at'), ['updated_at'], unique=False)

    op.create_table('agreement_parties',
    sa.Column('agreement_id', sa.String(length=36), nullable=False),
    sa.Column('organization_id', sa.String(length=36), nullable=False),
    sa.Column('role', sa.String(length=30), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_agreement_parties_agreement_id_agreements')),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_agreement_parties_organization_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_parties'))
    )
    with op.batch_alter_table('agreement_parties', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_parties_agreement_id'), ['agreement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_parties_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_parties_updated_at'), ['updated_at'], unique=False)

    op.create_table('agreement_priority_areas',
    sa.Column('agreement_id', sa.String(length=36), nullable=False),
    sa.Column('priority_area_id', sa.String(length=36), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_agreement_priority_areas_agreement_id_agreements')),
    sa.ForeignKeyConstraint(['priority_area_id'], ['priority_areas.id'], name=op.f('fk_agreement_priority_areas_priority_area_id_priority_areas')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_priority_areas'))
    )
    with op.batch_alter_table('agreement_priority_areas', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_priority_areas_agreement_id'), ['agreement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_priority_areas_priority_area_id'), ['priority_area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_priority_areas_updated_at'), ['updated_at'], unique=False)

    op.create_table('commitments',
    sa.Column('agreement_id', sa.String(length=36), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('party_id', sa.String(length=36), nullable=True),
    sa.Column('owner_id', sa.String(length=36), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_commitments_agreement_id_agreements')),
    sa.ForeignKeyConstraint(['owner_id'], ['people.id'], name=op.f('fk_commitments_owner_id_people')),
    sa.ForeignKeyConstraint(['party_id'], ['organizations.id'], name=op.f('fk_commitments_party_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commitments'))
    )
    with op.batch_alter_table('commitments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_commitments_agreement_id'), ['agreement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_commitments_due_on'), ['due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_commitments_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_commitments_party_id'), ['party_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_commitments_updated_at'), ['updated_at'], unique=False)

    op.create_table('contact_points',
    sa.Column('person_id', sa.String(length=36), nullable=True),
    sa.Column('organization_id', sa.String(length=36), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('value', sa.String(length=300), nullable=False),
    sa.Column('label', sa.String(length=100), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_contact_points_organization_id_organizations')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_contact_points_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_points'))
    )
    with op.batch_alter_table('contact_points', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_points_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_points_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_points_updated_at'), ['updated_at'], unique=False)

    op.create_table('projects',
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('lead_id', sa.String(length=36), nullable=True),
    sa.Column('location_id', sa.String(length=36), nullable=True),
    sa.Column('start_on', sa.Date(), nullable=True),
    sa.Column('end_on', sa.Date(), nullable=True),
    sa.Column('budget_minor', sa.BigInteger(), nullable=True),
    sa.Column('currency', sa.String(length=3), nullable=True),
    sa.Column('funding_sources', sa.Text(), nullable=True),
    sa.Column('beneficiaries', sa.Text(), nullable=True),
    sa.Column('progress_notes', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['lead_id'], ['organizations.id'], name=op.f('fk_projects_lead_id_organizations')),
    sa.ForeignKeyConstraint(['location_id'], ['organizations.id'], name=op.f('fk_projects_location_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_projects'))
    )
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_projects_lead_id'), ['lead_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_location_id'), ['location_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_title'), ['title'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_updated_at'), ['updated_at'], unique=False)

    op.create_table('signatories',
    sa.Column('agreement_id', sa.String(length=36), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('organization_id', sa.String(length=36), nullable=False),
    sa.Column('title_at_signing', sa.String(length=300), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_signatories_agreement_id_agreements')),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_signatories_organization_id_organizations')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_signatories_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signatories'))
    )
    with op.batch_alter_table('signatories', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_signatories_agreement_id'), ['agreement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_signatories_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_signatories_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_signatories_updated_at'), ['updated_at'], unique=False)

    op.create_table('tag_links',
    sa.Column('tag_id', sa.String(length=36), nullable=False),
    sa.Column('entity_kind', sa.String(length=30), nullable=False),
    sa.Column('entity_id', sa.String(length=36), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['tag_id'], ['tags.id'], name=op.f('fk_tag_links_tag_id_tags')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tag_links'))
    )
    with op.batch_alter_table('tag_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tag_links_entity_id'), ['entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_tag_links_tag_id'), ['tag_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_tag_links_updated_at'), ['updated_at'], unique=False)

    op.create_table('activities',
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('occurs_on', sa.Date(), nullable=False),
    sa.Column('location', sa.String(length=300), nullable=True),
    sa.Column('agreement_id', sa.String(length=36), nullable=True),
    sa.Column('project_id', sa.String(length=36), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('follow_ups', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_activities_agreement_id_agreements')),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_activities_project_id_projects')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activities'))
    )
    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activities_agreement_id'), ['agreement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_activities_occurs_on'), ['occurs_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_activities_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_activities_updated_at'), ['updated_at'], unique=False)

    op.create_table('aid_deliveries',
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('item', sa.String(length=300), nullable=False),
    sa.Column('quantity', sa.Float(), nullable=False),
    sa.Column('unit', sa.String(length=50), nullable=True),
    sa.Column('from_id', sa.String(length=36), nullable=True),
    sa.Column('to_id', sa.String(length=36), nullable=True),
    sa.Column('delivered_on', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['from_id'], ['organizations.id'], name=op.f('fk_aid_deliveries_from_id_organizations')),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_aid_deliveries_project_id_projects')),
    sa.ForeignKeyConstraint(['to_id'], ['organizations.id'], name=op.f('fk_aid_deliveries_to_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_aid_deliveries'))
    )
    with op.batch_alter_table('aid_deliveries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_aid_deliveries_from_id'), ['from_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_aid_deliveries_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_aid_deliveries_to_id'), ['to_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_aid_deliveries_updated_at'), ['updated_at'], unique=False)

    op.create_table('milestones',
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_milestones_project_id_projects')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_milestones'))
    )
    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_milestones_due_on'), ['due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_milestones_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_milestones_updated_at'), ['updated_at'], unique=False)

    op.create_table('project_agreements',
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('agreement_id', sa.String(length=36), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_project_agreements_agreement_id_agreements')),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_project_agreements_project_id_projects')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_agreements'))
    )
    with op.batch_alter_table('project_agreements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_agreements_agreement_id'), ['agreement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_agreements_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_agreements_updated_at'), ['updated_at'], unique=False)

    op.create_table('project_partners',
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('organization_id', sa.String(length=36), nullable=False),
    sa.Column('role', sa.String(length=30), nullable=False),
    sa.Column('contribution_minor', sa.BigInteger(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_project_partners_organization_id_organizations')),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_project_partners_project_id_projects')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_partners'))
    )
    with op.batch_alter_table('project_partners', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_partners_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_partners_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_partners_updated_at'), ['updated_at'], unique=False)

    op.create_table('project_priority_areas',
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('priority_area_id', sa.String(length=36), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['priority_area_id'], ['priority_areas.id'], name=op.f('fk_project_priority_areas_priority_area_id_priority_areas')),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_project_priority_areas_project_id_projects')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_priority_areas'))
    )
    with op.batch_alter_table('project_priority_areas', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_priority_areas_priority_area_id'), ['priority_area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_priority_areas_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_priority_areas_updated_at'), ['updated_at'], unique=False)

    op.create_table('activity_participants',
    sa.Column('activity_id', sa.String(length=36), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=True),
    sa.Column('organization_id', sa.String(length=36), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['activity_id'], ['activities.id'], name=op.f('fk_activity_participants_activity_id_activities')),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_activity_participants_organization_id_organizations')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_activity_participants_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity_participants'))
    )
    with op.batch_alter_table('activity_participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_participants_activity_id'), ['activity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_participants_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_participants_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_participants_updated_at'), ['updated_at'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('activity_participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_participants_updated_at'))
        batch_op.drop_index(batch_op.f('ix_activity_participants_person_id'))
        batch_op.drop_index(batch_op.f('ix_activity_participants_organization_id'))
        batch_op.drop_index(batch_op.f('ix_activity_participants_activity_id'))

    op.drop_table('activity_participants')
    with op.batch_alter_table('project_priority_areas', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_priority_areas_updated_at'))
        batch_op.drop_index(batch_op.f('ix_project_priority_areas_project_id'))
        batch_op.drop_index(batch_op.f('ix_project_priority_areas_priority_area_id'))

    op.drop_table('project_priority_areas')
    with op.batch_alter_table('project_partners', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_partners_updated_at'))
        batch_op.drop_index(batch_op.f('ix_project_partners_project_id'))
        batch_op.drop_index(batch_op.f('ix_project_partners_organization_id'))

    op.drop_table('project_partners')
    with op.batch_alter_table('project_agreements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_agreements_updated_at'))
        batch_op.drop_index(batch_op.f('ix_project_agreements_project_id'))
        batch_op.drop_index(batch_op.f('ix_project_agreements_agreement_id'))

    op.drop_table('project_agreements')
    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_milestones_updated_at'))
        batch_op.drop_index(batch_op.f('ix_milestones_project_id'))
        batch_op.drop_index(batch_op.f('ix_milestones_due_on'))

    op.drop_table('milestones')
    with op.batch_alter_table('aid_deliveries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_aid_deliveries_updated_at'))
        batch_op.drop_index(batch_op.f('ix_aid_deliveries_to_id'))
        batch_op.drop_index(batch_op.f('ix_aid_deliveries_project_id'))
        batch_op.drop_index(batch_op.f('ix_aid_deliveries_from_id'))

    op.drop_table('aid_deliveries')
    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activities_updated_at'))
        batch_op.drop_index(batch_op.f('ix_activities_project_id'))
        batch_op.drop_index(batch_op.f('ix_activities_occurs_on'))
        batch_op.drop_index(batch_op.f('ix_activities_agreement_id'))

    op.drop_table('activities')
    with op.batch_alter_table('tag_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tag_links_updated_at'))
        batch_op.drop_index(batch_op.f('ix_tag_links_tag_id'))
        batch_op.drop_index(batch_op.f('ix_tag_links_entity_id'))

    op.drop_table('tag_links')
    with op.batch_alter_table('signatories', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_signatories_updated_at'))
        batch_op.drop_index(batch_op.f('ix_signatories_person_id'))
        batch_op.drop_index(batch_op.f('ix_signatories_organization_id'))
        batch_op.drop_index(batch_op.f('ix_signatories_agreement_id'))

    op.drop_table('signatories')
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_projects_updated_at'))
        batch_op.drop_index(batch_op.f('ix_projects_title'))
        batch_op.drop_index(batch_op.f('ix_projects_location_id'))
        batch_op.drop_index(batch_op.f('ix_projects_lead_id'))

    op.drop_table('projects')
    with op.batch_alter_table('contact_points', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_points_updated_at'))
        batch_op.drop_index(batch_op.f('ix_contact_points_person_id'))
        batch_op.drop_index(batch_op.f('ix_contact_points_organization_id'))

    op.drop_table('contact_points')
    with op.batch_alter_table('commitments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_commitments_updated_at'))
        batch_op.drop_index(batch_op.f('ix_commitments_party_id'))
        batch_op.drop_index(batch_op.f('ix_commitments_owner_id'))
        batch_op.drop_index(batch_op.f('ix_commitments_due_on'))
        batch_op.drop_index(batch_op.f('ix_commitments_agreement_id'))

    op.drop_table('commitments')
    with op.batch_alter_table('agreement_priority_areas', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_priority_areas_updated_at'))
        batch_op.drop_index(batch_op.f('ix_agreement_priority_areas_priority_area_id'))
        batch_op.drop_index(batch_op.f('ix_agreement_priority_areas_agreement_id'))

    op.drop_table('agreement_priority_areas')
    with op.batch_alter_table('agreement_parties', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_parties_updated_at'))
        batch_op.drop_index(batch_op.f('ix_agreement_parties_organization_id'))
        batch_op.drop_index(batch_op.f('ix_agreement_parties_agreement_id'))

    op.drop_table('agreement_parties')
    with op.batch_alter_table('affiliations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_affiliations_updated_at'))
        batch_op.drop_index(batch_op.f('ix_affiliations_person_id'))
        batch_op.drop_index(batch_op.f('ix_affiliations_organization_id'))

    op.drop_table('affiliations')
    with op.batch_alter_table('tags', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tags_updated_at'))
        batch_op.drop_index(batch_op.f('ix_tags_name'))

    op.drop_table('tags')
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sources_updated_at'))
        batch_op.drop_index(batch_op.f('ix_sources_owner_id'))

    op.drop_table('sources')
    op.drop_table('replica')
    with op.batch_alter_table('priority_areas', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_priority_areas_updated_at'))

    op.drop_table('priority_areas')
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_people_updated_at'))
        batch_op.drop_index(batch_op.f('ix_people_full_name'))

    op.drop_table('people')
    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organizations_updated_at'))
        batch_op.drop_index(batch_op.f('ix_organizations_parent_id'))
        batch_op.drop_index(batch_op.f('ix_organizations_name'))

    op.drop_table('organizations')
    with op.batch_alter_table('changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_changes_seq'))
        batch_op.drop_index(batch_op.f('ix_changes_entity_id'))
        batch_op.drop_index(batch_op.f('ix_changes_change_set'))
        batch_op.drop_index(batch_op.f('ix_changes_at'))

    op.drop_table('changes')
    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachments_updated_at'))
        batch_op.drop_index(batch_op.f('ix_attachments_owner_id'))

    op.drop_table('attachments')
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreements_updated_at'))
        batch_op.drop_index(batch_op.f('ix_agreements_title'))
        batch_op.drop_index(batch_op.f('ix_agreements_expires_on'))

    op.drop_table('agreements')

