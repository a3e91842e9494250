"""Activities come in from a sheet and go out again, through fields the registry
gives them (a date, a kind from its vocabulary, the organisations taking part)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from support.interchange import exported, import_bytes

from coordinator_app.core.records.models import Activity, ActivityParticipant, Organization

SHEET = ("Дата;Назва;Тип;Місце;Учасники\n"
         "11.02.2026;Підписання меморандуму;Підписання;Київ;"
         "\"Харківська міська рада\nLietuvos savivaldybių asociacija\"\n").encode("utf-8")


def _activities(workspace):
    with workspace.read() as session:
        found = {}
        for activity in session.scalars(select(Activity).where(Activity.deleted_at.is_(None))):
            names = session.scalars(select(Organization.name).join(
                ActivityParticipant, ActivityParticipant.organization_id == Organization.id)
                .where(ActivityParticipant.activity_id == activity.id)).all()
            found[activity.title] = (activity.occurs_on, activity.kind, activity.location,
                                     sorted(names))
        return found


def test_an_activities_sheet_makes_activities_with_their_participants(workspace):
    plan, outcome = import_bytes(workspace, SHEET, "зустрічі.csv")
    assert plan.kind == "activity" and not plan.problems
    assert _activities(workspace) == {"Підписання меморандуму": (
        date(2026, 2, 11), "signing", "Київ",
        ["Lietuvos savivaldybių asociacija", "Харківська міська рада"])}
    assert outcome.organizations == 2


def test_activities_exported_come_back_the_same(demo_workspace, workspace):
    before = _activities(demo_workspace)
    import_bytes(workspace, exported(demo_workspace, "activities", "csv"), "activities.csv")
    assert _activities(workspace) == before
