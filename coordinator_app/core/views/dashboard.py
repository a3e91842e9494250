"""What needs attention today: the queries behind the dashboard (no screen here).

Every item names the record it opens (kind and id), so the dashboard, a report
or a script can all follow it. Each query is bounded by a date range or a limit
and reads through an index, so the dashboard stays instant on a large database.

The queries are plain SQL run on a DB-API connection, and this module imports no
SQLAlchemy: the app's first window reads them through the sqlite3 (or SQLCipher)
connection of its start-up check, before SQLAlchemy and the models are loaded,
and through a session's own connection afterwards (`source` is either). What they
need of the kinds' declarations (which records may be shown, the columns a name is
read from) comes from core.records.kind_digest, derived from the registry.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from functools import cache
from collections.abc import Iterator
from typing import Any, NamedTuple

from coordinator_app.core.records import vocab
from coordinator_app.core.records.change_labels import readable
from coordinator_app.core.records.journal_actions import CREATE_SET
from coordinator_app.core.records.kind_digest import KINDS
from coordinator_app.core.records.languages import reader_name
from coordinator_app.core.store.reading import connection_of
from coordinator_app.core.views.coverage import Coverage
from coordinator_app.i18n import current_language

OPEN_COMMITMENT = vocab.COMMITMENTS_PENDING
OPEN_MILESTONE = ("planned", "late")
ENDED_AGREEMENT = ("expired", "terminated")
DUE_SOON_DAYS = 30
EXPIRING_DAYS = 90
#: Projects by status: the statuses in the order they are shown; others follow.
STATUS_ORDER = ("active", "planned", "on_hold", "completed", "cancelled")


# Named tuples rather than frozen dataclasses: each frozen dataclass compiles its
# methods when its module is imported (some 1 ms apiece of the first window).
class Item(NamedTuple):
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


class StatusGroup(NamedTuple):
    status: str
    count: int
    items: tuple[Item, ...]


class Dashboard(NamedTuple):
    """Everything the dashboard shows, read at once."""

    overdue: list[Item]
    due_soon: list[Item]
    expiring: list[Item]
    meetings: list[Item]
    milestones: list[Item]
    projects: list[StatusGroup]
    needs: list[Coverage]
    recent: list[Item]


def read(source: Any, today: date, limit: int = 50) -> Dashboard:
    """Every section of the dashboard for `today`, at most `limit` lines each."""
    return Dashboard(
        overdue=overdue_commitments(source, today, limit=limit),
        due_soon=commitments_due_soon(source, today, limit=limit),
        expiring=agreements_expiring(source, today, limit=limit),
        meetings=upcoming_activities(source, today, limit=limit),
        milestones=milestones_due(source, today, limit=limit),
        projects=projects_by_status(source),
        needs=open_needs(source, limit=limit),
        recent=recent_changes(source))


# -- reading ------------------------------------------------------------------------


def _rows(source: Any, sql: str, parameters: tuple = ()) -> list[tuple]:
    return connection_of(source).execute(sql, parameters).fetchall()


def _day(value: Any) -> date | None:
    # SQLAlchemy keeps a Date as ISO text in SQLite.
    return date.fromisoformat(value) if isinstance(value, str) else value


def _moment(value: Any) -> datetime | None:
    """A stored UTC time (naive ISO text in SQLite), aware as the models return it."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return None if value is None else value.replace(tzinfo=timezone.utc)


def _marks(values: tuple[str, ...]) -> str:
    return ", ".join("?" * len(values))


def _live(kind: str, alias: str) -> str:
    return KINDS[kind]["live"].format(a=alias)


def _names(kind: str, alias: str, lang: str) -> str:
    return ", ".join(f"{alias}.{column}" for column in KINDS[kind]["name"][lang])


def _width(kind: str, lang: str) -> int:
    return len(KINDS[kind]["name"][lang])


def nothing_recorded(source: Any) -> bool:
    """True for a database nobody has started yet: no live record of any top-level kind,
    not even the shared priority areas."""
    connection = connection_of(source)
    for kind in [name for name, spec in KINDS.items() if spec["top_level"]] + ["priority_area"]:
        table = KINDS[kind]["table"]
        if connection.execute(f"SELECT EXISTS (SELECT 1 FROM {table} AS t "
                              f"WHERE {_live(kind, 't')})").fetchone()[0]:
            return False
    return True


