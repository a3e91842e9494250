"""What the record lists show, and the SQL behind them: count, one page, sort, filter.

A list on screen is a window onto a query, never a table loaded into memory: the
window asks for `page(…, offset, limit)` as the user scrolls, and sorting or
filtering only changes the ORDER BY and WHERE of the next query. Each list's
default order follows an index, so the first page of 100,000 people is read from
the index without sorting the table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, literal_column, or_, select, tuple_
from sqlalchemy.orm import Session

from coordinator_app.core.records import registry
from coordinator_app.core.records.facet_kinds import Chosen
from coordinator_app.core.records.kind import Column
from coordinator_app.core.records.models import Entity
from coordinator_app.core.records.tombstones import alive
from coordinator_app.core.views import facets
from coordinator_app.i18n import current_language


@dataclass(frozen=True)
class ListSpec:
    kind: str
    cls: type[Entity]
    title: str
    columns: tuple[Column, ...]
    default_sort: int = 0
    default_descending: bool = False


#: The list of each top-level kind, from its declaration (core.records.registry).
SPECS: dict[str, ListSpec] = {
    spec.name: ListSpec(spec.name, spec.model, spec.plural_label, spec.columns,
                        spec.default_sort, spec.default_descending)
    for spec in registry.TOP_LEVEL
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
    #: The codes chosen in the list's facets (core.facets), as facets.normalised gives them.
    facets: Chosen = ()
    #: The language its text is shown and sorted in; None: the interface language.
    lang: str | None = None

    def language(self) -> str:
        return self.lang or current_language()

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
        from coordinator_app.core.views.list_filter import list_filter

        coded = [(column.expr, column.labels) for column in query.spec.columns
                 if column.labels is not None]
        condition = and_(condition, list_filter(cls, text, coded))
    chosen = facets.condition(cls, query.kind, query.facets)
    if chosen is not None:
        condition = and_(condition, chosen)
    return condition


def _rowid(cls: type[Entity]) -> ColumnElement[Any]:
    # SQLite's rowid breaks ties: every index already ends with it, so ORDER BY
    # (name, rowid) is read straight from the name index, and paging is stable.
    return literal_column(f"{cls.__tablename__}.rowid")


def _order(query: ListQuery) -> tuple[ColumnElement[Any], ColumnElement[Any], bool]:
    cls = query.spec.cls
    index, descending = query.order()
    return query.spec.columns[index].order_key(cls, query.language()), _rowid(cls), descending


def page_statement(query: ListQuery, offset: int, limit: int,
                   after: tuple[Any, int] | None = None, *, counted: bool = False,
                   shown: bool = True) -> Select[Any]:
    """The SQL of one page: from `offset`, or right after the row marked `after`.
    With `counted`, each row ends with the number of rows the list holds; without
    `shown`, the rows' ids and marks alone, not what their columns show."""
    spec = query.spec
    cls = spec.cls
    key, tie, descending = _order(query)
    values: list[ColumnElement[Any]] = [cls.id, key, tie]
    lang = query.language()
    for column in spec.columns if shown else ():
        values.extend(column.reads(lang))
    ordering = (key.desc(), tie.desc()) if descending else (key.asc(), tie.asc())
    where = _where(query)
    if after is not None:
        where = and_(where, _after(key, tie, after[0], after[1], descending))
    # The rows of the page are chosen first, by rowid, and only they are read for
    # display: a column worked out by a subquery (a person's position) was otherwise
    # worked out for every row the filter kept (thousands) before the sort kept 200.
    if counted:
        # The rows the filter keeps are found once (the search index looked up, each
        # match's sort value read) into a set that is both sorted for the page and
        # counted: a count over the sorted rows (a window) cost another pass over them.
        kept = (select(tie.label("chosen"), key.label("key")).select_from(cls).where(where)
                .cte("kept").prefix_with("MATERIALIZED"))
        in_order = ((kept.c.key.desc(), kept.c.chosen.desc()) if descending
                    else (kept.c.key.asc(), kept.c.chosen.asc()))
        chosen = select(kept.c.chosen).order_by(*in_order).limit(limit)
        values.append(select(func.count()).select_from(kept).scalar_subquery())
    else:
        chosen = select(tie.label("chosen")).select_from(cls).where(where)
        chosen = chosen.order_by(*ordering).limit(limit)
    if offset and after is None:
        chosen = chosen.offset(offset)
    page_rows = chosen.subquery("page_rows")
    return (select(*values).select_from(cls).join(page_rows, tie == page_rows.c.chosen)
            .order_by(*ordering))


def _rows(query: ListQuery, result) -> list[Row]:
    rows: list[Row] = []
    lang = query.language()
    # Where each column's values stand in a row, worked out once for the page.
    places = []
    position = 3
    for column in query.spec.columns:
        width = len(column.reads(lang))
        places.append((column.display, position, position + width))
        position += width
    for raw in result:
        values = tuple(raw)
        cells = tuple(display(values[start:end], lang) for display, start, end in places)
        rows.append(Row(values[0], cells, (values[1], values[2])))
    return rows


def page(session: Session, query: ListQuery, offset: int, limit: int,
         after: tuple[Any, int] | None = None, *, shown: bool = True) -> list[Row]:
    """Rows `offset`…`offset+limit` of the list, formatted for display.

    Given `after` (the `mark` of the last row already shown), the page starts right
    after that row and is found through the index like the first page: scrolling
    to row 90,000 costs what row 200 does, where an OFFSET would step over every
    row before it. Without `shown`, the rows have no cells: their ids and marks are
    read without working out what their columns show (a person's position, say).
    """
    statement = page_statement(query, offset, limit, after, shown=shown)
    if not shown:
        return [Row(record_id, (), (key, tie))
                for record_id, key, tie in session.execute(statement)]
    return _rows(query, session.execute(statement))


def first_page(session: Session, query: ListQuery, limit: int) -> tuple[list[Row], int]:
    """The first `limit` rows of the list and how many it holds (see `count`).

    A filtered list is sorted whole to find its first page, so the same statement
    counts its rows as it goes (a window count): the search index is looked up and
    the matches read once, not again for the count. An unfiltered list reads its
    first page from the sort index alone and counts up to COUNT_LIMIT."""
    if not query.text.strip():
        return page(session, query, 0, limit), count(session, query, COUNT_LIMIT)
    result = list(session.execute(page_statement(query, 0, limit, counted=True)))
    return _rows(query, result), (result[0][-1] if result else 0)


#: How far a list counts its records: a count reads every row it counts, so past
#: this a list says "more than 10,000" and costs the same at 300,000 records as at
#: 10,000.
COUNT_LIMIT = 10_000


def count(session: Session, query: ListQuery, limit: int | None = None) -> int:
    """How many records the list holds; with `limit`, at most `limit` + 1 (more than
    `limit`), reading no more rows than that."""
    cls = query.spec.cls
    if limit is None:
        return session.scalar(select(func.count()).select_from(cls).where(_where(query))) or 0
    rows = select(_rowid(cls)).select_from(cls).where(_where(query)).limit(limit + 1)
    return session.scalar(select(func.count()).select_from(rows.subquery())) or 0


def ids(session: Session, query: ListQuery) -> list[str]:
    """The ids of every record the list shows, in its order (to export the list)."""
    key, tie, descending = _order(query)
    cls = query.spec.cls
    ordering = (key.desc(), tie.desc()) if descending else (key.asc(), tie.asc())
    return list(session.scalars(select(cls.id).where(_where(query)).order_by(*ordering)))


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
