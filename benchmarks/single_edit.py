"""A single edit through the service against the same rows written in raw SQL.

A form's save (`workspace.update` of one person's note) writes these rows in one
transaction: the record, its journal row, its sync operation, the clock, the
record's current versions of the fields it touches (the note and the record's life)
and its index row. The floor writes those same rows on a bare connection with the
app's durable pragmas, numbered by the same look-ups, its values (the index row's
text, the operation's bases, the versions it supersedes) worked out beforehand
(tests/test_single_edit_floor.py compares the two row by row). Saves and floor
alternate, each timed in wall time and in this process's processor time (SQLite runs
in the process, so its work and the commit's system calls count), so that a busier
moment weighs on both.

`make bench` (benchmarks/run.py) times it on the database it builds; on one built
before (a copy: every run writes to it):

    .venv/bin/python benchmarks/single_edit.py --db COPY.sqlite3 [--saves 60] [--rounds 3]

`--profile N` saves N notes instead, under cProfile, and prints where their time went.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

#: The origin the floor's operations are numbered in: not this device's, so that the
#: saves and the floor, alternated, never take each other's sequence numbers.
FLOOR_ORIGIN = "00000000-0000-4000-8000-00000000f100"
#: JSON as the journal and sync write it.
_json = json.JSONEncoder(ensure_ascii=False).encode
#: Saves not counted: the first ones fill caches and compile statements.
WARM_UP = 5


#: The fields an edit of a person's note gives versions of (sync.operations.touches):
#: the note and the record's life.
TOUCHED = ("deleted_at", "notes")


def same_rows(raw, person_id: str, note: str) -> dict:
    """What an edit of a person's note writes, worked out before the floor is timed: the
    body of the person's index row with the new note (the document the app indexes; its
    title and names stay as they are, and FTS5 writes them back) and its number,
    the operation's bases (the note's and the life's current versions) and the stored
    versions it supersedes."""
    from coordinator_app.core.search.search_index import DOCUMENTS
    from coordinator_app.core.text.folding import index_text

    document = raw.execute(DOCUMENTS["person"] + " AND x.id = ?", (person_id,)).fetchone()
    heads: dict[str, list] = {}
    for field, origin, seq in raw.execute(
            "SELECT field, origin, seq FROM sync_heads WHERE kind = 'person' AND "
            "record_id = ?", (person_id,)):
        heads.setdefault(field, []).append([origin, seq])
    bases = sorted({tuple(base) for field in TOUCHED
                    for base in heads.get(field) or heads.get("", [])})
    former = raw.execute("SELECT notes FROM people WHERE id = ?", (person_id,)).fetchone()[0]
    return {"id": person_id, "text": note, "note": _json(note), "former": _json(former),
            "entry": raw.execute("SELECT entry FROM search_keys WHERE record_id = ?",
                                 (person_id,)).fetchone()[0],
            "body": index_text(note, *document[4:]),
            "bases": _json([list(base) for base in bases]),
            "superseded": [(person_id, field, *head) for field in TOUCHED
                           for head in heads.get(field, [])]}


def write_same_rows(raw, rows: dict) -> None:
    """The floor of one save: the rows of `same_rows` in one transaction, each written
    the cheapest way SQL has: the record, its journal row, its operation, the clock,
    the record's current versions of the fields it touches and its index row's body in place,
    numbered by the one look-up the numbering needs."""
    from coordinator_app.core.records.ids import new_id

    at = "2026-11-30 12:00:00.000000"
    raw.execute("BEGIN IMMEDIATE")
    raw.execute("UPDATE people SET notes = ?, updated_at = ?, device_id = ? WHERE id = ?",
                (rows["text"], at, FLOOR_ORIGIN, rows["id"]))
    seq = raw.execute("SELECT max(seq) FROM changes").fetchone()[0] + 1
    raw.execute("INSERT INTO changes (id, seq, change_set, label, action, entity, entity_id, "
                "field, old, new, at, device_id) VALUES (?, ?, ?, 'Edit', 'update', 'person', "
                "?, 'notes', ?, ?, ?, ?)",
                (new_id(), seq, new_id(), rows["id"], rows["former"], rows["note"], at,
                 FLOOR_ORIGIN))
    op = (raw.execute("SELECT max(seq) FROM sync_operations WHERE origin = ?",
                      (FLOOR_ORIGIN,)).fetchone()[0] or 0) + 1
    hlc = int(time.time() * 1000) << 16
    raw.execute("INSERT INTO sync_operations (origin, seq, hlc, kind, record_id, field, value, "
                "bases, known) VALUES (?, ?, ?, 'person', ?, 'notes', ?, ?, 1)",
                (FLOOR_ORIGIN, op, hlc, rows["id"], rows["note"], rows["bases"]))
    raw.execute("UPDATE sync_state SET value = ? WHERE name = 'hlc'", (str(hlc),))
    raw.executemany("DELETE FROM sync_heads WHERE kind = 'person' AND record_id = ? AND "
                    "field = ? AND origin = ? AND seq = ?", rows["superseded"])
    raw.executemany("INSERT INTO sync_heads (kind, record_id, field, origin, seq) "
                    "VALUES ('person', ?, ?, ?, ?)",
                    [(rows["id"], field, FLOOR_ORIGIN, op) for field in TOUCHED])
    raw.execute("UPDATE search_index SET body = ? WHERE rowid = ?", (rows["body"], rows["entry"]))
    raw.execute("COMMIT")


def _clocks() -> tuple[float, float]:
    """(wall, processor) seconds: processor time of this process, user and system (the
    durable commit's system calls are the edit's work too)."""
    return time.perf_counter(), time.process_time()


def saves_and_floor(workspace, ids: list[str], saves: int = 60, seed: int = 3
                    ) -> dict[str, dict[str, list[float]]]:
    """{"edit" | "floor": {"wall" | "processor": milliseconds of each save}}: `saves`
    edits of a person's note among `ids`, each followed by the floor writing the same
    rows for another person, the first WARM_UP of each left out."""
    from coordinator_app.core.records.models import Person
    from coordinator_app.core.store.connect import connect
    from coordinator_app.core.store.engine import connection_pragmas

    raw = connect(workspace.db.path, isolation_level=None)
    for pragma in connection_pragmas(sys.platform):
        raw.execute(pragma)
    chosen = random.Random(seed).sample(ids, 2 * saves)
    figures = {side: {"wall": [], "processor": []} for side in ("edit", "floor")}

    def timed(side: str, action) -> None:
        wall, processor = _clocks()
        action()
        wall_after, processor_after = _clocks()
        figures[side]["wall"].append((wall_after - wall) * 1000)
        figures[side]["processor"].append((processor_after - processor) * 1000)

    # A note no earlier run wrote: saving a note unchanged writes nothing at all.
    run_mark = f"{time.strftime('%H:%M:%S')}.{os.getpid()}"
    for n in range(saves):
        person_id, other_id = chosen[2 * n], chosen[2 * n + 1]
        note = f"Met at the forum, note {n} ({run_mark})"
        timed("edit", lambda: workspace.update(Person, person_id, notes=note))
        rows = same_rows(raw, other_id, note)
        timed("floor", lambda: write_same_rows(raw, rows))
    raw.close()
    return {side: {clock: values[WARM_UP:] for clock, values in sides.items()}
            for side, sides in figures.items()}


def profiled(workspace, ids: list[str], saves: int, order: str) -> None:
    """`saves` edits of a person's note under cProfile, after WARM_UP unprofiled, the
    profile printed by `order`, with the processor time of one edit outside it."""
    import cProfile
    import pstats

    from coordinator_app.core.records.models import Person

    chooser = random.Random(7)
    chosen = [chooser.choice(ids) for _ in range(saves + WARM_UP)]
    run_mark = f"{time.strftime('%H:%M:%S')}.{os.getpid()}"
    for n, person_id in enumerate(chosen[:WARM_UP]):
        workspace.update(Person, person_id, notes=f"warm-up {n} ({run_mark})")
    started = time.process_time()
    for n, person_id in enumerate(chosen[WARM_UP:]):
        workspace.update(Person, person_id, notes=f"unprofiled {n} ({run_mark})")
    print(f"processor time, unprofiled: {(time.process_time() - started) * 1000 / saves:.3f}"
          f" ms an edit (load {os.getloadavg()[0]:.1f})")
    profile = cProfile.Profile(time.process_time)
    profile.enable()
    for n, person_id in enumerate(chosen[WARM_UP:]):
        workspace.update(Person, person_id, notes=f"profiled {n} ({run_mark})")
    profile.disable()
    pstats.Stats(profile).sort_stats(order).print_stats(45)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True,
                        help="a copy of a database built before: every run writes to it")
    parser.add_argument("--saves", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", type=int, metavar="N", default=0,
                        help="save N notes under cProfile (no floor) and print the profile")
    parser.add_argument("--sort", default="tottime", help="the profile's order")
    args = parser.parse_args()

    import shutil
    import tempfile

    # The installation's own folder for this run only, removed after.
    home = tempfile.mkdtemp(prefix="coordinator-bench-")
    os.environ["COORDINATOR_HOME"] = home
    from sqlalchemy import select

    from coordinator_app.core.records.models import Person
    from coordinator_app.core.records.service import Workspace
    from coordinator_app.core.store.db import open_database

    workspace = Workspace(open_database(args.db))
    with workspace.read() as session:
        ids = session.scalars(select(Person.id).limit(5000)).all()
    if args.profile:
        profiled(workspace, ids, args.profile, args.sort)
        args.rounds = 0
    for number in range(args.rounds):
        figures = saves_and_floor(workspace, ids, args.saves, seed=number)
        line = [f"round {number + 1}, load {os.getloadavg()[0]:.1f}:"]
        for clock in ("wall", "processor"):
            edit, floor = figures["edit"][clock], figures["floor"][clock]
            shares = []
            for name, share in (("p50", 0.5), ("p95", 0.95)):
                mine, base = percentile(edit, share), percentile(floor, share)
                shares.append(f"{name} {mine:.2f} / {base:.2f} ms ({mine / base:.2f} x)")
            line.append(f"{clock} " + ", ".join(shares))
        print("  ".join(line), flush=True)
        print(f"  mean processor time: edit {statistics.mean(figures['edit']['processor']):.2f}"
              f" ms, floor {statistics.mean(figures['floor']['processor']):.2f} ms", flush=True)
    workspace.db.close()
    shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
