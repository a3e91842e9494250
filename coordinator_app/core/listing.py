"""What the record lists show, and the SQL behind them: count, one page, sort, filter.

A list on screen is a window onto a query, never a table loaded into memory: the
window asks for `page(…, offset, limit)` as the user scrolls, and sorting or
filtering only changes the ORDER BY and WHERE of the next query. Each list's
default order follows an index, so the first page of 100,000 people is read from
the index without sorting the table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, literal_column, or_, select, tuple_
from sqlalchemy.orm import Session, aliased

from coordinator_app.core import vocab
from coordinator_app.core.models import (
    Activity,
    Affiliation,
    Agreement,
    Entity,
    Organization,
    Person,
    Project,
)
from coordinator_app.core.tombstones import alive
from coordinator_app.i18n import N_, _


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _date(value: Any) -> str:
    if value is None:
        return ""
    from coordinator_app.core.formatting import format_date, format_datetime

    return format_datetime(value) if isinstance(value, datetime) else format_date(value)


def _label(labels: dict[str, str]) -> Callable[[Any], str]:
    def show(value: Any) -> str:
        if value is None:
            return ""
        return _(labels[value]) if value in labels else str(value)

    return show


def _money(row_values: Sequence[Any]) -> str:
    minor, currency = row_values
    if minor is None:
        return ""
    from coordinator_app.core.formatting import format_money

    return format_money(minor, currency or "EUR")


def _date_sample() -> str:
    return _date(date(2026, 9, 28))


def _money_sample() -> str:
    return _money((1_250_000_00, "EUR"))


@dataclass(frozen=True)
class Column:
    """One column of a list: its header, the SQL that reads it, and how it is shown."""

    key: str
    title: str  # marked with N_(), translated where shown
    expr: ColumnElement[Any]
    show: Callable[[Any], str] = _text
    #: Sorting by this column is offered (it is indexed, or the table stays small).
    sortable: bool = True
    #: Extra SQL values the column needs to be shown (money needs its currency).
    extra: tuple[ColumnElement[Any], ...] = ()
    combine: Callable[[Sequence[Any]], str] | None = None
    #: Relative width on screen (characters, roughly): set once, never measured from rows.
    width: int = 20
    #: A typical value, to keep the column wide enough for it (dates, sums of money).
    sample: Callable[[], str] | None = None
    #: A stored, indexed column to order by instead of `expr` (names sort by their
    #: collation key, so "Є" comes after "Е" and "Č" after "C").
    sort_by: str | None = None

    def order_key(self, cls: type[Entity]) -> ColumnElement[Any]:
        if self.sort_by is not None and hasattr(cls, self.sort_by):
            return getattr(cls, self.sort_by)
        return self.expr

    def display(self, values: Sequence[Any]) -> str:
        if self.combine is not None:
            return self.combine(values)
        return self.show(values[0])


@dataclass(frozen=True)
class ListSpec:
    kind: str
    cls: type[Entity]
    title: str
    columns: tuple[Column, ...]
    default_sort: int = 0
    default_descending: bool = False


def _current_position() -> ColumnElement[Any]:
    """'Mayor, Kharkiv City Council': the person's latest open affiliation."""
    aff = aliased(Affiliation)
    org = aliased(Organization)
    position = func.coalesce(aff.position + ", ", "") + org.name
    return (
        select(position)
        .select_from(aff)
        .join(org, org.id == aff.organization_id)
        # The position's own tombstone and its organisation's, read from the joined row:
        # its person is the row being listed, live already.
        .where(aff.person_id == Person.id, alive(aff, links=False), alive(org),
               aff.end_on.is_(None))
        .order_by(aff.start_on.desc())
        .limit(1)
        .correlate(Person)
        .scalar_subquery()
    )


def _name_of(fk: ColumnElement[Any]) -> ColumnElement[Any]:
    org = aliased(Organization)
    return select(org.name).where(org.id == fk, alive(org)).limit(1).scalar_subquery()


