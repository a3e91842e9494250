"""What a record takes part in, a click away: an organisation's agreements, projects
and meetings; a person's signatures and meetings. Deleted records and links to them
are not listed."""

from __future__ import annotations

from datetime import date

from coordinator_app.core.views import related
from coordinator_app.core.records.models import (
    Activity,
    ActivityParticipant,
    Agreement,
    AgreementParty,
    Organization,
    Person,
    Project,
    ProjectPartner,
    Signatory,
)
from support.editors import open_editor, settle


def _world(workspace):
    with workspace.edit("world") as edit:
        city = edit.create(Organization, name="Plungės rajono savivaldybė")
        other = edit.create(Organization, name="Харківська міська рада")
        mayor = edit.create(Person, full_name="Audrius Klišonis")
        signed = edit.create(Agreement, title="Partnership", status="active",
                             signed_on=date(2025, 11, 20))
        edit.create(AgreementParty, agreement_id=signed.id, organization_id=city.id)
        edit.create(Signatory, agreement_id=signed.id, person_id=mayor.id,
                    organization_id=city.id, title_at_signing="Mayor")
        older = edit.create(Agreement, title="Letter of intent", status="expired",
                            signed_on=date(2023, 5, 2))
        edit.create(AgreementParty, agreement_id=older.id, organization_id=city.id)
        edit.create(Signatory, agreement_id=older.id, person_id=mayor.id,
                    organization_id=city.id)
        dropped = edit.create(Agreement, title="Dropped draft")
        party = edit.create(AgreementParty, agreement_id=dropped.id, organization_id=city.id)
        led = edit.create(Project, title="Generators", lead_id=city.id, status="active",
                          start_on=date(2025, 12, 1))
        partnered = edit.create(Project, title="School in Kherson", location_id=other.id,
                                start_on=date(2026, 1, 10))
        edit.create(ProjectPartner, project_id=partnered.id, organization_id=city.id)
        edit.create(Project, title="Not theirs", lead_id=other.id)
        visit = edit.create(Activity, title="Study visit", kind="visit",
                            occurs_on=date(2026, 3, 4))
        edit.create(ActivityParticipant, activity_id=visit.id, organization_id=city.id)
        edit.create(ActivityParticipant, activity_id=visit.id, person_id=mayor.id)
        call = edit.create(Activity, title="Call", kind="call", occurs_on=date(2026, 4, 1))
        edit.create(ActivityParticipant, activity_id=call.id, person_id=mayor.id)
    workspace.delete("agreement_party", party.id)
    workspace.delete("activity", call.id)
    return city, mayor, signed, older, led, partnered, visit


def test_an_organisations_agreements_projects_and_meetings(workspace):
    city, _mayor, signed, older, led, partnered, visit = _world(workspace)
    with workspace.read() as session:
        agreements, total = related.agreements_of(session, city.id)
        assert [(a.title, a.detail) for a in agreements] == [("Partnership", "active"),
                                                             ("Letter of intent", "expired")]
        assert total == 2  # the draft's party line was deleted
        projects, _total = related.projects_of(session, city.id)
        assert [(p.id, p.title) for p in projects] == [(partnered.id, "School in Kherson"),
                                                       (led.id, "Generators")]
        meetings, _total = related.activities_of(session, "organization", city.id)
        assert [(m.kind, m.id, m.detail) for m in meetings] == [("activity", visit.id, "visit")]


def test_a_persons_signatures_and_meetings_latest_first(workspace):
    _city, mayor, signed, older, *_rest, visit = _world(workspace)
    with workspace.read() as session:
        signatures, _total = related.agreements_signed_by(session, mayor.id)
        assert [(s.id, s.detail) for s in signatures] == [(signed.id, "Mayor"), (older.id, None)]
        meetings, _total = related.activities_of(session, "person", mayor.id)
        assert [m.title for m in meetings] == ["Study visit"]  # the call was deleted
    workspace.delete("agreement", signed.id)
    with workspace.read() as session:
        assert [s.id for s in related.agreements_signed_by(session, mayor.id)[0]] == [older.id]


def test_a_long_list_stops_and_says_how_many_there_are(workspace):
    with workspace.edit("many") as edit:
        city = edit.create(Organization, name="Asociacija")
        for number in range(5):
            edit.create(Project, title=f"Project {number}", lead_id=city.id)
    with workspace.read() as session:
        found, total = related.projects_of(session, city.id, limit=3)
    assert len(found) == 3 and total == 5


def test_the_organisation_editor_lists_them_and_opens_each(qtbot, context):
    city, _mayor, signed, *_rest = _world(context.workspace)
    editor = open_editor("organization", context, qtbot)
    editor.show_record(city.id)
    texts = [editor.agreements.list.item(i).text()
             for i in range(editor.agreements.list.count())]
    assert texts == ["Partnership · Active · 20 Nov 2025",
                     "Letter of intent · Expired · 2 May 2023"]
    assert editor.projects.list.count() == 2 and editor.activities.list.count() == 1
    opened = []
    context.open_requested.connect(lambda kind, record_id: opened.append((kind, record_id)))
    editor.agreements.list.itemActivated.emit(editor.agreements.list.item(0))
    assert opened == [("agreement", signed.id)]


def test_the_person_editor_lists_what_they_signed_and_their_meetings(qtbot, context):
    _city, mayor, _signed, _older, _led, _partnered, visit = _world(context.workspace)
    editor = open_editor("person", context, qtbot)
    editor.show_record(mayor.id)
    settle(qtbot)
    assert editor.signed.list.item(0).text() == "Partnership · Mayor · 20 Nov 2025"
    assert editor.activities.list.item(0).text() == "Study visit · Visit · 4 Mar 2026"
    opened = []
    context.open_requested.connect(lambda kind, record_id: opened.append((kind, record_id)))
    editor.activities.list.itemActivated.emit(editor.activities.list.item(0))
    assert opened == [("activity", visit.id)]
    editor.show_record(None)
    assert editor.signed.list.item(0).text() == "Has signed no agreement."
