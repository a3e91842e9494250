"""Records read for a report as rows of their table, not as mapped objects.

A report only reads the columns of the records it prints. Loaded as mapped objects
(identity map, relationships, events) an agreement and what surrounds it cost
about half of a memorandum summary's processor time, and even column-only queries
through SQLAlchemy cost more in building, caching and wrapping each statement than
SQLite spends running it. Here each query is plain SQL on the driver's cursor in
the session's transaction (core.store.driver), its values converted by the
columns' own types, and its rows are named tuples read by column name as a
record's attributes are, the kind's translatable fields declared on them as on the
kind's model, so core.records.languages picks the reader's language from them the
same way. Only what may be shown is read (core.records.tombstones.live_sql).
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from sqlalchemy.orm import Session

from coordinator_app.core.records.tombstones import live_sql
from coordinator_app.core.store.driver import Driver

#: What the queries call the row of the kind they read.
ROW = "t"


@cache
def _shape(cls: type, dialect) -> tuple[type, str, tuple]:
    """The row class of kind `cls`, the start of its query and its columns' converters."""
    columns = list(cls.__table__.columns)
    row = namedtuple(f"{cls.__name__}Row", [column.key for column in columns])
    record = type(f"{cls.__name__}Record", (row,), {
        "__slots__": (), "TRANSLATABLE": getattr(cls, "TRANSLATABLE", ()),
        "LABEL_FIELD": cls.LABEL_FIELD})
    select = (f"SELECT {', '.join(f'{ROW}.{column.name}' for column in columns)} "
              f"FROM {cls.__tablename__} {ROW} WHERE {live_sql(cls, ROW)}")
    converters = tuple(column.type.dialect_impl(dialect).result_processor(dialect, None)
                       for column in columns)
    return record, select, converters


def among(column: str, values: Sequence[Any]) -> tuple[str, tuple]:
    """SQL that keeps the rows whose `column` is one of `values`, and its parameters."""
    return f"{ROW}.{column} IN ({', '.join('?' * len(values))})", tuple(values)


def records(session: Session, cls: type, *where: tuple[str, tuple],
            order_by: str = "") -> list[Any]:
    """The live records of kind `cls` that every (SQL, parameters) of `where` keeps,
    in `order_by` (SQL about the row `t`)."""
    driver = Driver.of(session)
    record, sql, converters = _shape(cls, driver.dialect)
    params: list[Any] = []
    for condition, values in where:
        sql += f" AND {condition}"
        params += values
    if order_by:
        sql += f" ORDER BY {order_by}"
    make = record._make
    rows = driver.execute(sql, params).fetchall()
    if not any(converters):
        return [make(row) for row in rows]
    return [make([value if convert is None or value is None else convert(value)
                  for convert, value in zip(converters, row)]) for row in rows]


def records_by_id(session: Session, cls: type, ids: Iterable[str | None]) -> dict[str, Any]:
    """The live records of kind `cls` among `ids` (None left out), by id."""
    wanted = sorted({i for i in ids if i is not None})
    if not wanted:
        return {}
    return {r.id: r for r in records(session, cls, among("id", wanted))}
