"""Processes killed at random moments lose nothing they acknowledged (scripts/crash_harness.py)."""

from __future__ import annotations

import io

import pytest

from support.crash import SCRIPTS, harness_module, run_seed


def run_trials(tmp_path, trials: int, seed: int, **options) -> tuple[dict, str]:
    out = io.StringIO()
    result = harness_module().run(trials, tmp_path / "crash", seed=seed, out=out, **options)
    report = out.getvalue()
    print(report)  # pytest shows it when the test fails, with the seed that repeats it
    return result, report


@pytest.mark.slow
def test_killed_writers_lose_nothing_they_acknowledged(tmp_path):
    seed = run_seed()
    result, report = run_trials(tmp_path, 10, seed)
    assert result["trials"] == 10
    assert sum(result["kills"].values()) > 0, report
    assert result["passed"], f"repeat with CRASH_SEED={seed}\n{report}"


@pytest.mark.slow
def test_killed_writers_lose_nothing_on_an_encrypted_database(tmp_path):
    seed = run_seed()
    result, report = run_trials(tmp_path, 6, seed, encrypted=True)
    assert sum(result["kills"].values()) > 0, report
    assert result["passed"], f"repeat with CRASH_SEED={seed}\n{report}"


@pytest.mark.slow
def test_the_harness_catches_an_acknowledgement_given_before_the_commit(tmp_path):
    # The checks above are only worth something if they see a loss when there is one.
    result, report = run_trials(tmp_path, 4, 7, fault="ack-before-commit",
                                scenarios={"write": 1}, aims={"edit": 1})
    assert result["lost"] > 0, report
    assert not result["passed"]


@pytest.mark.slow
def test_the_harness_catches_an_edit_committed_in_two_transactions(tmp_path):
    result, report = run_trials(tmp_path, 4, 8, fault="split-edit", scenarios={"write": 1},
                                aims={"edit": 1})
    assert result["half-written"] > 0, report
    assert result["lost"] == 0, report


RESTORER = """
import sys, time
sys.path.insert(0, sys.argv[3])
from pathlib import Path
from coordinator_app.core.store.lock import DatabaseLock
from coordinator_app.core.store.recovery import restore_backup
lock = DatabaseLock(Path(sys.argv[1])).acquire()
print("ready", flush=True)
started = time.monotonic()
restore_backup(Path(sys.argv[1]), Path(sys.argv[2]))
print(time.monotonic() - started, flush=True)
"""


@pytest.mark.slow
def test_a_restore_killed_at_any_moment_leaves_a_sound_database_or_its_backups(tmp_path):
    import random
    import subprocess
    import sys
    import time

    from coordinator_app.core.store import backup
    from coordinator_app.core.store.db import open_database
    from coordinator_app.core.store.integrity import check_file
    from coordinator_app.core.store.recovery import newest_sound_backup
    from coordinator_app.core.records.service import Workspace

    db_path = tmp_path / "coordinator.sqlite3"
    db = open_database(db_path)
    workspace = Workspace(db)
    with workspace.edit("many") as edit:
        for i in range(2000):
            edit.create("organization", name=f"Громада {i}", notes="x" * 1500)
    db.close()
    source = backup.create_backup(db_path)
    root = str(SCRIPTS.parent)

    def restorer():
        proc = subprocess.Popen([sys.executable, "-c", RESTORER, str(db_path), str(source),
                                 root], stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "ready"
        return proc

    # How long one restore takes here, so the kills land inside it.
    proc = restorer()
    duration = float(proc.stdout.readline())
    proc.wait()
    rng = random.Random(11)
    states = set()
    for _trial in range(8):
        proc = restorer()
        time.sleep(rng.uniform(0, duration))
        proc.kill()
        proc.wait()
        if db_path.exists():
            assert check_file(db_path, quick=True).sound
            states.add("database")
        else:
            # Killed between the two renames: start-up offers the newest backup.
            assert newest_sound_backup(db_path) is not None
            backup.copy_database(source, db_path)
            states.add("backup")
    assert "database" in states
