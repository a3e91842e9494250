"""Derived data (the search index, the sort keys, people's current countries): not
history, so rebuilt when stale.

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

from coordinator_app.i18n import N_, _

#: Told what is being done (a sentence), how far it is and how much there is in all
#: (0 in all: no measure, only the step's name).
Progress = Callable[[str, int, int], None]

#: The table migrations write to; its shape is frozen into each of them too.
TABLE = "derived_state"
CREATE = f"CREATE TABLE IF NOT EXISTS {TABLE} (name VARCHAR(60) PRIMARY KEY, stale INTEGER NOT NULL)"


def _search_index(connection: Connection, progress: Progress | None = None) -> None:
    from coordinator_app.core.search import search_index

    search_index.create(connection)
    step = _(STEPS["search_index"])
    search_index.rebuild(connection, progress and (
        lambda done, total: progress(step, done, total)))


def _sort_keys(connection: Connection, progress: Progress | None = None) -> None:
    from coordinator_app.core.records import languages, sort_keys
    from coordinator_app.core.records.registry import MODELS

    for model in MODELS:
        if sort_keys.COLUMN not in model.__table__.columns:
            continue
        table, label = model.__tablename__, model.LABEL_FIELD
        read = [label]
        if sort_keys.per_language(model):
            read += [languages.column(label, lang) for lang in languages.LANGUAGES]
        rows = connection.exec_driver_sql(
            f"SELECT id, {', '.join(read)} FROM {table}").fetchall()
        if not rows:
            continue
        keyed = [sort_keys.keys(model, dict(zip(read, row[1:])).get) for row in rows]
        names = list(keyed[0])
        connection.exec_driver_sql(
            f"UPDATE {table} SET {', '.join(f'{name} = ?' for name in names)} WHERE id = ?",
            [(*(keys[name] for name in names), row[0]) for keys, row in zip(keyed, rows)])


def _current_countries(connection: Connection, _progress: Progress | None = None) -> None:
    # One statement over every person: its step is named, with no measure of how far.
    from coordinator_app.core.records import current_country

    current_country.rebuild(connection)


#: Each kind of derived data and how today's code rebuilds it.
REBUILDERS: dict[str, Callable[[Connection, Progress | None], None]] = {
    "search_index": _search_index,
    "sort_keys": _sort_keys,
    "current_countries": _current_countries,
}
#: What a person waiting is told is being rebuilt.
STEPS = {
    "search_index": N_("Rebuilding the search index"),
    "sort_keys": N_("Rebuilding the sort order of names"),
    "current_countries": N_("Working out the country each person works in now"),
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


def rebuild_stale(connection: Connection, progress: Progress | None = None) -> list[str]:
    """Rebuild whatever is marked stale and mark it fresh, telling `progress` what is
    being rebuilt and how far it is; returns what was rebuilt."""
    rebuilt = stale(connection)
    for name in rebuilt:
        if progress:
            progress(_(STEPS[name]), 0, 0)
        REBUILDERS[name](connection, progress)
        connection.exec_driver_sql(f"UPDATE {TABLE} SET stale = 0 WHERE name = ?", (name,))
    return rebuilt
