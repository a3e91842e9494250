"""Rows written many at a time, straight to the driver: the bulk path's one INSERT.

SQLAlchemy's Core insert of a list of dicts builds the parameters of every row in
Python (construct_params), which for an import of ten thousand people, their
contacts, positions and journal cost more than SQLite's own work. Here the values
go to the driver's `executemany` as tuples, each converted by its column type's
own bind processor, so what is stored is exactly what SQLAlchemy writes and reads
back (UTC stamps, dates).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.engine import Connection

#: Converted values remembered while one call runs: the same stamp object is in every
#: row, converted once; bounded so that a call of a million rows keeps no more.
_MEMO_LIMIT = 4096


def insert_rows(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT `rows` (dicts with the same keys, the first row's) into `table`, in one
    executemany on `connection` and its transaction."""
    if rows:
        keys = list(rows[0])
        insert_values(connection, table, keys, [[row[key] for key in keys] for row in rows])


def insert_values(connection: Connection, table: Table, keys: Sequence[str],
                  rows: list[list[Any]]) -> None:
    """INSERT `rows` (lists of the values of the columns `keys`, in that order, which
    are converted in place) into `table`, in one executemany on `connection`."""
    if not rows:
        return
    dialect = connection.dialect
    converters = [(index, processor) for index, processor in (
        (index, table.c[key].type._cached_bind_processor(dialect))
        for index, key in enumerate(keys)) if processor is not None]
    memo: dict[int, tuple[Any, Any]] = {}
    for values in rows:
        for index, processor in converters:
            value = values[index]
            if value is None:
                continue
            marker = id(value)
            seen = memo.get(marker)
            # The value is kept beside its conversion, so its id cannot be reused
            # by another object while the memo holds it.
            if seen is None or seen[0] is not value:
                if len(memo) >= _MEMO_LIMIT:
                    memo.clear()
                seen = memo[marker] = (value, processor(value))
            values[index] = seen[1]
    connection.exec_driver_sql("INSERT INTO {} ({}) VALUES ({})".format(
        table.name, ", ".join(table.c[key].name for key in keys),
        ", ".join("?" * len(keys))), list(map(tuple, rows)))
