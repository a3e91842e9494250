"""Invariant 2: every change is in the journal (entity, id, field, old -> new, when,
device), one change set per edit; undo and redo are new change sets read from it."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import func, select

from coordinator_app.core.errors import CoordinatorError, ValidationError
from coordinator_app.core.records.models import (
    Agreement,
    AgreementParty,
    Change,
    Organization,
    Person,
    Signatory,
)


def changes(workspace, change_set=None) -> list[Change]:
    with workspace.read() as session:
        query = select(Change).order_by(Change.seq)
        if change_set is not None:
            query = query.where(Change.change_set == change_set)
        return list(session.scalars(query))


def count(workspace) -> int:
    with workspace.read() as session:
        return session.scalar(select(func.count()).select_from(Change))


def test_a_new_record_is_journaled_with_its_fields_when_and_where(workspace):
    before = datetime.now(timezone.utc)
    with workspace.edit("Add Plungė") as edit:
        org = edit.create(Organization, name="Plungės rajono savivaldybė", country="lt")
    [change] = changes(workspace, edit.change_set)
    assert (change.action, change.entity, change.entity_id, change.field) == (
        "create", "organization", org.id, None)
    assert change.label == "Add Plungė"
    assert change.device_id == workspace.db.device_id
    assert change.at.tzinfo == timezone.utc and change.at >= before
    snapshot = json.loads(change.new)
    assert snapshot["name"] == "Plungės rajono savivaldybė" and snapshot["country"] == "LT"
    assert "created_at" not in snapshot and "device_id" not in snapshot


def test_an_update_journals_each_changed_field_old_to_new(workspace):
    memo = workspace.create(Agreement, title="Memo", status="draft")
    workspace.update(Agreement, memo.id, status="signed", signed_on="2026-02-11", title="Memo")
    update = changes(workspace, workspace.last_change_set)
    assert {(c.action, c.field, c.old, c.new) for c in update} == {
        ("update", "status", '"draft"', '"signed"'),
        ("update", "signed_on", None, '"2026-02-11"'),
    }  # the title was set to what it already was: not a change


def test_an_update_that_changes_nothing_writes_nothing(workspace):
    org = workspace.create(Organization, name="Kaunas")
    before = count(workspace)
    workspace.update(Organization, org.id, name="  Kaunas ")  # trimmed: the same name
    assert count(workspace) == before


def test_one_edit_is_one_change_set_in_writing_order(workspace):
    with workspace.edit() as edit:
        org = edit.create(Organization, name="Kharkiv")
        memo = edit.create(Agreement, title="Memo")
        edit.create(AgreementParty, agreement_id=memo.id, organization_id=org.id)
        edit.update(Agreement, memo.id, purpose="Recovery")
    logged = changes(workspace, edit.change_set)
    assert [(c.entity, c.action) for c in logged] == [
        ("organization", "create"), ("agreement", "create"), ("agreement_party", "create"),
        ("agreement", "update")]
    seqs = [c.seq for c in logged]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)


def test_a_failed_edit_leaves_no_trace_in_the_journal(workspace):
    before = count(workspace)
    with pytest.raises(ValidationError):
        with workspace.edit() as edit:
            edit.create(Organization, name="Vilnius")
            edit.create(Organization, name="")
    assert count(workspace) == before
    workspace.create(Organization, name="Vilnius")  # and the next edit numbers on cleanly
    assert count(workspace) == before + 1


def test_delete_and_restore_are_journaled(workspace):
    person = workspace.create(Person, full_name="Tomas Jankauskas")
    workspace.delete(Person, person.id)
    [deleted] = changes(workspace, workspace.last_change_set)
    assert (deleted.action, deleted.field, deleted.old) == ("delete", "deleted_at", None)
    workspace.restore(Person, person.id)
    [restored] = changes(workspace, workspace.last_change_set)
    assert (restored.action, restored.old, restored.new) == ("restore", deleted.new, None)


def test_undo_and_redo_of_an_update(workspace):
    memo = workspace.create(Agreement, title="Memo", signed_on="2026-02-10")
    workspace.update(Agreement, memo.id, signed_on="2026-02-11", signed_place="Kharkiv")
    edit_set = workspace.last_change_set
    undo_set = workspace.undo(edit_set)
    undone = workspace.get(Agreement, memo.id)
    assert undone.signed_on == date(2026, 2, 10) and undone.signed_place is None
    assert {c.field for c in changes(workspace, undo_set)} == {"signed_on", "signed_place"}
    workspace.undo(undo_set)  # undoing the undo is redo
    redone = workspace.get(Agreement, memo.id)
    assert redone.signed_on == date(2026, 2, 11) and redone.signed_place == "Kharkiv"


def test_undo_of_a_creation_tombstones_and_redo_brings_it_back(workspace):
    with workspace.edit() as edit:
        org = edit.create(Organization, name="Klaipėda")
    undo_set = workspace.undo(edit.change_set)
    assert workspace.get(Organization, org.id, deleted=True).deleted_at is not None
    workspace.undo(undo_set)
    assert workspace.get(Organization, org.id).deleted_at is None


def test_undo_is_refused_when_the_record_changed_again_since(workspace):
    org = workspace.create(Organization, name="Sumy")
    workspace.update(Organization, org.id, region="Сумська область")
    first = workspace.last_change_set
    workspace.update(Organization, org.id, region="Sumy oblast")
    before = count(workspace)
    with pytest.raises(CoordinatorError, match="changed again since"):
        workspace.undo(first)
    assert count(workspace) == before
    assert workspace.get(Organization, org.id).region == "Sumy oblast"


def test_undoing_a_party_that_a_later_signatory_needs_is_refused(workspace):
    kharkiv = workspace.create(Organization, name="Kharkiv")
    memo = workspace.create(Agreement, title="Memo")
    with workspace.edit() as edit:
        edit.create(AgreementParty, agreement_id=memo.id, organization_id=kharkiv.id)
    party_set = edit.change_set
    with workspace.edit() as edit:
        person = edit.create(Person, full_name="Ігор Терехов")
        edit.create(Signatory, agreement_id=memo.id, person_id=person.id,
                    organization_id=kharkiv.id)
    with pytest.raises(ValidationError, match="signatories or commitments"):
        workspace.undo(party_set)
    with workspace.read() as session:
        assert session.scalars(select(AgreementParty.deleted_at)).all() == [None]


def test_undo_of_something_unknown_says_so(workspace):
    with pytest.raises(CoordinatorError, match="nothing to undo"):
        workspace.undo("no-such-change-set")


def test_journal_values_are_json_text_that_survives_non_latin_text(workspace):
    person = workspace.create(Person, full_name="Олена Ковальчук")
    workspace.update(Person, person.id, full_name="Олена Ковальчук-Петренко")
    [change] = changes(workspace, workspace.last_change_set)
    assert json.loads(change.old) == "Олена Ковальчук"
    assert "Петренко" in change.new  # stored readable, not as \\u escapes
