"""A form saved on its own is written past the unit of work: the same rows as a flush
writes (record, journal, sync's operation and current versions, search index, derived
data), and the flush still takes whatever else an edit holds."""

from __future__ import annotations

import json

from sqlalchemy import event, inspect, select, text

from coordinator_app.core.records.change_labels import Label
from coordinator_app.core.records.models import (
    Affiliation,
    Change,
    Organization,
    Person,
    SyncHead,
    SyncOperation,
)
from coordinator_app.core.search.query import search
from coordinator_app.i18n import N_
from support.search_rows import index_rows


def _written(workspace, person_id: str) -> dict:
    """What the database holds of one person's edit, with the person's own id and
    the edit's stamps left out so that two people's edits compare."""
    with workspace.read() as session:
        person = session.get(Person, person_id)
        changes = session.scalars(select(Change).where(Change.entity_id == person_id)
                                  .order_by(Change.seq)).all()
        operations = session.scalars(select(SyncOperation).where(
            SyncOperation.record_id == person_id).order_by(SyncOperation.seq)).all()
        heads = session.scalars(select(SyncHead).where(SyncHead.record_id == person_id)).all()
        index = session.connection().exec_driver_sql(
            "SELECT i.title, i.names, i.body, i.variants FROM search_index i "
            "JOIN search_keys k ON k.entry = i.rowid WHERE k.record_id = ?",
            (person_id,)).one()
    written = {
        "record": (person.full_name, person.latin_name, person.notes, person.sort_key,
                   person.device_id, person.updated_at > person.created_at),
        "journal": [(c.action, c.field, c.old, c.new, c.label, c.device_id) for c in changes],
        "operations": [(o.field, o.value, len(json.loads(o.bases))) for o in operations],
        "heads": sorted((h.field, h.origin == workspace.db.device_id) for h in heads),
        "index": tuple(index),
    }
    return json.loads(json.dumps(written, ensure_ascii=False).replace(person_id, "ID"))


def _twins(workspace) -> tuple[str, str]:
    kyiv = workspace.create(Organization, name="Київська міська рада", country="UA")
    ids = []
    for _ in range(2):
        person = workspace.create(Person, full_name="Олена Коваленко", notes="перша нотатка")
        workspace.create(Affiliation, person_id=person.id, organization_id=kyiv.id,
                         position="радниця")
        ids.append(person.id)
    return ids[0], ids[1]


def test_a_saved_form_writes_the_rows_a_flush_writes(workspace):
    saved, flushed = _twins(workspace)
    values = {"notes": "Зустріч у Плунге", "latin_name": "Olena Kovalenko",
              "full_name": "  Олена   Коваленко-Шевчук "}
    workspace.update(Person, saved, **values)
    with workspace.edit(Label(N_("Edit"))) as edit:  # as workspace.update labels it
        person = edit.get(Person, flushed)
        for key, value in values.items():
            setattr(person, key, value)
        edit.flush()  # the unit of work's way
    mine, theirs = _written(workspace, saved), _written(workspace, flushed)
    assert mine == theirs
    assert mine["record"][0] == "Олена   Коваленко-Шевчук"  # trimmed, as a flush keeps it
    assert ["update", "notes", '"перша нотатка"', '"Зустріч у Плунге"'] in [
        row[:4] for row in mine["journal"]]
    assert {hit.id for hit in found(workspace, "плунге")} == {saved, flushed}
    assert not found(workspace, "перша")


def test_beside_a_private_stream_a_saved_form_still_writes_what_a_flush_writes(workspace):
    # Which records are private is read while the edit is recorded: that read must not
    # flush the record by the unit of work meanwhile (its change went to partners lost).
    from datetime import date

    from coordinator_app.core.records.models import Activity
    from coordinator_app.sync.operations import is_private_origin
    from coordinator_app.sync.record import keep_private

    saved, flushed = _twins(workspace)
    with workspace.edit("Private note") as edit:
        keep_private(edit)
        edit.create(Activity, title="Наша позиція", kind="meeting", occurs_on=date(2026, 2, 11))
    workspace.update(Person, saved, notes="Зустріч у Плунге")
    with workspace.edit(Label(N_("Edit"))) as edit:
        edit.get(Person, flushed).notes = "Зустріч у Плунге"
        edit.flush()
    mine = _written(workspace, saved)
    assert mine == _written(workspace, flushed)
    assert [row[:2] for row in mine["journal"]].count(["update", "notes"]) == 1
    with workspace.read() as session:
        origins = session.scalars(select(SyncOperation.origin).where(
            SyncOperation.record_id == saved, SyncOperation.field == "notes")).all()
    assert len(origins) == 1 and not is_private_origin(origins[0])


