"""The table `make bench` ends with: one verdict per goal, written into README.md between
its markers and nowhere else."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import table  # noqa: E402


def figures(people: int, pack_ms: float) -> tuple[dict, dict]:
    startup = {"app to first window with data (median ms)": 300.0,
               "floor: bare window, sqlite3 and 90 rows (median ms)": 100.0,
               "app peak RSS with data (MiB)": 80.0, "floor peak RSS with data (MiB)": 55.0}
    run = {"people": people, "generate (s)": people / 4000,
           "lists": {"person": {"filter": {"p95": 40.0}},
                     "person count": {"count as the list does (up to 10,000)": {"p95": 20.0},
                                      "floor: counting every record, as before": {"p95": 90.0}}},
           "start-up": {"with byte-code caches": startup},
           "writes and reports": {"form save (workspace.update)": {"p50": 5.0, "p95": 9.0},
                                  "floor: the same rows in raw SQL": {"p50": 3.0, "p95": 4.0}}}
    reports = {"goal": 2.0, **{key: {"ms": ms, "floor ms": 100.0, "pages": 2, "unit": "x"}
                               for key, ms in (("pack", pack_ms), ("memorandum", 150.0),
                                               ("memorandum command", 190.0))}}
    return run, reports


def verdict(people: int, pack_ms: float, row: str) -> bool | None:
    """The verdict of the row whose name starts with `row`."""
    return next(met for what, *_figures, met in table.rows(*figures(people, pack_ms))
                if what.startswith(row))


def test_each_goal_is_judged_against_its_floor_from_the_same_run():
    assert verdict(100_000, 150.0, "briefing pack") is True             # 1.5 x
    assert verdict(100_000, 250.0, "briefing pack") is False            # 2.5 x
    assert verdict(100_000, 150.0, "first window with data") is False   # 3 x
    assert verdict(100_000, 150.0, "single edit through the service, p50") is True   # 1.67 x
    assert verdict(100_000, 150.0, "single edit through the service, p95") is False  # 2.25 x
    assert verdict(100_000, 150.0, "peak memory with data") is True     # 1.45 x
    assert verdict(100_000, 150.0, "generate") is True                  # 4,000 a second


def test_a_count_below_the_lists_cap_is_not_judged():
    assert verdict(100_000, 150.0, "people list count") is True
    assert verdict(5_000, 150.0, "people list count") is None


def test_the_readme_gets_the_table_between_its_markers_and_nothing_else(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"before\n{table.BEGIN}\nold figures\n{table.END}\nafter\n")
    text = table.markdown(table.rows(*figures(100_000, 150.0)))
    table.into_readme(readme, text, "1.0")
    table.into_readme(readme, text, "1.0")
    written = readme.read_text()
    assert written.startswith("before\n") and written.endswith(f"{table.END}\nafter\n")
    assert "old figures" not in written and written.count("| briefing pack") == 1


def test_the_projects_readme_has_the_markers():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert text.index(table.BEGIN) < text.index(table.END)


def test_the_generate_row_says_its_processor_time_beside_the_wall_time():
    run, reports = figures(100_000, 150.0)
    run["generate, processor time (s)"] = 14.6
    [what] = [what for what, *_rest in table.rows(run, reports) if what.startswith("generate")]
    assert what == "generate: 100,000 people in 25 s (15 s of processor time), a million at " \
        "that rate"


def test_a_million_generated_is_judged_as_measured_not_at_a_smaller_builds_rate():
    run, reports = figures(100_000, 150.0)   # 4,000 a second: 4.2 min at that rate
    million = {"people": 1_000_000, "generate (s)": 320.0,
               "generate, processor time (s)": 280.0,
               "generate, write-ahead log at most (MB)": 271}
    [row] = [row for row in table.rows(run, reports, million) if row[0].startswith("generate")]
    assert row[0] == "generate: 1,000,000 people in 320 s (280 s of processor time, " \
        "write-ahead log at most 271 MB)"
    assert row[1] == "5.3 min" and row[-1] is False
