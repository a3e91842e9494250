"""Derived data (the search index, the sort keys): not history, so rebuilt when stale.

A migration that changes how derived data is shaped carries its own DDL and only
marks that data stale with a row in `derived_state`; after migrating, the opening
code rebuilds what is stale with today's code, on the same connection and in the
same transaction. Migrations therefore never call this module or any other part
of the app, and upgrading a file made at the first revision keeps working
whatever today's search index or collation looks like.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.engine import Connection

#: The table migrations write to; its shape is frozen into each of them too.
TABLE = "derived_state"
CREATE = f"CREATE TABLE IF NOT EXISTS {TABLE} (name VARCHAR(60) PRIMARY KEY, stale INTEGER NOT NULL)"


def _search_index(connection: Connection) -> None:
    from coordinator_app.core.search import search_index

    search_index.create(connection)
    search_index.rebuild(connection)


def _sort_keys(connection: Connection) -> None:
    from coordinator_app.core.text.collation import sort_key
    from coordinator_app.core.records.registry import MODELS

    for model in MODELS:
        if "sort_key" not in model.__table__.columns:
            continue
        table, label = model.__tablename__, model.LABEL_FIELD
        rows = connection.exec_driver_sql(f"SELECT id, {label} FROM {table}").fetchall()
        if rows:
            connection.exec_driver_sql(f"UPDATE {table} SET sort_key = ? WHERE id = ?",
                                       [(sort_key(value), row_id) for row_id, value in rows])


#: Each kind of derived data and how today's code rebuilds it.
REBUILDERS: dict[str, Callable[[Connection], None]] = {
    "search_index": _search_index,
    "sort_keys": _sort_keys,
}


def stale(connection: Connection) -> list[str]:
    """Names of the derived data a migration marked stale, in rebuilding order."""
    found = connection.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,)).first()
    if found is None:
        return []
    marked = {row[0] for row in connection.exec_driver_sql(
        f"SELECT name FROM {TABLE} WHERE stale != 0")}
    return [name for name in REBUILDERS if name in marked]


def rebuild_stale(connection: Connection) -> list[str]:
    """Rebuild whatever is marked stale and mark it fresh; returns what was rebuilt."""
    rebuilt = stale(connection)
    for name in rebuilt:
        REBUILDERS[name](connection)
        connection.exec_driver_sql(f"UPDATE {TABLE} SET stale = 0 WHERE name = ?", (name,))
    return rebuilt
