"""The speed of Coordinator at 100,000 people: what `make bench` prints.

Builds a database in a temporary folder (the demo data set, then 100,000 people
and proportional organisations, agreements and projects through `coordinator
generate`), then measures, each against a floor measured in the same run:

- search as you type: every prefix of a few names, through core.search.query, against
  the same FTS5 MATCH run on a bare connection (core.store.connect);
- the people list (the app's RecordListModel): open, sort, filter, next page;
- start-up (a subprocess) against a bare PySide6 window: to the first window, and
  to the first window with data (the database opened and checked, the first page
  filled), each with byte-code caches (as installed) and recompiling the project
  at every start (PYTHONDONTWRITEBYTECODE=1);
- the memorandum PDF, saving a form (workspace.update), a duplicate check;
- search quality (benchmarks/search_quality.py): each kind of spelling found
  within the first results, against its target, and the index's growth from
  its spelling keys;
- peak memory of this process and of the app.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/run.py [--people N] [--json FILE]
    make bench PEOPLE=300000                                         # the larger scenario
    .venv/bin/python benchmarks/run.py --startup-only [--db FILE]   # start-up alone
    .venv/bin/python benchmarks/run.py --generate-only --people 1000000  # generate alone

Targets: search p95 <= 30 ms, list operations <= 50 ms, start <= 1.3 x the floor.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import single_edit  # noqa: E402 - after the path is set
from steps import (  # noqa: E402
    all_list_steps, list_figures, measure, ms, search_figures, search_steps, summary)


def timed(action, runs: int) -> list[float]:
    figures = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        figures.append(ms(time.perf_counter() - started))
    return figures


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build(path: Path, people: int) -> dict[str, float]:
    """Figures of the build: the demo and `generate` in wall time, and `generate` alone
    in wall and processor time (on a shared machine the wall time is mostly the wait
    for a core, the processor time the work), with the largest its write-ahead log
    grew to (it commits and folds the log back a step at a time, so that stays the
    size of one step) and its peak memory."""
    started = time.perf_counter()
    cli = [sys.executable, "-m", "coordinator_app", "--db", str(path)]
    subprocess.run([*cli, "demo"], check=True, capture_output=True)
    generating, cpu = time.perf_counter(), _children_cpu()
    wal = path.with_name(path.name + "-wal")
    largest = 0
    with subprocess.Popen([*cli, "generate", "--people", str(people),
                           "--organizations", str(max(2, people // 50)),
                           "--agreements", str(people // 20), "--projects", str(people // 20),
                           "--seed", "1"], stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL) as process:
        while process.poll() is None:
            try:
                largest = max(largest, wal.stat().st_size)
            except FileNotFoundError:
                pass
            time.sleep(0.2)
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, process.args)
    done = time.perf_counter()
    return {"build (demo + generate, s)": round(done - started, 1),
            "generate (s)": round(done - generating, 1),
            "generate, processor time (s)": round(_children_cpu() - cpu, 1),
            "generate, write-ahead log at most (MB)": round(largest / 1e6),
            "generate, peak memory (MiB)": round(
                resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
            "load average after the build": round(os.getloadavg()[0], 1)}


def bench_search(workspace, path: Path) -> dict:
    return search_figures(measure(search_steps(workspace, path)))


def bench_lists(workspace) -> dict:
    return list_figures(measure(all_list_steps(workspace)))


#: How the project's byte-code is found at start: an installed app has caches
#: (written by the first start, here into a folder of this run); with
#: PYTHONDONTWRITEBYTECODE=1 and no caches in the source tree, every start compiles
#: the project's modules again (the installed libraries keep theirs).
BYTECODE_MODES = ("with byte-code caches", "recompiling (PYTHONDONTWRITEBYTECODE=1)")


def bench_startup(path: Path, runs: int, tmp: Path) -> dict:
    probe = ROOT / "benchmarks" / "startup_probe.py"
    base = dict(os.environ, QT_QPA_PLATFORM="offscreen",
                # Settings of this run only: a first start shows the dashboard.
                XDG_CONFIG_HOME=str(tmp / "config"))
    base.pop("PYTHONPYCACHEPREFIX", None)

    def once(env: dict, *args: str) -> dict[str, tuple[float, int]]:
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, str(probe), *args], stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT)
        seen = {}
        for line in child.stdout:
            what, *values = line.split()  # "rows N", or peak RSS and processor time
            seen[what] = (ms(time.perf_counter() - started), *map(int, values))
        child.stdout.close()
        child.wait(timeout=300)
        if "shown" not in seen or (args[0] != "bare" and "data" not in seen) or \
                (args[0] == "app" and "list" not in seen):
            raise RuntimeError(f"the window never showed: {args}")
        return seen

    cached = dict(base, PYTHONPYCACHEPREFIX=str(tmp / "pycache"))
    cached.pop("PYTHONDONTWRITEBYTECODE", None)
    result: dict = {"project modules with byte-code in the source tree":
                    len(list((ROOT / "coordinator_app").rglob("__pycache__/*.pyc")))}
    for mode, env in zip(BYTECODE_MODES, (cached, dict(base, PYTHONDONTWRITEBYTECODE="1"))):
        once(env, "bare")  # fill the disk and byte-code caches
        # The floor with data shows as many rows as the app's first window does.
        rows = str(once(env, "app", str(path))["rows"][1])
        once(env, "rows", str(path), rows)
        bare, floor, app = [], [], []
        for _ in range(runs):  # alternated, so that a busier moment weighs on all
            bare.append(once(env, "bare"))
            floor.append(once(env, "rows", str(path), rows))
            app.append(once(env, "app", str(path)))
        bare_ms = statistics.median(r["shown"][0] for r in bare)
        floor_ms = statistics.median(r["data"][0] for r in floor)
        shown_ms = statistics.median(r["shown"][0] for r in app)
        data_ms = statistics.median(r["data"][0] for r in app)
        app_rss = max(r["data"][1] for r in app) / 1024
        list_ms = statistics.median(r["list"][0] for r in app)
        cpu = {name: statistics.median(r["data"][2] for r in runs)
               for name, runs in (("app", app), ("floor", floor))}
        list_rss = max(r["list"][1] for r in app) / 1024
        ready_rss = max((r["ready"][1] for r in app if "ready" in r), default=0) / 1024
        floor_rss = max(r["data"][1] for r in floor) / 1024
        result[mode] = {
            "bare PySide6 window floor (median ms)": bare_ms,
            "app to first window (median ms)": shown_ms,
            "ratio": round(shown_ms / bare_ms, 2),
            "app to first window with data (median ms)": data_ms,
            "ratio with data": round(data_ms / bare_ms, 2),
            f"floor: bare window, sqlite3 and {rows} rows (median ms)": floor_ms,
            "ratio with data to that floor": round(data_ms / floor_ms, 2),
            "app to first window with data, processor time (median ms)": cpu["app"],
            "floor with data, processor time (median ms)": cpu["floor"],
            "processor time ratio with data to that floor": round(
                cpu["app"] / max(cpu["floor"], 1), 2),
            "app peak RSS at first window (MiB)": round(max(r["shown"][1] for r in app) / 1024, 1),
            "app peak RSS with data (MiB)": round(app_rss, 1),
            "bare peak RSS (MiB)": round(max(r["shown"][1] for r in bare) / 1024, 1),
            f"floor peak RSS with {rows} rows (MiB)": round(floor_rss, 1),
            "memory ratio with data to that floor": round(app_rss / floor_rss, 2),
            # The app may load its database code after the first page is painted: the
            # peak once the people list is open counts it, against the same floor.
            "app to the people list opened after start (median ms)": list_ms,
            # Between the two, the list page's own share, apart from the database code's.
            "app peak RSS once the database is open, before the list (MiB)": round(ready_rss, 1),
            "app peak RSS with the people list open (MiB)": round(list_rss, 1),
            "memory ratio with the people list to that floor": round(list_rss / floor_rss, 2)}
    return result


#: Goals of issue 19, as ratios to floors measured in the same run.
WINDOW_WITH_DATA_GOAL = 2.0
MEMORY_GOAL = 1.6
EDIT_GOAL = 2.0


def verdict(ratio: float, goal: float) -> str:
    return f"{ratio:.2f} x (goal {goal} x) {'PASS' if ratio <= goal else 'FAIL'}"


def startup_verdicts(startup: dict) -> list[str]:
    lines = []
    for mode in BYTECODE_MODES:
        f = startup[mode]
        floor = next(key for key in f if key.startswith("floor: bare window"))
        floor_rss = next(key for key in f if key.startswith("floor peak RSS"))
        lines.append(f"start-up {mode}: first window {f['app to first window (median ms)']} ms, "
                     f"{f['ratio']} x bare window {f['bare PySide6 window floor (median ms)']} ms "
                     f"(target 1.3): {'met' if f['ratio'] <= 1.3 else 'MISSED'}")
        lines.append(f"first window with data {mode}: "
                     f"{f['app to first window with data (median ms)']} ms against the "
                     f"{floor[len('floor: '):]} {f[floor]} ms: "
                     f"{verdict(f['ratio with data to that floor'], WINDOW_WITH_DATA_GOAL)}")
        lines.append(f"peak memory with data {mode}: {f['app peak RSS with data (MiB)']} MiB "
                     f"against the floor's {f[floor_rss]} MiB: "
                     f"{verdict(f['memory ratio with data to that floor'], MEMORY_GOAL)}")
        lines.append(f"peak memory once the people list is open {mode}: "
                     f"{f['app peak RSS with the people list open (MiB)']} MiB against the "
                     f"same floor: {f['memory ratio with the people list to that floor']} x "
                     f"(reached {f['app to the people list opened after start (median ms)']} "
                     "ms after start; with the database open before the list, "
                     f"{f['app peak RSS once the database is open, before the list (MiB)']} "
                     "MiB)")
    return lines


def bench_writes(workspace, tmp: Path) -> dict:
    from sqlalchemy import select

    from coordinator_app.core.views.duplicates import likely_duplicates
    from coordinator_app.core.records.models import Agreement, Person

    with workspace.read() as session:
        ids = session.scalars(select(Person.id).limit(5000)).all()
        agreement = session.scalars(select(Agreement.id).order_by(Agreement.created_at)
                                    .limit(1)).one()
    edits = single_edit.saves_and_floor(workspace, ids)
    checks = []
    for name in ("Audrius Klisonis", "Ihor Terekhov", "Олена Коваленко", "Rūta Kazlauskienė"):
        def check(name=name):
            with workspace.read() as session:
                likely_duplicates(session, "person", {"full_name": name,
                                                      "email": "someone@example.org"})
        checks += timed(check, 5)
    result = {"form save (workspace.update)": summary(edits["edit"]["wall"]),
              "floor: the same rows in raw SQL": summary(edits["floor"]["wall"]),
              "form save, processor time": summary(edits["edit"]["processor"]),
              "floor, processor time": summary(edits["floor"]["processor"]),
              "duplicate check on create": summary(checks)}
    try:
        from coordinator_app.reports import render_memorandum
    except ImportError:
        result["memorandum PDF"] = "not available"
        return result
    pdf = tmp / "memo.pdf"
    render_memorandum(workspace, agreement, pdf, "uk")  # fonts load once per process
    result["memorandum PDF (ms)"] = summary(
        timed(lambda: render_memorandum(workspace, agreement, pdf, "uk"), 5))
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--startup-runs", type=int, default=5)
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures")
    parser.add_argument("--startup-only", action="store_true",
                        help="measure start-up alone (a minute or so with --db)")
    parser.add_argument("--lists-only", action="store_true",
                        help="measure the lists alone, in wall and processor time, on the "
                             "database --db names (a copy: opening it may migrate it)")
    parser.add_argument("--generate-only", action="store_true",
                        help="measure `coordinator generate` of --people alone")
    parser.add_argument("--db", type=Path, metavar="FILE",
                        help="with --startup-only: start on this database instead of "
                             "building one (it is not changed)")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="coordinator-bench-"))
    os.environ["COORDINATOR_HOME"] = str(tmp / "home")
    if args.startup_only:
        return startup_only(args, tmp)
    if args.generate_only:
        return generate_only(args, tmp)
    if args.lists_only:
        return lists_only(args, tmp)
    path = tmp / "bench.sqlite3"
    figures: dict = {"people": args.people, **build(path, args.people),
                     "database size (MiB)": round(path.stat().st_size / 2**20, 1)}
    print(json.dumps(figures, ensure_ascii=False), flush=True)

    from coordinator_app.core.store.db import open_database
    from coordinator_app.core.records.service import Workspace

    db = open_database(path)
    workspace = Workspace(db)
    for name, bench in (("search", lambda: bench_search(workspace, path)),
                        ("lists", lambda: bench_lists(workspace)),
                        ("writes and reports", lambda: bench_writes(workspace, tmp))):
        figures[name] = bench()
        print(name, json.dumps(figures[name], ensure_ascii=False, indent=1), flush=True)
    db.close()
    import search_quality

    figures["search index size"] = search_quality.index_growth(path, tmp)
    print("search index size", json.dumps(figures["search index size"], indent=1), flush=True)
    figures["search quality"] = search_quality.quality(tmp)
    print("search quality", json.dumps(figures["search quality"], ensure_ascii=False,
                                       indent=1), flush=True)
    figures["start-up"] = bench_startup(path, args.startup_runs, tmp)
    print("start-up", json.dumps(figures["start-up"], indent=1), flush=True)
    from startup_probe import peak_rss_kib

    figures["peak RSS of this process (MiB)"] = round(peak_rss_kib() / 1024, 1)

    search_p95 = figures["search"]["search"]["p95"]
    list_worst = max(v["p95"] for kind in ("person", "organization")
                     for k, v in figures["lists"][kind].items())
    people_filter = figures["lists"]["person"]["filter"]["p95"]
    counts = figures["lists"]["person count"]
    print()
    print(f"search p95 {search_p95} ms (target 30): {'met' if search_p95 <= 30 else 'MISSED'}")
    print(f"worst list operation p95 {list_worst} ms (target 50): "
          f"{'met' if list_worst <= 50 else 'MISSED'}")
    # Issue 19: 50 ms up to 100,000 people, 60 ms at 300,000 (make bench PEOPLE=300000).
    filter_goal = 50 if args.people <= 100_000 else 60
    print(f"people list filter p95 {people_filter} ms at {args.people:,} people "
          f"(target {filter_goal}): {'PASS' if people_filter <= filter_goal else 'FAIL'}")
    print(f"people list count p50 {counts['count as the list does (up to 10,000)']['p50']} ms, "
          f"counting every record {counts['floor: counting every record, as before']['p50']} ms")
    for line in search_quality.verdicts({"quality": figures["search quality"],
                                         "index size": figures["search index size"]}):
        print(line)
    save = figures["writes and reports"]["form save (workspace.update)"]
    save_floor = figures["writes and reports"]["floor: the same rows in raw SQL"]
    for share in ("p50", "p95"):
        print(f"single edit through the service {share} {save[share]} ms against the same "
              f"rows in raw SQL {save_floor[share]} ms: "
              f"{verdict(save[share] / max(save_floor[share], 0.01), EDIT_GOAL)}")
    for line in startup_verdicts(figures["start-up"]):
        print(line)
    app_rss = figures["start-up"]["with byte-code caches"]
    print(f"peak memory: this process {figures['peak RSS of this process (MiB)']} MiB, "
          f"app at first window {app_rss['app peak RSS at first window (MiB)']} MiB, "
          f"with data {app_rss['app peak RSS with data (MiB)']} MiB")
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1))
    return 0


def lists_only(args, tmp: Path) -> int:
    """The lists' figures on a database built before (`--lists-only --db COPY`), timed
    in wall time, then in this process's processor time, with the verdict of the
    people list's filter at that database's size."""
    import steps

    from coordinator_app.core.records.service import Workspace
    from coordinator_app.core.store.db import open_database

    if args.db is None:
        raise SystemExit("--lists-only needs --db")
    workspace = Workspace(open_database(args.db))
    with workspace.read() as session:
        people = session.connection().exec_driver_sql(
            "SELECT count(*) FROM people WHERE deleted_at IS NULL").scalar()
    # Issue 19: 50 ms up to 100,000 people, 60 ms at 300,000.
    goal = 50 if people <= 150_000 else 60
    figures = {}
    for name, clock in (("wall", time.perf_counter), ("processor", time.process_time)):
        steps.clock = clock
        lists = figures[name] = bench_lists(workspace)
        print(f"{name} time, load average {os.getloadavg()[0]:.1f}:",
              json.dumps(lists, ensure_ascii=False, indent=1), flush=True)
        people_filter = lists["person"]["filter"]["p95"]
        print(f"people list filter p95 in {name} time {people_filter} ms at {people:,} people "
              f"(target {goal}): {'PASS' if people_filter <= goal else 'FAIL'}", flush=True)
    workspace.db.close()
    if args.json:
        args.json.write_text(json.dumps({"lists": figures}, ensure_ascii=False, indent=1))
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


def generate_only(args, tmp: Path) -> int:
    """`coordinator generate` of --people alone, for issue 19's goal of a million people:
    a million cost more per person than 100,000 (its indexes outgrow the page cache), so
    the goal is measured at its own size rather than worked out from a smaller build."""
    figures = {"people": args.people, **build(tmp / "bench.sqlite3", args.people)}
    print(json.dumps(figures, indent=1), flush=True)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1))
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


def startup_only(args, tmp: Path) -> int:
    path = tmp / "bench.sqlite3"
    if args.db is not None:
        # A copy: the app writes its lock file and backups beside the database.
        source = sqlite3.connect(args.db)  # the start-up figures are of a plain database
        target = sqlite3.connect(path)
        source.backup(target)
        source.close(), target.close()
    else:
        build(path, args.people)
    startup = bench_startup(path, args.startup_runs, tmp)
    print("start-up", json.dumps(startup, indent=1), flush=True)
    print()
    for line in startup_verdicts(startup):
        print(line)
    if args.json:
        args.json.write_text(json.dumps({"start-up": startup}, indent=1))
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    status = main()
    sys.stdout.flush()
    # Tearing down PySide6 objects at interpreter exit can crash after the figures
    # are out (a known shutdown-order problem); nothing is left to write by then.
    os._exit(status)
