"""Saved forms share one kept connection on the thread that edits, and let go of it
whenever the database is let go of (core.store.held)."""

from __future__ import annotations

import sys
import threading

import pytest
from sqlalchemy import event, select

from coordinator_app.core.errors import ValidationError
from coordinator_app.core.records.models import (
    Affiliation,
    Change,
    Organization,
    Person,
    SyncOperation,
)
from coordinator_app.core.search.query import search


def _opened(workspace) -> list:
    """The driver connections the engine opens from now on, in order."""
    opened: list = []
    workspace.db.engine.dispose()
    event.listen(workspace.db.engine, "connect", lambda conn, _record: opened.append(conn))
    return opened


def _closed(connection) -> bool:
    # sqlite3's or SQLCipher's (the encrypted run) own error for a closed connection.
    driver = sys.modules[type(connection).__module__]
    try:
        connection.execute("SELECT 1")
    except driver.ProgrammingError:
        return True
    return False


def test_saved_forms_share_one_connection_until_the_pool_is_disposed_of(workspace):
    person = workspace.create(Person, full_name="Ihor Terekhov")
    opened = _opened(workspace)
    for note in ("Kharkiv", "Plungė", "Vilnius"):
        workspace.update(Person, person.id, notes=note)
    assert len(opened) == 1 and not _closed(opened[0])
    workspace.db.engine.dispose()  # as the lock screen lets go of the file
    assert _closed(opened[0])
    workspace.update(Person, person.id, notes="Kyiv")  # a new one, from the new pool
    assert len(opened) == 2
    assert workspace.get(Person, person.id).notes == "Kyiv"


def test_an_edit_on_another_thread_takes_its_own_connection(workspace):
    person = workspace.create(Person, full_name="Audrius Klišonis")
    opened = _opened(workspace)
    workspace.update(Person, person.id, notes="first")
    failures: list[BaseException] = []

    def elsewhere() -> None:
        try:
            workspace.update(Person, person.id, notes="from a worker")
        except BaseException as exc:  # reported below, in the test's thread
            failures.append(exc)

    worker = threading.Thread(target=elsewhere)
    worker.start()
    worker.join()
    assert not failures
    assert len(opened) == 2  # the worker's came from the pool
    workspace.update(Person, person.id, notes="again")
    assert len(opened) == 2  # and this thread's kept one is still the same
    assert workspace.get(Person, person.id).notes == "again"


def test_a_refused_write_leaves_the_next_edit_a_sound_connection(workspace):
    person = workspace.create(Person, full_name="Rūta Kazlauskienė")
    opened = _opened(workspace)
    workspace.update(Person, person.id, notes="first")
    with pytest.raises(ValidationError):
        with workspace.edit("Broken link") as edit:
            edit.session.add(Affiliation(id="00000000-0000-4000-8000-0000000000b1",
                                         person_id=person.id,
                                         organization_id="00000000-0000-4000-8000-000000000bad"))
            edit.flush()
    assert _closed(opened[0])  # the driver's error: the next edit starts anew
    workspace.update(Person, person.id, notes="second")
    assert workspace.get(Person, person.id).notes == "second"


def test_a_near_spelling_is_found_inside_an_edit_on_the_kept_connection(workspace):
    # A record named in a form is looked up inside the edit, whose session is bound to
    # the connection it was lent rather than to the engine.
    person = workspace.create(Person, full_name="Žygimantas Butkevičius")
    with workspace.edit() as edit:
        hits = search(edit.session, "Butkevicus", kinds=["person"])  # one letter short
    assert [hit.id for hit in hits] == [person.id]



def test_an_edit_on_the_kept_connection_that_also_flushes_is_committed_whole(workspace):
    # The form's change goes straight to the kept connection's driver; the new records
    # go through the session's flush, which joins the transaction the edit began there.
    person = workspace.create(Person, full_name="Ihor Terekhov")
    with workspace.edit("Edit") as edit:
        edit.update(Person, person.id, notes="Kharkiv")
        city = edit.create(Organization, name="Kharkiv City Council", country="UA")
        position = edit.create(Affiliation, person_id=person.id, organization_id=city.id,
                               position="mayor")
    with workspace.read() as session:
        journal = session.scalars(select(Change.entity).where(
            Change.change_set == edit.change_set)).all()
        assert session.get(Person, person.id).notes == "Kharkiv"
        assert session.get(Affiliation, position.id).position == "mayor"
        assert sorted(journal) == ["affiliation", "organization", "person"]
        assert [hit.id for hit in search(session, "Terekhov mayor", kinds=["person"])] == [
            person.id]


def test_an_edit_on_the_kept_connection_refused_after_a_saved_form_writes_nothing(workspace):
    person = workspace.create(Person, full_name="Audrius Klišonis", notes="Plungė")
    with pytest.raises(ValidationError):
        with workspace.edit("Edit") as edit:
            edit.update(Person, person.id, notes="Vilnius")  # written to the driver
            edit.update(Person, person.id, full_name="  ")  # refused: a person needs a name
    with workspace.read() as session:
        assert session.get(Person, person.id).notes == "Plungė"
        assert not session.scalars(select(Change).where(
            Change.change_set == edit.change_set)).all()
        assert not session.scalars(select(SyncOperation).where(
            SyncOperation.record_id == person.id, SyncOperation.field == "notes")).all()
        assert not search(session, "Vilnius", kinds=["person"])
    workspace.update(Person, person.id, notes="Kaunas")  # the kept connection goes on
    assert workspace.get(Person, person.id).notes == "Kaunas"
