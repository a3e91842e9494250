"""Kill writing Coordinator processes at random moments and check that nothing confirmed is lost.

Each trial runs real processes on a real database file and kills one of them with
SIGKILL (TerminateProcess on Windows) at a random moment of its life:

- the writer (scripts/crash_writer.py) opens the database as the app does (the
  one-writer lock, the start-up check, migrations) and then creates, updates and
  deletes records through the service layer, taking the app's timed backup now
  and then. Kills are aimed at its start-up (sometimes while it migrates a file
  the harness took back to an older schema, or creates a new one), at its edits,
  at its backups, or anywhere in its life;
- `coordinator generate`, the bulk writer, alone or beside the writer;
- `coordinator backup restore`, alone (the database is then the backup's or,
  killed, the old one or the backup's), beside the writer (it must refuse: the
  writer holds the lock) or beside `generate` (one of them must wait its turn).

A refusal because another writer holds the database is an expected outcome.
After each trial, whatever happened:

- the next open, by the app's own start-up code, succeeds: after a kill the lock
  says the session ended uncleanly, the start-up check runs quick_check, and the
  migrations run;
- `PRAGMA integrity_check` and `foreign_key_check` pass, and every finished backup
  passes `quick_check` (one cut off by the kill is only ever a .partial file);
- the change journal agrees with the data: no change set is half written;
- every edit the writer acknowledged (on a pipe, after its commit returned) is
  there with its final value, the edit in flight at the kill is there wholly or
  not at all, and every `generate` that finished is there whole.

Trials share a database for an epoch of a few trials, then start a new one. The
report gives the lost, half-written, integrity and next-open failures one line
each, and the exit status is 1 if any is not zero. The folder of an epoch that
failed is kept.

A process kill leaves the operating system's cache intact; what it proves is
that no committed transaction depends on the process living on. A power cut
additionally relies on synchronous=FULL making the disk itself durable, which a
test inside one running machine cannot cut.

    python scripts/crash_harness.py                  # 200 trials (make crash)
    python scripts/crash_harness.py --trials 20 --seed 7 --folder /tmp/crash --verbose
    python scripts/crash_harness.py --only restore --only write+restore
    python scripts/crash_harness.py --only write --aim backup
    python scripts/crash_harness.py --only write --fault ack-before-commit   # must FAIL
    python scripts/crash_harness.py --encrypted --trials 20   # on encrypted databases

With --encrypted every epoch's database is encrypted (SQLCipher) before its first
trial, and every process unlocks it with its passphrase (COORDINATOR_PASSPHRASE),
the app's start-up through its passphrase dialog.

The modules beside this one hold the trials (crash_trials), the processes
(crash_processes, crash_writer) and the checks (crash_checks).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
sys.path[:0] = [str(SCRIPTS), str(SCRIPTS.parent)]

# Found through the path just set:
from crash_trials import AIMS, PASSPHRASE, SCENARIOS, Trials  # noqa: E402
from crash_writer import FAULTS  # noqa: E402

#: What fails a run, each with what it counts.
FAILURES = {
    "lost": "acknowledged edits and finished generate runs not in the database",
    "half-written": "change sets saved in part; records and journal that disagree",
    "integrity failures": "integrity_check, foreign_key_check, backups' quick_check",
    "next-open failures": "the app's start-up would not open the file as it is",
    "command failures": "a restore that ran under another writer's lock; a command that "
                        "failed with the database to itself; a writer that stopped by itself",
}


def run(trials: int, folder: Path | None = None, *, seed: int | None = None,
        fault: str | None = None, scenarios: dict[str, int] | None = None,
        aims: dict[str, int] | None = None, verbose: bool = False, encrypted: bool = False,
        out=sys.stdout) -> dict:
    """Run the trials and print the report; returns its counts and whether it passed."""
    if seed is None:
        seed = random.SystemRandom().randrange(2**31)
    print(f"crash harness: {trials} trials, seed {seed} (--seed {seed} repeats them)",
          file=out, flush=True)
    started = time.monotonic()
    work = Path(folder) if folder else Path(tempfile.mkdtemp(prefix="crash-"))
    os.environ.setdefault("COORDINATOR_HOME", str(work / "home"))
    run = Trials(work, random.Random(seed), fault=fault, scenarios=scenarios or SCENARIOS,
                 aims=aims or AIMS, verbose=verbose, out=out, encrypted=encrypted)
    given = os.environ.get("COORDINATOR_PASSPHRASE")
    if encrypted:
        os.environ["COORDINATOR_PASSPHRASE"] = PASSPHRASE  # for every process started
    try:
        for number in range(1, trials + 1):
            run.trial(number)
    finally:
        run.stop_children()
        if encrypted and given is None:
            os.environ.pop("COORDINATOR_PASSPHRASE", None)
        elif encrypted:
            os.environ["COORDINATOR_PASSPHRASE"] = given
    run.end_epoch()
    result = report(run, seed, time.monotonic() - started, out)
    if result["passed"] and not folder:
        shutil.rmtree(work, ignore_errors=True)
    return result


def report(run: Trials, seed: int, seconds: float, out) -> dict:
    t = run.tally
    kills = ", ".join(f"{count} {where}" for where, count in sorted(run.kills.items()))
    print(f"{t['trials']} trials, seed {seed}, {seconds:.0f} s", file=out)
    print(f"kills: {sum(run.kills.values())} ({kills or 'none'})", file=out)
    print(f"edits acknowledged: {t['edits acknowledged']}; generate runs finished: "
          f"{t['generate runs finished']}, refused or failed beside another writer: "
          f"{t['generate refused or failed beside another writer']}; restores done: "
          f"{t['restores done']}, refused while another writer held the database: "
          f"{t['restores refused (lock held)']}", file=out)
    print(f"next opens after an unclean end: {t['next opens after an unclean end']}; "
          "that restored the newest backup (a restore killed between its renames): "
          f"{t['next opens that restored the newest backup']}", file=out)
    for category, meaning in FAILURES.items():
        print(f"{category}: {t[category]}  ({meaning})", file=out)
    passed = not any(t[category] for category in FAILURES)
    print("PASS" if passed else "FAIL", file=out, flush=True)
    return {**{category: 0 for category in FAILURES}, **t, "kills": dict(run.kills),
            "seed": seed, "passed": passed}


def _some(weights: dict[str, int], names: list[str] | None) -> dict[str, int] | None:
    return {name: weights[name] for name in names} if names else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--seed", type=int, help="repeat the trials of an earlier run")
    parser.add_argument("--folder", type=Path,
                        help="where the databases go (default: a temporary folder)")
    parser.add_argument("--fault", choices=FAULTS,
                        help="a deliberately wrong writer, to see the harness catch it")
    parser.add_argument("--only", choices=list(SCENARIOS), action="append",
                        help="run only this scenario (may be given more than once)")
    parser.add_argument("--aim", choices=list(AIMS), action="append",
                        help="aim the writer's kills only here (may be given more than once)")
    parser.add_argument("--verbose", action="store_true", help="a line for every trial")
    parser.add_argument("--encrypted", action="store_true",
                        help="encrypt each epoch's database first (SQLCipher)")
    args = parser.parse_args(argv)
    # Stopped from outside, it still kills the processes it started (see run).
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(143))
    result = run(args.trials, args.folder, seed=args.seed, fault=args.fault,
                 scenarios=_some(SCENARIOS, args.only), aims=_some(AIMS, args.aim),
                 verbose=args.verbose, encrypted=args.encrypted)
    return 0 if result["passed"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
