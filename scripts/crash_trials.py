"""The trials of the crash harness (scripts/crash_harness.py): what each scenario runs,
where its kills are aimed, and the checks after it.

A trial draws a scenario, runs its processes on the epoch's database and kills
one of them; then the checks of crash_checks decide what was lost or half written
and what is expected from then on.
"""

from __future__ import annotations

import random
import re
import shutil
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from crash_checks import (
    GenerateRun, State, integrity_problems, journal_problems, next_open, read_state, settle)
from crash_processes import PATIENCE, Child, Events

SCRIPTS = Path(__file__).resolve().parent
#: Scenarios and how often each is drawn.
SCENARIOS = {"write": 50, "write+generate": 12, "generate": 10, "write+restore": 8,
             "restore": 12, "restore+generate": 8}
#: Where a kill of the writer is aimed, and how often.
AIMS = {"start-up": 2, "edit": 4, "backup": 1, "anywhere": 2}
#: Seconds a writer aimed at "anywhere" may live past its start-up.
LIFE = 3.0
#: First guesses of how long things take (seconds), replaced by what each run measures.
FIRST_GUESSES = {"ready": 1.0, "ready, migrating": 2.0, "edit": 0.02, "backup": 0.1,
                 "generate": 3.0, "restore": 1.0}


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
    #: The writer was killed holding the lock, and no other process took it after: the
    #: lock must say that its session did not end cleanly.
    expect_unclean: bool = False
    #: Failures seen while the processes ran: (category, what happened).
    failures: list[tuple[str, str]] = field(default_factory=list)
    #: Where the kills of the trial landed.
    kills: list[str] = field(default_factory=list)
    #: A restore was killed: it may have been between its two renames.
    missing_is_expected: bool = False

    def command_failed(self, what: str) -> None:
        self.failures.append(("command failures", what))


