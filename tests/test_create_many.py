"""Edit.create_many, the service's bulk path: the same records, journal, rules and
search index as one `create` at a time, written together."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from coordinator_app.core.errors import ValidationError
from coordinator_app.core.records.models import Change, ContactPoint, Organization, Person
from coordinator_app.core.search.query import search


def _journal(workspace, change_set):
    with workspace.read() as session:
        return session.scalars(select(Change).where(Change.change_set == change_set)
                               .order_by(Change.seq)).all()


def test_records_made_together_are_journalled_as_one_at_a_time_would_be(workspace):
    with workspace.edit("one") as edit:
        single = edit.create(Person, full_name="  Ігор  Терехов ", latin_name="Ihor Terekhov")
    with workspace.edit("many") as edit:
        ids = edit.create_many(Person, [
            {"full_name": "  Ігор  Терехов ", "latin_name": "Ihor Terekhov"},
            {"full_name": "Audrius Klišonis"}])
    alone = _journal(workspace, workspace.last_change_set)[0]
    with workspace.read() as session:
        first = _journal(workspace, [c.change_set for c in session.scalars(
            select(Change).where(Change.entity_id == single.id))][0])[0]
        together = session.get(Person, ids[0])
        assert together.full_name == single.full_name == "Ігор  Терехов"
        assert together.sort_key == single.sort_key != ""
        assert together.device_id == workspace.db.device_id
        assert together.created_at is not None and together.deleted_at is None
    assert alone.action == first.action == "create"
    assert alone.entity_id == ids[0]
    mine, theirs = json.loads(alone.new), json.loads(first.new)
    assert {k: v for k, v in mine.items() if k != "id"} == \
        {k: v for k, v in theirs.items() if k != "id"}
    assert [c.entity_id for c in _journal(workspace, workspace.last_change_set)] == ids


def test_records_made_together_are_found_by_search_and_undone_as_one(workspace):
    with workspace.edit("import") as edit:
        [org] = edit.create_many(Organization, [{"name": "Plungės rajono savivaldybė"}])
        [person] = edit.create_many(Person, [{"full_name": "Audrius Klišonis"}])
        edit.create_many(ContactPoint, [{"person_id": person, "kind": "email",
                                         "value": "sekretoriatas@plunge.example"}])
    with workspace.read() as session:
        assert [h.id for h in search(session, "klisonis")] == [person]
        assert [h.id for h in search(session, "plunges")] == [org]
        # The contact is in its person's document, though written after the person.
        assert [h.id for h in search(session, "sekretoriatas")] == [person]
    workspace.undo(workspace.last_change_set)
    with workspace.read() as session:
        assert search(session, "klisonis") == []
        assert session.scalar(select(func.count()).select_from(Person)
                              .where(Person.deleted_at.is_(None))) == 0


def test_a_refused_row_says_which_and_nothing_of_the_edit_is_written(workspace):
    with pytest.raises(ValidationError) as refused:
        with workspace.edit("import") as edit:
            [person] = edit.create_many(Person, [{"full_name": "Olena"}])
            edit.create_many(ContactPoint, [
                {"person_id": person, "kind": "email", "value": "olena@hromada.example"},
                {"person_id": person, "kind": "email", "value": "not an address"}])
    assert refused.value.row == 1
    assert refused.value.field == "value"
    with workspace.read() as session:
        assert session.scalar(select(func.count()).select_from(Person)) == 0
        assert session.scalar(select(func.count()).select_from(Change)) == 0


def test_rows_must_point_at_records_that_exist(workspace):
    with pytest.raises(ValidationError, match="no longer exists") as refused:
        with workspace.edit("import") as edit:
            edit.create_many(ContactPoint, [{"person_id": "0" * 36, "kind": "phone",
                                             "value": "+380 67 123 45 67"}])
    assert refused.value.row == 0
