"""Encryption at rest: what SQLCipher costs, measured on one database plain and encrypted.

Builds a database (the demo, then generated people, as benchmarks/run.py does),
encrypts a copy of it (core.crypto.encryption) and measures on both, in the same run:

- opening: for the encrypted copy, deriving the key from the passphrase (Argon2id,
  core.crypto.keyslots) plus opening it and reading its first rows; for the plain one,
  opening and the same read. The target is 1 s for the encrypted open;
- search as you type and the people and organisations lists (the same figures as
  benchmarks/run.py, benchmarks/steps.py), encrypted against plain: target 1.3 x at
  p50 and p95. Both databases are open at once and measured call by call in turns
  (benchmarks/steps.in_turns), `--rounds` times, the samples pooled: a moment when
  the machine is busy with other work slows one call of each variant, not a whole
  variant, as timing one variant's round and then the other's did. The figures are
  timed twice over: in wall time, and in this process's processor time, which is
  where decrypting pages costs and which other programs on a shared machine hardly
  inflate. The target is judged on both, and the load average is printed beside
  them.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/encryption.py [--people N]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import steps  # noqa: E402 - after the path is set
from run import build  # noqa: E402

PASSPHRASE = "a passphrase for the benchmark"
TARGET_OPEN_S = 1.0
TARGET_RATIO = 1.3
CLOCKS = {"wall time": time.perf_counter, "processor time": time.process_time}


def open_seconds(path: Path, secret: str | None, runs: int = 5) -> float:
    """Median seconds from nothing unlocked to the first page of people read."""
    from sqlalchemy import text

    from coordinator_app.core.crypto import keyring
    from coordinator_app.core.store.db import open_database

    figures = []
    for _ in range(runs):
        keyring.forget_all()
        started = time.perf_counter()
        if secret is not None:
            keyring.unlock_file(path, secret)
        db = open_database(path)
        with db.engine.connect() as connection:
            connection.execute(text("SELECT id FROM people ORDER BY sort_key LIMIT 200")).all()
        figures.append(time.perf_counter() - started)
        db.close()
    return round(statistics.median(figures), 3)


def measure_in_turns(plain: Path, encrypted: Path, rounds: int) -> tuple[dict, dict]:
    """The search and list figures of both databases, open side by side and timed
    call by call in turns; each figure's samples pooled over the rounds."""
    from coordinator_app.core.records.service import Workspace
    from coordinator_app.core.store.db import open_database

    dbs = (open_database(plain), open_database(encrypted))
    try:
        spaces = [Workspace(db) for db in dbs]
        pooled: tuple[dict, dict] = ({}, {})
        for _ in range(rounds):
            for made in ((lambda w, p: steps.search_steps(w, p)),
                         (lambda w, p: steps.all_list_steps(w))):
                for side, figures in zip(pooled, steps.in_turns(
                        made(spaces[0], plain), made(spaces[1], encrypted))):
                    for name, values in figures.items():
                        side.setdefault(name, []).extend(values)
        return tuple({"search": steps.search_figures({k: v for k, v in side.items()
                                                      if ": " not in k}),
                      "lists": steps.list_figures({k: v for k, v in side.items()
                                                   if ": " in k})} for side in pooled)
    finally:
        for db in dbs:
            db.close()


def ratios(plain: dict, encrypted: dict) -> dict[str, tuple[float, float]]:
    """name → (p50 ratio, p95 ratio), encrypted over plain, for every figure measured."""
    found = {}
    for kind, figures in (("search", plain["search"]), *(
            (f"{k} list", plain["lists"][k]) for k in ("person", "organization"))):
        other = encrypted["search"] if kind == "search" else \
            encrypted["lists"][kind.split()[0]]
        for name, figure in figures.items():
            # A figure whose plain p50 is nothing (the next page of a list that has
            # no more) has no ratio worth the name.
            if isinstance(figure, dict) and "p50" in figure and figure["p50"] >= 0.05:
                theirs = other[name]
                found[f"{kind}: {name}"] = (
                    round(theirs["p50"] / max(figure["p50"], 0.01), 2),
                    round(theirs["p95"] / max(figure["p95"], 0.01), 2))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="coordinator-bench-crypt-"))
    os.environ["COORDINATOR_HOME"] = str(tmp / "home")
    from coordinator_app.core.crypto import keyring
    from coordinator_app.core.crypto.encryption import encrypt_database

    plain = tmp / "plain.sqlite3"
    build(plain, args.people)
    encrypted = tmp / "encrypted.sqlite3"
    shutil.copyfile(plain, encrypted)
    started = time.perf_counter()
    encrypt_database(encrypted, PASSPHRASE)
    figures: dict = {"people": args.people,
                     "database size (MiB)": round(plain.stat().st_size / 2**20, 1),
                     "encrypting it (s)": round(time.perf_counter() - started, 1),
                     "open, plain (s)": open_seconds(plain, None),
                     "open with key derivation, encrypted (s)": open_seconds(
                         encrypted, PASSPHRASE)}
    print(json.dumps(figures, ensure_ascii=False), flush=True)
    keyring.unlock_file(encrypted, PASSPHRASE)
    opened = figures["open with key derivation, encrypted (s)"]
    verdicts = [f"open with key derivation {opened} s (target {TARGET_OPEN_S} s): "
                f"{'met' if opened <= TARGET_OPEN_S else 'MISSED'}"]
    for clock_name, clock in CLOCKS.items():
        steps.clock = clock
        measured = measure_in_turns(plain, encrypted, args.rounds)
        timed = figures[clock_name] = dict(zip(("plain", "encrypted"), measured))
        timed["encrypted / plain (p50, p95)"] = found = ratios(timed["plain"],
                                                              timed["encrypted"])
        print(f"\n{clock_name} (load average {os.getloadavg()[0]:.1f}):")
        for name, (p50, p95) in found.items():
            print(f"{name}: {p50} x / {p95} x")
        worst = max(max(pair) for pair in found.values())
        verdicts.append(f"worst encrypted / plain ratio in {clock_name} {worst} x "
                        f"(target {TARGET_RATIO} x): "
                        f"{'met' if worst <= TARGET_RATIO else 'MISSED'}")
    print("\n" + "\n".join(verdicts))
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1))
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    status = main()
    sys.stdout.flush()
    os._exit(status)  # see benchmarks/run.py: PySide6's teardown at exit
