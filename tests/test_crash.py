"""Writers killed at random moments lose nothing they reported as saved (scripts/crash_harness.py)."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

import pytest

HARNESS = Path(__file__).resolve().parent.parent / "scripts" / "crash_harness.py"


def load_harness():
    spec = importlib.util.spec_from_file_location("crash_harness", HARNESS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_killed_writers_lose_no_reported_commit(tmp_path):
    out = io.StringIO()
    result = load_harness().run(10, tmp_path / "crash.sqlite3", seed=5, out=out)
    assert result["trials"] == 10
    assert result["commits"] > 0, "the writer never got to commit anything"
    assert result["lost"] == 0 and result["corrupt"] == 0, out.getvalue()
    assert "PASS" in out.getvalue()


@pytest.mark.slow
def test_harness_catches_a_writer_that_reports_before_committing(tmp_path):
    # The check above is only worth something if it sees a loss when there is one.
    out = io.StringIO()
    result = load_harness().run(6, tmp_path / "early.sqlite3", seed=7, report_early=True,
                                out=out)
    assert result["lost"] > 0
    assert "FAIL" in out.getvalue()


RESTORER = """
import sys, time
sys.path.insert(0, sys.argv[3])
from pathlib import Path
from coordinator_app.core.lock import DatabaseLock
from coordinator_app.core.recovery import restore_backup
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

    from coordinator_app.core import backup
    from coordinator_app.core.db import open_database
    from coordinator_app.core.integrity import check_file
    from coordinator_app.core.recovery import newest_sound_backup
    from coordinator_app.core.service import Workspace

    db_path = tmp_path / "coordinator.sqlite3"
    db = open_database(db_path)
    workspace = Workspace(db)
    with workspace.edit("many") as edit:
        for i in range(2000):
            edit.create("organization", name=f"Громада {i}", notes="x" * 1500)
    db.close()
    source = backup.create_backup(db_path)
    root = str(HARNESS.parent.parent)

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
