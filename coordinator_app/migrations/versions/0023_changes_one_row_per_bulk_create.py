"""changes: one row for all the records of a kind that one bulk create wrote

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-01

An import, `generate` or a first bundle from another laptop journals the records of
each kind it writes together as one row (action 'create_set', `new` {"count": n}, the
records those of its kind created at its moment, `at`), where it wrote a `create` each
with a copy of every field: those rows were two fifths of a 100,000-person file and
about 7 of the 30 s a first bundle of it took to apply. Nothing is rewritten on the
way up (the rows written before stay as they are); the revision says that a file may
hold such rows, which a version before it would read as records that do not exist.

The downgrade writes each such row back as a `create` per record, in the records'
order, each with the JSON of its fields as the journal wrote it, renumbering the
journal so that each keeps its place. Frozen: the columns each kind journaled at this
revision (kinds with a column of another type than text, a whole number or a date
never had such rows).
"""
import json
import uuid

from alembic import op

revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None

#: {kind: (table, its journaled columns in the journal's order)} at this revision.
KINDS = {
    'organization': ('organizations', (
        'name', 'other_names', 'kind', 'country', 'region', 'parent_id', 'website', 'address',
        'notes', 'merged_into', 'id', 'deleted_at', 'name_lang', 'name_uk', 'name_lt',
        'name_en')),
    'person': ('people', (
        'full_name', 'latin_name', 'other_names', 'languages', 'notes', 'merged_into', 'id',
        'deleted_at')),
    'agreement': ('agreements', (
        'title', 'kind', 'status', 'signed_on', 'signed_place', 'effective_from', 'expires_on',
        'purpose', 'notes', 'id', 'deleted_at', 'title_lang', 'title_uk', 'title_lt',
        'title_en', 'purpose_lang', 'purpose_uk', 'purpose_lt', 'purpose_en', 'notes_lang',
        'notes_uk', 'notes_lt', 'notes_en')),
    'project': ('projects', (
        'title', 'description', 'status', 'lead_id', 'location_id', 'start_on', 'end_on',
        'budget_minor', 'currency', 'funding_sources', 'beneficiaries', 'progress_notes', 'id',
        'deleted_at', 'title_lang', 'title_uk', 'title_lt', 'title_en', 'description_lang',
        'description_uk', 'description_lt', 'description_en')),
    'activity': ('activities', (
        'title', 'kind', 'occurs_on', 'location', 'agreement_id', 'project_id', 'notes',
        'follow_ups', 'id', 'deleted_at', 'title_lang', 'title_uk', 'title_lt', 'title_en')),
    'affiliation': ('affiliations', (
        'person_id', 'organization_id', 'position', 'start_on', 'end_on', 'id', 'deleted_at')),
    'contact_point': ('contact_points', (
        'person_id', 'organization_id', 'kind', 'value', 'label', 'id', 'deleted_at')),
    'tag': ('tags', ('name', 'id', 'deleted_at')),
    'tag_link': ('tag_links', ('tag_id', 'entity_kind', 'entity_id', 'id', 'deleted_at')),
    'priority_area': ('priority_areas', (
        'name', 'id', 'deleted_at', 'name_lang', 'name_uk', 'name_lt', 'name_en')),
    'agreement_party': ('agreement_parties', (
        'agreement_id', 'organization_id', 'role', 'id', 'deleted_at')),
    'signatory': ('signatories', (
        'agreement_id', 'person_id', 'organization_id', 'title_at_signing', 'id', 'deleted_at')),
    'commitment': ('commitments', (
        'agreement_id', 'description', 'party_id', 'owner_id', 'due_on', 'status', 'id',
        'deleted_at', 'description_lang', 'description_uk', 'description_lt', 'description_en')),
    'agreement_priority_area': ('agreement_priority_areas', (
        'agreement_id', 'priority_area_id', 'id', 'deleted_at')),
    'project_partner': ('project_partners', (
        'project_id', 'organization_id', 'role', 'contribution_minor', 'id', 'deleted_at')),
    'project_agreement': ('project_agreements', (
        'project_id', 'agreement_id', 'id', 'deleted_at')),
    'project_priority_area': ('project_priority_areas', (
        'project_id', 'priority_area_id', 'id', 'deleted_at')),
    'milestone': ('milestones', (
        'project_id', 'title', 'due_on', 'done_on', 'status', 'id', 'deleted_at', 'title_lang',
        'title_uk', 'title_lt', 'title_en')),
    'activity_participant': ('activity_participants', (
        'activity_id', 'person_id', 'organization_id', 'id', 'deleted_at')),
    'attachment': ('attachments', (
        'owner_kind', 'owner_id', 'filename', 'media_type', 'size', 'sha256', 'description',
        'id', 'deleted_at')),
    'source': ('sources', (
        'owner_kind', 'owner_id', 'title', 'url', 'publisher', 'published_on', 'id',
        'deleted_at')),
}

