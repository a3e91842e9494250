"""The country a person works in now, kept on `people.current_country` for the people
list's Country facet.

It is the country of the organisation of the person's current position: of their
positions open today whose organisation names a country, the latest started (as
core.views.positions orders them). Worked out through the affiliations on every
page of the list, a facet read 2.8–4.3 s for its first page at 100,000 people;
kept on the row, with an index in the list's order, it reads like the plain list.

It is derived, local state: not journaled (Person.UNJOURNALED) and never sent to
other laptops, each copy works it out from the records sync does carry. So that
it cannot drift, every flush that touches a person, an affiliation or an
organisation's country or life works it out again for the people concerned, on
the same connection in the same transaction (undo, imports and sync apply write
through sessions too; records written past the unit of work are named with
`note_created`). Positions start and end with the calendar, so the day it was
last worked out is kept, and opening the file on a later day works it out again
for the people whose positions began or ended in between (core.store.db.catch_up_countries).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Engine, and_, inspect, select, true, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from coordinator_app.core.errors import DatabaseError
from coordinator_app.core.records import country_day
from coordinator_app.core.records.current_position import current_position
from coordinator_app.core.records.models import Affiliation, Person
from coordinator_app.core.store.session_hooks import keep_in_step
from coordinator_app.i18n import _

#: The column it is kept in (and the name its day is noted under).
NAME = country_day.NAME
#: Ids in one statement, well below SQLite's limit of bound parameters.
BATCH = 500
#: The session info key of the ids of people to work out again at the next flush.
PENDING = "current_country_people"
#: ... and of organisations whose people are to be worked out again.
PENDING_ORGS = "current_country_organizations"
#: The organisation's columns its people's country depends on.
ORG_FIELDS = ("country", "deleted_at")
#: The session info key of people written with their country in their row already
#: (`of_positions`), whose new records need not ask for it again.
SETTLED = "current_country_settled"
#: `of_positions` of a person whose current position the rule leaves to SQL.
UNSURE = object()
#: A date as it is stored and compared: YYYY-MM-DD.
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _country(day: date) -> ColumnElement:
    """The country of the person's current position among those at an organisation
    that names one (core.records.current_position), for an UPDATE of people."""
    return current_position(
        lambda aff, org: org.country, Person.id, day,
        only=lambda aff, org: and_(org.country.is_not(None), org.country != ""))


def of_positions(positions: Iterable[tuple[Any, Any, Any, Any]], day: date) -> Any:
    """The country `_country` gives a person whose positions are `positions`, each
    (start, end, its own tombstone, its organisation's country or None when that
    organisation is deleted), dates as ISO 8601 text: for people written with their
    country in their row (a first bundle's 100,000, whose UPDATE afterwards rewrote each
    row and its indexes). UNSURE where SQL alone decides: two current positions started
    the same day, which its order leaves to the order it reads them in, or a value not
    in the form stored."""
    today = day.isoformat()
    found = []
    for start, end, deleted, country in positions:
        for value in (start, end):
            if value is not None and not (value.__class__ is str and _ISO_DATE.fullmatch(value)):
                return UNSURE
        if country is not None and country.__class__ is not str:
            return UNSURE
        if (deleted is not None or not country or (start is not None and start > today)
                or (end is not None and end < today)):
            continue
        if not country.isascii() or country != country.strip().upper():
            return UNSURE  # stored otherwise once normalised: SQL reads it from the row
        found.append((start is not None, start or "", country))
    if not found:
        return None
    found.sort(reverse=True)
    if len(found) > 1 and found[0][:2] == found[1][:2]:
        return UNSURE
    return found[0][2]


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), BATCH):
        yield items[start:start + BATCH]


def _update(connection: Connection, where: ColumnElement[bool], day: date) -> None:
    connection.execute(update(Person.__table__).where(where).values(
        current_country=_country(day)))


def refresh(connection: Connection, people: Iterable[str] = (),
            organizations: Iterable[str] = (), today: date | None = None) -> None:
    """Work out again the country of these people and of every person who holds or
    held a position at these organisations."""
    day = today or date.today()
    for batch in _chunks(sorted(set(people))):
        _update(connection, Person.id.in_(batch), day)
    for batch in _chunks(sorted(set(organizations))):
        _update(connection, Person.id.in_(
            select(Affiliation.person_id).where(Affiliation.organization_id.in_(batch))), day)


def rebuild(connection: Connection, today: date | None = None) -> None:
    """Work out every person's country (after migration 0014 marked it stale)."""
    day = today or date.today()
    _update(connection, true(), day)
    _remember(connection, day)


