"""What the search index holds, read whole for comparison: its keys, its rows and its
terms (whose own numbers are left out: they follow the order words were met in)."""

from __future__ import annotations


def index_rows(connection) -> tuple[list, list, list]:
    """(search_keys rows, search_index rows with their rowid, search_terms' words), each
    in a fixed order; `connection` is any that runs SQL (a session's or sqlite3's)."""
    run = getattr(connection, "exec_driver_sql", None) or connection.execute
    return (
        [tuple(row) for row in run(
            "SELECT entry, kind, record_id FROM search_keys ORDER BY entry")],
        [tuple(row) for row in run(
            "SELECT rowid, kind, title, names, body, variants FROM search_index ORDER BY rowid")],
        [row[0] for row in run("SELECT term FROM search_terms ORDER BY term")],
    )


def hash_size(connection) -> int | None:
    """The FTS5 'hashsize' the index is set to, or None when it keeps FTS5's own."""
    run = getattr(connection, "exec_driver_sql", None) or connection.execute
    row = run("SELECT v FROM search_index_config WHERE k = 'hashsize'").fetchone()
    return None if row is None else row[0]
