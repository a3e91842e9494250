"""A change that is the whole of its edit (Workspace.save: a form's field committed,
`workspace.update`) is read, checked and written without the session ever holding its
record, and is in every other way the change `Edit.update` makes."""

from __future__ import annotations

import pytest
from sqlalchemy import event, func, inspect, select

from coordinator_app.core.errors import NotFound, ValidationError
from coordinator_app.core.records.change_labels import Label
from coordinator_app.core.records.models import (
    Affiliation,
    Change,
    Organization,
    Person,
    Project,
    SyncOperation,
)
from coordinator_app.i18n import N_


def _attached(workspace, action) -> list[str]:
    """The kinds of the records the sessions of `action` take in."""
    kinds: list[str] = []

    def attached(_session, obj) -> None:
        kinds.append(obj.KIND)

    event.listen(workspace.db.sessions, "after_attach", attached)
    try:
        action()
    finally:
        event.remove(workspace.db.sessions, "after_attach", attached)
    return kinds


def _counts(workspace) -> tuple[int, int]:
    with workspace.read() as session:
        return (session.scalar(select(func.count()).select_from(Change)),
                session.scalar(select(func.count()).select_from(SyncOperation)))


def test_a_record_saved_alone_is_written_without_the_session_holding_it(workspace):
    person = workspace.create(Person, full_name="Rūta Kazlauskienė")
    saved = []
    attached = _attached(workspace, lambda: saved.append(
        workspace.save(Label(N_("Edit")), Person, person.id, {"notes": "  Vilnius  "})))
    assert attached == []
    state = inspect(saved[0])
    assert state.detached and not state.modified and not state.committed_state
    assert saved[0].notes == "Vilnius"  # normalised, as the rules saw it
    with workspace.read() as session:
        assert session.get(Person, person.id).notes == "Vilnius"
        journal = session.execute(select(Change.field, Change.old, Change.new, Change.label)
                                  .where(Change.change_set == workspace.last_change_set)).all()
    assert journal == [("notes", None, '"Vilnius"', '["Edit"]')]


def test_a_record_saved_alone_is_undone_and_redone_as_any_edit(workspace):
    person = workspace.create(Person, full_name="Audrius Klišonis", notes="Plungė")
    workspace.update(Person, person.id, notes="Vilnius")
    undo = workspace.undo(workspace.last_change_set)
    assert workspace.get(Person, person.id).notes == "Plungė"
    workspace.undo(undo)
    assert workspace.get(Person, person.id).notes == "Vilnius"


def test_a_refused_save_alone_changes_nothing(workspace):
    person = workspace.create(Person, full_name="Ihor Terekhov", notes="Kharkiv")
    before = _counts(workspace)
    with pytest.raises(ValidationError) as refused:
        workspace.update(Person, person.id, notes="Kyiv", full_name="  ")
    assert refused.value.field == "full_name"
    assert _counts(workspace) == before
    stored = workspace.get(Person, person.id)
    assert (stored.full_name, stored.notes) == ("Ihor Terekhov", "Kharkiv")


def test_a_save_alone_of_a_record_not_shown_says_so(workspace):
    person = workspace.create(Person, full_name="Ihor Terekhov")
    workspace.delete(Person, person.id)
    before = _counts(workspace)
    with pytest.raises(NotFound):
        workspace.update(Person, person.id, notes="Kharkiv")
    with pytest.raises(NotFound):
        workspace.update(Person, "00000000-0000-4000-8000-0000000000aa", notes="Kharkiv")
    assert _counts(workspace) == before


def test_a_link_left_as_it_was_to_a_record_deleted_since_stays_editable(workspace):
    # A record whose unchanged link points at a record deleted since is still saved:
    # the rule asks only of a link made or changed, the record read past the session
    # as one loaded in it.
    lead = workspace.create(Organization, name="Kharkiv City Council", country="UA")
    project = workspace.create(Project, title="Generators for Kharkiv", lead_id=lead.id)
    workspace.delete(Organization, lead.id)
    workspace.update(Project, project.id, progress_notes="40 generators delivered")
    with workspace.read() as session:
        assert session.get(Project, project.id).progress_notes == "40 generators delivered"
    other = workspace.create(Organization, name="Plungė District", country="LT")
    workspace.delete(Organization, other.id)
    with pytest.raises(ValidationError) as refused:
        workspace.update(Project, project.id, lead_id=other.id)
    assert refused.value.field == "lead_id"


def test_a_merged_duplicate_saved_alone_changes_the_record_it_became(workspace):
    from coordinator_app.core.views.duplicates import merge

    keep = workspace.create(Person, full_name="Олена Коваленко")
    gone = workspace.create(Person, full_name="Олена Коваленко")
    merge(workspace, "person", keep.id, gone.id)
    saved = workspace.update(Person, gone.id, notes="Зустріч у Плунге")
    assert saved.id == keep.id
    assert workspace.get(Person, keep.id).notes == "Зустріч у Плунге"


def test_a_position_saved_alone_brings_its_persons_index_and_country_up_to_date(workspace):
    from coordinator_app.core.search.query import search

    kyiv = workspace.create(Organization, name="Київська міська рада", country="UA")
    plunge = workspace.create(Organization, name="Plungės rajono savivaldybė", country="LT")
    person = workspace.create(Person, full_name="Rūta Kazlauskienė")
    position = workspace.create(Affiliation, person_id=person.id, organization_id=kyiv.id,
                                position="radnytsia")
    workspace.update(Affiliation, position.id, organization_id=plunge.id, position="merė")
    with workspace.read() as session:
        assert session.get(Person, person.id).current_country == "LT"
        assert [hit.id for hit in search(session, "merė", kinds=["person"])] == [person.id]
        assert not search(session, "radnytsia", kinds=["person"])