_SET = 'create_set'


def upgrade() -> None:
    """Nothing to rewrite: the `create` rows written before stay readable as they are.
    What the revision carries is its number, which tells a version before it that this
    file may hold `create_set` rows it would misread (it refuses a newer schema)."""


def _snapshot(columns: tuple[str, ...]) -> str:
    # As the journal made it of a stored record: SQLite's json_quote escapes as
    # Python's JSON encoder, and a date is stored as its ISO text.
    return "'{' || " + " || ', ' || ".join(
        f"'{json.dumps(name)}: ' || json_quote(x.{name})" for name in columns) + " || '}'"


def _as_created(connection, kind: str, table: str, at, seq: int,
                records: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(id, JSON of its fields when created) of each record: a field changed since is
    taken back through the journal's later rows of it, newest first."""
    later: dict[str, list[tuple[str, str, str | None]]] = {}
    for record_id, field, action, old in connection.exec_driver_sql(
            "SELECT entity_id, field, action, old FROM changes WHERE entity = ? AND seq > ? "
            f"AND entity_id IN (SELECT id FROM {table} WHERE created_at = ?) "
            "ORDER BY seq DESC", (kind, seq, at)):
        later.setdefault(record_id, []).append((field, action, old))
    found = []
    for record_id, new in records:
        if record_id in later:
            values = json.loads(new)
            for field, action, old in later[record_id]:
                if field in values:
                    old = None if old is None else json.loads(old)
                    # A choice between versions keeps them, the one shown before first.
                    values[field] = old[0] if action == 'resolve' and isinstance(old, list) \
                        else old
            new = json.dumps(values, ensure_ascii=False)
        found.append((record_id, new))
    return found


def downgrade() -> None:
    connection = op.get_bind()
    # Each row moves down by the records of the bulk rows before it, less their own row:
    # negative first, as seq is unique.
    connection.exec_driver_sql(
        "UPDATE changes SET seq = -(seq + (SELECT coalesce(sum(json_extract(s.new, "
        "'$.count') - 1), 0) FROM changes AS s WHERE s.action = ? AND s.seq < changes.seq))",
        (_SET,))
    connection.exec_driver_sql("UPDATE changes SET seq = -seq")
    made = connection.exec_driver_sql(
        "SELECT id, seq, change_set, label, entity, new, at, device_id FROM changes "
        "WHERE action = ? ORDER BY seq", (_SET,)).fetchall()
    for row_id, seq, change_set, label, kind, count, at, device in made:
        table, columns = KINDS[kind]
        records = connection.exec_driver_sql(
            f"SELECT x.id, {_snapshot(columns)} FROM {table} AS x WHERE x.created_at = ? "
            "ORDER BY x.rowid", (at,)).fetchall()
        if len(records) != json.loads(count)["count"]:
            # Renumbered for as many as it says: others would take the next rows' places.
            raise RuntimeError(f"{len(records)} records of {kind} created at {at}, where "
                               f"the journal says {json.loads(count)['count']}")
        records = _as_created(connection, kind, table, at, seq, records)
        connection.exec_driver_sql("DELETE FROM changes WHERE id = ?", (row_id,))
        connection.exec_driver_sql(
            "INSERT INTO changes (id, seq, change_set, label, action, entity, entity_id, "
            "field, old, new, at, device_id) VALUES (?, ?, ?, ?, 'create', ?, ?, NULL, "
            "NULL, ?, ?, ?)",
            [(str(uuid.uuid4()), seq + number, change_set, label, kind, record_id, new, at,
              device) for number, (record_id, new) in enumerate(records)])
