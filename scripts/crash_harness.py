"""Kill a writing Coordinator at random moments and check that nothing confirmed is lost.

A child process writes through the service layer (Workspace.edit) and prints each
record's id on stdout only after its edit has committed; now and then it takes
the app's timed backup. The parent kills it with SIGKILL (TerminateProcess on
Windows) at a random moment: mostly while it is writing, sometimes while it is
still opening or migrating the database.
After each kill the database must pass `PRAGMA integrity_check` and hold every
id the child reported, with its journal entry, and every backup file must pass
`quick_check` (a backup cut off by the kill is only ever a .partial file).

A process kill leaves the operating system's cache intact; what it proves is
that no committed transaction depends on the process living on. A power cut
additionally relies on synchronous=FULL making the disk itself durable, which a
test inside one running machine cannot cut.

    python scripts/crash_harness.py                  # 200 trials
    python scripts/crash_harness.py --trials 20 --db /tmp/harness.sqlite3
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def child(db_path: Path, report_early: bool) -> None:
    """Write forever; one line per committed edit. `report_early` is a deliberately
    wrong writer (reports before commit) that shows the harness does catch losses."""
    sys.path.insert(0, str(ROOT))
    from coordinator_app.core import backup
    from coordinator_app.core.db import open_database
    from coordinator_app.core.service import Workspace

    workspace = Workspace(open_database(db_path))
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        with workspace.edit("harness") as edit:
            org = edit.create("organization", name=f"Громада {n} Klišonis", country="UA",
                              notes="x" * random.randint(0, 2000))
            person = edit.create("person", full_name=f"Особа {n}")
            edit.create("affiliation", person_id=person.id, organization_id=org.id,
                        position="mayor")
            if report_early:
                print(org.id, flush=True)
                time.sleep(0.3)  # most kills land between the report and the commit
        if not report_early:
            print(org.id, flush=True)
        if random.random() < 0.07:  # the app's timed backup: some kills land in one
            backup.run_backup(db_path, "auto")


def _read_lines(stream, sink: list[str], ready: threading.Event) -> None:
    buffer = ""
    for chunk in iter(lambda: stream.read1(65536), b""):
        buffer += chunk.decode("utf-8", "replace")
        *complete, buffer = buffer.split("\n")
        for line in complete:  # a line cut by the kill has no newline and is not counted
            if line == "ready":
                ready.set()
            elif line:
                sink.append(line)


def _backups_verdict(db_path: Path) -> str:
    """Every finished backup (renamed into place) must be whole; cut-off ones stay .partial."""
    for path in sorted((db_path.parent / "backups").glob(f"{db_path.stem}-*.sqlite3")):
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            verdict = connection.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            connection.close()
        if verdict != "ok":
            return f"backup {path.name}: {verdict}"
    return "ok"


def verify(db_path: Path, reported: list[str]) -> tuple[str, list[str]]:
    """integrity_check verdict (of the database and its backups) and the reported ids
    that are missing."""
    connection = sqlite3.connect(db_path)  # read-write: replays the write-ahead log
    try:
        verdict = "; ".join(row[0] for row in connection.execute("PRAGMA integrity_check"))
        if verdict == "ok":
            verdict = _backups_verdict(db_path)
        present = set()
        for start in range(0, len(reported), 500):
            chunk = reported[start:start + 500]
            marks = ",".join("?" * len(chunk))
            present.update(row[0] for row in connection.execute(
                f"SELECT o.id FROM organizations o JOIN changes c ON c.entity_id = o.id "
                f"AND c.action = 'create' WHERE o.id IN ({marks}) AND o.deleted_at IS NULL",
                chunk))
    finally:
        connection.close()
    return verdict, [i for i in reported if i not in present]


def trial(db_path: Path, rng: random.Random, *, report_early: bool = False,
          max_delay: float = 0.4) -> tuple[int, str, list[str]]:
    """One child, one kill; returns (commits reported, integrity verdict, lost ids)."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(db_path)]
    if report_early:
        command.append("--report-early")
    errors = tempfile.TemporaryFile()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, cwd=ROOT)
    reported: list[str] = []
    ready = threading.Event()
    reader = threading.Thread(target=_read_lines, args=(proc.stdout, reported, ready),
                              daemon=True)
    reader.start()
    if rng.random() < 0.15:
        time.sleep(rng.uniform(0.0, 1.0))  # during start-up: opening, migrating
    else:
        deadline = time.monotonic() + 60
        while not ready.wait(0.01) and proc.poll() is None and time.monotonic() < deadline:
            pass
        time.sleep(rng.uniform(0.0, max_delay))
    if proc.poll() is not None:
        # It stopped by itself: the writer is broken, which is no crash test at all.
        errors.seek(0)
        raise SystemExit("the writing process failed on its own:\n"
                         + errors.read().decode("utf-8", "replace")[-2000:])
    proc.kill()
    proc.wait()
    reader.join(timeout=10)
    errors.close()
    verdict, lost = verify(db_path, list(reported)) if db_path.exists() else ("ok", reported)
    return len(reported), verdict, lost


def run(trials: int, db_path: Path, *, seed: int | None = None, report_early: bool = False,
        out=sys.stdout) -> dict:
    rng = random.Random(seed)
    totals = {"trials": 0, "commits": 0, "lost": 0, "corrupt": 0}
    started = time.monotonic()
    for number in range(1, trials + 1):
        commits, verdict, lost = trial(db_path, rng, report_early=report_early)
        totals["trials"] += 1
        totals["commits"] += commits
        totals["lost"] += len(lost)
        if verdict != "ok":
            totals["corrupt"] += 1
            print(f"trial {number}: integrity_check: {verdict}", file=out)
        if lost:
            print(f"trial {number}: {len(lost)} reported commits missing", file=out)
    totals["seconds"] = round(time.monotonic() - started, 1)
    ok = totals["lost"] == 0 and totals["corrupt"] == 0
    print(f"{totals['trials']} kills, {totals['commits']} commits reported, "
          f"{totals['lost']} lost, {totals['corrupt']} failed integrity_check "
          f"({totals['seconds']} s): {'PASS' if ok else 'FAIL'}", file=out, flush=True)
    totals["passed"] = ok
    return totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--db", type=Path, help="database file (default: a temporary one)")
    parser.add_argument("--seed", type=int)
    parser.add_argument("--report-early", action="store_true",
                        help="a deliberately wrong writer that reports before committing")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.report_early)
        return 0
    if args.db:
        return 0 if run(args.trials, args.db, seed=args.seed,
                        report_early=args.report_early)["passed"] else 1
    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("COORDINATOR_HOME", folder)
        result = run(args.trials, Path(folder) / "harness.sqlite3", seed=args.seed,
                     report_early=args.report_early)
    return 0 if result["passed"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
