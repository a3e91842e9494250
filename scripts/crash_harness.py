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

    python scripts/crash_harness.py                  # 200 trials
    python scripts/crash_harness.py --trials 20 --seed 7 --folder /tmp/crash
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
ROOT = SCRIPTS.parent
sys.path[:0] = [str(SCRIPTS), str(ROOT)]

from crash_checks import (  # noqa: E402 - found through the path set just above
    GenerateRun, State, integrity_problems, journal_problems, next_open,
    read_state, settle)
from crash_writer import FAULTS  # noqa: E402

#: Scenarios and how often each is drawn.
SCENARIOS = {"write": 50, "write+generate": 12, "generate": 10, "write+restore": 8,
             "restore": 12, "restore+generate": 8}
#: Where a kill of the writer is aimed, and how often.
AIMS = {"start-up": 2, "edit": 4, "backup": 1, "anywhere": 2}
#: What fails a run, each with what it counts.
FAILURES = {
    "lost": "acknowledged edits and finished generate runs not in the database",
    "half-written": "change sets saved in part; records and journal that disagree",
    "integrity failures": "integrity_check, foreign_key_check, backups' quick_check",
    "next-open failures": "the app's start-up would not open the file as it is",
    "command failures": "a restore that ran under another writer's lock; a command that "
                        "failed with the database to itself",
}
#: Seconds a writer aimed at "anywhere" may live past its start-up.
LIFE = 3.0
#: Seconds the harness waits for a process that should have finished long before.
PATIENCE = 300
#: First guesses of how long things take (seconds), replaced by what each run measures.
FIRST_GUESSES = {"ready": 1.0, "ready, migrating": 2.0, "edit": 0.02, "backup": 0.1,
                 "generate": 3.0, "restore": 1.0}


class Events:
    """The writer's JSON lines as they arrive, with the moment each arrived."""

    def __init__(self, stream):
        self.items: list[tuple[float, dict]] = []
        self.counts: Counter = Counter()
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._reader.start()

    def _read(self, stream) -> None:
        buffer = b""
        for chunk in iter(lambda: stream.read1(65536), b""):
            *complete, buffer = (buffer + chunk).split(b"\n")
            # A line cut by the kill has no newline: it was never said, and is not counted.
            with self._changed:
                for line in complete:
                    event = json.loads(line)
                    self.items.append((time.monotonic(), event))
                    self.counts[event["event"]] += 1
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    def wait(self, until, timeout: float) -> None:
        """Until `until(counts of each event)` holds, the writer ends, or `timeout`."""
        with self._changed:
            self._changed.wait_for(lambda: until(self.counts) or not self._reader.is_alive(),
                                   timeout)

    def last(self) -> str | None:
        return self.items[-1][1]["event"] if self.items else None

    def finish(self) -> None:
        self._reader.join(timeout=30)