def found(workspace, words: str):
    with workspace.read() as session:
        return search(session, words, kinds=["person"])


def test_a_saved_form_sends_no_update_through_sqlalchemy(workspace):
    person = workspace.create(Person, full_name="Audrius Klišonis")
    executed: list[str] = []

    def seen(_conn, _cursor, statement, *_args):
        executed.append(statement)

    event.listen(workspace.db.engine, "before_cursor_execute", seen)
    try:
        workspace.update(Person, person.id, notes="Plungė")
    finally:
        event.remove(workspace.db.engine, "before_cursor_execute", seen)
    assert not [statement for statement in executed if statement.startswith("UPDATE people")]
    with workspace.read() as session:
        assert session.get(Person, person.id).notes == "Plungė"


def test_a_renamed_organisation_is_found_in_its_people_after_a_saved_form(workspace):
    saved, _other = _twins(workspace)
    with workspace.read() as session:
        kyiv_id = session.scalar(select(Organization.id))
    workspace.update(Organization, kyiv_id, name="Броварська міська рада")
    assert saved in {hit.id for hit in found(workspace, "броварська")}


def test_an_edit_holding_more_than_one_change_goes_through_the_flush(workspace):
    first, second = _twins(workspace)
    with workspace.edit("Edit") as edit:
        other = edit.get(Person, second)
        other.notes = "змінено вручну"
        edit.update(Person, first, notes="змінено формою")
    with workspace.read() as session:
        rows = session.execute(select(Change.entity_id, Change.field, Change.new)
                               .where(Change.change_set == edit.change_set)).all()
        notes = dict(session.execute(select(Person.id, Person.notes)
                                     .where(Person.id.in_([first, second]))).all())
    assert sorted(rows) == sorted([(first, "notes", '"змінено формою"'),
                                   (second, "notes", '"змінено вручну"')])
    assert notes == {first: "змінено формою", second: "змінено вручну"}


def test_a_form_saved_twice_in_one_edit_journals_each_change(workspace):
    person = workspace.create(Person, full_name="Rūta Kazlauskienė")
    with workspace.edit("Edit") as edit:
        edit.update(Person, person.id, notes="pirma")
        edit.update(Person, person.id, notes="antra")
    with workspace.read() as session:
        rows = session.execute(select(Change.old, Change.new).where(
            Change.change_set == edit.change_set).order_by(Change.seq)).all()
        stored = session.connection().execute(
            text("SELECT notes FROM people WHERE id = :id"), {"id": person.id}).scalar()
    assert rows == [(None, '"pirma"'), ('"pirma"', '"antra"')]
    assert stored == "antra"


def test_a_record_an_edit_reads_is_the_one_a_query_loads(workspace):
    first, _second = _twins(workspace)
    with workspace.read() as session:
        queried = session.get(Person, first)
        affiliation_id = session.scalar(select(Affiliation.id)
                                        .where(Affiliation.person_id == first))
        columns = [attr.key for attr in inspect(Person).column_attrs]
        expected = {key: getattr(queried, key) for key in columns}
    with workspace.edit("Read") as edit:
        person = edit.get(Person, first)
        assert person is edit.get(Person, first)
        assert {key: getattr(person, key) for key in columns} == expected
        assert not edit.session.dirty and not inspect(person).modified
        affiliation = edit.get(Affiliation, affiliation_id)
        assert affiliation.person is person  # a relationship loads when first used
        assert affiliation.organization.name == "Київська міська рада"


def test_an_edit_reads_a_record_added_to_its_session_but_not_yet_written(workspace):
    with workspace.edit("Add") as edit:
        person = Person(full_name="Ihor Terekhov")
        person.id = "00000000-0000-4000-8000-00000000a001"
        edit.session.add(person)
        assert edit.get(Person, person.id) is person  # written first, as a query would
        edit.update(Person, person.id, latin_name="Ihor Terekhov")
    with workspace.read() as session:
        assert session.get(Person, person.id).latin_name == "Ihor Terekhov"


