"""The search index of a bulk load: every live record of a database indexed into an
empty index the way a bulk load's commit indexes its new records
(search_index.refresh of all of a kind's ids at once), against a floor measured in
the same run: the same index rows written by FTS5 alone (bare sqlite3
`executemany` into an empty table of the index's own schema, then the commit).
The ratio is what reading the documents, folding them and writing the keys and
terms cost beside FTS5's own work.

    python benchmarks/bulk_index.py --db FILE [--rounds 2]

FILE is copied (never opened in place). Prints processor and wall seconds and the
load average: on a shared machine wall time grows with the load far more than
processor time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _busy(action) -> tuple[float, float]:
    """(processor seconds, wall seconds) of `action`."""
    cpu, wall = time.process_time(), time.perf_counter()
    action()
    return time.process_time() - cpu, time.perf_counter() - wall


def _index(path: Path) -> tuple[list[tuple], float]:
    """Index every live record of the database at `path` into an emptied index;
    returns the rows written, for the floor, and the processor seconds."""
    from coordinator_app.core.records import registry
    from coordinator_app.core.search import search_index
    from coordinator_app.core.store.db import open_database

    db = open_database(path)
    with db.engine.begin() as connection:
        search_index.drop(connection)
        search_index.create(connection)
    with db.engine.connect() as connection:
        ids = {kind: [row[0] for row in connection.exec_driver_sql(
            f"SELECT id FROM {registry.model(kind).__tablename__}")]
            for kind in search_index.KINDS}
        connection.rollback()

        def index():
            with connection.begin():
                for kind in search_index.KINDS:
                    search_index.refresh(connection, kind, ids[kind])

        cpu, wall = _busy(index)
        rows = connection.exec_driver_sql(
            "SELECT rowid, kind, title, names, body, variants FROM search_index "
            "ORDER BY rowid").fetchall()
    db.close()
    print(f"  indexed {len(rows):,} records: processor {cpu:.2f} s, wall {wall:.2f} s")
    return rows, cpu


def _floor(folder: Path, rows: list[tuple]) -> float:
    from coordinator_app.core.search import search_index

    path = folder / "floor.sqlite3"
    path.unlink(missing_ok=True)
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    for statement in search_index.SCHEMA:
        connection.execute(statement)

    def write():
        connection.execute("BEGIN")
        connection.executemany(
            "INSERT INTO search_index (rowid, kind, title, names, body, variants) "
            "VALUES (?, ?, ?, ?, ?, ?)", rows)
        connection.execute("COMMIT")

    cpu, wall = _busy(write)
    connection.close()
    print(f"  floor, FTS5 alone: processor {cpu:.2f} s, wall {wall:.2f} s")
    return cpu


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True, help="a generated database (copied)")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="coordinator-bulk-index-"))
    os.environ["COORDINATOR_HOME"] = str(folder / "home")
    try:
        for round_ in range(args.rounds):
            print(f"round {round_ + 1}, load average {os.getloadavg()[0]:.1f}")
            copy = folder / "copy.sqlite3"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{copy}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(args.db, copy)
            rows, cpu = _index(copy)
            floor = _floor(folder, rows)
            print(f"  {cpu / floor:.1f} x the floor")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
