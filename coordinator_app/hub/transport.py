"""Push and pull of opaque operations, as a device role (hub.connection).

Push copies a batch straight into its association's partition when the hub holds
none of it (looked for by each origin's run of sequence numbers, not row by row),
else into a temporary staging table from which it inserts what the hub lacks (an
operation pushed twice is stored once), in one transaction, then wakes the other
laptops with a NOTIFY that carries only the association's id.

Attachments' bytes travel beside the operations that create them: stored once per
content (its SHA-256) and association, in the transaction of the push that names
them, so a pull that reads an operation can always fetch its attachment.

Pull must never skip a row. Server sequence numbers are taken before commit, so a
row with a lower number can become visible after one with a higher number: a
cursor on the number alone would pass it by. Each row therefore records the
transaction that inserted it (xid8, which never wraps), a pull reads only rows of
transactions older than the oldest one still in flight
(`pg_snapshot_xmin(pg_current_snapshot())`, all of them finished), in (xid, seq)
order, and the cursor is the last (xid, seq) read. Any row that becomes visible
later belongs to a transaction at or past that horizon, so it sorts after the
cursor.
"""

from __future__ import annotations

import struct
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, groupby, repeat
from operator import itemgetter
from typing import NamedTuple

from psycopg import Connection, IsolationLevel, errors, sql

from coordinator_app.hub.schema import (
    CHANNEL,
    PUSHED_COLUMNS,
    SCHEMA,
    VISIBILITIES,
    partition,
)
from coordinator_app.sync.bulk import made_in_bulk

_new_tuple = tuple.__new__
_origin_of = itemgetter(0)
_seq_of = itemgetter(1)

#: Rows per pull round trip: large enough for speed, small enough for memory.
PULL_BATCH = 20_000


class HubOperation(NamedTuple):
    """One encoded operation as the hub keeps it; `payload` is never looked into.
    A named tuple: a pull makes one of each row it reads, straight from the driver's
    tuple, where making a dataclass cost more than reading the row."""

    origin: str
    origin_seq: int
    payload: bytes
    visibility: str = "shared"


@dataclass(frozen=True)
class HubAttachment:
    """An attachment's bytes as the hub keeps them, by their SHA-256."""

    sha256: str
    content: bytes
    visibility: str = "shared"


@dataclass(frozen=True, order=True)
class Cursor:
    """Where a pull got to: the last (transaction, sequence) it read."""

    xid: int = 0
    seq: int = 0

    def __str__(self) -> str:
        return f"{self.xid}:{self.seq}"

    @classmethod
    def parse(cls, text: str | None) -> Cursor:
        if not text:
            return cls()
        xid, _, seq = text.partition(":")
        return cls(int(xid), int(seq))


def push(conn: Connection, association_id: uuid.UUID, operations: Iterable[HubOperation],
         attachments: Iterable[HubAttachment] = ()) -> int:
    """Store `operations` and the `attachments` they create as `association_id`'s;
    returns how many operations the hub did not have. All or nothing: a refused row
    (another association, a bad field) refuses the batch."""
    operations = list(operations)
    with conn.transaction():
        _store_attachments(conn, association_id, attachments)
        blocks = list(copy_blocks(association_id, operations))
        stored = None
        if not _holds_any(conn, operations):
            stored = _copy_into_partition(conn, association_id, blocks)
        if stored is None:
            stored = _insert_missing(conn, blocks)
        if stored:
            conn.execute("SELECT pg_notify(%s, %s)", (CHANNEL, str(association_id)))
    return stored


#: Whether the hub holds an operation in any of the spans (origin, lowest, highest
#: sequence), in any association's partition. It reads what the device may read:
#: another association's copy of an operation this laptop holds is a shared one
#: (a private one reaches its own association's laptops alone).
HOLDS_ANY = sql.SQL(
    "SELECT EXISTS (SELECT FROM unnest(%s::uuid[], %s::bigint[], %s::bigint[]) "
    "AS s(origin, low, high) JOIN {} AS o ON o.origin = s.origin "
    "AND o.origin_seq BETWEEN s.low AND s.high)").format(sql.Identifier(SCHEMA, "operations"))


def _holds_any(conn: Connection, operations: list[HubOperation]) -> bool:
    """Whether the hub may already hold some of `operations`: a look at each run of an
    origin's sequence numbers (a batch is usually one or a few), not at each row."""
    origins: list[str] = []
    lows: list[int] = []
    highs: list[int] = []
    for origin, run in groupby(operations, _origin_of):
        numbers = list(map(_seq_of, run))
        origins.append(origin)
        lows.append(min(numbers))
        highs.append(max(numbers))
    if not origins:
        return False
    return conn.execute(HOLDS_ANY, (origins, lows, highs)).fetchone()[0]


