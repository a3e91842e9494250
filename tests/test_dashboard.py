"""What needs attention: commitments, expiring agreements, projects, recent changes."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from coordinator_app.core.views import dashboard
from coordinator_app.core.records.models import (
    Agreement,
    Commitment,
    ContactPoint,
    Organization,
    Person,
    Project,
)

TODAY = date(2026, 3, 1)


def _agreement_with_commitments(workspace, title="Memorandum", **agreement):
    with workspace.edit("agreement") as edit:
        record = edit.create(Agreement, title=title, **agreement)
        for description, days, status in (
            ("Report on generators", -10, "open"),
            ("Exchange of experts", -2, "in_progress"),
            ("Already done", -5, "done"),
            ("Joint conference", 3, "open"),
            ("Study visit", 30, "open"),
            ("Next year's plan", 31, "open"),
        ):
            edit.create(Commitment, agreement_id=record.id, description=description,
                        due_on=TODAY + timedelta(days=days), status=status)
    return record.id


def test_overdue_and_due_soon_commitments_open_their_agreement(workspace):
    agreement_id = _agreement_with_commitments(workspace)
    with workspace.read() as session:
        overdue = dashboard.overdue_commitments(session, TODAY)
        soon = dashboard.commitments_due_soon(session, TODAY)
    assert [i.title for i in overdue] == ["Report on generators", "Exchange of experts"]
    assert [i.title for i in soon] == ["Joint conference", "Study visit"]
    assert {(i.kind, i.id) for i in overdue + soon} == {("agreement", agreement_id)}
    assert overdue[0].detail == "Memorandum" and overdue[0].when == TODAY - timedelta(days=10)


def test_commitments_of_a_deleted_agreement_are_not_shown(workspace):
    agreement_id = _agreement_with_commitments(workspace)
    workspace.delete("agreement", agreement_id)
    with workspace.read() as session:
        assert dashboard.overdue_commitments(session, TODAY) == []


def test_agreements_expiring_within_ninety_days_in_force_only(workspace):
    with workspace.edit("agreements") as edit:
        for title, days, status in (("Soon", 10, "active"), ("Edge", 90, "signed"),
                                    ("Later", 91, "active"), ("Past", -1, "active"),
                                    ("Ended", 20, "terminated")):
            edit.create(Agreement, title=title, status=status, signed_on=date(2025, 2, 11),
                        expires_on=TODAY + timedelta(days=days))
    with workspace.read() as session:
        items = dashboard.agreements_expiring(session, TODAY)
    assert [i.title for i in items] == ["Soon", "Edge"]
    assert all(i.kind == "agreement" for i in items)


def test_projects_grouped_by_status_active_first(workspace):
    with workspace.edit("projects") as edit:
        for title, status in (("Heaters", "completed"), ("Generators", "active"),
                              ("Water", "active"), ("School", "planned")):
            edit.create(Project, title=title, status=status)
    with workspace.read() as session:
        groups = dashboard.projects_by_status(session)
    assert [(g.status, g.count) for g in groups] == [("active", 2), ("planned", 1),
                                                     ("completed", 1)]
    assert {i.title for i in groups[0].items} == {"Generators", "Water"}
    assert all(i.kind == "project" for g in groups for i in g.items)


def test_recent_changes_name_the_record_to_open_newest_first(workspace):
    agreement_id = _agreement_with_commitments(workspace)
    with workspace.edit("Add person") as edit:
        person = edit.create(Person, full_name="Audrius Klišonis")
    with workspace.edit("Add phone") as edit:
        edit.create(ContactPoint, person_id=person.id, kind="phone", value="+370 600 00000")
    with workspace.edit("Rename") as edit:
        org = edit.create(Organization, name="Plungė")
    workspace.update("agreement", agreement_id, title="Memorandum of cooperation")
    gone = workspace.create("organization", name="Deleted soon")
    workspace.delete("organization", gone.id)
    with workspace.read() as session:
        items = dashboard.recent_changes(session)
    assert [(i.kind, i.id) for i in items] == [
        ("agreement", agreement_id), ("organization", org.id), ("person", person.id)]
    assert items[0].title == "Memorandum of cooperation" and items[0].detail == "Edit"
    # The phone number is a change to its person, who is listed once.
    assert items[2].detail == "Add phone"
    assert items[0].when is not None


def test_recent_changes_respect_the_limit(workspace):
    with workspace.edit("many") as edit:
        for i in range(30):
            edit.create(Organization, name=f"Community {i}")
    with workspace.read() as session:
        assert len(dashboard.recent_changes(session, limit=5)) == 5


def test_commitment_lines_open_their_agreement_at_the_commitment(workspace):
    _agreement_with_commitments(workspace)
    with workspace.read() as session:
        overdue = dashboard.overdue_commitments(session, TODAY)
        ids = dict(session.query(Commitment.description, Commitment.id).all())
    assert [item.at for item in overdue] == [("commitment", ids["Report on generators"]),
                                              ("commitment", ids["Exchange of experts"])]
    assert overdue[0].late(TODAY) and not dashboard.Item("x", "y", "z", when=TODAY).late(TODAY)


def test_meetings_of_the_next_thirty_days_soonest_first(workspace):
    from coordinator_app.core.records.models import Activity

    with workspace.edit("activities") as edit:
        for title, days in (("Yesterday's call", -1), ("Board meeting", 12),
                            ("Study visit", 3), ("Next season", 31)):
            edit.create(Activity, title=title, kind="visit" if "visit" in title else "meeting",
                        occurs_on=TODAY + timedelta(days=days))
        gone = edit.create(Activity, title="Cancelled seminar", occurs_on=TODAY)
    workspace.delete("activity", gone.id)
    with workspace.read() as session:
        items = dashboard.upcoming_activities(session, TODAY)
    assert [(i.title, i.detail) for i in items] == [("Study visit", "visit"),
                                                     ("Board meeting", "meeting")]
    assert all(i.kind == "activity" for i in items)


def test_milestones_not_reached_overdue_first_each_opening_its_project(workspace):
    from coordinator_app.core.records.models import Milestone

    with workspace.edit("projects") as edit:
        project = edit.create(Project, title="Generators")
        for title, days, status in (("Contract signed", -4, "planned"),
                                    ("Delivered", -8, "done"), ("Installed", 10, "late"),
                                    ("Handed over", 40, "planned"), ("Dropped", 2, "cancelled")):
            edit.create(Milestone, project_id=project.id, title=title, status=status,
                        due_on=TODAY + timedelta(days=days))
        other = edit.create(Project, title="Deleted project")
        edit.create(Milestone, project_id=other.id, title="Never", due_on=TODAY)
    workspace.delete("project", other.id)
    with workspace.read() as session:
        items = dashboard.milestones_due(session, TODAY)
    assert [(i.title, i.detail) for i in items] == [("Contract signed", "Generators"),
                                                     ("Installed", "Generators")]
    assert items[0].late(TODAY) and not items[1].late(TODAY)
    assert {(i.kind, i.id, i.at[0]) for i in items} == {("project", project.id, "milestone")}


def test_an_empty_database_asks_for_no_backup(workspace):
    # Read the way every other reader does (plain or encrypted): a database holding only
    # the standard priority areas that "Start empty" adds has nothing to lose yet.
    from coordinator_app.core.store.backup import backup_health
    from coordinator_app.core.sample.demo import ensure_priority_areas

    ensure_priority_areas(workspace)
    assert backup_health(workspace.db.path).warning is None
    workspace.create("organization", name="Громада")
    assert "no backup" in backup_health(workspace.db.path).warning


def test_the_dashboard_reads_the_same_through_the_start_ups_connection_as_a_session(
        demo_workspace):
    """The first window reads it with plain sqlite3 (SQLCipher for an encrypted file)
    before SQLAlchemy is loaded; a refresh reads it through a session."""
    from coordinator_app.core.store.connect import connect

    today = date.today()
    with demo_workspace.read() as session:
        through_session = dashboard.read(session, today)
    connection = connect(demo_workspace.db.path)
    try:
        through_driver = dashboard.read(connection, today)
    finally:
        connection.close()
    assert through_driver == through_session
    assert through_driver.overdue and through_driver.projects and through_driver.recent
    assert through_driver.needs and through_driver.meetings
    assert all(isinstance(item.when, datetime) and item.when.tzinfo is not None
               for item in through_driver.recent)
    assert all(type(item.when) is date for item in through_driver.overdue)


def test_recent_changes_show_the_records_a_bulk_create_made_last_made_first(workspace):
    # The journal keeps one row for all the people an import made (journal.CREATE_SET).
    before = workspace.create(Organization, name="Plungė")
    with workspace.edit("Import") as edit:
        ids = edit.create_many(Person, [{"full_name": f"Audrius {i}"} for i in range(20)])
    with workspace.read() as session:
        items = dashboard.recent_changes(session, limit=25)
    assert [(i.kind, i.id) for i in items] == [("person", record_id) for record_id in
                                               reversed(ids)] + [("organization", before.id)]
    assert {i.detail for i in items[:20]} == {"Import"}
