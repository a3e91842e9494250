"""The DB-API connection a plain-SQL reader reads through, whatever it was handed.

The dashboard and the record lists are read with plain SQL (no SQLAlchemy), through
the sqlite3 (or SQLCipher) connection the first window opens, or through a
session's own connection once the database code is loaded.
"""

from __future__ import annotations

from typing import Any


def connection_of(source: Any) -> Any:
    """The DB-API connection to read through: `source` itself, or a session's own
    (inside its transaction, so what the session has written is seen)."""
    if hasattr(source, "get_bind"):  # a SQLAlchemy Session, never imported here
        return source.connection().connection.driver_connection
    return source
