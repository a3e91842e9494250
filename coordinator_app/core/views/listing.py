"""What the record lists show, and the SQL behind them: count, one page, sort, filter.

A list on screen is a window onto a query, never a table loaded into memory: the
window asks for `page(…, offset, limit)` as the user scrolls, and sorting or
filtering only changes the ORDER BY and WHERE of the next query. Each list's
default order follows an index, so the first page of 100,000 people is read from
the index without sorting the table.

The queries are plain SQL run on a DB-API connection (`source`: a sqlite3 or
SQLCipher connection, or a session, whose own connection is used), and reading a
list loads no SQLAlchemy and no models. What each column reads and sorts by comes
from the kinds' declarations through their digest (core.records.list_digest, the
registry's SQLAlchemy expressions compiled once) and the text filter's from
core.views.list_filter. The facets are still SQLAlchemy's conditions
(core.views.facets), compiled to SQL when a list is narrowed by one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from coordinator_app.core.records.current_position import today_date
from coordinator_app.core.records.kind import date_sample, money_sample, show_cell
from coordinator_app.core.records.kind_digest import KINDS as DIGEST
from coordinator_app.core.records.list_digest import LISTS
from coordinator_app.core.store.reading import connection_of
from coordinator_app.i18n import current_language

if TYPE_CHECKING:
    from coordinator_app.core.records.facet_kinds import Chosen

#: Values of a statement's named parameters.
Parameters = dict[str, Any]

_SAMPLES = {"date": date_sample, "money": money_sample}


class ListColumn(NamedTuple):
    """One column of a list as its page shows it (core.records.kind.Column declares it)."""

    key: str
    title: str  # marked with N_(), translated where shown
    sortable: bool
    #: Relative width on screen (characters, roughly).
    width: int
    #: A typical value, to keep the column wide enough for it (dates, sums of money).
    sample: Callable[[], str] | None
    #: The codes the column stores and the labels it shows for them (marked with N_()).
    labels: dict[str, str] | None
    #: How its values are shown (core.records.kind.show_cell).
    shown: str


@dataclass(frozen=True)
class ListSpec:
    kind: str
    table: str
    title: str
    columns: tuple[ListColumn, ...]
    default_sort: int = 0
    default_descending: bool = False

    def reads(self, lang: str) -> list[list[str]]:
        """The SQL of the values each column is shown from, for a reader of `lang`."""
        return LISTS[self.kind]["reads"][lang]

    def order_key(self, column: int, lang: str) -> tuple[str, bool]:
        """The SQL a sortable column sorts by for a reader of `lang`, and whether it
        may be NULL."""
        sql, nullable = LISTS[self.kind]["order"][lang][column]
        return sql, nullable

    @property
    def live(self) -> str:
        """The condition that keeps what may be shown (core.records.tombstones.alive)."""
        return DIGEST[self.kind]["live"].format(a=self.table)


def _spec(kind: str, digest: dict[str, Any]) -> ListSpec:
    listed = LISTS[kind]
    columns = tuple(
        ListColumn(column["key"], column["title"], column["sortable"], column["width"],
                   _SAMPLES.get(column["sample"]), column["labels"], column["shown"])
        for column in listed["columns"])
    return ListSpec(kind, digest["table"], digest["plural_label"], columns,
                    listed["default_sort"], listed["default_descending"])


#: The list of each top-level kind, from its declaration (core.records.registry).
SPECS: dict[str, ListSpec] = {
    kind: _spec(kind, digest) for kind, digest in DIGEST.items() if digest["top_level"]
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


def _where(query: ListQuery) -> tuple[str, Parameters]:
    """The WHERE condition of the list's rows and its parameters (today's date among
    them: a person's current position is worked out for the day it is read)."""
    conditions = [query.spec.live]
    parameters: Parameters = {"today": today_date().isoformat()}
    narrowing = []
    text = query.text.strip()
    if text:
        from coordinator_app.core.views.list_filter import list_filter

        lang = query.language()
        coded = [(reads[0], column.labels)
                 for column, reads in zip(query.spec.columns, query.spec.reads(lang))
                 if column.labels is not None]
        narrowing.append(list_filter(query.kind, text, coded))
    if query.facets:
        narrowing.append(_facets(query))
    for condition, values in narrowing:
        if values.keys() & parameters.keys():
            raise ValueError(f"parameters named twice: {values.keys() & parameters.keys()}")
        conditions.append(f"({condition})")
        parameters.update(values)
    return " AND ".join(conditions), parameters


