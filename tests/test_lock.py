"""One writer per database: a second opener is told who has it; a crash never blocks."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coordinator_app.core.store.lock import DatabaseLock, DatabaseLocked, holder_of, lock_path

ROOT = Path(__file__).resolve().parent.parent

HOLDER = """
import sys
sys.path.insert(0, sys.argv[2])
from pathlib import Path
from coordinator_app.core.store.lock import DatabaseLock
DatabaseLock(Path(sys.argv[1])).acquire()
print("locked", flush=True)
sys.stdin.read()
"""


def test_second_opener_is_told_the_holders_pid_and_host(db_path):
    first = DatabaseLock(db_path).acquire()
    with pytest.raises(DatabaseLocked) as raised:
        DatabaseLock(db_path).acquire()
    message = str(raised.value)
    assert str(os.getpid()) in message and socket.gethostname() in message
    assert raised.value.holder["pid"] == os.getpid()
    assert holder_of(db_path)["pid"] == os.getpid()
    first.release()
    assert holder_of(db_path) is None
    DatabaseLock(db_path).acquire().release()


def test_lock_held_by_another_process_blocks_until_it_is_killed(db_path):
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db_path), str(ROOT)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(DatabaseLocked, match=f"process {holder.pid}"):
            DatabaseLock(db_path).acquire()
    finally:
        holder.kill()  # SIGKILL: no clean-up code runs
        holder.wait()

    # The stale lock file is still there, but the kernel released the lock with the process.
    assert lock_path(db_path).exists()
    lock = DatabaseLock(db_path).acquire()
    assert lock.previous_unclean  # so start-up runs a quick_check
    lock.release()


def test_clean_release_marks_a_clean_exit(db_path):
    lock = DatabaseLock(db_path).acquire()
    assert not lock.previous_unclean
    info = json.loads(lock_path(db_path).read_bytes()[1:])
    assert info["state"] == "open" and info["pid"] == os.getpid()
    lock.release()
    assert json.loads(lock_path(db_path).read_bytes()[1:])["state"] == "closed"
    again = DatabaseLock(db_path).acquire()
    assert not again.previous_unclean
    again.release(clean=False)
    assert DatabaseLock(db_path).acquire().previous_unclean


def test_closing_the_database_releases_the_lock(db_path):
    from coordinator_app.core.store.db import open_database

    db = open_database(db_path)
    lock = DatabaseLock(db_path).acquire()
    db.on_close.append(lock.release)
    assert holder_of(db_path) is not None
    db.close()
    assert holder_of(db_path) is None


def test_cli_restore_refuses_while_the_database_is_open(workspace, tmp_path):
    from coordinator_app.core.store import backup

    made = backup.create_backup(workspace.db.path)
    lock = DatabaseLock(workspace.db.path).acquire()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "coordinator_app", "--db", str(workspace.db.path),
             "backup", "restore", str(made)], capture_output=True, text=True, cwd=ROOT)
    finally:
        lock.release()
    assert result.returncode == 1
    assert "already open" in result.stderr
    assert not (workspace.db.path.parent / "set-aside").exists()


WRITING_COMMANDS = [
    ("demo",),
    ("generate", "--people", "3"),
    ("merge", "people", "Ihor Terekhov", "Audrius Klišonis"),
    ("backup", "restore", "BACKUP"),
]


@pytest.mark.parametrize("command", WRITING_COMMANDS, ids=lambda c: c[0])
def test_writing_commands_are_refused_while_the_app_has_the_database_open(
        demo_file, tmp_path, cli, command):
    from coordinator_app.core.store import backup

    made = backup.create_backup(demo_file, tmp_path / "elsewhere")
    command = tuple(str(made) if word == "BACKUP" else word for word in command)
    before = demo_file.read_bytes()
    app = DatabaseLock(demo_file).acquire()
    try:
        done = cli(*command, db=demo_file)
    finally:
        app.release()
    assert done.returncode == 1
    assert "already open in another Coordinator window" in done.stderr
    assert demo_file.read_bytes() == before
    assert not (demo_file.parent / "set-aside").exists()


def test_reading_commands_run_beside_the_app_without_taking_its_lock(demo_file, cli):
    app = DatabaseLock(demo_file).acquire()
    try:
        for command in (("list", "people"), ("search", "Kharkiv"), ("check",),
                        ("duplicates", "people"), ("backup", "create")):
            done = cli(*command, db=demo_file)
            assert done.returncode == 0, (command, done.stderr)
        assert holder_of(demo_file)["pid"] == os.getpid()
    finally:
        app.release()


def test_a_restore_is_refused_while_generate_writes(demo_file, tmp_path, cli):
    from coordinator_app.core.store import backup

    made = backup.create_backup(demo_file, tmp_path / "elsewhere")
    writer = subprocess.Popen(
        [sys.executable, "-m", "coordinator_app", "--db", str(demo_file), "generate",
         "--people", "3000", "--seed", "1"], cwd=ROOT, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)
    try:
        while (holder_of(demo_file) or {}).get("pid") != writer.pid:
            assert writer.poll() is None, writer.communicate()
            time.sleep(0.01)
        restore = cli("backup", "restore", str(made), db=demo_file)
    finally:
        out, err = writer.communicate(timeout=600)
    assert restore.returncode == 1 and "already open" in restore.stderr
    assert writer.returncode == 0, err
    assert not (demo_file.parent / "set-aside").exists()
    connection = sqlite3.connect(demo_file)
    try:
        assert connection.execute("SELECT count(*) FROM people").fetchone()[0] == 3000 + 14
    finally:
        connection.close()
