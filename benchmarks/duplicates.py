"""How soon Find duplicates hears Cancel on 100,000 people.

Runs the search for duplicate people once to the end, noting when it looks at
Cancel, and prints the whole search's time and the longest gaps between two looks
(the longest a person waits after pressing Cancel); then presses Cancel at a few
moments of more runs and prints how long each took to stop after the press. The aim is a
look at least every half second of work, whatever the size.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/duplicates.py [--people N] [--db FILE]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from timing import bench_workspace, database_options, finish  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    database_options(parser)
    args = parser.parse_args()

    from coordinator_app.core.errors import Cancelled
    from coordinator_app.core.views.duplicates import duplicate_groups

    workspace = bench_workspace(args)

    looks: list[float] = []
    started = time.perf_counter()
    with workspace.read() as session:
        groups = duplicate_groups(session, "person",
                                  cancelled=lambda: looks.append(time.perf_counter()) or False)
    ended = time.perf_counter()
    marks = [started, *looks, ended]
    gaps = sorted((b - a for a, b in zip(marks, marks[1:])), reverse=True)
    whole = ended - started
    print(f"search to the end: {whole:.1f} s, {len(groups):,} groups, {len(looks)} looks at Cancel")
    print(f"longest gaps between looks: {', '.join(f'{gap:.2f}' for gap in gaps[:5])} s"
          f" ({'within' if gaps[0] <= 0.5 else 'over'} the aim of 0.5 s)")

    for share in (0.1, 0.5, 0.8):
        begun = time.perf_counter()
        press = begun + share * whole  # when the person presses Cancel

        def cancelled() -> bool:
            return time.perf_counter() >= press

        try:
            with workspace.read() as session:
                duplicate_groups(session, "person", cancelled=cancelled)
            print(f"Cancel at {share:.0%} of the search: not seen before the end")
        except Cancelled:
            print(f"Cancel at {share:.0%} of the search: stopped "
                  f"{time.perf_counter() - press:.2f} s after the press")
    finish(workspace)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
