"""What the benchmark scripts share: a median in milliseconds over repeated runs, and
the database measured (one named with --db, or the demo with generated people)."""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def timed(action: Callable[[], object], runs: int = 7,
          clock: Callable[[], float] = time.perf_counter) -> float:
    """The median time of `action` in milliseconds over `runs` runs: wall time, or
    with `clock=time.process_time` processor time, which a machine's load swings
    much less than the threefold it swings wall time."""
    figures = []
    for _ in range(runs):
        started = clock()
        action()
        figures.append((clock() - started) * 1000)
    return statistics.median(figures)


def database_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="measure this database instead of building one")


def bench_workspace(args: argparse.Namespace):
    """A Workspace over the database --db names, or over the demo plus --people
    generated people, built in a folder of this run's own (also COORDINATOR_HOME);
    `finish` closes it and removes the folder: half a gigabyte at 100,000 people."""
    home = Path(tempfile.mkdtemp(prefix="coordinator-bench-"))
    os.environ["COORDINATOR_HOME"] = str(home)
    from coordinator_app.core.records.service import Workspace
    from coordinator_app.core.sample.demo import load_demo
    from coordinator_app.core.sample.generate import generate
    from coordinator_app.core.store.db import open_database

    if args.db is not None:
        print(f"measuring {args.db}")
        return Workspace(open_database(args.db))
    workspace = Workspace(open_database(home / "bench.sqlite3"))
    load_demo(workspace)
    started = time.perf_counter()
    generate(workspace, people=args.people, organizations=args.people // 50, seed=1)
    print(f"built {args.people:,} people in {time.perf_counter() - started:.1f} s")
    return workspace


def finish(workspace) -> None:
    workspace.db.close()
    shutil.rmtree(os.environ["COORDINATOR_HOME"], ignore_errors=True)
