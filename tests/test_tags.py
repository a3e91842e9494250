"""Tags: shared by name across records; setting a record's tags touches only its links."""

from __future__ import annotations

from coordinator_app.core.records.models import Organization, Person, Tag
from coordinator_app.core.records.tags import set_tags, split_tags, tag_names


def _tags(workspace, kind, record_id):
    with workspace.read() as session:
        return tag_names(session, kind, record_id)


def test_a_tag_typed_twice_in_any_case_is_one_tag_shared_by_records(workspace):
    org = workspace.create(Organization, name="Kharkiv City Council").id
    person = workspace.create(Person, full_name="Ihor Terekhov").id
    with workspace.edit("tags") as edit:
        set_tags(edit, "organization", org, split_tags("energy, Frontline, ENERGY"))
        set_tags(edit, "person", person, ["frontline"])
    assert _tags(workspace, "organization", org) == ["energy", "Frontline"]
    assert _tags(workspace, "person", person) == ["Frontline"]
    with workspace.read() as session:
        assert session.query(Tag).count() == 2

    with workspace.edit("untag") as edit:
        set_tags(edit, "organization", org, ["energy"])
    assert _tags(workspace, "organization", org) == ["energy"]
    assert _tags(workspace, "person", person) == ["Frontline"]  # the other record keeps it


def test_a_deleted_tag_typed_again_comes_back_on_the_record(workspace):
    org = workspace.create(Organization, name="Kharkiv City Council").id
    with workspace.edit("tags") as edit:
        set_tags(edit, "organization", org, ["energy"])
    with workspace.read() as session:
        tag_id = session.query(Tag.id).scalar()
    workspace.delete(Tag, tag_id)
    assert _tags(workspace, "organization", org) == []
    with workspace.edit("tags") as edit:
        set_tags(edit, "organization", org, ["energy"])
    assert _tags(workspace, "organization", org) == ["energy"]
