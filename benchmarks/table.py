"""The goals of issue 19 in one table, from the figures `make bench` just wrote.

`benchmarks/run.py --json` and `benchmarks/reports.py --json` each leave their
figures in a file (and `benchmarks/run.py --generate-only --json` those of a million
people generated, for that goal); this reads them, prints one row per goal with this run's
figure, its floor from the same run, the ratio and PASS or FAIL, and with
`--readme` puts the same table into README.md between its two markers, so the
README shows the last run's figures and never older ones.

    .venv/bin/python benchmarks/table.py RUN.json REPORTS.json [--generate GENERATE.json]
        [--readme README.md]

Exits 1 when a goal is missed, after printing every row.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

BEGIN = "<!-- make bench: begin -->"
END = "<!-- make bench: end -->"
#: A million people in five minutes (issue 19), and the list filter's p95 in ms at
#: up to 100,000 people and beyond.
GENERATE_GOAL_S = 300
FILTER_GOAL_MS = {100_000: 50, None: 60}

#: what, now, floor, ratio, goal, met (None: not measurable at this size).
Row = tuple[str, str, str, str, str, bool | None]


def _figure(value: float, unit: str) -> str:
    # A single edit takes a millisecond or two: whole numbers would hide the ratio.
    return f"{value:,.1f} {unit}" if value < 10 else f"{value:,.0f} {unit}"


def _ratio_row(what: str, now: float, floor: float, goal: float, unit: str) -> Row:
    ratio = now / max(floor, 0.01)
    return (what, _figure(now, unit), _figure(floor, unit), f"{ratio:.2f} x",
            f"≤ {goal:g} x", ratio <= goal)


def _generate_row(figures: dict) -> Row:
    """`generate`'s row: measured, when the figures are of a million people or more;
    otherwise worked out at the rate of a smaller build, which flatters it (a million
    cost more per person), and says so."""
    people, seconds = figures["people"], figures["generate (s)"]
    cpu = figures.get("generate, processor time (s)")
    wal = figures.get("generate, write-ahead log at most (MB)")
    spent = [f"{cpu:,.0f} s of processor time" if cpu is not None else "",
             f"write-ahead log at most {wal:,} MB" if wal is not None else ""]
    spent = ", ".join(part for part in spent if part)
    what = f"generate: {people:,} people in {seconds:,.0f} s" + (f" ({spent})" if spent else "")
    if people >= 1_000_000:
        return (what, f"{seconds / 60:,.1f} min", "", "", f"≤ {GENERATE_GOAL_S // 60} min",
                seconds <= GENERATE_GOAL_S)
    projected = seconds * 1_000_000 / people
    return (f"{what}, a million at that rate", f"{projected / 60:,.1f} min", "", "",
            f"≤ {GENERATE_GOAL_S // 60} min", projected <= GENERATE_GOAL_S)


def rows(run: dict, reports: dict, generate: dict | None = None) -> list[Row]:
    """One row per goal of issue 19, in the issue's order; `generate`, the figures of
    `run.py --generate-only` when there are some, for generate's row."""
    people = run["people"]
    result = []
    for key, what in (("pack", "briefing pack"), ("memorandum", "memorandum summary"),
                      ("memorandum command", "memorandum command, whole process")):
        figure = reports[key]
        result.append(_ratio_row(f"{what} ({figure['pages']} pages, {figure['unit']})",
                                 figure["ms"], figure["floor ms"], reports["goal"], "ms"))
    list_filter = run["lists"]["person"]["filter"]["p95"]
    goal = FILTER_GOAL_MS[100_000] if people <= 100_000 else FILTER_GOAL_MS[None]
    result.append((f"people list filter p95, {people:,} people", f"{list_filter:,.0f} ms",
                   "", "", f"≤ {goal} ms", list_filter <= goal))
    counts = run["lists"]["person count"]
    capped = counts["count as the list does (up to 10,000)"]["p95"]
    every = counts["floor: counting every record, as before"]["p95"]
    # Flat: the list counts up to its cap of 10,000, so past the cap it costs less
    # than counting every record; below the cap both count the same rows.
    result.append((f"people list count p95, {people:,} people", f"{capped:,.0f} ms",
                   f"{every:,.0f} ms (every record)", f"{capped / max(every, 0.01):.2f} x",
                   "flat: < 1 x", capped < every if people > 10_000 else None))
    startup = run["start-up"]["with byte-code caches"]
    floor_key = next(key for key in startup if key.startswith("floor: bare window"))
    result.append(_ratio_row("first window with data", startup[
        "app to first window with data (median ms)"], startup[floor_key], 2.0, "ms"))
    edits = run["writes and reports"]
    for share in ("p50", "p95"):
        result.append(_ratio_row(f"single edit through the service, {share}",
                                 edits["form save (workspace.update)"][share],
                                 edits["floor: the same rows in raw SQL"][share], 2.0, "ms"))
    result.append(_generate_row(generate or run))
    floor_rss = next(key for key in startup if key.startswith("floor peak RSS"))
    result.append(_ratio_row("peak memory with data", startup["app peak RSS with data (MiB)"],
                             startup[floor_rss], 1.6, "MiB"))
    with_list = startup.get("app peak RSS with the people list open (MiB)")
    if with_list is not None:
        # The first window's peak is taken before the database code is loaded; once
        # the people list is open it counts too, against the same floor.
        result.append(_ratio_row("peak memory once the people list is open", with_list,
                                 startup[floor_rss], 1.6, "MiB"))
    return result


def markdown(table: list[Row]) -> str:
    lines = ["| what | now | floor | ratio | goal | |", "| --- | --- | --- | --- | --- | --- |"]
    verdicts = {True: "PASS", False: "FAIL", None: "not reached at this size"}
    lines += [f"| {what} | {now} | {floor} | {ratio} | {goal} | {verdicts[met]} |"
              for what, now, floor, ratio, goal, met in table]
    return "\n".join(lines)


def into_readme(readme: Path, table: str, load: str) -> None:
    text = readme.read_text(encoding="utf-8")
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    block = f"\n\nLast `make bench` (load average at its end: {load}):\n\n{table}\n\n"
    readme.write_text(text[:start] + block + text[end:], encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run", type=Path, help="the figures of benchmarks/run.py --json")
    parser.add_argument("reports", type=Path,
                        help="the figures of benchmarks/reports.py --json")
    parser.add_argument("--generate", type=Path,
                        help="the figures of benchmarks/run.py --generate-only, if any")
    parser.add_argument("--readme", type=Path, help="put the table into this README")
    args = parser.parse_args()
    generate = json.loads(args.generate.read_text()) if args.generate else None
    table = rows(json.loads(args.run.read_text()), json.loads(args.reports.read_text()),
                 generate)
    text = markdown(table)
    print(text)
    if args.readme is not None:
        load = " / ".join(f"{figure:.1f}" for figure in os.getloadavg())
        into_readme(args.readme, text, load)
    return 1 if any(met is False for *_row, met in table) else 0


if __name__ == "__main__":
    raise SystemExit(main())