# -- the sections -------------------------------------------------------------------


@cache
def _commitments_sql(lang: str, window: str) -> str:
    return (f"SELECT c.id, c.due_on, a.id, {_names('commitment', 'c', lang)}, "
            f"{_names('agreement', 'a', lang)} "
            "FROM commitments c JOIN agreements a ON a.id = c.agreement_id "
            f"WHERE {_live('commitment', 'c')} AND c.status IN ({_marks(OPEN_COMMITMENT)}) "
            f"AND {window} ORDER BY c.due_on, c.description LIMIT ?")


def _commitments(source: Any, window: str, bounds: tuple, limit: int) -> list[Item]:
    lang = current_language()
    said = _width("commitment", lang)
    rows = _rows(source, _commitments_sql(lang, window), (*OPEN_COMMITMENT, *bounds, limit))
    return [Item("agreement", row[2], reader_name(row[3:3 + said], lang),
                 reader_name(row[3 + said:], lang), _day(row[1]), ("commitment", row[0]))
            for row in rows]


def overdue_commitments(source: Any, today: date, limit: int = 50) -> list[Item]:
    """Open commitments whose due date has passed, oldest first; each opens its agreement."""
    return _commitments(source, "c.due_on < ?", (today.isoformat(),), limit)


def commitments_due_soon(
    source: Any, today: date, days: int = DUE_SOON_DAYS, limit: int = 50
) -> list[Item]:
    """Open commitments due from today to `days` ahead."""
    end = today + timedelta(days=days)
    return _commitments(source, "c.due_on >= ? AND c.due_on <= ?",
                        (today.isoformat(), end.isoformat()), limit)


@cache
def _expiring_sql(lang: str) -> str:
    return (f"SELECT a.id, a.expires_on, {_names('agreement', 'a', lang)} FROM agreements a "
            f"WHERE {_live('agreement', 'a')} AND a.status NOT IN ({_marks(ENDED_AGREEMENT)}) "
            "AND a.expires_on >= ? AND a.expires_on <= ? "
            f"ORDER BY a.expires_on, a.{KINDS['agreement']['order'][lang]} LIMIT ?")


def agreements_expiring(
    source: Any, today: date, days: int = EXPIRING_DAYS, limit: int = 50
) -> list[Item]:
    """Agreements in force whose expiry date falls within `days`, soonest first."""
    end = today + timedelta(days=days)
    lang = current_language()
    rows = _rows(source, _expiring_sql(lang),
                 (*ENDED_AGREEMENT, today.isoformat(), end.isoformat(), limit))
    return [Item("agreement", row[0], reader_name(row[2:], lang), "", _day(row[1]))
            for row in rows]


@cache
def _activities_sql(lang: str) -> str:
    return (f"SELECT t.id, t.kind, t.occurs_on, {_names('activity', 't', lang)} "
            f"FROM activities t WHERE {_live('activity', 't')} "
            "AND t.occurs_on >= ? AND t.occurs_on <= ? "
            f"ORDER BY t.occurs_on, t.{KINDS['activity']['order'][lang]} LIMIT ?")


def upcoming_activities(
    source: Any, today: date, days: int = DUE_SOON_DAYS, limit: int = 50
) -> list[Item]:
    """Meetings, calls, visits and signings from today to `days` ahead, soonest first;
    the detail is the kind of activity (a code of vocab.ACTIVITY_KINDS)."""
    end = today + timedelta(days=days)
    lang = current_language()
    rows = _rows(source, _activities_sql(lang), (today.isoformat(), end.isoformat(), limit))
    return [Item("activity", row[0], reader_name(row[3:], lang), row[1], _day(row[2]))
            for row in rows]


@cache
def _milestones_sql(lang: str) -> str:
    return (f"SELECT m.id, m.due_on, p.id, {_names('milestone', 'm', lang)}, "
            f"{_names('project', 'p', lang)} "
            "FROM milestones m JOIN projects p ON p.id = m.project_id "
            f"WHERE {_live('milestone', 'm')} AND m.status IN ({_marks(OPEN_MILESTONE)}) "
            "AND m.done_on IS NULL AND m.due_on <= ? ORDER BY m.due_on, m.title LIMIT ?")


