"""The service layer: validation, one transaction per edit, journal, tombstones, undo."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import select

from coordinator_app.core.errors import ValidationError
from coordinator_app.core.models import (
    Agreement,
    AgreementParty,
    Change,
    Organization,
    Person,
    Signatory,
)


def test_a_signed_memorandum_is_written_whole_and_journaled(workspace):
    kharkiv = workspace.create(Organization, name="Харківська міська рада", country="ua")
    with workspace.edit("Add memorandum") as edit:
        memo = edit.create(Agreement, title="Меморандум", status="signed", signed_on="2026-02-11")
        edit.create(AgreementParty, agreement_id=memo.id, organization_id=kharkiv.id)
        terekhov = edit.create(Person, full_name="Ігор Терехов", latin_name="Ihor Terekhov")
        edit.create(Signatory, agreement_id=memo.id, person_id=terekhov.id,
                    organization_id=kharkiv.id, title_at_signing="Міський голова")
    assert kharkiv.country == "UA"
    with workspace.read() as session:
        changes = session.scalars(
            select(Change).where(Change.change_set == edit.change_set)).all()
    assert [c.entity for c in changes] == ["agreement", "agreement_party", "person", "signatory"]
    assert {c.device_id for c in changes} == {workspace.db.device_id}


def test_a_failed_step_leaves_nothing_behind(workspace, db_path):
    kharkiv = workspace.create(Organization, name="Kharkiv")
    plunge = workspace.create(Organization, name="Plungė")
    with pytest.raises(ValidationError, match="one of the agreement's parties"):
        with workspace.edit() as edit:
            memo = edit.create(Agreement, title="Memo")
            edit.create(AgreementParty, agreement_id=memo.id, organization_id=kharkiv.id)
            person = edit.create(Person, full_name="Audrius Klišonis")
            edit.create(Signatory, agreement_id=memo.id, person_id=person.id,
                        organization_id=plunge.id)
    raw = sqlite3.connect(db_path)
    assert raw.execute("select count(*) from agreements").fetchone() == (0,)
    assert raw.execute("select count(*) from people").fetchone() == (0,)


def test_expiry_before_signing_is_refused(workspace):
    memo = workspace.create(Agreement, title="Memo", signed_on="2026-02-11")
    with pytest.raises(ValidationError) as caught:
        workspace.update(Agreement, memo.id, expires_on="2026-01-01")
    assert caught.value.field == "expires_on"
    assert workspace.get(Agreement, memo.id).expires_on is None


def test_delete_is_a_tombstone_and_undo_brings_back_what_went_with_it(workspace):
    org = workspace.create(Organization, name="Plungė")
    with workspace.edit() as edit:
        memo = edit.create(Agreement, title="Memo")
        edit.create(AgreementParty, agreement_id=memo.id, organization_id=org.id)
    workspace.delete(Agreement, memo.id)
    deleted = workspace.get(Agreement, memo.id, deleted=True)
    assert deleted.deleted_at is not None
    with workspace.read() as session:
        party = session.scalars(select(AgreementParty)).one()
        assert party.deleted_at is not None
    workspace.undo(workspace.last_change_set)
    with workspace.read() as session:
        assert session.get(Agreement, memo.id).deleted_at is None
        assert session.scalars(select(AgreementParty)).one().deleted_at is None


def test_text_is_stored_nfc(workspace):
    decomposed = "Kli\u0073\u030conis"  # s + combining caron
    person = workspace.create(Person, full_name=decomposed)
    assert person.full_name == "Klišonis"
