"""Search quality, and what the spelling keys cost: part of `make bench`.

- Quality: the cases of tests/support/search_quality.py (Russian-style spellings
  of Ukrainian places and names, Lithuanian towns in any case, one-letter typos,
  exact, official Latin and Cyrillic names) asked of a database holding them among
  a few thousand generated records; each group's share found within the first
  results it counts, against its target. Also with the gazetteer left out, to
  show what the spelling rules alone reach.
- Index size: the pages of the search index with the spelling keys against the
  same index without them (the format before), built from the same rows.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/search_quality.py [--db FILE]

With --db, the index size is measured on a copy of FILE (say, the 100,000 people
of benchmarks/run.py); run.py calls `quality` and `index_growth` itself.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

#: Growth of the index the spelling keys may cost.
GROWTH_TARGET = 1.5


def quality(tmp: Path, *, distractors: int = 3000) -> dict:
    from support import search_quality as cases

    from coordinator_app.core.text import gazetteer
    from coordinator_app.core.store.db import open_database
    from coordinator_app.core.records.service import Workspace

    db = open_database(tmp / "quality.sqlite3")
    try:
        workspace = Workspace(db)
        started = time.perf_counter()
        cases.build(workspace, distractors=distractors)
        built = time.perf_counter() - started
        asked = cases.cases()
        started = time.perf_counter()
        measured = cases.measure(workspace, asked)
        seconds = time.perf_counter() - started
        original = gazetteer._maps
        gazetteer._maps = lambda: ({}, {})  # the rules alone
        gazetteer.native_keys.cache_clear()
        gazetteer._stems.cache_clear()
        try:
            rules = cases.measure(workspace, asked)
        finally:
            gazetteer._maps = original
            gazetteer.native_keys.cache_clear()
            gazetteer._stems.cache_clear()
    finally:
        db.close()
    groups = {}
    for group, result in measured.items():
        first, target = cases.TARGETS[group]
        groups[group] = {
            "cases": result.cases, f"found in the first {first}": round(result.share, 3),
            "target": target, "met": result.share >= target,
            "rules alone (no gazetteer)": round(rules[group].share, 3),
            "missed (query, rank)": result.misses[:8],
        }
    return {"records": f"{len(cases.records()[0]) + len(cases.records()[1])} cases' records "
                       f"among {distractors} generated people",
            "build (s)": round(built, 1), "queries": len(asked),
            "mean per query (ms)": round(seconds / len(asked) * 1000, 2), "groups": groups}


def _pages(connection: sqlite3.Connection, prefix: str) -> int:
    return connection.execute(
        "SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name LIKE ?",
        (prefix + "%",)).fetchone()[0]


def index_growth(path: Path, tmp: Path) -> dict:
    """Bytes of the index with spelling keys against the same rows without them."""
    copy = tmp / "index-size.sqlite3"
    source = sqlite3.connect(path)
    target = sqlite3.connect(copy)
    source.backup(target)
    source.close()
    with target:
        target.execute("INSERT INTO search_index (search_index) VALUES ('optimize')")
        target.execute(
            "CREATE VIRTUAL TABLE plain_index USING fts5(kind, title, names, body, "
            "tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3')")
        target.execute("INSERT INTO plain_index (rowid, kind, title, names, body) "
                       "SELECT rowid, kind, title, names, body FROM search_index")
        target.execute("INSERT INTO plain_index (plain_index) VALUES ('optimize')")
    shared = _pages(target, "search_keys") + _pages(target, "search_terms")
    with_keys = _pages(target, "search_index") + shared
    without = _pages(target, "plain_index") + shared
    target.close()
    copy.unlink()
    growth = with_keys / without
    return {"index with spelling keys (MiB)": round(with_keys / 2**20, 1),
            "index without them (MiB)": round(without / 2**20, 1),
            "growth": round(growth, 3), "target": GROWTH_TARGET,
            "met": growth <= GROWTH_TARGET}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, metavar="FILE",
                        help="also measure the index size of (a copy of) this database")
    parser.add_argument("--distractors", type=int, default=3000)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="coordinator-quality-"))
    os.environ["COORDINATOR_HOME"] = str(tmp / "home")
    try:
        figures = {"quality": quality(tmp, distractors=args.distractors)}
        if args.db:
            figures["index size"] = index_growth(args.db, tmp)
        print(json.dumps(figures, ensure_ascii=False, indent=1))
        for line in verdicts(figures):
            print(line)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


def verdicts(figures: dict) -> list[str]:
    lines = []
    for group, result in figures["quality"]["groups"].items():
        share = next(value for key, value in result.items() if key.startswith("found in"))
        first = next(key for key in result if key.startswith("found in"))
        lines.append(f"{group}: {share:.1%} {first[6:]} (target {result['target']:.1%}): "
                     f"{'met' if result['met'] else 'MISSED'}")
    if "index size" in figures:
        size = figures["index size"]
        lines.append(f"index size with spelling keys {size['growth']} x (target "
                     f"{GROWTH_TARGET} x): {'met' if size['met'] else 'MISSED'}")
    return lines


if __name__ == "__main__":
    raise SystemExit(main())