def milestones_due(
    source: Any, today: date, days: int = DUE_SOON_DAYS, limit: int = 50
) -> list[Item]:
    """Milestones not reached whose date has passed or falls within `days`, oldest
    first; each opens its project at the milestone."""
    end = today + timedelta(days=days)
    lang = current_language()
    said = _width("milestone", lang)
    rows = _rows(source, _milestones_sql(lang), (*OPEN_MILESTONE, end.isoformat(), limit))
    return [Item("project", row[2], reader_name(row[3:3 + said], lang),
                 reader_name(row[3 + said:], lang), _day(row[1]), ("milestone", row[0]))
            for row in rows]


@cache
def _status_sql(lang: str) -> tuple[str, str]:
    live = _live("project", "p")
    return (f"SELECT p.status, count(*) FROM projects p WHERE {live} GROUP BY p.status",
            f"SELECT p.id, p.end_on, {_names('project', 'p', lang)} FROM projects p "
            f"WHERE {live} AND p.status = ? ORDER BY p.updated_at DESC LIMIT ?")


def projects_by_status(source: Any, per_status: int = 8) -> list[StatusGroup]:
    """How many projects are in each status, with the most recently changed of each."""
    lang = current_language()
    counted, newest = _status_sql(lang)
    groups: list[StatusGroup] = []
    for status, number in _rows(source, counted):
        items = tuple(Item("project", row[0], reader_name(row[2:], lang), "", _day(row[1]))
                      for row in _rows(source, newest, (status, per_status)))
        groups.append(StatusGroup(status, number, items))
    groups.sort(key=lambda g: STATUS_ORDER.index(g.status) if g.status in STATUS_ORDER
                else len(STATUS_ORDER))
    return groups


#: Pledges that count: live, by a live organisation.
_LIVE_PLEDGES = ("SELECT p.id, p.need_id, p.quantity FROM pledges p "
                 "JOIN organizations po ON po.id = p.organization_id "
                 "WHERE p.deleted_at IS NULL AND po.deleted_at IS NULL")


@cache
def _coverage_sql(lang: str) -> str:
    """Live needs of live communities, each with what is pledged and delivered for it:
    the statement every list of needs adds its own condition (`AND …`) and order to."""
    item = ", ".join(f"n.{column}" for column in KINDS["need"]["name"][lang])
    return (f"SELECT n.id, {item}, {_names('organization', 'o', lang)}, n.quantity, n.unit, "
            "n.priority, n.needed_by, n.status, "
            f"(SELECT coalesce(sum(lp.quantity), 0.0) FROM ({_LIVE_PLEDGES}) lp "
            "WHERE lp.need_id = n.id), "
            "(SELECT coalesce(sum(d.quantity), 0.0) FROM aid_deliveries d "
            f"JOIN ({_LIVE_PLEDGES}) lp ON lp.id = d.pledge_id "
            "WHERE lp.need_id = n.id AND d.deleted_at IS NULL) "
            "FROM needs n JOIN organizations o ON o.id = n.organization_id "
            "WHERE n.deleted_at IS NULL AND o.deleted_at IS NULL ")


def coverage(source: Any, condition: str = "1 = 1", parameters: tuple = (),
             order: str = "n.sort_key, n.id", lang: str | None = None,
             limit: int | None = None) -> list[Coverage]:
    """Live needs meeting `condition` (SQL over `n`, the need, and `o`, its community,
    with `parameters`) in `order` (by item unless given), each with what is pledged and delivered for it; the
    item and the community as a reader of `lang` (the interface's unless given) reads
    them. The tombstone rule: deleted needs, pledges and deliveries, and pledges of
    deleted organisations, count for nothing."""
    lang = lang or current_language()
    item = _width("need", lang)
    community = _width("organization", lang)
    sql = f"{_coverage_sql(lang)}AND {condition} ORDER BY {order}"
    if limit is not None:
        sql, parameters = sql + " LIMIT ?", (*parameters, limit)
    return [Coverage(row[0], reader_name(row[1:1 + item], lang),
                     reader_name(row[1 + item:1 + item + community], lang),
                     *row[1 + item + community:][:3], _day(row[4 + item + community]),
                     *row[5 + item + community:]) for row in _rows(source, sql, parameters)]


