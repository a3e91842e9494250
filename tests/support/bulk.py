"""Many records at once in plain SQL, as an import of a large address book would write
them: for lists and counts at sizes the service layer would take minutes to fill."""

from __future__ import annotations

from coordinator_app.core.records.ids import new_id, utcnow
from coordinator_app.core.text.collation import sort_key
from support.encryption import connect_file


def insert_people(db_path, count: int, prefix: str = "Person") -> None:
    """`count` people named "{prefix} 000000"… (not in the search index)."""
    stamp = utcnow().replace(tzinfo=None).isoformat(sep=" ")
    device = new_id()
    rows = []
    for i in range(count):
        name = f"{prefix} {i:06d}"
        rows.append((new_id(), name, sort_key(name), f"{prefix} Latin {i:06d}", stamp, stamp,
                     device))
    with connect_file(db_path) as connection:
        connection.executemany(
            "INSERT INTO people (id, full_name, sort_key, latin_name, created_at, updated_at,"
            " device_id) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