def _facets(query: ListQuery) -> tuple[str, Parameters]:
    """The chosen facets' condition as SQL with its parameters, compiled from their
    definitions (core.views.facets, SQLAlchemy's: loaded for them here)."""
    from sqlalchemy import true
    from sqlalchemy.dialects import sqlite

    from coordinator_app.core.records import registry
    from coordinator_app.core.views import facets

    chosen = facets.condition(registry.model(query.kind), query.kind, query.facets)
    compiled = (true() if chosen is None else chosen).compile(
        dialect=sqlite.dialect(paramstyle="named"), compile_kwargs={"render_postcompile": True})
    processors = compiled._bind_processors  # noqa: SLF001 - how the dialect writes a date
    values = {name: processors[name](value) if name in processors else value
              for name, value in compiled.construct_params().items()}
    return compiled.string, values


def _order(query: ListQuery) -> tuple[str, bool, str, bool]:
    """What the list sorts by (SQL), whether it may be NULL, the tie-break (SQLite's
    rowid) and whether the order is descending."""
    index, descending = query.order()
    key, nullable = query.spec.order_key(index, query.language())
    # SQLite's rowid breaks ties: every index already ends with it, so ORDER BY
    # (name, rowid) is read straight from the name index, and paging is stable.
    return key, nullable, f"{query.spec.table}.rowid", descending


def _direction(descending: bool) -> str:
    return "DESC" if descending else "ASC"


def page_statement(query: ListQuery, offset: int, limit: int,
                   after: tuple[Any, int] | None = None, *, counted: bool = False,
                   shown: bool = True) -> tuple[str, Parameters]:
    """The SQL of one page and its parameters: from `offset`, or right after the row
    marked `after`. With `counted`, each row ends with the number of rows the list
    holds; without `shown`, the rows' ids and marks alone, not what their columns show."""
    spec = query.spec
    table = spec.table
    key, nullable, tie, descending = _order(query)
    values = [f"{table}.id", key, tie]
    if shown:
        values.extend(value for column in spec.reads(query.language()) for value in column)
    direction = _direction(descending)
    ordering = f"{key} {direction}, {tie} {direction}"
    where, parameters = _where(query)
    parameters["limit"] = limit
    if after is not None:
        where = f"{where} AND {_after(key, nullable, tie, after[0], descending)}"
        parameters.update(after_key=after[0], after_tie=after[1])
    # The rows of the page are chosen first, by rowid, and only they are read for
    # display: a column worked out by a subquery (a person's position) was otherwise
    # worked out for every row the filter kept (thousands) before the sort kept 200.
    kept = ""
    if counted:
        # The rows the filter keeps are found once (the search index looked up, each
        # match's sort value read) into a set that is both sorted for the page and
        # counted: a count over the sorted rows (a window) cost another pass over them.
        kept = (f"WITH kept AS MATERIALIZED (SELECT {tie} AS chosen, {key} AS sort_value "
                f"FROM {table} WHERE {where}) ")
        chosen = (f"SELECT chosen FROM kept ORDER BY sort_value {direction}, "
                  f"chosen {direction} LIMIT :limit")
        values.append("(SELECT count(*) FROM kept)")
    else:
        chosen = (f"SELECT {tie} AS chosen FROM {table} WHERE {where} "
                  f"ORDER BY {ordering} LIMIT :limit")
    if offset and after is None:
        chosen += " OFFSET :offset"
        parameters["offset"] = offset
    return (f"{kept}SELECT {', '.join(values)} FROM {table} "
            f"JOIN ({chosen}) AS page_rows ON {tie} = page_rows.chosen "
            f"ORDER BY {ordering}"), parameters


def _read(source: Any, statement: tuple[str, Parameters]) -> list[tuple]:
    sql, parameters = statement
    return connection_of(source).execute(sql, parameters).fetchall()


def _rows(query: ListQuery, result: list[tuple]) -> list[Row]:
    rows: list[Row] = []
    lang = query.language()
    # Where each column's values stand in a row, worked out once for the page.
    places = []
    position = 3
    for column, reads in zip(query.spec.columns, query.spec.reads(lang)):
        places.append((column.shown, column.labels, position, position + len(reads)))
        position += len(reads)
    for values in result:
        cells = tuple(show_cell(shown, values[start:end], lang, labels)
                      for shown, labels, start, end in places)
        rows.append(Row(values[0], cells, (values[1], values[2])))
    return rows


def page(source: Any, query: ListQuery, offset: int, limit: int,
         after: tuple[Any, int] | None = None, *, shown: bool = True) -> list[Row]:
    """Rows `offset`…`offset+limit` of the list, formatted for display.

    Given `after` (the `mark` of the last row already shown), the page starts right
    after that row and is found through the index like the first page: scrolling
    to row 90,000 costs what row 200 does, where an OFFSET would step over every
    row before it. Without `shown`, the rows have no cells: their ids and marks are
    read without working out what their columns show (a person's position, say).
    """
    result = _read(source, page_statement(query, offset, limit, after, shown=shown))
    if not shown:
        return [Row(record_id, (), (key, tie)) for record_id, key, tie in result]
    return _rows(query, result)


