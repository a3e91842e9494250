"""Edit.update_many, the bulk path of updates (an import matching stored records):
the same journal, sync operations, rules and undo as one `update` at a time."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from coordinator_app.core.errors import NotFound, ValidationError
from coordinator_app.core.records.models import (
    Affiliation,
    Change,
    ContactPoint,
    Organization,
    Person,
    SyncOperation,
)
from coordinator_app.core.search.query import search
from coordinator_app.core.search.search_index import DOCUMENTS


def _people(workspace, *names):
    with workspace.edit("people") as edit:
        return edit.create_many(Person, [{"full_name": name} for name in names])


def test_records_updated_together_are_journalled_field_by_field_in_one_change_set(workspace):
    olena, ihor = _people(workspace, "Олена Коваленко", "Ігор Терехов")
    with workspace.edit("update") as edit:
        edit.update_many(Person, [(olena, {"latin_name": "Olena Kovalenko"}),
                                  (ihor, {"latin_name": "Ihor Terekhov", "notes": " mayor "})])
    change_set = workspace.last_change_set
    with workspace.read() as session:
        journal = session.scalars(select(Change).where(Change.change_set == change_set)
                                  .order_by(Change.seq)).all()
        assert {(c.entity_id, c.field, c.new) for c in journal} == {
            (olena, "latin_name", '"Olena Kovalenko"'),
            (ihor, "latin_name", '"Ihor Terekhov"'), (ihor, "notes", '"mayor"')}
        assert {c.action for c in journal} == {"update"}
        # Each field changed is an operation other laptops merge, as an update's is.
        operations = session.execute(select(SyncOperation.record_id, SyncOperation.field)
                                     .where(SyncOperation.field != "*")).all()
        assert {(olena, "latin_name"), (ihor, "latin_name"), (ihor, "notes")} <= set(operations)
        assert session.get(Person, ihor).sort_key != ""
    workspace.undo(change_set)
    with workspace.read() as session:
        assert session.get(Person, ihor).latin_name is None
        assert session.get(Person, olena).latin_name is None


def test_two_rows_for_one_record_apply_in_order(workspace):
    [olena] = _people(workspace, "Олена Коваленко")
    with workspace.edit("update") as edit:
        edit.update_many(Person, [(olena, {"notes": "first"}), (olena, {"notes": "second"})])
    with workspace.read() as session:
        assert session.get(Person, olena).notes == "second"


def test_a_refused_row_says_which_and_nothing_of_the_edit_is_written(workspace):
    olena, ihor = _people(workspace, "Олена Коваленко", "Ігор Терехов")
    with workspace.read() as session:
        before = session.scalar(select(func.count()).select_from(Change))
    with pytest.raises(ValidationError) as refused:
        with workspace.edit("update") as edit:
            edit.update_many(Person, [(olena, {"notes": "fine"}),
                                      (ihor, {"full_name": "   "})])
    assert refused.value.row == 1 and refused.value.field == "full_name"
    with workspace.read() as session:
        assert session.scalar(select(func.count()).select_from(Change)) == before
        assert session.get(Person, olena).notes is None


def test_records_read_together_are_read_as_one_at_a_time(workspace):
    olena, ihor, taras = _people(workspace, "Олена Коваленко", "Ігор Терехов", "Тарас Мельник")
    workspace.delete(Person, taras)
    with workspace.edit("read") as edit:
        found = edit.get_many(Person, [ihor, olena, ihor])
        assert list(found) == [ihor, olena]
        assert found[olena].full_name == "Олена Коваленко"
        with pytest.raises(NotFound):
            edit.get_many(Person, [olena, taras])


def test_records_updated_together_leave_nothing_to_flush_and_read_back_stamped(workspace):
    olena, ihor = _people(workspace, "Олена Коваленко", "Ігор Терехов")
    with workspace.read() as session:
        before = session.get(Person, ihor).updated_at
    with workspace.edit("update") as edit:
        updated = edit.update_many(Person, [(ihor, {"latin_name": "Ihor Terekhov"})])
        # Written already, as a flush leaves a record: a flush would write nothing more.
        assert not edit.session.dirty
        assert updated[0].latin_name == "Ihor Terekhov"
        edit.update(Person, ihor, notes="mayor")  # an edit after it sees the new state
    change_set = workspace.last_change_set
    with workspace.read() as session:
        person = session.get(Person, ihor)
        assert (person.latin_name, person.notes) == ("Ihor Terekhov", "mayor")
        assert person.updated_at > before
        assert person.device_id == workspace.db.device_id
        assert session.get(Person, olena).updated_at < person.updated_at
        fields = session.scalars(select(Change.field).where(Change.change_set == change_set)
                                 .order_by(Change.seq)).all()
        assert fields == ["latin_name", "notes"]
        assert [hit.id for hit in search(session, "Terekhov")] == [ihor]


def test_records_made_before_an_update_in_bulk_are_indexed_once_for_the_whole_edit(workspace):
    # An import creates people, updates the stored ones it matched, then adds the new
    # people's contacts: each person's index document is read once, at the commit,
    # not again for every batch of updates.
    [stored] = _people(workspace, "Ігор Терехов")
    statements: list[str] = []
    try:
        with workspace.edit("import") as edit:
            driver = edit.session.connection().connection.driver_connection
            driver.set_trace_callback(statements.append)
            [fresh] = edit.create_many(Person, [{"full_name": "Олена Коваленко"}])
            edit.update_many(Person, [(stored, {"latin_name": "Ihor Terekhov"})])
            edit.create_many(ContactPoint, [{"person_id": fresh, "kind": "email",
                                             "value": "olena@kharkiv.example"}])
    finally:
        driver.set_trace_callback(None)
    # The part of a person's index document that names them, in whatever statement
    # reads it.
    names = DOCUMENTS["person"].split("\n")[0].split(", ", 2)[2]
    assert sum(fresh in s for s in statements if names in s) == 1
    with workspace.read() as session:
        assert [hit.id for hit in search(session, "olena@kharkiv.example")] == [fresh]
        assert [hit.id for hit in search(session, "Terekhov")] == [stored]


def test_organisations_updated_together_bring_what_derives_from_them_up_to_date(workspace):
    # What a flush's hooks derive from a changed record follows a bulk update too: the
    # country of the people working there, and the index rows that show its name.
    with workspace.edit("world") as edit:
        kharkiv = edit.create(Organization, name="Kharkiv City Council", country="UA")
        ihor = edit.create(Person, full_name="Ihor Terekhov")
        edit.create(Affiliation, person_id=ihor.id, organization_id=kharkiv.id,
                    position="Mayor")
    with workspace.edit("import") as edit:
        edit.update_many(Organization, [(kharkiv.id, {"country": "PL",
                                                      "name": "Kharkiv Municipality"})])
    with workspace.read() as session:
        assert session.get(Person, ihor.id).current_country == "PL"
        assert {hit.id for hit in search(session, "Municipality")} == {kharkiv.id, ihor.id}


def test_beside_a_private_stream_records_updated_together_are_journalled_once(workspace):
    # Which records are private is read while the edit is recorded: that read must not
    # flush the records by the unit of work meanwhile, journalling them a second time.
    from datetime import date

    from coordinator_app.core.records.models import Activity
    from coordinator_app.sync.operations import is_private_origin
    from coordinator_app.sync.record import keep_private

    olena, ihor = _people(workspace, "Олена Коваленко", "Ігор Терехов")
    with workspace.edit("Private note") as edit:
        keep_private(edit)
        edit.create(Activity, title="Наша позиція", kind="meeting", occurs_on=date(2026, 2, 11))
    with workspace.edit("import") as edit:
        edit.update_many(Person, [(olena, {"notes": "Зустріч у Плунге"}),
                                  (ihor, {"latin_name": "Ihor Terekhov"})])
    change_set = workspace.last_change_set
    with workspace.read() as session:
        journal = session.execute(select(Change.entity_id, Change.field).where(
            Change.change_set == change_set)).all()
        assert sorted(journal) == sorted([(olena, "notes"), (ihor, "latin_name")])
        origins = session.scalars(select(SyncOperation.origin).where(
            SyncOperation.record_id.in_([olena, ihor]),
            SyncOperation.field.in_(["notes", "latin_name"]))).all()
        assert len(origins) == 2 and not any(map(is_private_origin, origins))
