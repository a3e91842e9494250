"""The service layer: validation, one transaction per edit, journal, tombstones, undo."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from coordinator_app.core.errors import ValidationError
from coordinator_app.core.records.models import (
    Agreement,
    AgreementParty,
    Change,
    Organization,
    Person,
    Signatory,
)
from support.encryption import connect_file


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
    raw = connect_file(db_path)
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


# --- every rule refuses with a message and writes nothing ---------------------------------

from coordinator_app.core.records.models import (  # noqa: E402
    ActivityParticipant,
    Activity,
    AgreementPriorityArea,
    AidDelivery,
    Commitment,
    ContactPoint,
    PriorityArea,
    Project,
    ProjectPartner,
)
from coordinator_app.core.errors import CoordinatorError  # noqa: E402


@pytest.fixture
def memo_world(workspace):
    """A memorandum between Kharkiv and Plungė, and a third municipality outside it."""
    with workspace.edit() as edit:
        kharkiv = edit.create(Organization, name="Kharkiv")
        plunge = edit.create(Organization, name="Plungė")
        kaunas = edit.create(Organization, name="Kaunas")
        memo = edit.create(Agreement, title="Memo")
        for org in (kharkiv, plunge):
            edit.create(AgreementParty, agreement_id=memo.id, organization_id=org.id)
        person = edit.create(Person, full_name="Audrius Klišonis")
        project = edit.create(Project, title="Generators")
        activity = edit.create(Activity, title="Signing", occurs_on="2026-02-11")
    return {"kharkiv": kharkiv.id, "plunge": plunge.id, "kaunas": kaunas.id, "memo": memo.id,
            "person": person.id, "project": project.id, "activity": activity.id}


def _journal_size(workspace) -> int:
    with workspace.read() as session:
        return len(session.scalars(select(Change.id)).all())


REFUSALS = [
    # (what, kind, values built from the world, field named in the error, words of the message)
    ("expiry before signing", Agreement,
     lambda w: {"title": "M", "signed_on": "2026-02-11", "expires_on": "2026-02-10"},
     "expires_on", "expire before it is signed"),
    ("expiry before taking effect", Agreement,
     lambda w: {"title": "M", "effective_from": "2026-03-01", "expires_on": "2026-02-01"},
     "expires_on", "takes effect"),
    ("signed without a date", Agreement, lambda w: {"title": "M", "status": "signed"},
     "signed_on", "date of signing"),
    ("unknown agreement status", Agreement, lambda w: {"title": "M", "status": "finished"},
     "status", "is not one of"),
    ("signatory not from a party", Signatory,
     lambda w: {"agreement_id": w["memo"], "person_id": w["person"],
                "organization_id": w["kaunas"]}, "organization_id", "agreement's parties"),
    ("commitment of a non-party", Commitment,
     lambda w: {"agreement_id": w["memo"], "description": "Deliver", "party_id": w["kaunas"]},
     "party_id", "party of the agreement"),
    ("party twice", AgreementParty,
     lambda w: {"agreement_id": w["memo"], "organization_id": w["kharkiv"]},
     "organization_id", "already a party"),
    ("negative quantity", AidDelivery,
     lambda w: {"project_id": w["project"], "item": "Generators", "quantity": -40},
     "quantity", "more than zero"),
    ("zero quantity", AidDelivery,
     lambda w: {"project_id": w["project"], "item": "Heaters", "quantity": "0"},
     "quantity", "more than zero"),
    ("quantity that is not a number", AidDelivery,
     lambda w: {"project_id": w["project"], "item": "Heaters", "quantity": "many"},
     "quantity", "not a number"),
    ("unknown currency", Project,
     lambda w: {"title": "P", "budget_minor": 100, "currency": "EUX"}, "currency", "ISO 4217"),
    ("budget without currency", Project, lambda w: {"title": "P", "budget_minor": 100},
     "currency", "needs its currency"),
    ("negative budget", Project,
     lambda w: {"title": "P", "budget_minor": -1, "currency": "EUR"}, "budget_minor",
     "cannot be negative"),
    ("fractional minor units", Project,
     lambda w: {"title": "P", "budget_minor": "12.50", "currency": "EUR"}, "budget_minor",
     "whole number"),
    ("negative contribution", ProjectPartner,
     lambda w: {"project_id": w["project"], "organization_id": w["plunge"],
                "contribution_minor": -5}, "contribution_minor", "cannot be negative"),
    ("malformed e-mail", ContactPoint,
     lambda w: {"person_id": w["person"], "kind": "email", "value": "audrius.plunge.lt"},
     "value", "not an e-mail address"),
    ("malformed phone", ContactPoint,
     lambda w: {"person_id": w["person"], "kind": "phone", "value": "call me"},
     "value", "not a phone number"),
    ("viber that is not a phone", ContactPoint,
     lambda w: {"person_id": w["person"], "kind": "viber", "value": "audrius"},
     "value", "not a phone number"),
    ("malformed telegram", ContactPoint,
     lambda w: {"person_id": w["person"], "kind": "telegram", "value": "@ab"},
     "value", "Telegram username"),
    ("malformed signal", ContactPoint,
     lambda w: {"person_id": w["person"], "kind": "signal", "value": "audrius k"},
     "value", "Signal username"),
    ("contact of nobody", ContactPoint, lambda w: {"kind": "telegram", "value": "@demo"},
     "person_id", "exactly one person or organisation"),
    ("unknown country", Organization, lambda w: {"name": "Atlantis", "country": "XX"},
     "country", "ISO 3166"),
    ("a grouping of countries", Organization, lambda w: {"name": "Commission", "country": "EU"},
     "country", "ISO 3166"),
    ("organisation without a name", Organization, lambda w: {"name": "   "},
     "name", "needs a name"),
    ("bad web address", Organization, lambda w: {"name": "X", "website": "not a url"},
     "website", "not a web address"),
    ("impossible date", Agreement, lambda w: {"title": "M", "signed_on": "2026-02-30"},
     "signed_on", "not a date"),
    ("activity without a date", Activity, lambda w: {"title": "Call"}, "occurs_on",
     "needs a date"),
    ("participant who is nobody", ActivityParticipant,
     lambda w: {"activity_id": w["activity"]}, "person_id", "a person or an organisation"),
    ("participant of no activity", ActivityParticipant,
     lambda w: {"person_id": w["person"]}, "activity_id", "belongs to"),
    ("delivery of no project", AidDelivery, lambda w: {"item": "Heaters", "quantity": 5},
     "project_id", "belongs to"),
    ("link to a missing record", Commitment,
     lambda w: {"agreement_id": w["memo"], "description": "X", "owner_id": "no-such-person"},
     "owner_id", "no longer exists"),
    ("field that does not exist", Organization, lambda w: {"name": "X", "mayor": "Y"},
     "mayor", "no such field"),
    ("stamp set by hand", Organization, lambda w: {"name": "X", "device_id": "forged"},
     "device_id", "no such field"),
]


@pytest.mark.parametrize("what, kind, values, field, words", REFUSALS,
                         ids=[r[0] for r in REFUSALS])
def test_bad_input_is_refused_whole(workspace, memo_world, what, kind, values, field, words):
    before = _journal_size(workspace)
    with pytest.raises(CoordinatorError) as caught:
        with workspace.edit() as edit:
            edit.create(Organization, name="Written in the same edit")
            edit.create(kind, **values(memo_world))
    assert words in str(caught.value)
    if isinstance(caught.value, ValidationError) and field:
        assert caught.value.field == field
    assert _journal_size(workspace) == before
    with workspace.read() as session:
        assert session.scalars(select(Organization).where(
            Organization.name == "Written in the same edit")).all() == []


def test_an_organisation_cannot_be_its_own_member(workspace):
    parent = workspace.create(Organization, name="Association")
    child = workspace.create(Organization, name="Kharkiv", parent_id=parent.id)
    with pytest.raises(ValidationError, match="member of itself"):
        workspace.update(Organization, parent.id, parent_id=child.id)
    assert workspace.get(Organization, parent.id).parent_id is None


def test_a_party_with_signatories_cannot_be_removed_alone(workspace, memo_world):
    with workspace.edit() as edit:
        edit.create(Signatory, agreement_id=memo_world["memo"], person_id=memo_world["person"],
                    organization_id=memo_world["plunge"])
    with workspace.read() as session:
        party = session.scalars(select(AgreementParty).where(
            AgreementParty.organization_id == memo_world["plunge"])).one()
    with pytest.raises(ValidationError, match="Remove those first"):
        workspace.delete(AgreementParty, party.id)
    assert workspace.get(AgreementParty, party.id).deleted_at is None
    workspace.delete(Agreement, memo_world["memo"])  # the whole agreement may go, with both


def test_a_priority_area_is_listed_once(workspace, memo_world):
    area = workspace.create(PriorityArea, name="Energy resilience")
    with pytest.raises(ValidationError, match="already a priority area"):
        workspace.create(PriorityArea, name="energy resilience")
    workspace.create(AgreementPriorityArea, agreement_id=memo_world["memo"],
                     priority_area_id=area.id)
    with pytest.raises(ValidationError, match="already there"):
        workspace.create(AgreementPriorityArea, agreement_id=memo_world["memo"],
                         priority_area_id=area.id)


def test_values_from_forms_are_coerced_to_their_columns(workspace, memo_world):
    delivery = workspace.create(AidDelivery, project_id=memo_world["project"],
                                item="Heaters", quantity="12,5", delivered_on="2026-01-22")
    assert delivery.quantity == 12.5
    with pytest.raises(ValidationError, match="not a number"):
        workspace.create(AidDelivery, project_id=memo_world["project"], item="X",
                         quantity=True)
    org = workspace.create(Organization, name=2026)  # a number typed as a name stays text
    assert org.name == "2026"


@pytest.mark.parametrize("kind, value", [
    ("telegram", "@olena_kov_demo"), ("telegram", "https://t.me/kharkiv_city"),
    ("telegram", "+380 67 000 1122"), ("signal", "ruta.42"), ("signal", "+370 600 00 101"),
    ("whatsapp", "+380 95 000 9900"), ("email", "ruta.petrauskiene@lsa.example.org"),
    ("other", "Zoom: 123 456 789"),
])
def test_usual_contact_forms_are_accepted(workspace, kind, value):
    person = workspace.create(Person, full_name="Rūta Petrauskienė")
    contact = workspace.create(ContactPoint, person_id=person.id, kind=kind, value=value)
    assert contact.value == value


def test_an_organisation_goes_with_its_contacts_and_positions_and_comes_back(workspace):
    with workspace.edit() as edit:
        plunge = edit.create(Organization, name="Plungė")
        phone = edit.create(ContactPoint, organization_id=plunge.id, kind="phone",
                            value="+370 448 00 010")
        person = edit.create(Person, full_name="Tomas Jankauskas")
        from coordinator_app.core.records.models import Affiliation

        job = edit.create(Affiliation, person_id=person.id, organization_id=plunge.id)
    workspace.delete(Organization, plunge.id)
    assert workspace.get(ContactPoint, phone.id, deleted=True).deleted_at is not None
    assert workspace.get(Affiliation, job.id, deleted=True).deleted_at is not None
    assert workspace.get(Person, person.id).deleted_at is None  # the person stays
    workspace.restore(Organization, plunge.id)
    assert workspace.get(ContactPoint, phone.id).deleted_at is None
    assert workspace.get(Affiliation, job.id).deleted_at is None


def test_a_party_or_a_signatory_cannot_be_deleted_from_under_an_agreement(workspace,
                                                                           memo_world):
    with workspace.edit() as edit:
        edit.create(Signatory, agreement_id=memo_world["memo"], person_id=memo_world["person"],
                    organization_id=memo_world["plunge"])
    with pytest.raises(ValidationError, match="is a party to this agreement: “Memo”"):
        workspace.delete(Organization, memo_world["kharkiv"])
    with pytest.raises(ValidationError, match="signed this agreement: “Memo”"):
        workspace.delete(Person, memo_world["person"])
    assert workspace.get(Organization, memo_world["kharkiv"]).deleted_at is None
    workspace.delete(Agreement, memo_world["memo"])  # once the agreement is gone, they may go
    workspace.delete(Organization, memo_world["kharkiv"])
    workspace.delete(Person, memo_world["person"])


def test_every_country_babel_names_is_accepted(workspace):
    from babel import Locale

    from coordinator_app.core.records.vocab import COUNTRIES

    # Taken from CLDR rather than typed out: Ukraine, Lithuania, Kosovo are there;
    # groupings (EU, UN, the eurozone) are not countries an organisation is in.
    assert {"UA", "LT", "PL", "XK"} <= COUNTRIES
    assert not {"EU", "UN", "EZ", "ZZ", "QO"} & COUNTRIES
    assert COUNTRIES <= set(Locale.parse("uk").territories)
    assert workspace.create(Organization, name="Prishtina", country="xk").country == "XK"


def test_an_edit_refused_in_its_bookkeeping_is_reported_and_writes_nothing(workspace, db_path):
    # The journal, sync and search index statements go straight to the driver; a
    # driver error there must still come out as the service's own error, whole edit undone.
    person = workspace.create(Person, full_name="Audrius Klišonis", notes="Plungė")
    raw = connect_file(db_path)
    raw.execute("CREATE TRIGGER refuse_heads BEFORE INSERT ON sync_heads "
                "BEGIN SELECT RAISE(ABORT, 'refused'); END")
    raw.commit()
    raw.close()
    with pytest.raises(ValidationError):
        workspace.update(Person, person.id, notes="Vilnius")
    assert workspace.get(Person, person.id).notes == "Plungė"
    with workspace.read() as session:
        assert session.scalars(select(Change.field).where(
            Change.entity_id == person.id)).all() == [None]