def _copy_into_partition(conn: Connection, association_id: uuid.UUID,
                         blocks: list[bytes]) -> int | None:
    """COPY the rows straight into the association's partition (hub.schema), whose
    grant admits only this association's devices; how many. None when the hub cannot
    take them that way, so that they are inserted through the parent: a hub of
    schema version 1 has no partitions, and a push of the same operations by another
    laptop may have committed since they were looked for."""
    try:
        with conn.transaction(), conn.cursor() as cursor:
            with cursor.copy(sql.SQL("COPY {} ({}) FROM STDIN (FORMAT BINARY)").format(
                    partition(association_id), _COLUMNS)) as copy:
                for block in blocks:
                    copy.write(block)
            return cursor.rowcount
    except (errors.UndefinedTable, errors.UniqueViolation):
        return None


def _insert_missing(conn: Connection, blocks: list[bytes]) -> int:
    """Stage the rows, then insert those the hub lacks through the parent table, under
    its row-level security; how many. For a batch holding operations the hub has (one
    sent again after a cut-off sync, relayed by a laptop that had it by USB, repeated
    within the batch)."""
    conn.execute("CREATE TEMPORARY TABLE IF NOT EXISTS hub_staging "
                 "(origin uuid, origin_seq bigint, association_id uuid, "
                 "visibility text, payload bytea) ON COMMIT DELETE ROWS")
    with conn.cursor().copy(sql.SQL("COPY hub_staging ({}) FROM STDIN (FORMAT BINARY)")
                            .format(_COLUMNS)) as copy:
        for block in blocks:
            copy.write(block)
    return conn.execute(INSERT_MISSING).rowcount


#: PostgreSQL's binary COPY: its header (no flags, no extension), and its end.
COPY_HEADER = b"PGCOPY\n\xff\r\n\0" + bytes(8)
COPY_TRAILER = b"\xff\xff"
#: A row's start: 5 fields, the origin (16 bytes), and the length of its sequence.
_row_head = struct.Struct("!hi16si").pack
_length = struct.Struct("!i").pack
#: Rows joined into one block written to the COPY.
COPY_BLOCK = 5_000
_origin_and_visibility = itemgetter(0, 3)
_payload_of = itemgetter(2)


def copy_blocks(association_id: uuid.UUID, operations: Iterable[HubOperation]
                ) -> Iterator[bytes]:
    """The rows (PUSHED_COLUMNS) for `operations`, as an association's partition or
    the staging table takes them, in PostgreSQL's binary COPY format, a block of rows
    at a time. Built here in bulk: the driver's write of one row (its types looked
    up, an origin parsed as a UUID each time) cost more than the server's storing it.

    A row is its origin's head, then its sequence, association and visibility and
    its payload's length in one pack, then the payload: made for each run of one
    origin and visibility by map and zip, in C, with no Python step per row."""
    ops = operations if isinstance(operations, list) else list(operations)
    heads: dict[str, bytes] = {}
    # The association and visibility are the same for many rows: made once each,
    # and packed behind each row's sequence with its payload's length.
    middles = {visibility: _length(16) + association_id.bytes + _length(len(visibility))
               + visibility.encode() for visibility in VISIBILITIES}
    tails = {visibility: struct.Struct(f"!q{len(middle)}si").pack
             for visibility, middle in middles.items()}
    parts = [COPY_HEADER]
    for start in range(0, len(ops), COPY_BLOCK):
        for (origin, visibility), run in groupby(ops[start:start + COPY_BLOCK],
                                                 _origin_and_visibility):
            head = heads.get(origin)
            if head is None:
                head = heads[origin] = _row_head(5, 16, uuid.UUID(origin).bytes, 8)
            if visibility not in middles:
                raise ValueError(f"visibility {visibility!r}")
            run = list(run)
            payloads = list(map(_payload_of, run))
            parts += chain.from_iterable(zip(
                repeat(head), map(tails[visibility], map(_seq_of, run),
                                  repeat(middles[visibility]), map(len, payloads)),
                payloads))
        if start + COPY_BLOCK < len(ops):
            yield b"".join(parts)
            parts = []
    parts.append(COPY_TRAILER)
    yield b"".join(parts)