SPECS: dict[str, ListSpec] = {
    "organization": ListSpec(
        "organization", Organization, N_("Organisations"),
        (
            Column("name", N_("Name"), Organization.name, width=40, sort_by="sort_key"),
            Column("kind", N_("Kind"), Organization.kind,
                   _label(vocab.ORGANIZATION_KINDS), width=22),
            Column("country", N_("Country"), Organization.country, width=8),
            Column("region", N_("Region"), Organization.region, width=18),
            Column("parent", N_("Member of"), _name_of(Organization.parent_id),
                   sortable=False, width=30),
        ),
    ),
    "person": ListSpec(
        "person", Person, N_("People"),
        (
            Column("full_name", N_("Full name"), Person.full_name, width=28, sort_by="sort_key"),
            Column("latin_name", N_("Latin spelling"), Person.latin_name, width=24),
            Column("position", N_("Position"), _current_position(), sortable=False, width=44),
            Column("languages", N_("Languages"), Person.languages, sortable=False, width=10),
        ),
    ),
    "agreement": ListSpec(
        "agreement", Agreement, N_("Agreements"),
        (
            Column("title", N_("Title"), Agreement.title, width=44, sort_by="sort_key"),
            Column("kind", N_("Kind"), Agreement.kind, _label(vocab.AGREEMENT_KINDS), width=24),
            Column("status", N_("Status"), Agreement.status,
                   _label(vocab.AGREEMENT_STATUSES), width=12),
            Column("signed_on", N_("Signed"), Agreement.signed_on, _date, width=15, sample=_date_sample),
            Column("expires_on", N_("Expires"), Agreement.expires_on, _date, width=15, sample=_date_sample),
        ),
    ),
    "project": ListSpec(
        "project", Project, N_("Projects"),
        (
            Column("title", N_("Title"), Project.title, width=40, sort_by="sort_key"),
            Column("status", N_("Status"), Project.status,
                   _label(vocab.PROJECT_STATUSES), width=12),
            Column("lead", N_("Lead organisation"), _name_of(Project.lead_id),
                   sortable=False, width=28),
            Column("start_on", N_("Start"), Project.start_on, _date, width=15, sample=_date_sample),
            Column("end_on", N_("End"), Project.end_on, _date, width=15, sample=_date_sample),
            Column("budget", N_("Budget"), Project.budget_minor, extra=(Project.currency,),
                   combine=_money, width=16, sample=_money_sample),
        ),
    ),
    "activity": ListSpec(
        "activity", Activity, N_("Activities"),
        (
            Column("occurs_on", N_("Date"), Activity.occurs_on, _date, width=15, sample=_date_sample),
            Column("title", N_("Title"), Activity.title, width=44, sort_by="sort_key"),
            Column("kind", N_("Kind"), Activity.kind, _label(vocab.ACTIVITY_KINDS), width=12),
            Column("location", N_("Place"), Activity.location, width=24),
        ),
        default_descending=True,
    ),
}

#: The kinds in the order the navigation shows them.
KINDS: tuple[str, ...] = tuple(SPECS)


@dataclass(frozen=True)
class ListQuery:
    """What one list on screen asks for: which kind, in which order, filtered by what."""

    kind: str
    sort_column: int | None = None
    descending: bool | None = None
    text: str = ""

    @property
    def spec(self) -> ListSpec:
        return SPECS[self.kind]

    def order(self) -> tuple[int, bool]:
        spec = self.spec
        column = spec.default_sort if self.sort_column is None else self.sort_column
        if not 0 <= column < len(spec.columns) or not spec.columns[column].sortable:
            return spec.default_sort, spec.default_descending
        if self.descending is None:
            return column, spec.default_descending if column == spec.default_sort else False
        return column, self.descending


@dataclass(frozen=True)
class Row:
    id: str
    cells: tuple[str, ...]
    #: Where the row stands in the order (sort value, rowid): the next page starts after it.
    mark: tuple[Any, int] | None = None


def _where(query: ListQuery) -> ColumnElement[bool]:
    cls = query.spec.cls
    condition = alive(cls)
    text = query.text.strip()
    if text:
        from coordinator_app.core.search import filter_clause

        condition = and_(condition, filter_clause(cls, text))
    return condition


def _rowid(cls: type[Entity]) -> ColumnElement[Any]:
    # SQLite's rowid breaks ties: every index already ends with it, so ORDER BY
    # (name, rowid) is read straight from the name index, and paging is stable.
    return literal_column(f"{cls.__tablename__}.rowid")


