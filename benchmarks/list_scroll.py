"""What the people list holds once scrolled to its end, and while it is read again after
an edit: the memory its model keeps (tracemalloc) and the processor and wall time.

The floor is what any list that knows its rows' records must hold: the ids of the same
rows, read in one statement (listing.ids). Also prints the process's peak resident
size and the load average, since the machine may be shared.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/list_scroll.py --db FILE
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import tracemalloc
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from timing import bench_workspace, database_options, finish


def mib(size: int) -> str:
    return f"{size / 2**20:.1f} MiB"


def peak_rss() -> str:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return mib(int(line.split()[1]) * 1024)
    return "?"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    database_options(parser)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from coordinator_app.core.views import listing
    from coordinator_app.ui.list_model import RecordListModel

    app = QApplication.instance() or QApplication([])
    workspace = bench_workspace(args)
    print(f"load average {os.getloadavg()[0]:.1f}")

    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    with workspace.read() as session:
        ids = listing.ids(session, listing.ListQuery("person"))
    floor = tracemalloc.get_traced_memory()[0] - base
    print(f"floor: the ids of {len(ids):,} people: {mib(floor)}")
    del ids

    model = RecordListModel(workspace, "person")
    base = tracemalloc.get_traced_memory()[0]
    cpu, wall = time.process_time(), time.perf_counter()
    model.reload()
    while model.canFetchMore():
        model.fetchMore()
        # As a view does: it asks for the rows it shows, the last ones loaded.
        model.index(model.rowCount() - 1, 0).data()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    held = tracemalloc.get_traced_memory()[0] - base
    print(f"scrolled to the end, {model.rowCount():,} rows: holds {mib(held)} "
          f"({held / max(floor, 1):.2f} x the floor), {cpu:.1f} s of processor, "
          f"{wall:.1f} s wall")

    tracemalloc.reset_peak()
    cpu, wall = time.process_time(), time.perf_counter()
    model.reload()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    peak = tracemalloc.get_traced_memory()[1] - base
    held = tracemalloc.get_traced_memory()[0] - base
    print(f"read again after an edit: peak {mib(peak)} ({peak / max(floor, 1):.2f} x the "
          f"floor), then holds {mib(held)}, {cpu:.1f} s of processor, {wall:.1f} s wall")
    print(f"process peak resident size {peak_rss()}, load average {os.getloadavg()[0]:.1f}")
    del app
    finish(workspace)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