def test_a_saved_form_leaves_its_record_as_stored_with_nothing_to_flush(workspace):
    person = workspace.create(Person, full_name="Rūta Kazlauskienė")
    flushes: list[int] = []
    with workspace.edit("Edit") as edit:
        event.listen(edit.session, "before_flush", lambda *_args: flushes.append(1))
        saved = edit.update(Person, person.id, notes="  Vilnius  ")
        state = inspect(saved)
        assert not edit.session.dirty and not state.modified and not state.committed_state
        assert saved.notes == "Vilnius" and saved in edit.session
        assert saved.affiliations == []  # its relationships still load when first used
    assert not flushes  # nothing was left for the commit to flush
    with workspace.read() as session:
        assert session.get(Person, person.id).notes == "Vilnius"


def test_a_saved_form_of_a_private_record_goes_on_in_the_private_stream(workspace):
    from datetime import date

    from coordinator_app.core.records.models import Activity
    from coordinator_app.sync.operations import private_origin
    from coordinator_app.sync.record import keep_private

    shared = workspace.create(Person, full_name="Audrius Klišonis")
    with workspace.edit("Private note") as edit:
        keep_private(edit)
        activity = edit.create(Activity, title="Наша позиція", kind="meeting",
                               occurs_on=date(2026, 2, 11))
    workspace.update(Activity, activity.id, title="Наша позиція на зустрічі")
    workspace.update(Person, shared.id, notes="Plungė")
    with workspace.read() as session:
        def operations(record_id):
            return session.execute(select(
                SyncOperation.origin, SyncOperation.seq, SyncOperation.field).where(
                SyncOperation.record_id == record_id).order_by(SyncOperation.seq)).all()
        private, mine = operations(activity.id), operations(shared.id)
    stream = private_origin(workspace.db.device_id)
    assert [(origin, field) for origin, _seq, field in private] == [
        (stream, ""), (stream, "title")]
    assert private[1][1] == private[0][1] + 1
    assert [(origin, field) for origin, _seq, field in mine] == [
        (workspace.db.device_id, ""), (workspace.db.device_id, "notes")]
    assert mine[1][1] > mine[0][1]


def test_a_saved_form_leaves_its_session_to_be_freed_without_the_cycle_collector(workspace):
    import gc
    import weakref

    person = workspace.create(Person, full_name="Ihor Terekhov")
    gc.collect()
    gc.disable()  # what the edit leaves must go by reference counting alone
    try:
        with workspace.edit(Label(N_("Edit"))) as edit:
            session = weakref.ref(edit.session)
            edit.update(Person, person.id, notes="Kharkiv")
        del edit
        assert session() is None
    finally:
        gc.enable()


def _statements(workspace, action) -> list[str]:
    """The SQL statements `action` sends to the driver (what SQLite runs, past SQLAlchemy
    or not), those FTS5 runs on its own tables left out."""
    executed: list[str] = []

    def traced(dbapi_connection, _record) -> None:
        dbapi_connection.set_trace_callback(executed.append)

    engine = workspace.db.engine
    engine.dispose()  # every connection the action uses is then a new one, traced
    event.listen(engine, "connect", traced)
    try:
        action()
    finally:
        event.remove(engine, "connect", traced)
        engine.dispose()
    return [statement for statement in executed if not statement.startswith("--")]


def test_a_saved_form_of_fields_no_index_row_reads_leaves_the_index_alone(workspace):
    saved, _other = _twins(workspace)
    with workspace.read() as session:
        before = index_rows(session.connection())
    statements = _statements(
        workspace, lambda: workspace.update(Person, saved, languages="uk, lt"))
    assert statements and not [s for s in statements if "search_" in s]
    with workspace.read() as session:
        assert index_rows(session.connection()) == before
        assert session.get(Person, saved).languages == "uk, lt"


def test_a_saved_note_rewrites_its_index_row_with_one_statement(workspace):
    saved, other = _twins(workspace)
    statements = _statements(
        workspace, lambda: workspace.update(Person, saved, notes="Зустріч у Плунге"))
    assert [s.split(" SET ")[0] for s in statements if "search_" in s and not s.startswith(
        "SELECT")] == ["UPDATE search_index"]
    assert {hit.id for hit in found(workspace, "плунге")} == {saved}
    assert {hit.id for hit in found(workspace, "перша")} == {other}


