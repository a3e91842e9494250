"""A backup or restore cut off midway (killed, a dead battery, a full stick) leaves
nothing behind for long, and a full disk is named as such, with the room it lacks."""

from __future__ import annotations

import errno
import os
import re

import pytest

from coordinator_app.cli import main
from coordinator_app.core.store import backup, backup_lock, recovery
from coordinator_app.core.errors import DatabaseError
from coordinator_app.core.store.integrity import check_file
from support.files import filled_database, listing
from support.processes import BackupLockHolder, killed_backup, killed_restore

FULL = re.compile(r"the disk is full \(([\d.,]+) MB free, the backup needs about ([\d.,]+) MB\)")


def partials(folder):
    return [name for name in listing(folder) if ".partial" in name] if folder.exists() else []


def test_a_killed_backup_is_removed_when_the_next_backup_starts(workspace):
    path = workspace.db.path
    workspace.create("organization", name="Харківська громада")
    folder = backup.default_backup_dir(path)
    killed_backup(path, folder)
    assert partials(folder), "the killed backup left its partial file"

    made = backup.create_backup(path)  # at once: no hour has to pass

    assert partials(folder) == [] and listing(folder) == [made.name]
    assert check_file(made).sound


def test_the_next_start_removes_what_a_killed_backup_and_restore_left(workspace, tmp_path):
    from coordinator_app.ui import safety

    path = workspace.db.path
    workspace.create("organization", name="Plungės rajono savivaldybė")
    stick = tmp_path / "stick"
    stick.mkdir()
    backup.set_extra_folder(stick)
    source = backup.create_backup(path)
    workspace.db.close()
    killed_restore(path, source)
    killed_backup(path, backup.extra_backup_dir())
    assert partials(backup.extra_backup_dir())
    assert [n for n in listing(path.parent) if ".restoring" in n]

    def no_questions(box):
        raise AssertionError(f"asked: {box.text()}")

    db = safety.open_database_for_app(path, ask=no_questions)
    try:
        assert db is not None
        assert partials(backup.extra_backup_dir()) == []
        assert partials(backup.default_backup_dir(path)) == []
        assert [n for n in listing(path.parent) if ".restoring" in n] == []
    finally:
        db.close()


def test_a_backup_still_being_written_keeps_its_files(workspace):
    path = workspace.db.path
    folder = backup.default_backup_dir(path)
    folder.mkdir()
    being_written = folder / f"{path.stem}-20260211T100000000000Z-auto.sqlite3.partial"
    being_written.write_bytes(b"half a backup, still growing")

    with BackupLockHolder(path):
        assert backup.remove_leftovers(path) == []
        recovery.remove_leftovers(path)
        assert being_written.exists()
        with pytest.raises(backup_lock.BackupBusy, match="Another backup"):
            with backup_lock.holding(path, wait=0.2):
                pass

    assert backup.remove_leftovers(path) == [being_written]
    assert partials(folder) == []


def test_a_backup_to_a_full_stick_says_how_much_room_it_needs_and_leaves_nothing(
        tmp_path, small_disk):
    path = filled_database(tmp_path / "coordinator.sqlite3", megabytes=2)
    stick = small_disk("1m")
    backup.set_extra_folder(stick)

    outcome = backup.run_backup(path, "auto")

    assert outcome.made is not None  # kept on this computer
    found = FULL.search(outcome.extra_problem)
    assert found, outcome.extra_problem
    free, need = (float(n.replace(",", ".")) for n in found.groups())
    assert free <= 1 and 2 <= need <= 3
    assert listing(stick) == []


def test_backup_create_onto_a_full_disk_fails_clearly(tmp_path, small_disk, capsys):
    path = filled_database(tmp_path / "coordinator.sqlite3", megabytes=2)
    dest = small_disk("1m")

    status = main(["--db", str(path), "backup", "create", str(dest)])

    err = capsys.readouterr().err
    assert status == 1 and FULL.search(err) and "Traceback" not in err
    assert listing(dest) == []


def test_a_disk_that_fills_up_while_the_backup_is_written_leaves_nothing(
        tmp_path, small_disk, monkeypatch):
    path = filled_database(tmp_path / "coordinator.sqlite3", megabytes=2)
    dest = small_disk("1m")
    real = backup.free_bytes
    answers = iter([10 * 1024**3])  # room enough when the backup starts, then the truth
    monkeypatch.setattr(backup, "free_bytes", lambda folder: next(answers, None) or real(folder))

    with pytest.raises(DatabaseError) as raised:
        backup.create_backup(path, dest)

    assert FULL.search(str(raised.value)), str(raised.value)
    assert listing(dest) == []


def test_a_stick_that_fails_with_an_io_error_when_nearly_full_is_said_to_be_full(
        workspace, tmp_path, monkeypatch):
    """The same where no small disk can be mounted: the stick fills up while the backup
    is flushed to it and answers, as some do, with an input/output error."""
    workspace.create("organization", name="Харківська громада")
    folder = tmp_path / "stick"
    room = iter([10 * 1024**3])  # room enough when the backup starts, 100 KB after
    monkeypatch.setattr(backup, "free_bytes", lambda _folder: next(room, 100 * 1024))

    def failing(fd):
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", failing)
        with pytest.raises(DatabaseError) as raised:
            backup.create_backup(workspace.db.path, folder)

    found = FULL.search(str(raised.value))
    assert found and found[1] == "0.1", str(raised.value)
    assert listing(folder) == []
