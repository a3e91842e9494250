"""Commitments, milestones, agreement deadlines and activities as an iCalendar file.

Outlook, Thunderbird and phone calendars import it; each event's UID is made from
the record's id, so importing a newer file updates the events instead of adding
them again. Deadlines carry a reminder the day before at nine in the morning.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from coordinator_app.core.records.models import Activity, Agreement, Commitment, Milestone, Project
from coordinator_app.i18n import _

#: The domain part of every UID: it names the program, never the machine.
UID_DOMAIN = "coordinator.invalid"
#: Reminder before a deadline: the working morning before the day.
REMINDER = timedelta(hours=-15)


def uid(kind: str, record_id: str, what: str = "") -> str:
    return f"{kind}{'-' + what if what else ''}-{record_id}@{UID_DOMAIN}"


def _event(summary: str, day: date, record, kind: str, *, what: str = "",
           description: str | None = None, location: str | None = None,
           reminder: bool = True):
    from icalendar import Alarm, Event

    event = Event()
    event.add("uid", uid(kind, record.id, what))
    event.add("summary", summary)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    # The record's last change, not the moment of export: an unchanged record gives
    # an unchanged event, so calendars see nothing to update.
    stamp = record.updated_at or datetime.now(timezone.utc)
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    event.add("sequence", int(stamp.timestamp()) // 60 % 2_000_000_000)
    event.add("transp", "TRANSPARENT")
    if description:
        event.add("description", description)
    if location:
        event.add("location", location)
    if reminder:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        alarm.add("trigger", REMINDER)
        event.add_component(alarm)
    return event


def events(session: Session, *, agreements: list[str] | None = None,
           projects: list[str] | None = None, activities: list[str] | None = None) -> list:
    """Events of the given records; None for a kind means every live one."""
    found = []

    def live(model, ids, *where):
        query = select(model).where(model.deleted_at.is_(None), *where)
        if ids is not None:
            query = query.where(model.id.in_(ids))
        return session.scalars(query)

    titles = {}
    for agreement in live(Agreement, agreements):
        titles[agreement.id] = agreement.title
        if agreement.expires_on:
            found.append(_event(_("Agreement expires: {title}").format(title=agreement.title),
                                agreement.expires_on, agreement, "agreement", what="expires"))
    commitment_filter = () if agreements is None else (Commitment.agreement_id.in_(agreements),)
    for commitment in live(Commitment, None, Commitment.due_on.is_not(None), *commitment_filter):
        if commitment.agreement_id not in titles:
            agreement = session.get(Agreement, commitment.agreement_id)
            if agreement is None or agreement.deleted_at is not None:
                continue
            titles[agreement.id] = agreement.title
        done = commitment.status in ("done", "cancelled")
        found.append(_event(_("Due: {what}").format(what=commitment.description),
                            commitment.due_on, commitment, "commitment",
                            description=titles[commitment.agreement_id], reminder=not done))
    project_titles = {}
    for project in live(Project, projects):
        project_titles[project.id] = project.title
    milestone_filter = () if projects is None else (Milestone.project_id.in_(projects),)
    for milestone in live(Milestone, None, Milestone.due_on.is_not(None), *milestone_filter):
        title = project_titles.get(milestone.project_id)
        if title is None:
            continue
        found.append(_event(_("Milestone: {title}").format(title=milestone.title),
                            milestone.due_on, milestone, "milestone", description=title,
                            reminder=milestone.status not in ("done", "cancelled")))
    for activity in live(Activity, activities):
        found.append(_event(activity.title, activity.occurs_on, activity, "activity",
                            description=activity.notes, location=activity.location,
                            reminder=activity.occurs_on >= date.today()))
    return found


def calendar_bytes(session: Session, **which) -> bytes:
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", "-//Coordinator//Partnerships between municipalities//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Coordinator")
    for event in events(session, **which):
        calendar.add_component(event)
    return calendar.to_ical()
