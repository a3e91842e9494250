"""Indexes set aside while a bundle fills nearly empty tables, and made again after it,
in the same transaction.

An index kept up row by row while 100,000 people are written takes each person's
name, sort key and spelling to a page of its own; made once after, it is one sorted
pass (the people's indexes: 1.96 s of processor time kept up, 0.93 s made after).
Being schema in the same transaction, a rollback (a refused bundle, a cancel, a
crash) brings each index back as it was, and the commit holds them made again.

Set aside only: indexes of tables that hold fewer rows than are coming, not unique
ones (what they refuse must be refused as it is written), and none that begins with
a foreign key's column, which SQLite reads to match parents with their children
while a link is unresolved.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

#: Rows from which a load sets a table's indexes aside: below, the time saved is small.
LARGE = 10_000


def _set_aside(driver: Any, table: str) -> list[tuple[str, str]]:
    """(name, SQL) of the indexes of `table` that may be set aside."""
    linked = {row[3] for row in driver.execute(f"PRAGMA foreign_key_list({table})")}
    found = []
    for name, sql in driver.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
            "AND sql IS NOT NULL ORDER BY name", (table,)).fetchall():
        columns = [row[2] for row in driver.execute(f"PRAGMA index_info({name})")]
        unique = driver.execute(
            "SELECT \"unique\" FROM pragma_index_list(?) WHERE name = ?", (table, name)
        ).fetchone()[0]
        if not unique and columns and columns[0] not in linked:
            found.append((name, sql))
    return found


@contextmanager
def built_after(driver: Any, coming: Mapping[str, int]) -> Iterator[None]:
    """Set aside the indexes of the tables of `coming` ({table: rows about to be
    written}) that will hold mostly new rows, and make them again when the block
    ends without an error (with one, the transaction's rollback brings them back)."""
    dropped: list[str] = []
    for table, rows in coming.items():
        if rows < LARGE:
            continue
        # The highest row number, one seek, for the rows held (a journal of millions).
        held = driver.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0] or 0
        if held >= rows:
            continue
        for name, sql in _set_aside(driver, table):
            driver.execute(f"DROP INDEX {name}")
            dropped.append(sql)
    yield
    for sql in dropped:
        driver.execute(sql)