def _store_attachments(conn: Connection, association_id: uuid.UUID,
                       attachments: Iterable[HubAttachment]) -> None:
    rows: dict[str, HubAttachment] = {}
    for item in attachments:  # one row per content; shared if any of its uses is
        if item.sha256 not in rows or item.visibility == "shared":
            rows[item.sha256] = item
    if not rows:
        return
    with conn.cursor() as cursor:
        cursor.executemany(sql.SQL(
            "INSERT INTO {} (sha256, association_id, visibility, content) "
            "VALUES (%s, %s, %s, %s) ON CONFLICT (sha256, association_id) DO NOTHING").format(
            sql.Identifier(SCHEMA, "attachments")),
            [(item.sha256, association_id, item.visibility, item.content)
             for item in rows.values()])


def fetch_attachments(conn: Connection, hashes: Iterable[str]) -> dict[str, bytes]:
    """The contents the hub holds that this device may read, by SHA-256."""
    wanted = sorted(set(hashes))
    found: dict[str, bytes] = {}
    for start in range(0, len(wanted), 100):
        rows = conn.execute(sql.SQL(
            "SELECT DISTINCT ON (sha256) sha256, content FROM {} WHERE sha256 = ANY(%s)")
            .format(sql.Identifier(SCHEMA, "attachments")),
            (wanted[start:start + 100],), binary=True).fetchall()
        found.update((sha, bytes(content)) for sha, content in rows)
    return found


_COLUMNS = sql.SQL(", ").join(map(sql.Identifier, PUSHED_COLUMNS))
#: The staged rows the hub lacks in any partition, each once (a conflict within the
#: batch is skipped), in the order sent.
INSERT_MISSING = sql.SQL(
    "INSERT INTO {table} ({columns}) SELECT {columns} FROM hub_staging AS s "
    "WHERE NOT EXISTS (SELECT FROM {table} AS o WHERE o.origin = s.origin "
    "AND o.origin_seq = s.origin_seq) ON CONFLICT DO NOTHING").format(
    table=sql.Identifier(SCHEMA, "operations"), columns=_COLUMNS)


#: A pull's batch: parameters the cursor's xid (as text) and sequence, and the limit.
#: Ordered by the table's columns (the index), not by the output's cast. A row is a
#: HubOperation's fields, then the cursor's.
PULL_QUERY = sql.SQL(
    "SELECT o.origin::text, o.origin_seq, o.payload, o.visibility, "
    "o.xid::text::bigint AS xid_number, o.seq FROM {} AS o WHERE (o.xid, o.seq) > (%s::text::xid8, %s) "
    "AND o.xid < pg_snapshot_xmin(pg_current_snapshot()) AND o.pushed_by <> current_user "
    "ORDER BY o.xid, o.seq LIMIT %s").format(sql.Identifier(SCHEMA, "operations"))


def plan_pull(conn: Connection) -> None:
    """Within a pull's transaction: each batch walks the (xid, seq) index from the
    cursor on. On a table just filled, before its statistics are made, the planner
    would rather sort every row after the cursor for each batch (measured: 20
    times the time of a plain read)."""
    conn.execute("SET LOCAL enable_sort = off")


def pull(conn: Connection, after: Cursor,
         limit: int = PULL_BATCH) -> tuple[list[HubOperation], Cursor]:
    """The operations this device may read after `after`, but for those it pushed
    itself, up to `limit` of them, and the cursor to pull after next time (`after`
    itself when there were none)."""
    previous = conn.isolation_level
    conn.isolation_level = IsolationLevel.REPEATABLE_READ  # one snapshot for the horizon
    try:
        with conn.transaction(), made_in_bulk():
            plan_pull(conn)
            rows = conn.execute(PULL_QUERY, (str(after.xid), after.seq, limit),
                                binary=True).fetchall()
            if not rows:
                return [], after
            # tuple.__new__ straight from the row's first fields: no Python call per row.
            ops = [_new_tuple(HubOperation, row[:4]) for row in rows]
    finally:
        conn.isolation_level = previous
    return ops, Cursor(rows[-1][4], rows[-1][5])


def pull_all(conn: Connection, after: Cursor,
             limit: int = PULL_BATCH) -> Iterator[tuple[list[HubOperation], Cursor]]:
    """Batches of `pull` until the hub has nothing more below the horizon."""
    while True:
        ops, after = pull(conn, after, limit)
        if not ops:
            return
        yield ops, after
        if len(ops) < limit:
            return


def listen(conn: Connection) -> None:
    """Ask for wake-ups on `conn` (an autocommit connection kept for that alone)."""
    conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(CHANNEL)))


def wait_for_wake_up(conn: Connection, timeout: float) -> bool:
    """Whether another laptop pushed within `timeout` seconds. A wake-up says only
    that something may have changed: the pull is what reads it."""
    woken = False
    for _notice in conn.notifies(timeout=timeout, stop_after=1):
        woken = True
    return woken

