"""Which positions a person holds on a day, and which of them is their current one.

One rule for every place that asks: the people list's Position column, the Country
facet (core.records.current_country) and the positions a new signatory's row offers
(core.views.positions). A position is held from its start (none: always had) to its
end, that day included (none: still open); of several held at once, the latest
started is the current one. When each place kept its own rule, a mayor whose term
ends next month was listed with no position and yet counted under their country.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import BindParameter, ColumnElement
    from sqlalchemy.sql.elements import UnaryExpression

    from coordinator_app.core.records.models.directory import Affiliation, Organization

# SQLAlchemy is imported by the functions that build statements: the lists read
# today_date() here, and their SQL from the registry's digest, without it.


def held_on(affiliation, day) -> ColumnElement[bool]:
    """The position (Affiliation or an alias of it) has begun by `day` and not ended
    before it."""
    from sqlalchemy import and_, or_

    return and_(or_(affiliation.start_on.is_(None), affiliation.start_on <= day),
                or_(affiliation.end_on.is_(None), affiliation.end_on >= day))


def latest_first(affiliation) -> tuple[UnaryExpression, ...]:
    """Positions held at once in the order that puts the current one first."""
    return affiliation.start_on.desc(), affiliation.created_at.desc()


def today_date() -> date:
    """The day whose positions are current: today, read whenever a statement runs."""
    return date.today()


def today() -> BindParameter:
    """Today's date, taken each time the statement runs: a list's SQL is built once,
    and the app stays open past midnight."""
    from sqlalchemy import Date, bindparam

    # Unique: a statement may hold it more than once (a column and a facet).
    return bindparam("today", callable_=today_date, type_=Date, unique=True)


def current_position(value: Callable[[Affiliation, Organization], ColumnElement],
                     person_id: ColumnElement, day, *,
                     only: Callable[[Affiliation, Organization], ColumnElement[bool]]
                     | None = None) -> ColumnElement:
    """`value(position, organisation)` of the current position of the person whose id
    is `person_id` (a column of the outer statement) on `day`, as a scalar subquery;
    `only` narrows the positions considered (those at an organisation with a country)."""
    from sqlalchemy import select
    from sqlalchemy.orm import aliased

    # Imported here: the registry uses this module while the models package loads it.
    from coordinator_app.core.records.models.directory import Affiliation, Organization
    from coordinator_app.core.records.tombstones import alive

    aff = aliased(Affiliation)
    org = aliased(Organization)
    # The position's own tombstone and its organisation's, read from the joined row:
    # its person is the row of the outer statement.
    conditions = [aff.person_id == person_id, alive(aff, links=False), alive(org),
                  held_on(aff, day)]
    if only is not None:
        conditions.append(only(aff, org))
    return (select(value(aff, org)).select_from(aff)
            .join(org, org.id == aff.organization_id)
            .where(*conditions)
            .order_by(*latest_first(aff))
            .limit(1)
            .scalar_subquery())
