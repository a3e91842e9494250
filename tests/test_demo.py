"""The demo data set: the facts of the memorandum, loaded whole in one edit, once."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from coordinator_app.core.sample import demo
from coordinator_app.core.errors import CoordinatorError
from coordinator_app.core.records.languages import in_language
from coordinator_app.core.records.models import (
    Affiliation,
    Agreement,
    AidDelivery,
    Change,
    Commitment,
    Organization,
    Person,
    PriorityArea,
    Project,
    Signatory,
)
from coordinator_app.core.views.records import describe, resolve


def _count(workspace, cls) -> int:
    with workspace.read() as session:
        return session.scalar(select(func.count()).select_from(cls)
                              .where(cls.deleted_at.is_(None)))


def test_load_demo_counts_what_it_wrote_in_one_change_set(workspace):
    counts = demo.load_demo(workspace)
    for cls in (Organization, Person, Agreement, Project, PriorityArea, AidDelivery):
        assert counts[cls.KIND] == _count(workspace, cls) > 0
    with workspace.read() as session:
        change_sets = session.scalars(select(Change.change_set).distinct()).all()
    assert change_sets == [workspace.last_change_set]


def test_the_memorandum_of_11_february_has_its_parties_and_signatories(demo_workspace):
    with demo_workspace.read() as session:
        memo = resolve(session, Agreement, demo.MEMORANDUM_TITLE)
        data = describe(session, memo)
    assert memo.signed_on == date(2026, 2, 11)
    assert {p["organization"] for p in data["parties"]} == {demo.UA_ASSOCIATION,
                                                            demo.LT_ASSOCIATION}
    assert {s["person"]: s["organization"] for s in data["signatories"]} == {
        demo.TEREKHOV: demo.UA_ASSOCIATION, demo.KLISONIS: demo.LT_ASSOCIATION}
    assert {"Energy resilience", "European integration", "Infrastructure recovery",
            "Modern city services", "Long-term community development"} \
        <= set(data["priority_areas"])
    assert any(source["title"].startswith("Украинские прифронтовые") for source in
               data["sources"])


def test_terekhov_is_mayor_of_kharkiv_and_head_of_the_association(demo_workspace):
    with demo_workspace.read() as session:
        terekhov = resolve(session, Person, demo.TEREKHOV)
        places = {a.organization.name: a.position for a in session.scalars(
            select(Affiliation).where(Affiliation.person_id == terekhov.id))}
    assert terekhov.latin_name == "Ihor Terekhov"
    assert set(places) == {demo.KHARKIV, demo.UA_ASSOCIATION}


def test_generators_and_heaters_were_delivered(demo_workspace):
    with demo_workspace.read() as session:
        items = [(d.item, d.quantity, d.recipient.name) for d in session.scalars(
            select(AidDelivery))]
    assert any("generator" in item and to == demo.KHARKIV and quantity == 40
               for item, quantity, to in items)
    assert sum(quantity for item, quantity, _ in items if "heater" in item) >= 1000


def test_dashboard_dates_are_relative_to_today(demo_workspace):
    today = date.today()
    with demo_workspace.read() as session:
        expiring = session.scalars(select(Agreement).where(
            Agreement.expires_on.between(today, today + timedelta(days=90)))).all()
        open_commitments = session.scalars(select(Commitment).where(
            Commitment.status.in_(("open", "in_progress")))).all()
    assert len(expiring) >= 2
    assert any(c.due_on < today for c in open_commitments)
    assert any(today <= c.due_on <= today + timedelta(days=30) for c in open_commitments)


def test_agreements_cover_every_status_and_budgets_are_minor_units(demo_workspace):
    with demo_workspace.read() as session:
        statuses = set(session.scalars(select(Agreement.status)))
        budgets = session.execute(select(Project.budget_minor, Project.currency)).all()
    assert statuses == {"draft", "negotiation", "signed", "active", "expired", "terminated"}
    assert all(isinstance(minor, int) and currency in ("EUR", "UAH", "USD")
               for minor, currency in budgets)


def test_loading_twice_is_refused_and_writes_nothing(demo_workspace):
    before = _count(demo_workspace, Organization)
    with pytest.raises(CoordinatorError, match="already loaded"):
        demo.load_demo(demo_workspace)
    assert _count(demo_workspace, Organization) == before


def test_the_demo_can_be_loaded_again_after_its_memorandum_is_deleted(demo_workspace):
    with demo_workspace.read() as session:
        memo_id = resolve(session, Agreement, demo.MEMORANDUM_TITLE).id
    demo_workspace.delete(Agreement, memo_id)
    counts = demo.load_demo(demo_workspace)
    assert counts.get(PriorityArea.KIND, 0) == 0  # the vocabulary was already there
    assert counts[Agreement.KIND] == 8


def test_priority_areas_are_ensured_once_in_three_languages(workspace):
    demo.ensure_priority_areas(workspace)
    first_change_set = workspace.last_change_set
    demo.ensure_priority_areas(workspace)
    assert workspace.last_change_set == first_change_set  # no empty edit the second time
    with workspace.read() as session:
        areas = session.scalars(select(PriorityArea)).all()
    assert len(areas) == len(demo.PRIORITY_AREAS) == 10
    energy = next(a for a in areas if a.name == "Energy resilience")
    assert in_language(energy, "name", "uk") == "Енергетична стійкість"
    assert in_language(energy, "name", "lt") == "Energetinis atsparumas"


def test_ensure_respects_areas_the_user_renamed_or_deleted(workspace):
    demo.ensure_priority_areas(workspace)
    with workspace.read() as session:
        energy = session.scalars(select(PriorityArea).where(
            PriorityArea.name == "Energy resilience")).one()
        business = session.scalars(select(PriorityArea).where(
            PriorityArea.name == "Small and medium business")).one()
    workspace.update(PriorityArea, energy.id, name="Energy security")
    workspace.delete(PriorityArea, business.id)
    demo.ensure_priority_areas(workspace)
    assert _count(workspace, PriorityArea) == 9


def test_every_demo_signatory_signs_for_a_party(demo_workspace):
    with demo_workspace.read() as session:
        signatories = session.scalars(select(Signatory)).all()
        assert signatories
        for signatory in signatories:
            parties = {p.organization_id for p in session.get(
                Agreement, signatory.agreement_id).parties}
            assert signatory.organization_id in parties


def test_the_memorandum_carries_a_briefing_note(demo_workspace):
    from coordinator_app.core.records.attachments import attachment_bytes
    from coordinator_app.core.records.models import Attachment

    with demo_workspace.read() as session:
        note = session.scalars(select(Attachment)).one()
    assert note.owner_kind == "agreement" and note.media_type == "text/plain"
    assert "Ігор Терехов" in attachment_bytes(demo_workspace, note.id).decode("utf-8")


def test_a_demo_that_fails_midway_leaves_the_database_empty(workspace, monkeypatch):
    from coordinator_app.core.sample import demo_projects
    from coordinator_app.core.errors import ValidationError
    from coordinator_app.core.records.models import Activity

    def broken_activities(b, *args):
        b.add(Activity, title="A meeting with no date")  # refused by the rules

    monkeypatch.setattr(demo_projects, "activities", broken_activities)
    with pytest.raises(ValidationError, match="needs a date"):
        demo.load_demo(workspace)
    for cls in (Organization, Person, Agreement, Project, PriorityArea):
        assert _count(workspace, cls) == 0
    with workspace.read() as session:
        assert session.scalars(select(Change)).all() == []


def test_every_text_of_the_demo_reads_in_ukrainian_lithuanian_and_english(demo_workspace):
    """Titles, purposes, commitments, milestones, needs and names: each in all three
    languages, with its original named. A company keeps its own name (only its English
    trading name is known)."""
    from coordinator_app.core.records import languages, registry
    from coordinator_app.core.records.tombstones import alive

    gaps, originals = [], set()
    with demo_workspace.read() as session:
        for model in registry.MODELS:
            for field in model.TRANSLATABLE:
                for obj in session.scalars(select(model).where(alive(model))):
                    if getattr(obj, field) is None:
                        continue
                    originals.add(languages.original(obj, field))
                    if languages.missing(obj, field):
                        gaps.append((model.KIND, field, getattr(obj, field)))
    assert gaps == [("organization", "name", "UAB „Šilumos sprendimai“")]
    assert originals == {"uk", "lt", "en"}


def test_an_english_text_naming_a_lithuanian_town_keeps_english_as_its_original(
        demo_workspace):
    from coordinator_app.core.records import languages

    with demo_workspace.read() as session:
        agreement = session.scalar(select(Agreement).where(
            Agreement.title.like("Letter of intent Kherson%")))
        assert languages.values(agreement, "purpose") == {
            "uk": "Відбудова школи, пошкодженої обстрілом, разом з інженерами з Паневежиса.",
            "lt": "Apšaudymo apgadintos mokyklos atstatymas kartu su Panevėžio inžinieriais.",
            "en": "Reconstruction of a school damaged by shelling, with Panevėžys engineers.",
            "original": "en"}