def test_saved_forms_leave_the_index_a_rebuild_makes(workspace):
    from datetime import date

    from coordinator_app.core.records.models import Agreement
    from coordinator_app.core.search import search_index

    saved, other = _twins(workspace)
    with workspace.read() as session:
        kyiv_id = session.scalar(select(Organization.id))
    agreement = workspace.create(Agreement, title="Меморандум про співпрацю", kind="memorandum",
                                 signed_on=date(2026, 2, 11))
    workspace.update(Person, saved, notes="Зустріч у Плунге")
    workspace.update(Person, saved, languages="uk")
    workspace.update(Person, other, other_names="Olena Kovalenko-Shevchuk")
    workspace.update(Person, other, full_name="Олена Шевчук")
    workspace.update(Organization, kyiv_id, name="Броварська міська рада")
    workspace.update(Agreement, agreement.id, title="Меморандум Плунге — Харків")
    workspace.update(Agreement, agreement.id, notes="підписано")
    workspace.delete(Person, saved)
    workspace.restore(Person, saved)
    with workspace.edit("Check") as edit:
        connection = edit.session.connection()
        keys, rows, terms = index_rows(connection)
        connection.exec_driver_sql(
            "INSERT INTO search_index (search_index) VALUES ('integrity-check')")
        search_index.rebuild(connection)
        rebuilt_keys, rebuilt_rows, rebuilt_terms = index_rows(connection)
    assert (keys, rows) == (rebuilt_keys, rebuilt_rows)
    # Terms are only ever added (a typo's old spelling does no harm): the rebuilt ones
    # are among those kept.
    assert set(rebuilt_terms) <= set(terms) and {"плунге", "шевчук", "kovalenko"} <= set(terms)


def test_each_kinds_index_reads_the_fields_its_search_document_names():
    from coordinator_app.core.records.edit_index import reads
    from coordinator_app.core.records.models import Agreement, ContactPoint

    person = reads(Person)
    assert {"full_name", "latin_name", "other_names", "notes", "deleted_at"} <= person.indexed
    assert "languages" not in person.indexed and "current_country" not in person.indexed
    assert person.shown == {"deleted_at"}
    assert {"full_name", "latin_name", "other_names"} <= person.named
    assert "notes" not in person.named
    assert {"title", "title_uk", "purpose", "notes"} <= reads(Agreement).indexed
    assert "purpose" not in reads(Agreement).named
    assert reads(ContactPoint) is None  # no row of its own: its person's row shows it


def test_a_record_saved_alone_is_recorded_for_sync_as_one_saved_beside_another(workspace):
    # A form saved alone is recorded by sync's shortest way (record._record_saved); an
    # edit of two records by its general way: the same operations, bases and versions.
    saved, beside = _twins(workspace)
    third = workspace.create(Person, full_name="Rūta Kazlauskienė").id
    values = {"notes": "Зустріч у Плунге", "latin_name": "Olena Kovalenko"}
    workspace.update(Person, saved, **values)
    with workspace.edit(Label(N_("Edit"))) as edit:  # as workspace.update labels it
        for key, value in values.items():
            setattr(edit.get(Person, beside), key, value)
        edit.get(Person, third).notes = "інша нотатка"
        edit.flush()
    assert _written(workspace, saved) == _written(workspace, beside)
    workspace.delete(Person, saved)
    workspace.restore(Person, saved)
    with workspace.edit(Label(N_("Delete"))) as edit:
        edit.delete(Person, beside)
        edit.delete(Person, third)
    with workspace.edit(Label(N_("Restore"))) as edit:
        edit.restore(Person, beside)
        edit.restore(Person, third)
    mine, theirs = _written(workspace, saved), _written(workspace, beside)
    assert mine["heads"] == theirs["heads"]
    # The times of deletion differ; the rest of each operation is the same.
    assert [(field, bases) for field, _value, bases in mine["operations"]] == [
        (field, bases) for field, _value, bases in theirs["operations"]]
    assert [field for field, _value, _bases in mine["operations"]] == [
        "", "latin_name", "notes", "deleted_at", "deleted_at"]
