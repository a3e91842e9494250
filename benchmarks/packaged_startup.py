"""Start-up of the packaged program against the same version run from source.

    .venv/bin/python benchmarks/packaged_startup.py [--program dist/Coordinator/coordinator] [--runs 9]

The packaged program cannot load benchmarks/startup_probe.py, so both are timed
from outside, alike: from process start to the moment the app holds the
database's lock. The app takes the lock from the event loop once its window's
frame has been painted (coordinator_app.ui.app), so this is the first window
plus the database's start-up checks. `--version` is timed too: the bare cost of
starting each (the packaged program's loader and unpacking, or Python's start).
Each figure is the median of `--runs` starts on a demo database, with Qt's
offscreen platform; a first, untimed start warms the disk cache. Wall time and
the processor time the program used (user + system, which a busy machine
disturbs less) are both given.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from coordinator_app.core.store.lock import holder_of  # noqa: E402


def cpu_of_children() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def until_window(command: list[str], db: Path, env: dict) -> float:
    """Seconds from start until the app holds `db`'s lock; the app is then closed."""
    started = time.perf_counter()
    app = subprocess.Popen([*command, "--db", str(db)], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while (holder := holder_of(db)) is None or holder.get("pid") != app.pid:
            if app.poll() is not None:
                raise SystemExit(f"{command[0]} exited with {app.returncode} before its window")
            time.sleep(0.002)
        return time.perf_counter() - started
    finally:
        app.terminate()
        app.wait()


def until_version(command: list[str], env: dict) -> float:
    started = time.perf_counter()
    subprocess.run([*command, "--version"], env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def median_ms(measure, runs: int) -> tuple[float, float]:
    """Median wall and processor milliseconds of `measure`, which returns its wall time
    and ends the process it started (so that the process's processor time is counted)."""
    measure()  # warm the disk cache; not counted
    walls, cpus = [], []
    for _ in range(runs):
        before = cpu_of_children()
        walls.append(measure())
        cpus.append(cpu_of_children() - before)
    return statistics.median(walls) * 1000, statistics.median(cpus) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--program", type=Path, default=ROOT / "dist" / "Coordinator" / "coordinator")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    source = [str(Path(sys.executable).parent / "coordinator")]
    packaged = [str(args.program.resolve())]
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "COORDINATOR_HOME": tmp,
               "LANG": "en_US.UTF-8"}
        db = Path(tmp) / "demo.sqlite3"
        subprocess.run([*source, "--db", str(db), "demo"], env=env, check=True,
                       capture_output=True)
        figures = {}
        for name, command in (("source", source), ("packaged", packaged)):
            figures[name] = (median_ms(lambda c=command: until_version(c, env), args.runs),
                             median_ms(lambda c=command: until_window(c, db, env), args.runs))
    print("ms, median: wall / processor")
    for name, (version, window) in figures.items():
        print(f"{name:9} --version {version[0]:5.0f} / {version[1]:4.0f}   "
              f"first window, database open {window[0]:5.0f} / {window[1]:4.0f}")
    for what, at in (("wall", 0), ("processor", 1)):
        ratio = figures["packaged"][1][at] / figures["source"][1][at]
        print(f"packaged / source, first window, {what}: {ratio:.2f} x (target 1.5 x: "
              f"{'met' if ratio <= 1.5 else 'missed'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