class Trials:
    """The trials of one run, the epoch they are in, and what they counted."""

    def __init__(self, work: Path, rng: random.Random, *, fault: str | None,
                 scenarios: dict[str, int], aims: dict[str, int], verbose: bool, out,
                 encrypted: bool = False):
        self.work = work
        self.encrypted = encrypted
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
        self.children: list[Child] = []

    # -- timing ----------------------------------------------------------------------------

    def typical(self, what: str) -> float:
        seen = self.timings.get(what)
        return statistics.median(seen[-50:]) if seen else FIRST_GUESSES[what]

    def took(self, what: str, seconds: float) -> None:
        self.timings.setdefault(what, []).append(seconds)

    # -- processes -------------------------------------------------------------------------

    def cli(self, *args: str) -> Child:
        return self.started(Child([sys.executable, "-m", "coordinator_app", "--lang", "en",
                                   "--db", str(self.epoch.db), *args], events=False))

    def start_writer(self) -> Child:
        command = [sys.executable, str(SCRIPTS / "crash_writer.py"), str(self.epoch.db),
                   "--seed", str(self.rng.randrange(2**31))]
        if self.fault:
            command += ["--fault", self.fault]
        return self.started(Child(command, events=True))

    def started(self, child: Child) -> Child:
        self.children = [c for c in self.children if c.running()] + [child]
        return child

    def stop_children(self) -> None:
        """Kill what is still running when the run is cut short (Ctrl+C)."""
        for child in self.children:
            child.kill()

    def start_generate(self) -> tuple[Child, GenerateRun]:
        asked = {"person": self.rng.choice((100, 300, 1000, 2000)),
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
            outcome.command_failed(f"generate failed alone: {_last_line(child)}")
        else:
            self.tally["generate refused or failed beside another writer"] += 1

    # -- a trial ---------------------------------------------------------------------------

    def trial(self, number: int) -> None:
        from coordinator_app.core.store import migrate

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
            # The file as an older version left it: the first to open it migrates it.
            migrate.downgrade(epoch.db, self.rng.choice(migrate.revisions()[1:]))
            migrating = True
        started = time.monotonic()
        outcome = getattr(self, "run_" + scenario.replace("+", "_"))(migrating)
        self.check(number, scenario, outcome, time.monotonic() - started)

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
        if beside == "generate":
            # Killed while generate starts, waits or writes: it may find the lock held,
            # or free once the writer is gone.
            self.aim_and_kill(writer, "anywhere", migrating,
                              after=self.rng.uniform(0, self.typical("generate") * 1.5))
        else:
            self.aim_and_kill(writer, "anywhere" if beside else self.rng.choices(
                list(self.aims), list(self.aims.values()))[0], migrating)
        self.follow_writer(writer, migrating, outcome)
        if other is not None:
            child, run = other
            # Still starting, it may take the lock once the writer is gone, and end cleanly.
            outcome.expect_unclean &= not child.running()
            if self.rng.random() < 0.5:
                time.sleep(max(0.0, child.started + self.rng.uniform(
                    0, self.typical("generate")) - time.monotonic()))
                child.kill()
            self.end_generate(child, run, outcome, alone=False)
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
            return Outcome([epoch.expected, restored], kills=["in restore"],
                           missing_is_expected=True)
        if status == 0:
            self.took("restore", time.monotonic() - child.started)
            self.tally["restores done"] += 1
            return Outcome([restored])
        return Outcome([epoch.expected],
                       failures=[("command failures",
                                  f"restore failed alone: {_last_line(child)}")])

    def run_restore_generate(self, _migrating: bool) -> Outcome:
        from coordinator_app.core.records.ids import utcnow

        epoch = self.epoch
        source, restored = epoch.snapshot
        generating, run = self.start_generate()
        time.sleep(self.rng.uniform(0, self.typical("generate") * 0.6))
        before = utcnow()
        restore = self.cli("backup", "restore", str(source))
        status = restore.wait()
        outcome = Outcome([restored] if status == 0 else [epoch.expected])
        if status == 0:
            self.tally["restores done"] += 1
        elif str(generating.pid) in restore.errors():
            self.tally["restores refused (lock held)"] += 1
        else:
            outcome.command_failed(f"restore beside generate failed, not for the lock: "
                                   f"{_last_line(restore)}")
        self.end_generate(generating, run, outcome, alone=False)
        if status == 0 and run.finished:
            # Finished before the restore took the lock, generate is in the backup the
            # restore made of the database it replaced; any later, in the database.
            kept = self.safety_backup(since=before).generated
            run.kept_by_restore = run.asked in [
                counts for change_set, counts in kept.items()
                if change_set not in epoch.expected.generated]
        return outcome

    def safety_backup(self, since) -> State:
        """What the backup a restore made before replacing the database holds."""
        from coordinator_app.core.store import backup

        made = [b for b in backup.list_backups(self.epoch.db)
                if b.reason == "before-restore" and b.taken_at >= since]
        return read_state(made[0].path, known=()) if made else State()  # newest first

    def restore_must_refuse(self, holder: int, outcome: Outcome) -> None:
        """`backup restore` while the writer holds the lock: refused, nothing touched."""
        restore = self.cli("backup", "restore", str(self.epoch.snapshot[0]))
        status = restore.wait()
        if status == 0:
            outcome.command_failed("restore ran while the writer held the lock")
        elif str(holder) not in restore.errors():
            outcome.command_failed(f"restore failed, not for the lock: {_last_line(restore)}")
        else:
            self.tally["restores refused (lock held)"] += 1

    # -- the writer ------------------------------------------------------------------------

    def aim_and_kill(self, writer: Child, aim: str, migrating: bool,
                     after: float | None = None) -> None:
        """Kill the writer where `aim` says; "anywhere" is `after` seconds from now, or by
        default at random in its start-up and LIFE seconds more."""
        rng, events = self.rng, writer.events
        ready = self.typical("ready, migrating" if migrating else "ready")
        if aim == "start-up":
            time.sleep(rng.uniform(0, ready * 1.2))
        elif aim == "edit":
            nth = rng.randint(1, 10)
            events.wait(lambda seen: seen["begin"] >= nth, PATIENCE)
            time.sleep(rng.uniform(0, self.typical("edit")))
        elif aim == "backup":
            events.wait(lambda seen: seen["backup"], PATIENCE)
            time.sleep(rng.uniform(0, self.typical("backup")))
        else:
            time.sleep(rng.uniform(0, ready + LIFE) if after is None else after)
        writer.kill()  # if it has not stopped by itself (follow_writer says why)

    def follow_writer(self, writer: Child, migrating: bool, outcome: Outcome) -> None:
        """Turn the writer's events into what should be saved, and learn its timings."""
        expected = outcome.candidates[0]
        begun: dict[int, dict] = {}
        backup_begun = last_begin = None
        for at, event in writer.events.items:
            kind = event["event"]
            if kind == "locked":
                outcome.expect_unclean = writer.killed
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
            elif kind == "damaged":
                outcome.failures.append(("next-open failures", "the writer's start-up check: "
                                         + "; ".join(event["problems"])))
            elif kind == "backup-done":
                self.took("backup", at - backup_begun)
        if writer.killed:
            outcome.kills.append(_landing(writer.events, migrating))
        elif not writer.events.counts["damaged"]:
            # Not at its start-up check: opening (migrating) or an edit failed unexpectedly.
            outcome.failures.append((
                "command failures" if writer.events.counts["ready"] else "next-open failures",
                f"the writer stopped by itself: {_last_line(writer)}"))

    # -- after the trial -------------------------------------------------------------------

    def check(self, number: int, scenario: str, outcome: Outcome, seconds: float) -> None:
        epoch = self.epoch
        failures = list(outcome.failures)
        opened = next_open(epoch.db, missing_is_expected=outcome.missing_is_expected)
        if opened.unclean:
            self.tally["next opens after an unclean end"] += 1
        if opened.restored:
            self.tally["next opens that restored the newest backup"] += 1
        if opened.problem:
            failures.append(("next-open failures", opened.problem))
        elif outcome.expect_unclean and not opened.unclean:
            failures.append(("next-open failures",
                             "the lock did not say that the killed writer's session ended"))
        damage = integrity_problems(epoch.db, epoch.backup_folders) if epoch.db.exists() \
            else []
        failures += [("integrity failures", problem) for problem in damage]
        if opened.problem or damage or not epoch.db.exists():
            epoch.trials_left = 0  # what it holds is unknown now: the next trial starts afresh
        else:
            failures += self.compare(outcome)
        self.tally["trials"] += 1
        self.kills.update(outcome.kills)
        if self.verbose:
            print(f"trial {number} ({scenario}, epoch {self.epochs}): killed "
                  f"{', '.join(outcome.kills) or 'nothing'} after {seconds:.1f} s; "
                  f"{len(failures)} failures", file=self.out, flush=True)
        for category, problem in failures:
            self.tally[category] += 1
            print(f"trial {number} ({scenario}, epoch {self.epochs}): {category}: {problem}",
                  file=self.out, flush=True)
        if failures:
            epoch.failed = True
        elif epoch.db.exists() and self.rng.random() < 0.25:
            self.take_snapshot()

    def compare(self, outcome: Outcome) -> list[tuple[str, str]]:
        """The journal against the data, and the data against what should be there;
        what is there is expected from then on."""
        epoch = self.epoch
        failures = [("half-written", p) for p in journal_problems(epoch.db)]
        known = set().union(*(c.records for c in outcome.candidates), outcome.pending)
        actual = read_state(epoch.db, known)
        verdicts = [settle(candidate, actual, outcome.pending, outcome.refused,
                           [GenerateRun(r.asked, r.finished, r.kept_by_restore)
                     for r in outcome.runs])
                    for candidate in outcome.candidates]
        verdict = next((v for v in verdicts if v.clean), verdicts[0])
        epoch.expected = verdict.state
        return failures + [("lost", p) for p in verdict.lost] + [
            ("half-written", p) for p in verdict.half_written]

    def take_snapshot(self) -> Path:
        """A backup whose content the harness knows, for a later restore."""
        from coordinator_app.core.store import backup

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
        if self.encrypted:
            encrypt_new(self.epoch.db)

    def end_epoch(self) -> None:
        if self.epoch is None:
            return
        if self.epoch.failed:
            print(f"kept for a look: {self.epoch.folder}", file=self.out)
        else:
            shutil.rmtree(self.epoch.folder, ignore_errors=True)


#: The passphrase of every database in an --encrypted run (the children read it from
#: COORDINATOR_PASSPHRASE, as a script would).
PASSPHRASE = "crash harness passphrase"


def encrypt_new(db_path: Path) -> None:
    """An --encrypted epoch starts on a new, encrypted database."""
    from coordinator_app.core.store.db import open_database
    from coordinator_app.core.crypto.encryption import encrypt_database

    open_database(db_path).close()
    encrypt_database(db_path, PASSPHRASE)


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
    """What a process said went wrong: the command's error line, or the exception's
    (SQLAlchemy follows it with the statement and a link)."""
    lines = child.errors().strip().splitlines()
    said = [line for line in lines if re.match(r"(coordinator|[\w.]+(Error|Exception)): ", line)]
    return (said or lines or [f"exit status {child.proc.returncode}"])[-1]
