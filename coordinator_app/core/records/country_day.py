"""The day people's current countries (core.records.current_country) were last worked
out, and who is due to be worked out again when the file is opened on a later day
(core.store.db.catch_up_countries).

Read with plain SQL: the app opens the file without loading SQLAlchemy and the models,
and on most days, and most first starts of a day (no position began or ended since),
there is nothing to work out again. Only then is the database code loaded for it.
"""

from __future__ import annotations

from datetime import date
from typing import Any


#: Where the day it was last worked out is kept (created by migration 0014).
DAYS = "derived_days"
NAME = "current_country"


def remember(connection: Any, day: date) -> None:
    """Note `day` as the one worked out (`connection`: a DB-API connection)."""
    connection.execute(f"INSERT OR REPLACE INTO {DAYS} (name, day) VALUES (?, ?)",
                       (NAME, day.isoformat()))


def due(connection: Any, day: date) -> list[str] | None | bool:
    """False when worked out for `day` already; None when never (everyone is due);
    else the people whose positions began or ended in between."""
    found = connection.execute(f"SELECT day FROM {DAYS} WHERE name = ?", (NAME,)).fetchone()
    if found is None:
        return None
    if found[0] == day.isoformat():
        return False  # the usual opening: read, and nothing to write
    # Either way: a clock set back changes who is current as well.
    first, last = sorted((found[0], day.isoformat()))
    return [row[0] for row in connection.execute(
        "SELECT DISTINCT person_id FROM affiliations WHERE (start_on > ? AND start_on <= ?)"
        " OR (end_on >= ? AND end_on < ?)", (first, last, first, last))]
