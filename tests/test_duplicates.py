"""Duplicates: the same person typed twice is noticed, and merging is undoable."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from coordinator_app.core.views.duplicates import (
    duplicate_groups,
    likely_duplicates,
    merge,
    phone_key,
)
from coordinator_app.core.errors import ValidationError
from coordinator_app.core.records.models import (
    ActivityParticipant,
    Activity,
    Affiliation,
    Agreement,
    AgreementParty,
    Commitment,
    ContactPoint,
    Organization,
    Person,
    Project,
    ProjectPartner,
    Signatory,
    Tag,
    TagLink,
)
from coordinator_app.core.search.query import search


@pytest.fixture
def twice(workspace):
    """Klišonis as the association wrote him, and again from a keyboard without š."""
    with workspace.edit() as edit:
        plunge = edit.create(Organization, name="Plungės rajono savivaldybė", country="LT")
        alal = edit.create(Organization, name="Lietuvos savivaldybių asociacija", country="LT")
        kharkiv = edit.create(Organization, name="Харківська міська рада", country="UA")
        first = edit.create(Person, full_name="Audrius Klišonis", languages="lt")
        edit.create(Affiliation, person_id=first.id, organization_id=plunge.id, position="Meras")
        edit.create(ContactPoint, person_id=first.id, kind="email", value="a.klisonis@plunge.lt")
        second = edit.create(Person, full_name="Audrius Klisonis", notes="From the forum list")
        edit.create(Affiliation, person_id=second.id, organization_id=alal.id,
                    position="Prezidentas")
        edit.create(ContactPoint, person_id=second.id, kind="phone", value="+370 448 73 100")
        memo = edit.create(Agreement, title="Memorandum")
        edit.create(AgreementParty, agreement_id=memo.id, organization_id=alal.id)
        edit.create(AgreementParty, agreement_id=memo.id, organization_id=kharkiv.id)
        edit.create(Signatory, agreement_id=memo.id, person_id=second.id,
                    organization_id=alal.id, title_at_signing="Prezidentas")
        edit.create(Commitment, agreement_id=memo.id, description="Heaters",
                    owner_id=second.id)
        meeting = edit.create(Activity, title="Signing", occurs_on="2026-02-11")
        edit.create(ActivityParticipant, activity_id=meeting.id, person_id=second.id)
        tag = edit.create(Tag, name="mayors")
        edit.create(TagLink, tag_id=tag.id, entity_kind="person", entity_id=second.id)
        edit.create(TagLink, tag_id=tag.id, entity_kind="person", entity_id=first.id)
    return {"first": first.id, "second": second.id, "plunge": plunge.id, "alal": alal.id,
            "kharkiv": kharkiv.id, "memo": memo.id}


def test_a_name_without_diacritics_is_a_likely_duplicate(workspace, twice):
    with workspace.read() as session:
        hits = likely_duplicates(session, "person", {"full_name": "Audrius Klisonis"})
        assert {h.id for h in hits} == {twice["first"], twice["second"]}
        hits = likely_duplicates(session, "person", {"full_name": "Klišonis Audrius",
                                                     "id": twice["first"]})
        assert [h.id for h in hits] == [twice["second"]]
        assert likely_duplicates(session, "person", {"full_name": "Jonas Jonaitis"}) == []


def test_the_same_email_or_phone_is_a_likely_duplicate(workspace, twice):
    with workspace.read() as session:
        hits = likely_duplicates(session, "person", {"full_name": "A. K.",
                                                     "email": "A.Klisonis@plunge.lt"})
        assert [h.id for h in hits] == [twice["first"]]
        assert "same e-mail" in hits[0].subtitle
        hits = likely_duplicates(session, "person", {
            "full_name": "Someone", "contact_points": [{"kind": "phone",
                                                        "value": "+370 (448) 73-100"}]})
        assert [h.id for h in hits] == [twice["second"]]


def test_a_lithuanian_number_keys_the_same_with_or_without_its_country_code():
    assert phone_key("+370 612 34567") == phone_key("8 612 34567", "LT") == "+37061234567"
    assert phone_key("00370 612 34567") == "+37061234567"
    # Without a country the number is still read as Lithuanian: 8 is LT's trunk prefix.
    assert phone_key("8 612 34567") == "+37061234567"
    assert phone_key("+380 67 123 4567") == phone_key("067 123 4567", "UA") == "+380671234567"


def test_numbers_of_two_countries_ending_alike_differ():
    # Ukrainian and Polish numbers both have nine digits after the country code, so
    # the last nine digits alone took Mykolaiv's and a Polish mobile for one number.
    assert phone_key("+380 51 234 5678") != phone_key("+48 512 345 678")
    assert phone_key("0512 34 56 78", "UA") == phone_key("+380 51 234 5678")
    # A Lithuanian number read as Lithuanian, not as the Ukrainian one it resembles.
    assert phone_key("8 612 34567") != phone_key("+380 61 234 567")


def test_a_number_stored_in_e164_keys_as_the_same_number_written_otherwise():
    assert phone_key("+37061234567") == phone_key("+370 612 34567") == "+37061234567"
    # No valid number of any country, written both ways: still one key.
    assert phone_key("+380123456") == phone_key("+380 12 34 56") == "+380123456"


def test_a_number_no_country_reads_keys_on_its_digits():
    assert phone_key("ext. 12-34-56-78") == "12345678"
    assert phone_key("12 34") == ""


def test_numbers_of_two_countries_ending_alike_are_not_duplicates(workspace):
    with workspace.edit() as edit:
        mykolaiv = edit.create(Person, full_name="Olena Kovalenko")
        edit.create(ContactPoint, person_id=mykolaiv.id, kind="phone", value="+380 51 234 5678")
        poland = edit.create(Person, full_name="Anna Nowak")
        edit.create(ContactPoint, person_id=poland.id, kind="phone", value="+48 512 345 678")
        vilnius = edit.create(Person, full_name="Rasa Petrauskienė")
        edit.create(ContactPoint, person_id=vilnius.id, kind="phone", value="+370 5 261 2345")
        again = edit.create(Person, full_name="Jurgita Kazlauskaitė")
        edit.create(ContactPoint, person_id=again.id, kind="phone", value="8 5 261 2345")
    with workspace.read() as session:
        groups = duplicate_groups(session, "person")
        hits = likely_duplicates(session, "person", {
            "full_name": "Someone", "contact_points": [{"kind": "phone",
                                                        "value": "(8-5) 261 2345"}]})
        polish = likely_duplicates(session, "person", {"full_name": "Someone",
                                                       "phone": "+48 512 345 678"})
    assert [{h.id for h in group} for group in groups] == [{vilnius.id, again.id}]
    assert {h.id for h in hits} == {vilnius.id, again.id}
    assert [h.id for h in polish] == [poland.id]


def test_a_cyrillic_name_and_its_latin_spelling_are_duplicates(workspace):
    stored = workspace.create(Person, full_name="Ігор Терехов")
    with workspace.read() as session:
        hits = likely_duplicates(session, "person", {"full_name": "Ihor Terekhov"})
    assert [h.id for h in hits] == [stored.id]


def test_organisations_are_checked_too(workspace, twice):
    with workspace.read() as session:
        hits = likely_duplicates(session, "organization", {"name": "Plunges rajono savivaldybe"})
        assert [h.id for h in hits] == [twice["plunge"]]
        with pytest.raises(Exception, match="only people and organisations"):
            likely_duplicates(session, "agreement", {"title": "x"})


def test_merge_moves_every_relation_and_undo_puts_them_back(workspace, twice):
    keep, gone = twice["first"], twice["second"]
    change_set = merge(workspace, "person", keep, gone)
    with workspace.read() as session:
        assert session.get(Person, gone).deleted_at is not None
        kept = session.get(Person, keep)
        assert kept.notes == "From the forum list"  # blanks filled from the merged one
        assert "Audrius Klisonis" not in (kept.other_names or "")  # same name folded
        for cls, field in ((Affiliation, "person_id"), (ContactPoint, "person_id"),
                           (Signatory, "person_id"), (Commitment, "owner_id"),
                           (ActivityParticipant, "person_id")):
            rows = session.scalars(select(cls).where(cls.deleted_at.is_(None))).all()
            assert {getattr(r, field) for r in rows if getattr(r, field)} == {keep}, cls
        links = session.scalars(select(TagLink).where(TagLink.deleted_at.is_(None))).all()
        assert [link.entity_id for link in links] == [keep]  # the twin tag went
        positions = {a.position for a in session.scalars(select(Affiliation).where(
            Affiliation.person_id == keep, Affiliation.deleted_at.is_(None)))}
        assert positions == {"Meras", "Prezidentas"}
        assert [h.id for h in search(session, "klisonis", kinds=["person"])] == [keep]
        assert "Prezidentas" in search(session, "klisonis", kinds=["person"])[0].subtitle \
            or "Meras" in search(session, "klisonis", kinds=["person"])[0].subtitle

    workspace.undo(change_set)
    with workspace.read() as session:
        assert session.get(Person, gone).deleted_at is None
        assert session.get(Person, keep).notes is None
        signatory = session.scalars(select(Signatory)).one()
        assert signatory.person_id == gone
        assert len(session.scalars(select(TagLink).where(TagLink.deleted_at.is_(None))).all()) \
            == 2
        assert {h.id for h in search(session, "klisonis", kinds=["person"])} == {keep, gone}


def test_merging_organisations_keeps_one_party_per_agreement(workspace, twice):
    with workspace.edit() as edit:
        project = edit.create(Project, title="Heaters", lead_id=twice["alal"],
                              location_id=twice["kharkiv"])
        edit.create(ProjectPartner, project_id=project.id, organization_id=twice["alal"])
        member = edit.create(Organization, name="Rietavo savivaldybė", parent_id=twice["alal"])
        edit.create(AgreementParty, agreement_id=twice["memo"], organization_id=twice["plunge"])
    change_set = merge(workspace, "organization", twice["plunge"], twice["alal"])
    with workspace.read() as session:
        parties = session.scalars(select(AgreementParty).where(
            AgreementParty.deleted_at.is_(None))).all()
        assert sorted(p.organization_id for p in parties) == sorted(
            [twice["plunge"], twice["kharkiv"]])
        assert session.get(Project, project.id).lead_id == twice["plunge"]
        assert session.get(Organization, member.id).parent_id == twice["plunge"]
        signatory = session.scalars(select(Signatory)).one()
        assert signatory.organization_id == twice["plunge"]
        kept = session.get(Organization, twice["plunge"])
        assert "Lietuvos savivaldybių asociacija" in kept.other_names
    workspace.undo(change_set)
    with workspace.read() as session:
        assert session.get(Project, project.id).lead_id == twice["alal"]
        parties = session.scalars(select(AgreementParty).where(
            AgreementParty.deleted_at.is_(None))).all()
        assert len(parties) == 3


def test_merge_refuses_nonsense(workspace, twice):
    with pytest.raises(ValidationError):
        merge(workspace, "person", twice["first"], twice["first"])
    with pytest.raises(Exception, match="no person"):
        merge(workspace, "person", twice["first"], "missing")


def test_duplicate_groups_and_the_commands(workspace, twice, db_path, capsys):
    from coordinator_app.cli import main

    with workspace.read() as session:
        groups = duplicate_groups(session, "person")
    assert [{h.id for h in group} for group in groups] == [{twice["first"], twice["second"]}]
    assert main(["--db", str(db_path), "duplicates", "people", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert {r["id"] for r in printed[0]} == {twice["first"], twice["second"]}
    assert main(["--db", str(db_path), "merge", "person", twice["first"], twice["second"]]) == 0
    assert main(["--db", str(db_path), "duplicates", "person"]) == 0
    assert "no likely duplicates" in capsys.readouterr().out.lower()


def test_merge_takes_the_values_chosen_from_the_other_record(workspace, twice):
    merge(workspace, "person", twice["first"], twice["second"],
          take=["full_name", "notes"])
    kept = workspace.get("person", twice["first"])
    assert kept.full_name == "Audrius Klisonis" and kept.notes == "From the forum list"
    assert kept.languages == "lt"  # not chosen: the kept record's value stays


def test_a_name_replaced_in_a_merge_stays_as_another_spelling(workspace):
    with workspace.edit() as edit:
        first = edit.create(Person, full_name="Igor Terekhov")
        second = edit.create(Person, full_name="Ihor Terekhov")
    merge(workspace, "person", first.id, second.id, take=["full_name"])
    kept = workspace.get("person", first.id)
    assert kept.full_name == "Ihor Terekhov" and kept.other_names == "Igor Terekhov"


def test_compare_shows_both_records_field_by_field(workspace, twice):
    from coordinator_app.core.views.duplicates import compare, compared_fields

    with workspace.read() as session:
        rows = {field: (a, b) for field, a, b in compare(
            session, "person", twice["first"], twice["second"])}
    assert [field for field in rows] == compared_fields("person")
    assert "other_names" not in rows  # joined, not chosen
    assert rows["full_name"] == ("Audrius Klišonis", "Audrius Klisonis")
    assert rows["languages"] == ("lt", "")


def test_a_merge_cannot_choose_what_is_not_a_field_of_the_kind(workspace, twice):
    with pytest.raises(ValidationError, match="cannot choose"):
        merge(workspace, "person", twice["first"], twice["second"], take=["deleted_at"])
    assert workspace.get("person", twice["second"]).deleted_at is None


def test_finding_duplicate_groups_reports_progress_and_stops_when_cancelled(workspace,
                                                                           twice):
    from coordinator_app.core.errors import Cancelled

    seen = []
    with workspace.read() as session:
        groups = duplicate_groups(session, "person",
                                  progress=lambda done, total: seen.append((done, total)))
        assert groups and seen and seen[-1][0] == seen[-1][1]
        assert [done for done, _total in seen] == sorted(done for done, _total in seen)
        with pytest.raises(Cancelled):
            duplicate_groups(session, "person", cancelled=lambda: True)


def test_finding_duplicates_looks_at_cancel_by_time_not_by_a_count_of_rows(workspace,
                                                                          monkeypatch):
    """Each name takes a tenth of a second here (a busy machine reading 100,000): Cancel
    pressed after the third is heard within a few more, not after every name is read."""
    from coordinator_app.core.errors import Cancelled
    from coordinator_app.core.views import duplicates

    with workspace.edit("people") as edit:
        for number in range(30):
            edit.create("person", full_name=f"Person number {number}")
    now = [0.0]
    keyed = []
    real_key = duplicates.name_key

    def slow_key(name):
        now[0] += 0.1
        keyed.append(name)
        return real_key(name)

    monkeypatch.setattr(duplicates, "monotonic", lambda: now[0], raising=False)
    monkeypatch.setattr(duplicates, "name_key", slow_key)
    with workspace.read() as session, pytest.raises(Cancelled):
        duplicate_groups(session, "person", cancelled=lambda: len(keyed) >= 3)
    assert len(keyed) <= 3 + round(duplicates.PACE / 0.1) + 1