def first_page(source: Any, query: ListQuery, limit: int) -> tuple[list[Row], int]:
    """The first `limit` rows of the list and how many it holds (see `count`).

    A filtered list is sorted whole to find its first page, so the same statement
    counts its rows as it goes: the search index is looked up and the matches read
    once, not again for the count. An unfiltered list reads its first page from the
    sort index alone and counts up to COUNT_LIMIT."""
    if not query.text.strip():
        return page(source, query, 0, limit), count(source, query, COUNT_LIMIT)
    result = _read(source, page_statement(query, 0, limit, counted=True))
    return _rows(query, result), (result[0][-1] if result else 0)


#: How far a list counts its records: a count reads every row it counts, so past
#: this a list says "more than 10,000" and costs the same at 300,000 records as at
#: 10,000.
COUNT_LIMIT = 10_000


def count(source: Any, query: ListQuery, limit: int | None = None) -> int:
    """How many records the list holds; with `limit`, at most `limit` + 1 (more than
    `limit`), reading no more rows than that."""
    table = query.spec.table
    where, parameters = _where(query)
    if limit is None:
        sql = f"SELECT count(*) FROM {table} WHERE {where}"
    else:
        sql = (f"SELECT count(*) FROM (SELECT {table}.rowid FROM {table} WHERE {where} "
               "LIMIT :limit)")
        parameters["limit"] = limit + 1
    return _read(source, (sql, parameters))[0][0] or 0


def ids(source: Any, query: ListQuery) -> list[str]:
    """The ids of every record the list shows, in its order (to export the list)."""
    table = query.spec.table
    key, _nullable, tie, descending = _order(query)
    where, parameters = _where(query)
    direction = _direction(descending)
    sql = (f"SELECT {table}.id FROM {table} WHERE {where} "
           f"ORDER BY {key} {direction}, {tie} {direction}")
    return [record_id for (record_id,) in _read(source, (sql, parameters))]


def position_of(source: Any, query: ListQuery, record_id: str) -> int | None:
    """Where a record stands in the list (0-based), or None if the filter hides it.

    Lets a list jump to a record opened from elsewhere without reading the rows
    before it: one counting query over the same order.
    """
    table = query.spec.table
    key, _nullable, tie, descending = _order(query)
    where, parameters = _where(query)
    found = _read(source, (f"SELECT {key}, {tie} FROM {table} "
                           f"WHERE {table}.id = :record_id AND {where}",
                           {**parameters, "record_id": record_id}))
    if not found:
        return None
    key_value, tie_value = found[0]
    before = _before(key, tie, key_value, descending)
    sql = f"SELECT count(*) FROM {table} WHERE {where} AND {before}"
    return _read(source, (sql, {**parameters, "key_value": key_value,
                                "tie_value": tie_value}))[0][0] or 0


def _before(key: str, tie: str, key_value: Any, descending: bool) -> str:
    """Rows that sort before (:key_value, :tie_value); NULLs sort first in SQLite."""
    if not descending:
        if key_value is None:
            return f"({key} IS NULL AND {tie} < :tie_value)"
        return (f"({key} IS NULL OR {key} < :key_value "
                f"OR ({key} = :key_value AND {tie} < :tie_value))")
    if key_value is None:
        return f"({key} IS NOT NULL OR {tie} > :tie_value)"
    return f"({key} > :key_value OR ({key} = :key_value AND {tie} > :tie_value))"


def _after(key: str, nullable: bool, tie: str, key_value: Any, descending: bool) -> str:
    """Rows that sort after (:after_key, :after_tie), in the list's order.

    On a column that is never NULL this is one row-value comparison, which SQLite
    answers with a range scan of the index (the index ends with the rowid)."""
    if not nullable and key_value is not None:
        return f"({key}, {tie}) {'<' if descending else '>'} (:after_key, :after_tie)"
    if not descending:  # NULLs first
        if key_value is None:
            return f"({key} IS NOT NULL OR ({key} IS NULL AND {tie} > :after_tie))"
        return (f"({key} > :after_key OR ({key} = :after_key AND {tie} > :after_tie))")
    if key_value is None:  # NULLs last
        return f"({key} IS NULL AND {tie} < :after_tie)"
    return (f"({key} IS NULL OR {key} < :after_key "
            f"OR ({key} = :after_key AND {tie} < :after_tie))")
