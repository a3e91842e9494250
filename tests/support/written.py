"""What a write left in a database, read whole and made comparable between runs: every
record table, the journal, sync's operations and heads, the search index and the
people's derived country, with the values that differ from run to run (ids, devices,
stamps, clocks) replaced by their order of first appearance."""

from __future__ import annotations

import hashlib
import re

from coordinator_app.core.records.registry import MODELS

from support.search_rows import index_rows

#: Ids (random, or time-ordered with random bits) and a device's id.
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
#: Stamps of when a row was written: a date with a time of day.
_STAMP = re.compile(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d+)?(\+00:00)?")

#: The bookkeeping tables, each with the order its rows are read in.
_TABLES = {
    "changes": "seq",
    "sync_operations": "origin, seq",
    "sync_heads": "kind, record_id, field, origin, seq",
}


def written_rows(connection) -> list[tuple]:
    """Every row of the record tables (in the order written), the journal, sync's
    operations and heads and the search index, as text with ids, stamps and clocks
    replaced by their order of first appearance."""
    run = getattr(connection, "exec_driver_sql", None) or connection.execute
    seen: dict[str, str] = {}
    clocks: dict[int, str] = {}

    def stable(value):
        if isinstance(value, str):
            value = _UUID.sub(lambda m: seen.setdefault(m.group(), f"<id{len(seen)}>"), value)
            return _STAMP.sub("<stamp>", value)
        return value

    rows: list[tuple] = []
    tables = [(cls.__table__.name, "rowid") for cls in MODELS] + list(_TABLES.items())
    for table, order in tables:
        cursor = run(f"SELECT * FROM {table} ORDER BY {order}")
        names = [column[0] for column in cursor.description]
        for row in cursor:
            values = dict(zip(names, row))
            if table == "sync_operations":
                # A hybrid clock reads the time; what matters is its order.
                values["hlc"] = clocks.setdefault(values["hlc"], f"<hlc{len(clocks)}>")
            rows.append((table, *(f"{k}={stable(v)!r}" for k, v in values.items())))
    keys, index, terms = index_rows(connection)
    rows += [("search_keys", *map(stable, row)) for row in keys]
    rows += [("search_index", *map(stable, row)) for row in index]
    rows += [("search_terms", term) for term in terms]
    return rows


def written_digest(connection) -> str:
    """A SHA-256 of `written_rows`: two runs that wrote the same compare equal."""
    digest = hashlib.sha256()
    for row in written_rows(connection):
        digest.update(repr(row).encode())
        digest.update(b"\n")
    return digest.hexdigest()
