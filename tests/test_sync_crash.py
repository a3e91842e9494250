"""A laptop that dies while reading a bundle (kill -9 at a random moment of the
import) is left as before the import or as after it: never half of it, and sound."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from support.crash import run_seed
from support.sync import Office

TRIALS = 4


def _counts(path) -> tuple[int, int]:
    with sqlite3.connect(path) as connection:
        return (connection.execute("SELECT count(*) FROM organizations").fetchone()[0],
                connection.execute("SELECT count(*) FROM sync_operations").fetchone()[0])


def _integrity(path) -> str:
    with sqlite3.connect(path) as connection:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]


@pytest.mark.slow
def test_an_import_killed_at_any_moment_leaves_the_copy_before_or_after(tmp_path, cli,
                                                                       monkeypatch):
    office = Office(tmp_path, cli, monkeypatch, ["kharkiv", "plunge"])
    office.run("plunge", "add", "organizations", "--set", "name=Plungė")
    office.join_all()
    assert office.run("kharkiv", "generate", "--organizations", "800", "--seed", "3"
                      ).returncode == 0
    bundle = tmp_path / "stick.coordsync"
    assert office.run("kharkiv", "sync", "export", "-o", str(bundle)).returncode == 0
    pristine = tmp_path / "pristine.sqlite3"
    shutil.copyfile(office.db("plunge"), pristine)
    before = _counts(pristine)
    env = {**os.environ, "COORDINATOR_HOME": str(tmp_path / "plunge" / "home")}

    def import_into(path, *, kill_after: float | None):
        process = subprocess.Popen(
            [sys.executable, "-m", "coordinator_app", "--db", str(path), "sync", "import",
             str(bundle)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if kill_after is None:
            assert process.wait(timeout=600) == 0, process.stderr.read()
            return
        time.sleep(kill_after)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)

    whole = tmp_path / "whole.sqlite3"
    shutil.copyfile(pristine, whole)
    started = time.monotonic()
    import_into(whole, kill_after=None)
    duration = time.monotonic() - started
    after = _counts(whole)
    assert after[0] > before[0] + 500

    rng = random.Random(run_seed())
    outcomes = set()
    for trial in range(TRIALS):
        path = tmp_path / f"trial-{trial}.sqlite3"
        shutil.copyfile(pristine, path)
        import_into(path, kill_after=rng.uniform(0.2, duration))
        # The next start reads the file as SQLite recovers it from its journal.
        found = _counts(path)
        assert found in (before, after), f"half an import in trial {trial}: {found}"
        assert _integrity(path) == "ok"
        outcomes.add(found == after)
        # And the import run again completes it.
        import_into(path, kill_after=None)
        assert _counts(path) == after
