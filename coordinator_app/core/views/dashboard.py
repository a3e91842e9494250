"""What needs attention today: the queries behind the dashboard (no screen here).

Every item names the record it opens (kind and id), so the dashboard, a report
or a script can all follow it. Each query is bounded by a date range or a limit
and reads through an index, so the dashboard stays instant on a large database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coordinator_app.core.records import languages, registry, sort_keys, vocab
from coordinator_app.core.records.change_labels import readable
from coordinator_app.core.records.models import (
    Activity,
    Agreement,
    Change,
    Commitment,
    Entity,
    Milestone,
    Project,
)
from coordinator_app.core.records.tombstones import alive, shown
from coordinator_app.i18n import current_language

OPEN_COMMITMENT = vocab.COMMITMENTS_PENDING
OPEN_MILESTONE = ("planned", "late")
ENDED_AGREEMENT = ("expired", "terminated")
DUE_SOON_DAYS = 30
EXPIRING_DAYS = 90


@dataclass(frozen=True)
class Item:
    """One line of the dashboard: what it says, and the record it opens."""

    kind: str
    id: str
    title: str
    detail: str = ""
    when: date | datetime | None = None
    #: (kind, id) of the line inside the record that the item is about (a commitment of
    #: the agreement it opens), to be shown when the record opens.
    at: tuple[str, str] | None = None

    def late(self, today: date) -> bool:
        """Its date has passed: a day (not a moment, as recent changes have) before today."""
        return (isinstance(self.when, date) and not isinstance(self.when, datetime)
                and self.when < today)


@dataclass(frozen=True)
class StatusGroup:
    status: str
    count: int
    items: tuple[Item, ...]


def _commitments(session: Session, where: list[Any], limit: int) -> list[Item]:
    lang = current_language()
    said = languages.text_columns(Commitment, "description", lang)
    rows = session.execute(
        select(Commitment.id, Commitment.due_on, Agreement.id, *said,
               *languages.name_columns(Agreement, lang))
        .join(Agreement, Agreement.id == Commitment.agreement_id)
        .where(
            alive(Commitment),
            Commitment.status.in_(OPEN_COMMITMENT),
            *where,
        )
        .order_by(Commitment.due_on, Commitment.description)
        .limit(limit)
    )
    return [Item("agreement", row[2], languages.reader_name(row[3:3 + len(said)], lang),
                 languages.reader_name(row[3 + len(said):], lang), row[1],
                 ("commitment", row[0])) for row in rows]


def overdue_commitments(session: Session, today: date, limit: int = 50) -> list[Item]:
    """Open commitments whose due date has passed, oldest first; each opens its agreement."""
    return _commitments(session, [Commitment.due_on < today], limit)


def commitments_due_soon(
    session: Session, today: date, days: int = DUE_SOON_DAYS, limit: int = 50
) -> list[Item]:
    """Open commitments due from today to `days` ahead."""
    end = today + timedelta(days=days)
    return _commitments(session, [Commitment.due_on >= today, Commitment.due_on <= end], limit)


def agreements_expiring(
    session: Session, today: date, days: int = EXPIRING_DAYS, limit: int = 50
) -> list[Item]:
    """Agreements in force whose expiry date falls within `days`, soonest first."""
    end = today + timedelta(days=days)
    lang = current_language()
    rows = session.execute(
        select(Agreement.id, Agreement.expires_on, *languages.name_columns(Agreement, lang))
        .where(
            alive(Agreement),
            Agreement.status.not_in(ENDED_AGREEMENT),
            Agreement.expires_on >= today,
            Agreement.expires_on <= end,
        )
        .order_by(Agreement.expires_on, sort_keys.order_column(Agreement, lang))
        .limit(limit)
    )
    return [Item("agreement", row[0], languages.reader_name(row[2:], lang), "", row[1])
            for row in rows]


def upcoming_activities(
    session: Session, today: date, days: int = DUE_SOON_DAYS, limit: int = 50
) -> list[Item]:
    """Meetings, calls, visits and signings from today to `days` ahead, soonest first;
    the detail is the kind of activity (a code of vocab.ACTIVITY_KINDS)."""
    end = today + timedelta(days=days)
    lang = current_language()
    rows = session.execute(
        select(Activity.id, Activity.kind, Activity.occurs_on,
               *languages.name_columns(Activity, lang))
        .where(alive(Activity), Activity.occurs_on >= today, Activity.occurs_on <= end)
        .order_by(Activity.occurs_on, sort_keys.order_column(Activity, lang))
        .limit(limit)
    )
    return [Item("activity", row[0], languages.reader_name(row[3:], lang), row[1], row[2])
            for row in rows]


def milestones_due(
    session: Session, today: date, days: int = DUE_SOON_DAYS, limit: int = 50
) -> list[Item]:
    """Milestones not reached whose date has passed or falls within `days`, oldest
    first; each opens its project at the milestone."""
    end = today + timedelta(days=days)
    lang = current_language()
    said = languages.name_columns(Milestone, lang)
    rows = session.execute(
        select(Milestone.id, Milestone.due_on, Project.id, *said,
               *languages.name_columns(Project, lang))
        .join(Project, Project.id == Milestone.project_id)
        .where(alive(Milestone), Milestone.status.in_(OPEN_MILESTONE),
               Milestone.done_on.is_(None), Milestone.due_on <= end)
        .order_by(Milestone.due_on, Milestone.title)
        .limit(limit)
    )
    return [Item("project", row[2], languages.reader_name(row[3:3 + len(said)], lang),
                 languages.reader_name(row[3 + len(said):], lang), row[1],
                 ("milestone", row[0])) for row in rows]


def projects_by_status(session: Session, per_status: int = 8) -> list[StatusGroup]:
    """How many projects are in each status, with the most recently changed of each."""
    counts = session.execute(
        select(Project.status, func.count())
        .where(alive(Project))
        .group_by(Project.status)
    ).all()
    groups: list[StatusGroup] = []
    lang = current_language()
    for status, number in counts:
        rows = session.execute(
            select(Project.id, Project.end_on, *languages.name_columns(Project, lang))
            .where(alive(Project), Project.status == status)
            .order_by(Project.updated_at.desc())
            .limit(per_status)
        )
        items = tuple(Item("project", row[0], languages.reader_name(row[2:], lang), "", row[1])
                      for row in rows)
        groups.append(StatusGroup(status, number, items))
    order = ("active", "planned", "on_hold", "completed", "cancelled")
    groups.sort(key=lambda g: order.index(g.status) if g.status in order else len(order))
    return groups


def _owner(session: Session, kind: str, record_id: str) -> tuple[str, str] | None:
    """The top-level record a change belongs to: a commitment belongs to its agreement."""
    spec = registry.BY_NAME.get(kind)
    if spec is None:
        return None
    if spec.top_level:
        return kind, record_id
    cls = spec.model
    obj = session.get(cls, record_id)
    if obj is None:
        return None
    owner_kind = getattr(obj, "owner_kind", None) or getattr(obj, "entity_kind", None)
    owner_id = getattr(obj, "owner_id", None) or getattr(obj, "entity_id", None)
    if owner_kind in registry.BY_NAME and registry.spec(owner_kind).top_level and owner_id:
        return owner_kind, owner_id
    for owner, fk in registry.owners_of(cls):
        if getattr(obj, fk, None):
            return owner.name, getattr(obj, fk)
    organization_id = getattr(obj, "organization_id", None)
    if organization_id:
        return "organization", organization_id
    return None


def recent_changes(session: Session, limit: int = 15, scan: int = 400) -> list[Item]:
    """The records changed most recently (newest first, each once), from the journal.

    Reads only the newest `scan` journal lines, so its cost does not grow with
    the journal. The detail is the action's label ("Edit", "Undo", "Import…").
    """
    rows = session.execute(
        select(Change.entity, Change.entity_id, Change.label, Change.action, Change.at)
        .order_by(Change.seq.desc())
        .limit(scan)
    ).all()
    seen: set[tuple[str, str]] = set()
    items: list[Item] = []
    for entity, entity_id, label, action, at in rows:
        owner = _owner(session, entity, entity_id)
        if owner is None or owner in seen:
            continue
        seen.add(owner)
        record: Entity | None = shown(session.get(registry.model(owner[0]), owner[1]))
        if record is None:
            continue  # a deleted record cannot be opened; its history stays in the journal
        items.append(Item(owner[0], owner[1],
                          languages.label_for_reader(record, current_language()),
                          readable(label) or action, at))
        if len(items) >= limit:
            break
    return items