class Child:
    """A process of a trial: the writer (its events read as they come) or a CLI command."""

    def __init__(self, command: list[str], *, events: bool):
        self.started = time.monotonic()
        self.stderr = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(command, cwd=ROOT, stderr=self.stderr,
                                     stdout=subprocess.PIPE if events else subprocess.DEVNULL)
        self.events = Events(self.proc.stdout) if events else None
        self.killed = False

    @property
    def pid(self) -> int:
        return self.proc.pid

    def running(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> None:
        if self.running():
            self.proc.kill()
            self.killed = True
        self.proc.wait()
        if self.events is not None:
            self.events.finish()

    def wait(self) -> int:
        try:
            return self.proc.wait(timeout=PATIENCE)
        except subprocess.TimeoutExpired:
            self.kill()
            raise SystemExit(f"{self.proc.args[1:]} did not finish in {PATIENCE} s") from None

    def errors(self) -> str:
        self.stderr.seek(0)
        return self.stderr.read().decode("utf-8", "replace")


@dataclass
class Epoch:
    """A database the trials share for a while, and what should be in it."""

    folder: Path
    trials_left: int
    expected: State = field(default_factory=State)
    snapshot: tuple[Path, State] | None = None
    failed: bool = False

    @property
    def db(self) -> Path:
        return self.folder / "coordinator.sqlite3"

    @property
    def backup_folders(self) -> list[Path]:
        return [self.folder / "backups", self.folder / "snapshots"]


@dataclass
class Outcome:
    """What a trial's processes did, for the checks that follow."""

    candidates: list[State]
    pending: dict = field(default_factory=dict)
    refused: dict = field(default_factory=dict)
    runs: list[GenerateRun] = field(default_factory=list)
    writer_locked: bool = False
    notes: list[str] = field(default_factory=list)
    #: Where the kills of the trial landed.
    kills: list[str] = field(default_factory=list)


class Harness:
    def __init__(self, work: Path, rng: random.Random, *, fault: str | None,
                 scenarios: dict[str, int], aims: dict[str, int], verbose: bool, out):
        self.work = work
        self.rng = rng
        self.fault = fault
        self.scenarios = scenarios
        self.aims = aims
        self.out = out
        self.verbose = verbose
        self.epoch: Epoch | None = None
        self.epochs = 0
        self.timings: dict[str, list[float]] = {}
        self.tally: Counter = Counter()
        self.kills: Counter = Counter()

    # -- timing ----------------------------------------------------------------------------

    def typical(self, what: str) -> float:
        seen = self.timings.get(what)
        return statistics.median(seen[-50:]) if seen else FIRST_GUESSES[what]

    def took(self, what: str, seconds: float) -> None:
        self.timings.setdefault(what, []).append(seconds)

    # -- processes -------------------------------------------------------------------------

    def cli(self, *args: str) -> Child:
        return Child([sys.executable, "-m", "coordinator_app", "--lang", "en",
                      "--db", str(self.epoch.db), *args], events=False)

    def start_writer(self) -> Child:
        command = [sys.executable, str(SCRIPTS / "crash_writer.py"), str(self.epoch.db),
                   "--seed", str(self.rng.randrange(2**31))]
        if self.fault:
            command += ["--fault", self.fault]
        return Child(command, events=True)

    def start_generate(self) -> tuple[Child, GenerateRun]:
        asked = {"person": self.rng.choice((100, 400, 1000, 2500)),
                 "organization": self.rng.randint(2, 20),
                 "agreement": self.rng.randint(0, 30), "project": self.rng.randint(0, 30)}
        child = self.cli("generate", "--people", str(asked["person"]),
                         "--organizations", str(asked["organization"]),
                         "--agreements", str(asked["agreement"]),
                         "--projects", str(asked["project"]),
                         "--seed", str(self.rng.randrange(2**31)))
        return child, GenerateRun({k: v for k, v in asked.items() if v}, finished=False)

    def end_generate(self, child: Child, run: GenerateRun, outcome: Outcome, *,
                     alone: bool) -> None:
        status = child.wait()
        run.finished = status == 0
        outcome.runs.append(run)
        if child.killed:
            outcome.kills.append("in generate")
        elif run.finished:
            self.took("generate", time.monotonic() - child.started)
            self.tally["generate runs finished"] += 1
        elif alone:
            outcome.notes.append(f"command: generate failed alone: {_last_line(child)}")
        else:
            self.tally["generate refused or failed beside another writer"] += 1

    # -- a trial ---------------------------------------------------------------------------

    def trial(self, number: int) -> None:
        if self.epoch is None or self.epoch.trials_left == 0:
            self.new_epoch()
        epoch = self.epoch
        epoch.trials_left -= 1
        scenario = self.rng.choices(list(self.scenarios), list(self.scenarios.values()))[0]
        if not epoch.db.exists():
            scenario = "write"  # the first writer creates the database
        migrating = not epoch.db.exists()
        if "restore" in scenario and epoch.snapshot is None:
            self.take_snapshot()
        elif epoch.db.exists() and "restore" not in scenario and self.rng.random() < 0.15:
            downgrade(epoch.db, self.rng.choice(older_revisions()))
            migrating = True
        outcome = getattr(self, "run_" + scenario.replace("+", "_"))(migrating)
        self.check(number, scenario, outcome)

    def run_write(self, migrating: bool, beside: str | None = None) -> Outcome:
        epoch = self.epoch
        outcome = Outcome([epoch.expected])
        writer = self.start_writer()
        other = None
        if beside is not None:
            writer.events.wait(lambda seen: seen["ready"], PATIENCE)
            if beside == "generate":
                other = self.start_generate()
            elif writer.running():
                self.restore_must_refuse(writer.pid, outcome)
        aim = "anywhere" if beside else self.rng.choices(list(self.aims),
                                                         list(self.aims.values()))[0]
        self.aim_and_kill(writer, aim, migrating)
        if other is not None:
            child, run = other
            if self.rng.random() < 0.5:
                time.sleep(max(0.0, child.started + self.rng.uniform(
                    0, self.typical("generate")) - time.monotonic()))
                child.kill()
            self.end_generate(child, run, outcome, alone=False)
        self.follow_writer(writer, migrating, outcome)
        return outcome

    def run_write_generate(self, migrating: bool) -> Outcome:
        return self.run_write(migrating, beside="generate")

    def run_write_restore(self, migrating: bool) -> Outcome:
        return self.run_write(migrating, beside="restore")

    def run_generate(self, migrating: bool) -> Outcome:
        outcome = Outcome([self.epoch.expected])
        child, run = self.start_generate()
        if self.rng.random() < 0.6:
            time.sleep(self.rng.uniform(0, self.typical("generate") * 1.2))
            child.kill()
        self.end_generate(child, run, outcome, alone=True)
        return outcome

    def run_restore(self, _migrating: bool) -> Outcome:
        epoch = self.epoch
        source, restored = epoch.snapshot
        child = self.cli("backup", "restore", str(source))
        if self.rng.random() < 0.5:
            time.sleep(self.rng.uniform(0, self.typical("restore")))
            child.kill()
        status = child.wait()
        if child.killed:
            return Outcome([epoch.expected, restored], kills=["in restore"])
        if status == 0:
            self.took("restore", time.monotonic() - child.started)
            self.tally["restores done"] += 1
            return Outcome([restored])
        return Outcome([epoch.expected],
                       notes=[f"command: restore failed alone: {_last_line(child)}"])

    def run_restore_generate(self, _migrating: bool) -> Outcome:
        epoch = self.epoch
        source, restored = epoch.snapshot
        generating, run = self.start_generate()
        time.sleep(self.rng.uniform(0, self.typical("generate") * 0.6))
        restore = self.cli("backup", "restore", str(source))
        status = restore.wait()
        outcome = Outcome([restored] if status == 0 else [epoch.expected])
        if status == 0:
            self.tally["restores done"] += 1
        elif str(generating.pid) in restore.errors():
            self.tally["restores refused (lock held)"] += 1
        else:
            outcome.notes.append(f"command: restore beside generate failed, not for the "
                                 f"lock: {_last_line(restore)}")
        self.end_generate(generating, run, outcome, alone=False)
        return outcome

    def restore_must_refuse(self, holder: int, outcome: Outcome) -> None:
        """`backup restore` while the writer holds the lock: refused, nothing touched."""
        restore = self.cli("backup", "restore", str(self.epoch.snapshot[0]))
        status = restore.wait()
        if status == 0:
            outcome.notes.append("command: restore ran while the writer held the lock")
        elif str(holder) not in restore.errors():
            outcome.notes.append(f"command: restore failed, not for the lock: "
                                 f"{_last_line(restore)}")
        else:
            self.tally["restores refused (lock held)"] += 1

    # -- the writer ------------------------------------------------------------------------

    def aim_and_kill(self, writer: Child, aim: str, migrating: bool) -> None:
        rng, events = self.rng, writer.events
        ready = self.typical("ready, migrating" if migrating else "ready")
        if aim == "start-up":
            time.sleep(rng.uniform(0, ready * 1.2))
        elif aim == "edit":
            nth = rng.randint(1, 20)
            events.wait(lambda seen: seen["begin"] >= nth, PATIENCE)
            time.sleep(rng.uniform(0, self.typical("edit")))
        elif aim == "backup":
            events.wait(lambda seen: seen["backup"], PATIENCE)
            time.sleep(rng.uniform(0, self.typical("backup")))
        else:
            time.sleep(rng.uniform(0, ready + LIFE))
        if not writer.running():
            if events.counts["damaged"]:
                return  # the start-up check refused the file: the next open says so too
            raise SystemExit("the writer stopped by itself:\n" + writer.errors()[-3000:])
        writer.kill()

    def follow_writer(self, writer: Child, migrating: bool, outcome: Outcome) -> None:
        """Turn the writer's events into what should be saved, and learn its timings."""
        expected = outcome.candidates[0]
        begun: dict[int, dict] = {}
        backup_begun = last_begin = None
        for at, event in writer.events.items:
            kind = event["event"]
            if kind == "locked":
                outcome.writer_locked = True
            elif kind == "ready":
                self.took("ready, migrating" if migrating else "ready", at - writer.started)
            elif kind == "begin":
                # From one edit's start to the next: a kill aimed at an edit lands
                # anywhere in it, whatever the writer does between its steps.
                if last_begin is not None:
                    self.took("edit", at - last_begin)
                last_begin = at
                begun[event["n"]] = event
                outcome.pending = _after(expected, event)
            elif kind in ("ack", "failed"):
                announced = begun.pop(event["n"])
                if kind == "ack":
                    expected.records.update(_after(expected, announced))
                    self.tally["edits acknowledged"] += 1
                else:
                    outcome.refused.update(_after(expected, announced))
                outcome.pending = {}
            elif kind == "backup":
                backup_begun = at
            elif kind == "backup-done":
                self.took("backup", at - backup_begun)
        if writer.killed:
            outcome.kills.append(_landing(writer.events, migrating))

    # -- after the trial -------------------------------------------------------------------

    def check(self, number: int, scenario: str, outcome: Outcome) -> None:
        epoch = self.epoch
        failures: list[tuple[str, str]] = [
            ("command failures", note.removeprefix("command: ")) for note in outcome.notes]
        opened = next_open(epoch.db)
        if opened.unclean:
            self.tally["next opens after an unclean end"] += 1
        if opened.problem:
            failures.append(("next-open failures", opened.problem))
        elif outcome.writer_locked and not opened.unclean:
            failures.append(("next-open failures",
                             "the lock did not say that the killed writer's session ended"))
        if epoch.db.exists():
            failures += [("integrity failures", p)
                         for p in integrity_problems(epoch.db, epoch.backup_folders)]
            failures += [("half-written", p) for p in journal_problems(epoch.db)]
            known = set().union(*(c.records for c in outcome.candidates), outcome.pending)
            actual = read_state(epoch.db, known)
            verdicts = [settle(candidate, actual, outcome.pending, outcome.refused,
                               [GenerateRun(r.asked, r.finished) for r in outcome.runs])
                        for candidate in outcome.candidates]
            verdict = next((v for v in verdicts if v.clean), verdicts[0])
            failures += [("lost", p) for p in verdict.lost]
            failures += [("half-written", p) for p in verdict.half_written]
            epoch.expected = verdict.state
        self.tally["trials"] += 1
        self.kills.update(outcome.kills)
        if self.verbose:
            print(f"trial {number} ({scenario}, epoch {self.epochs}): killed "
                  f"{', '.join(outcome.kills) or 'nothing'}; {len(failures)} failures",
                  file=self.out, flush=True)
        for category, problem in failures:
            self.tally[category] += 1
            print(f"trial {number} ({scenario}, epoch {self.epochs}): {category}: {problem}",
                  file=self.out, flush=True)
        if failures:
            epoch.failed = True
        elif epoch.db.exists() and self.rng.random() < 0.25:
            self.take_snapshot()

    def take_snapshot(self) -> Path:
        """A backup whose content the harness knows, for a later restore."""
        from coordinator_app.core import backup

        epoch = self.epoch
        made = backup.create_backup(epoch.db, epoch.folder / "snapshots", reason="snapshot")
        epoch.snapshot = (made, epoch.expected.copy())
        return made

    def new_epoch(self) -> None:
        self.end_epoch()
        self.epochs += 1
        folder = self.work / f"epoch-{self.epochs}"
        folder.mkdir(parents=True)
        self.epoch = Epoch(folder, trials_left=self.rng.randint(4, 12))

    def end_epoch(self) -> None:
        if self.epoch is None:
            return
        if self.epoch.failed:
            print(f"kept for a look: {self.epoch.folder}", file=self.out)
        else:
            shutil.rmtree(self.epoch.folder, ignore_errors=True)

    def report(self, seed: int, seconds: float) -> dict:
        self.end_epoch()
        t, out = self.tally, self.out
        kills = ", ".join(f"{count} {where}" for where, count in sorted(self.kills.items()))
        print(f"{t['trials']} trials, seed {seed}, {seconds:.0f} s", file=out)
        print(f"kills: {sum(self.kills.values())} ({kills or 'none'})", file=out)
        print(f"edits acknowledged: {t['edits acknowledged']}; generate runs finished: "
              f"{t['generate runs finished']}, refused or failed beside another writer: "
              f"{t['generate refused or failed beside another writer']}; restores done: "
              f"{t['restores done']}, refused while another writer held the database: "
              f"{t['restores refused (lock held)']}", file=out)
        print(f"next opens after an unclean end: {t['next opens after an unclean end']}",
              file=out)
        for category, meaning in FAILURES.items():
            print(f"{category}: {t[category]}  ({meaning})", file=out)
        passed = not any(t[category] for category in FAILURES)
        print("PASS" if passed else "FAIL", file=out, flush=True)
        return {**{k: t[k] for k in t}, "kills": dict(self.kills), "seed": seed,
                "passed": passed}


def _after(expected: State, announced: dict) -> dict:
    """The records of an announced edit as it would leave them."""
    after = {}
    for record in announced["records"]:
        key = (record["kind"], record["id"])
        after[key] = {**expected.records.get(key, {}), **record["values"]}
    return after


def _landing(events: Events, migrating: bool) -> str:
    if not events.counts["ready"]:
        return "in start-up, migrating" if migrating else "in start-up"
    return {"begin": "in an edit", "backup": "in a backup"}.get(events.last(), "between edits")


def _last_line(child: Child) -> str:
    lines = child.errors().strip().splitlines()
    return lines[-1] if lines else f"exit status {child.proc.returncode}"


def older_revisions() -> list[str]:
    from alembic.script import ScriptDirectory

    from coordinator_app.core import migrate

    scripts = ScriptDirectory.from_config(migrate.alembic_config())
    return [s.revision for s in scripts.walk_revisions() if s.revision != scripts.get_current_head()]


def downgrade(db_path: Path, revision: str) -> None:
    """Take the database back to an older schema, so that the next opener migrates it."""
    from alembic import command

    from coordinator_app.core import migrate
    from coordinator_app.core.db import make_engine

    engine = make_engine(db_path)
    try:
        with engine.connect() as connection:
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
            config = migrate.alembic_config()
            config.attributes["connection"] = connection
            with connection.begin():
                command.downgrade(config, revision)
    finally:
        engine.dispose()


def run(trials: int, folder: Path | None = None, *, seed: int | None = None,
        fault: str | None = None, scenarios: dict[str, int] | None = None,
        aims: dict[str, int] | None = None, verbose: bool = False, out=sys.stdout) -> dict:
    """Run the trials; returns the counts the report prints."""
    if seed is None:
        seed = random.SystemRandom().randrange(2**31)
    print(f"crash harness: {trials} trials, seed {seed} (--seed {seed} repeats them)",
          file=out, flush=True)
    started = time.monotonic()
    work = Path(folder) if folder else Path(tempfile.mkdtemp(prefix="crash-"))
    os.environ.setdefault("COORDINATOR_HOME", str(work / "home"))
    harness = Harness(work, random.Random(seed), fault=fault,
                      scenarios=scenarios or SCENARIOS, aims=aims or AIMS, verbose=verbose,
                      out=out)
    for number in range(1, trials + 1):
        harness.trial(number)
    result = harness.report(seed, time.monotonic() - started)
    if result["passed"] and not folder:
        shutil.rmtree(work, ignore_errors=True)
    return result


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
    args = parser.parse_args(argv)
    result = run(args.trials, args.folder, seed=args.seed, fault=args.fault,
                 scenarios=_some(SCENARIOS, args.only), aims=_some(AIMS, args.aim),
                 verbose=args.verbose)
    return 0 if result["passed"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