def _order(query: ListQuery) -> tuple[ColumnElement[Any], ColumnElement[Any], bool]:
    cls = query.spec.cls
    index, descending = query.order()
    return query.spec.columns[index].order_key(cls), _rowid(cls), descending


def page_statement(query: ListQuery, offset: int, limit: int,
                   after: tuple[Any, int] | None = None) -> Select[Any]:
    """The SQL of one page: from `offset`, or right after the row marked `after`."""
    spec = query.spec
    cls = spec.cls
    key, tie, descending = _order(query)
    values: list[ColumnElement[Any]] = [cls.id, key, tie]
    for column in spec.columns:
        values.append(column.expr)
        values.extend(column.extra)
    ordering = (key.desc(), tie.desc()) if descending else (key.asc(), tie.asc())
    where = _where(query)
    if after is not None:
        where = and_(where, _after(key, tie, after[0], after[1], descending))
    statement = select(*values).select_from(cls).where(where).order_by(*ordering).limit(limit)
    return statement.offset(offset) if offset and after is None else statement


def page(session: Session, query: ListQuery, offset: int, limit: int,
         after: tuple[Any, int] | None = None) -> list[Row]:
    """Rows `offset`…`offset+limit` of the list, formatted for display.

    Given `after` (the `mark` of the last row already shown), the page starts right
    after that row and is found through the index like the first page: scrolling
    to row 90,000 costs what row 200 does, where an OFFSET would step over every
    row before it.
    """
    spec = query.spec
    rows: list[Row] = []
    for raw in session.execute(page_statement(query, offset, limit, after)):
        values = list(raw)
        record_id, key_value, tie_value = values[:3]
        position = 3
        cells: list[str] = []
        for column in spec.columns:
            width = 1 + len(column.extra)
            cells.append(column.display(values[position:position + width]))
            position += width
        rows.append(Row(record_id, tuple(cells), (key_value, tie_value)))
    return rows


def count(session: Session, query: ListQuery) -> int:
    cls = query.spec.cls
    return session.scalar(select(func.count()).select_from(cls).where(_where(query))) or 0


def position_of(session: Session, query: ListQuery, record_id: str) -> int | None:
    """Where a record stands in the list (0-based), or None if the filter hides it.

    Lets a list jump to a record opened from elsewhere without reading the rows
    before it: one counting query over the same order.
    """
    cls = query.spec.cls
    key, tie, descending = _order(query)
    target = session.execute(
        select(key.label("key"), tie.label("tie")).select_from(cls)
        .where(cls.id == record_id, _where(query))
    ).first()
    if target is None:
        return None
    key_value, tie_value = target
    before = _before(key, tie, key_value, tie_value, descending)
    return session.scalar(
        select(func.count()).select_from(cls).where(_where(query), before)
    ) or 0


def _before(key, tie, key_value, tie_value, descending: bool) -> ColumnElement[bool]:
    """Rows that sort before (key_value, tie_value); NULLs sort first in SQLite."""
    if not descending:
        if key_value is None:
            return and_(key.is_(None), tie < tie_value)
        return or_(key.is_(None), key < key_value, and_(key == key_value, tie < tie_value))
    if key_value is None:
        return or_(key.is_not(None), tie > tie_value)
    return or_(key > key_value, and_(key == key_value, tie > tie_value))


def _nullable(expr: ColumnElement[Any]) -> bool:
    return getattr(getattr(expr, "expression", expr), "nullable", True)


def _after(key, tie, key_value, tie_value, descending: bool) -> ColumnElement[bool]:
    """Rows that sort after (key_value, tie_value), in the list's order.

    On a column that is never NULL this is one row-value comparison, which SQLite
    answers with a range scan of the index (the index ends with the rowid)."""
    if not _nullable(key) and key_value is not None:
        if descending:
            return tuple_(key, tie) < tuple_(key_value, tie_value)
        return tuple_(key, tie) > tuple_(key_value, tie_value)
    if not descending:  # NULLs first
        if key_value is None:
            return or_(key.is_not(None), and_(key.is_(None), tie > tie_value))
        return or_(key > key_value, and_(key == key_value, tie > tie_value))
    if key_value is None:  # NULLs last
        return and_(key.is_(None), tie < tie_value)
    return or_(key.is_(None), key < key_value, and_(key == key_value, tie < tie_value))