def open_needs(source: Any, limit: int = 50, lang: str | None = None) -> list[Coverage]:
    """Needs still waiting for pledges or deliveries, most urgent, then soonest, first."""
    ranks = " ".join(f"WHEN '{code}' THEN {rank}"
                     for rank, code in enumerate(vocab.NEED_PRIORITIES))
    return coverage(source, f"n.status IN ({_marks(vocab.NEEDS_IN_PROGRESS)})",
                    vocab.NEEDS_IN_PROGRESS,
                    f"CASE n.priority {ranks} ELSE {len(vocab.NEED_PRIORITIES)} END, "
                    "n.needed_by IS NULL, n.needed_by, n.sort_key", lang, limit)


# -- recent changes -----------------------------------------------------------------


@cache
def _owner_sql(kind: str) -> str | None:
    """The columns that say which record owns a record of `kind`, by its id."""
    spec = KINDS[kind]
    columns = [*(spec["owner_columns"] or ()), *(fk for _owner, fk in spec["owned_by"])]
    if not columns:
        return None
    return f"SELECT {', '.join(columns)} FROM {spec['table']} WHERE id = ?"


def _owner(source: Any, kind: str, record_id: str) -> tuple[str, str] | None:
    """The top-level record a change belongs to: a commitment belongs to its agreement."""
    spec = KINDS.get(kind)
    if spec is None:
        return None
    if spec["top_level"]:
        return kind, record_id
    sql = _owner_sql(kind)
    found = _rows(source, sql, (record_id,)) if sql else []
    if not found:
        return None
    values = list(found[0])
    if spec["owner_columns"]:
        owner_kind, owner_id = values[:2]
        del values[:2]
        if owner_kind in KINDS and KINDS[owner_kind]["top_level"] and owner_id:
            return owner_kind, owner_id
    for (owner_kind, _fk), owner_id in zip(spec["owned_by"], values):
        if owner_id:
            return owner_kind, owner_id
    return None


@cache
def _label_sql(kind: str, lang: str) -> str:
    spec = KINDS[kind]
    return (f"SELECT {_names(kind, 'r', lang)} FROM {spec['table']} r "
            f"WHERE r.id = ? AND {_live(kind, 'r')}")


def _journal_lines(source: Any, scan: int) -> Iterator[tuple]:
    """(kind, id, label, action, at) of the newest `scan` journal lines, newest first,
    a bulk create's one line (journal.CREATE_SET) standing for each record it made, the
    last made first: read as they are asked for, as a list stops at its fifteenth."""
    for entity, entity_id, label, action, at in _rows(
            source, "SELECT entity, entity_id, label, action, at FROM changes "
                    "ORDER BY seq DESC LIMIT ?", (scan,)):
        if action != CREATE_SET:
            yield entity, entity_id, label, action, at
        elif entity in KINDS:
            for (record_id,) in _rows(source, f"SELECT id FROM {KINDS[entity]['table']} "
                                              "WHERE created_at = ? ORDER BY rowid DESC "
                                              "LIMIT ?", (at, scan)):
                yield entity, record_id, label, "create", at


def recent_changes(source: Any, limit: int = 15, scan: int = 400) -> list[Item]:
    """The records changed most recently (newest first, each once), from the journal.

    Reads only the newest `scan` journal lines, so its cost does not grow with
    the journal. The detail is the action's label ("Edit", "Undo", "Import…").
    A record that may not be shown (deleted, or linking a deleted one) is left out:
    it cannot be opened, and its history stays in the journal.
    """
    lang = current_language()
    seen: set[tuple[str, str]] = set()
    items: list[Item] = []
    for entity, entity_id, label, action, at in _journal_lines(source, scan):
        owner = _owner(source, entity, entity_id)
        if owner is None or owner in seen:
            continue
        seen.add(owner)
        named = _rows(source, _label_sql(owner[0], lang), (owner[1],))
        if not named:
            continue
        items.append(Item(owner[0], owner[1], reader_name(named[0], lang),
                          readable(label) or action, _moment(at)))
        if len(items) >= limit:
            break
    return items
