"""Sync by USB stick at scale: bundle sizes and times against floors of the same run.

Builds a laptop with N people (generated; 100,000 by default), then measures:

- the first bundle for an empty laptop: its size (target 10 MB) and the time to write
  it (target 5 s), against the floor of reading every operation row bare (sqlite3);
- applying it into the empty laptop (target 30 s), against the floor of copying the
  database file whole;
- 1,000 edits afterwards: the bundle's size (target 50 kB), and writing plus reading it
  (target 2 s), against the floor of making the same edits on the sender (one edit of
  1,000 records through the service, as the receiver's import must write them too).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/sync.py [--people N] [--from FILE]
        [--write-only]

`--from` starts from a copy of a database generated before (`coordinator generate`
takes minutes at 100,000 people); the file itself is left as it is.
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

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import build  # noqa: E402 - after the path is set


def _keys():
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    from coordinator_app.sync.keys import OwnKeys

    return OwnKeys(Ed25519PrivateKey.generate(), X25519PrivateKey.generate())


def _timed(action):
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started


def _busy(action):
    """(result, wall seconds, processor seconds) of `action`: on a shared machine the
    processor time says what the code costs, the wall time what a user waits."""
    cpu = time.process_time()
    result, wall = _timed(action)
    return result, wall, time.process_time() - cpu


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--from", dest="start", type=Path,
                        help="a copy of this database instead of generating one")
    parser.add_argument("--write-only", action="store_true",
                        help="measure the first bundle's writing alone, not applying it")
    args = parser.parse_args()
    from sqlalchemy import func, select

    from coordinator_app.core.records.models import Person
    from coordinator_app.core.records.service import Workspace
    from coordinator_app.core.store.db import open_database
    from coordinator_app.sync import bundle, peers
    from coordinator_app.sync.record import ensure_seeded

    tmp = Path(tempfile.mkdtemp(prefix="coordinator-sync-bench-"))
    try:
        source_path, target_path = tmp / "kharkiv.sqlite3", tmp / "plunge.sqlite3"
        if args.start is not None:
            shutil.copyfile(args.start, source_path)
        else:
            build(source_path, args.people)
        source, target = Workspace(open_database(source_path)), Workspace(open_database(target_path))
        source_keys, target_keys = _keys(), _keys()
        peers.add(source, target_keys.public("plunge"))
        peers.add(target, source_keys.public("kharkiv"))
        ensure_seeded(source)
        _rows, read_floor, read_cpu = _busy(lambda: sqlite3.connect(source_path).execute(
            "SELECT * FROM sync_operations").fetchall())
        first = tmp / "first.coordsync"
        written, export_s, export_cpu = _busy(lambda: bundle.write(source, first,
                                                                   keys=source_keys))
        with source.read() as session:
            people = session.scalar(select(func.count()).select_from(Person))
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"first bundle, {people} people: {written.operations} operations, "
              f"{written.size / 1e6:.1f} MB (target 10 MB; floor, the database file: "
              f"{source_path.stat().st_size / 1e6:.0f} MB)")
        print(f"  write {export_s:.1f} s, processor {export_cpu:.1f} s (target 5 s; floor, "
              f"reading every operation row: {read_floor:.2f} s, processor {read_cpu:.2f} s, "
              f"{export_s / read_floor:.1f}x)")
        if args.write_only:
            source.db.close()
            target.db.close()
            return 0
        _copy, copy_floor = _timed(lambda: shutil.copyfile(source_path, tmp / "copy.sqlite3"))
        _read, apply_s, apply_cpu = _busy(lambda: bundle.read(target, first, keys=target_keys,
                                                              backup=False))
        print(f"  apply into an empty laptop {apply_s:.1f} s, processor {apply_cpu:.1f} s "
              f"(target 30 s; floor, copying the database file: {copy_floor:.2f} s, "
              f"{apply_s / copy_floor:.0f}x)")

        # The receiver answers with a file of its own, as people do on the next visit:
        # that is how the sender learns what it holds.
        back = tmp / "back.coordsync"
        bundle.write(target, back, keys=target_keys)
        bundle.read(source, back, keys=source_keys, backup=False)
        with source.read() as session:
            ids = session.scalars(Person.__table__.select().with_only_columns(Person.id)
                                  .limit(1000)).all()
        started = time.perf_counter()
        with source.edit() as edit:
            for number, person_id in enumerate(ids):
                edit.update(Person, person_id, notes=f"Called back, round {number}")
        edits_floor = time.perf_counter() - started
        later = tmp / "later.coordsync"

        def both():
            done = bundle.write(source, later, keys=source_keys)
            bundle.read(target, later, keys=target_keys, backup=False)
            return done

        written, both_s, both_cpu = _busy(both)
        print(f"1,000 edits: {written.operations} operations, {written.size / 1e3:.1f} kB "
              f"(target 50 kB); write + read {both_s:.2f} s, processor {both_cpu:.2f} s "
              f"(target 2 s; floor, making the edits on the sender: {edits_floor:.2f} s, "
              f"{both_s / edits_floor:.1f}x)")
        source.db.close()
        target.db.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