def _remember(connection: Connection, day: date) -> None:
    country_day.remember(connection.connection.driver_connection, day)


def work_out(engine: Engine, people: list[str] | None, day: date) -> None:
    """Work out again the country of `people` (None: of everyone) for `day`, and note
    the day (core.store.db.catch_up_countries decides who is due)."""
    from coordinator_app.core.store.engine import WRITE

    try:
        # Written as every edit is, holding the write lock from the start.
        with engine.connect().execution_options(**{WRITE: True}) as connection, \
                connection.begin():
            if people is None:
                rebuild(connection, day)
                return
            refresh(connection, people, today=day)
            _remember(connection, day)
    except OperationalError as exc:  # busy, or locked by encryption: said as edits say it
        raise DatabaseError(_("the database could not be written: {reason}").format(
            reason=exc.orig)) from exc


# --- keeping it in step with edits ------------------------------------------------------


def _pending(session: Session, key: str) -> set[str]:
    return session.info.setdefault(key, set())


def _note(session: Session, obj, new: bool) -> None:
    kind = getattr(obj, "KIND", None)
    if kind == "person":
        # None of a person's own fields decide their country: a new person is worked
        # out once, an edited one (a note, a phone) has nothing to work out again.
        if new and obj.id is not None:
            _pending(session, PENDING).add(obj.id)
    elif kind == "affiliation":
        people = _pending(session, PENDING)
        if obj.person_id:
            people.add(obj.person_id)
        if not new:
            people.update(value for value in inspect(obj).attrs.person_id.history.deleted or ()
                          if value)
    elif kind == "organization" and not new and obj.id is not None:
        state = inspect(obj)
        if any(state.attrs[key].history.has_changes() for key in ORG_FIELDS):
            _pending(session, PENDING_ORGS).add(obj.id)


def note_created(session: Session, objs: Iterable) -> None:
    """Records written past the session (service.insert_records): their people are
    worked out at the next flush or before the commit."""
    objs = list(objs)
    # Of new records only people and positions name people to work out: a first
    # bundle's hundreds of thousands of others are not noted one by one.
    if {getattr(obj, "KIND", None) for obj in objs} & {"person", "affiliation"}:
        settled = session.info.get(SETTLED, ())
        for obj in objs:
            if obj.KIND == "person" and obj.id in settled or (
                    obj.KIND == "affiliation" and obj.person_id in settled):
                continue  # written with their country, from every position they have
            _note(session, obj, True)


def note_made(session: Session, kind: str, column: Callable[[str], Iterable]) -> None:
    """New records of `kind` written as rows (core.records.journal.insert_made), noted as
    `note_created` notes records: `column(key)` gives that column's values, row by row."""
    if kind not in ("person", "affiliation"):
        return
    # People made with their country in their row (`coordinator generate` knows the one
    # position it gives each) are not worked out again: an UPDATE of each row and its
    # indexes, some 3 s of 42 at 100,000 people.
    settled = session.info.get(SETTLED, ())
    _pending(session, PENDING).update(
        value for value in column("id" if kind == "person" else "person_id")
        if value and value not in settled)


def _apply(session: Session, _context) -> None:
    people = session.info.pop(PENDING, None)
    organizations = session.info.pop(PENDING_ORGS, None)
    if people or organizations:
        refresh(session.connection(), people or (), organizations or ())


def install(sessions: sessionmaker[Session]) -> None:
    keep_in_step(sessions, (PENDING, PENDING_ORGS), _note, _apply)
