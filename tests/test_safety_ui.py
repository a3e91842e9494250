"""The app's safety net as a person meets it: dialogs driven offscreen, never blocking."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from coordinator_app.core.store import backup
from coordinator_app.core.store.lock import DatabaseLock, holder_of
from coordinator_app.core.store.logs import log_file
from coordinator_app.core.records.service import Workspace
from coordinator_app.ui import backups, safety
from support.media import remount_read_only

SHOTS = Path(os.environ.get("COORDINATOR_SHOTS", "/tmp"))


class Clicker:
    """Stands in for a person at the dialog: records each box and clicks a button."""

    def __init__(self, *choices: str, shot: str | None = None):
        self.choices = list(choices)
        self.boxes: list[tuple[str, str, str, list[str]]] = []
        self.shot = shot

    def __call__(self, box: QMessageBox):
        buttons = [b.text() for b in box.buttons()]
        self.boxes.append((box.windowTitle(), box.text(), box.informativeText(), buttons))
        if self.shot:
            box.show()
            box.grab().save(str(SHOTS / f"{self.shot}-{len(self.boxes)}.png"))
            box.hide()
        wanted = self.choices.pop(0) if self.choices else None
        for button in box.buttons():
            if button.text() == wanted:
                return button
        return None


def fill(db_path: Path, names: list[str]) -> None:
    from coordinator_app.core.store.db import open_database

    db = open_database(db_path)
    workspace = Workspace(db)
    for name in names:
        workspace.create("organization", name=name, notes="Примітка " * 300)
    db.close()


def damage_middle(path: Path) -> None:
    size = path.stat().st_size
    with path.open("r+b") as handle:
        for start in range(size // 3 // 4096 * 4096, size * 2 // 3, 4096 * 3):
            handle.seek(start)
            handle.write(b"\xde\xad\xbe\xef" * 1024)


def names_in(db) -> set[str]:
    from sqlalchemy import select

    from coordinator_app.core.records.models import Organization

    with Workspace(db).read() as session:
        return set(session.scalars(select(Organization.name)))


def test_open_takes_the_lock_and_a_second_window_is_told(qtbot, db_path):
    db = safety.open_database_for_app(db_path, ask=Clicker())
    assert db is not None
    assert holder_of(db_path)["pid"] == os.getpid()

    person = Clicker("Try again", "Quit", shot="safety-in-use")
    assert safety.open_database_for_app(db_path, ask=person) is None
    title, text, informative, buttons = person.boxes[0]
    assert title == "Database in use"
    assert f"process {os.getpid()}" in text
    assert buttons == ["Try again", "Quit"]
    assert len(person.boxes) == 2  # "Try again" asked again while it is still open

    db.close()
    assert holder_of(db_path) is None
    again = safety.open_database_for_app(db_path, ask=Clicker())
    assert again is not None
    again.close()


def test_damaged_database_is_restored_from_the_newest_sound_backup(qtbot, db_path):
    fill(db_path, [f"Громада {i}" for i in range(60)])
    backup.create_backup(db_path)
    DatabaseLock(db_path).acquire().release(clean=False)  # the battery died
    damage_middle(db_path)
    damaged = db_path.read_bytes()

    person = Clicker("Restore the newest backup", shot="safety-damaged")
    db = safety.open_database_for_app(db_path, ask=person)

    assert db is not None
    title, text, informative, buttons = person.boxes[0]
    assert title == "Database damaged"
    assert "is damaged" in text and "newest sound backup is from" in informative
    assert "kept aside" in informative
    assert len(names_in(db)) == 60
    aside = next((db_path.parent / "set-aside").iterdir())
    assert (aside / db_path.name).read_bytes() == damaged
    db.close()


def test_quitting_leaves_the_damaged_file_untouched(qtbot, db_path):
    fill(db_path, ["Громада"])
    with db_path.open("r+b") as handle:
        handle.write(b"\x00" * 100)
    before = db_path.read_bytes()

    person = Clicker("Quit", shot="safety-no-backup")
    assert safety.open_database_for_app(db_path, ask=person) is None

    _title, _text, informative, buttons = person.boxes[0]
    assert "No sound backup was found" in informative
    assert "Restore the newest backup" not in buttons
    assert db_path.read_bytes() == before
    assert holder_of(db_path) is None


def test_a_backup_file_can_be_chosen_when_none_is_beside_it(qtbot, db_path, tmp_path):
    fill(db_path, ["From the stick"])
    stick = tmp_path / "usb"
    on_stick = backup.create_backup(db_path, stick)
    for old in (db_path.parent / "backups").glob("*"):
        old.unlink()
    with db_path.open("r+b") as handle:
        handle.write(b"\x00" * 100)

    person = Clicker("Choose a backup file…")
    db = safety.open_database_for_app(db_path, ask=person,
                                      choose_file=lambda parent, folder: on_stick)
    assert db is not None
    assert names_in(db) == {"From the stick"}
    db.close()


def test_a_backup_from_a_newer_version_is_refused_in_the_restore_dialog(
        qtbot, db_path, tmp_path):
    import sqlite3

    fill(db_path, ["Громада"])
    newer = backup.create_backup(db_path, tmp_path / "usb")
    raw = sqlite3.connect(newer)
    with raw:
        raw.execute("UPDATE alembic_version SET version_num = 'f00dfeed9999'")
    raw.close()
    with db_path.open("r+b") as handle:
        handle.write(b"\x00" * 100)
    before = db_path.read_bytes()

    person = Clicker("Choose a backup file…", None, "Quit")
    assert safety.open_database_for_app(db_path, ask=person,
                                        choose_file=lambda parent, folder: newer) is None
    _title, text, _informative, _buttons = person.boxes[1]
    assert "newer version of Coordinator" in text and "not restored" in text
    assert db_path.read_bytes() == before
    assert not (db_path.parent / "set-aside").exists()


def test_a_missing_database_with_backups_is_not_quietly_started_empty(qtbot, db_path):
    fill(db_path, ["Громада"])
    backup.create_backup(db_path)
    db_path.unlink()

    person = Clicker("Restore the newest backup", shot="safety-missing")
    db = safety.open_database_for_app(db_path, ask=person)
    assert person.boxes[0][0] == "Database missing"
    assert names_in(db) == {"Громада"}
    db.close()

    db_path.unlink()
    assert safety.open_database_for_app(db_path, ask=Clicker("Quit")) is None
    assert not db_path.exists()
    db = safety.open_database_for_app(db_path, ask=Clicker("Start with an empty database"))
    assert names_in(db) == set()
    db.close()


def test_read_only_media_gives_a_clear_error(qtbot, small_disk):
    media = small_disk("4m", name="cdrom")
    fill(media / "coordinator.sqlite3", ["Громада"])
    before = (media / "coordinator.sqlite3").read_bytes()
    remount_read_only(media)

    person = Clicker(shot="safety-read-only")
    assert safety.open_database_for_app(media / "coordinator.sqlite3", ask=person) is None
    _title, text, _informative, _buttons = person.boxes[0]
    assert "read-only" in text and "writable folder" in text
    assert (media / "coordinator.sqlite3").read_bytes() == before


def test_a_read_only_database_file_is_refused_before_anything_is_typed(qtbot, db_path):
    fill(db_path, ["Громада"])
    if os.geteuid() != 0 or subprocess.run(
            ["mount", "--bind", "-o", "ro", str(db_path), str(db_path)]).returncode != 0:
        pytest.skip("a read-only bind mount needs root")
    try:
        person = Clicker(shot="safety-read-only-file")
        assert safety.open_database_for_app(db_path, ask=person) is None
        _title, text, _informative, _buttons = person.boxes[0]
        assert "cannot be written" in text and "copy it to a writable folder" in text
        assert holder_of(db_path) is None
    finally:
        subprocess.run(["umount", str(db_path)])


@pytest.fixture
def hooks_put_back(monkeypatch):
    """install_exception_hook replaces both hooks; pytest's own come back afterwards."""
    import threading

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)


def test_uncaught_exception_is_logged_and_shown_and_work_goes_on(qtbot, hooks_put_back):
    hook = safety.install_exception_hook(None)
    try:
        raise ValueError("the list could not be sorted")
    except ValueError:
        hook(*sys.exc_info())
    assert hook.dialog.isVisible()
    assert "the list could not be sorted" in hook.dialog.text()
    assert "Every change you confirmed is saved" in hook.dialog.informativeText()
    hook.dialog.grab().save(str(SHOTS / "safety-crash.png"))
    logged = log_file().read_text("utf-8")
    assert "ValueError: the list could not be sorted" in logged
    assert "Traceback" in logged

    try:
        {}["missing"]
    except KeyError:
        hook(*sys.exc_info())
    assert hook.count == 2 and "missing" in hook.dialog.text()  # one dialog, updated
    hook.dialog.close()


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_qt_slot_reaches_the_hook(qtbot, hooks_put_back):
    hook = safety.install_exception_hook(None)
    ran_after = []

    def broken_slot():
        raise RuntimeError("a slot failed")

    QTimer.singleShot(0, broken_slot)
    QTimer.singleShot(20, lambda: ran_after.append(True))
    qtbot.waitUntil(lambda: bool(ran_after), timeout=2000)
    assert hook.count == 1
    assert "a slot failed" in log_file().read_text("utf-8")
    hook.dialog.close()


def test_an_exception_in_a_worker_thread_is_logged_and_shown(qtbot, hooks_put_back):
    import threading

    hook = safety.install_exception_hook(None)

    def work():
        raise OSError("the worker failed")

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert "OSError: the worker failed" in log_file().read_text("utf-8")
    # Shown by the main thread once it gets to it (widgets belong to it).
    qtbot.waitUntil(lambda: hook.dialog is not None and hook.dialog.isVisible())
    assert "the worker failed" in hook.dialog.text()
    hook.dialog.close()


def test_scheduler_backs_up_only_when_something_changed(qtbot, workspace, tmp_path):
    scheduler = backups.BackupScheduler(workspace.db)
    statuses: list[str] = []
    scheduler.status_changed.connect(statuses.append)
    assert scheduler.timer.interval() == 30 * 60 * 1000

    scheduler.start()
    assert statuses == [""]  # an empty database: nothing to lose, no word about backups
    assert scheduler.backup_if_changed() is not None  # a new database is worth one
    assert scheduler.backup_if_changed() is None

    workspace.create("organization", name="Громада")
    made = scheduler.backup_if_changed()
    assert made is not None and made.name.endswith("-auto.sqlite3")
    assert statuses[-1].startswith("Last backup: ")
    assert scheduler.backup_if_changed() is None

    scheduler.shutdown()
    assert not scheduler.timer.isActive()
    assert [b.reason for b in backup.list_backups(workspace.db.path)] == ["auto", "auto"]
    workspace.create("organization", name="Savivaldybė")
    scheduler.shutdown()
    assert backup.list_backups(workspace.db.path)[0].reason == "exit"


def test_timed_backup_runs_in_the_background_when_something_changed(qtbot, workspace):
    workspace.create("organization", name="Громада")
    scheduler = backups.BackupScheduler(workspace.db)
    scheduler.timer.setInterval(50)
    scheduler.start()
    with qtbot.waitSignal(scheduler.status_changed, timeout=10000) as signal:
        pass
    assert signal.args[0].startswith("Last backup: ")
    assert [b.reason for b in backup.list_backups(workspace.db.path)] == ["auto"]
    qtbot.wait(300)  # several more ticks, nothing changed: no more backups
    scheduler.wait()
    assert len(backup.list_backups(workspace.db.path)) == 1
    scheduler.shutdown()
    assert len(backup.list_backups(workspace.db.path)) == 1


def test_edits_left_without_a_backup_by_a_crash_are_backed_up_at_the_next_start(
        qtbot, workspace):
    scheduler = backups.BackupScheduler(workspace.db)
    scheduler.backup_now()
    workspace.create("organization", name="Typed just before the battery died")
    # No shutdown(): the session ended without its backup at exit.

    next_start = backups.BackupScheduler(workspace.db)
    with qtbot.waitSignal(next_start.status_changed, timeout=10000):
        next_start.start()
    next_start.wait()
    assert [b.reason for b in backup.list_backups(workspace.db.path)] == ["auto", "manual"]
    assert not next_start.changed_since_backup()
    next_start.shutdown()


def test_scheduler_copies_to_the_extra_folder_and_says_when_it_is_missing(
        qtbot, workspace, tmp_path):
    stick = tmp_path / "usb"
    stick.mkdir()
    backup.set_extra_folder(stick)
    scheduler = backups.BackupScheduler(workspace.db)
    made = scheduler.backup_now()
    assert (backup.extra_backup_dir() / made.name).exists()

    stick.rename(tmp_path / "usb-unplugged")
    scheduler.backup_now()
    assert "is not available" in scheduler.status_text()


def test_the_second_backup_folder_is_chosen_in_settings(qtbot, tmp_path):
    from coordinator_app.ui.settings_dialog import SettingsDialog

    stick = tmp_path / "usb"
    stick.mkdir()
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    field = dialog.findChild(backups.BackupFolderField, "backup_folder")
    field._pick = lambda parent, start: stick
    assert "computer only" in field.label.placeholderText() and not field.label.text()
    field._choose()
    dialog.show()
    dialog.grab().save(str(SHOTS / "safety-settings.png"))
    dialog.reject()
    assert backup.extra_folder() is None  # Cancel really cancels

    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    field = dialog.findChild(backups.BackupFolderField, "backup_folder")
    field._pick = lambda parent, start: stick
    field._choose()
    dialog.accept()
    assert backup.extra_folder() == stick.resolve()

    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    field = dialog.findChild(backups.BackupFolderField, "backup_folder")
    assert field.label.text() == str(stick.resolve())
    field.clear.click()
    dialog.accept()
    assert backup.extra_folder() is None


def test_scheduler_reports_a_failing_backup(qtbot, workspace, tmp_path):
    workspace.create("organization", name="Громада")
    (workspace.db.path.parent / "backups").write_text("a file where the folder should be")
    scheduler = backups.BackupScheduler(workspace.db)
    statuses: list[str] = []
    scheduler.status_changed.connect(statuses.append)

    assert scheduler.backup_now() is None
    assert statuses[-1].startswith("The last backup failed. Could not write the backup")
    assert names_in(workspace.db) == {"Громада"}  # the data itself is untouched

    (workspace.db.path.parent / "backups").unlink()
    assert scheduler.backup_now() is not None
    assert statuses[-1].startswith("Last backup: ")


def test_backups_to_a_full_disk_fail_clearly(qtbot, workspace, small_disk):
    stick = small_disk("64k", name="tiny")
    for i in range(30):
        workspace.create("organization", name=f"Громада {i}", notes="x" * 3000)
    with pytest.raises(Exception, match="the disk is full"):
        backup.create_backup(workspace.db.path, stick)
    assert not list(stick.iterdir())  # no half-written backup left behind


def test_a_write_protected_usb_stick_is_named_as_such(qtbot, workspace, small_disk):
    stick = small_disk("4m", name="usb")
    remount_read_only(stick)
    backup.set_extra_folder(stick)
    scheduler = backups.BackupScheduler(workspace.db)
    made = scheduler.backup_now()
    assert made is not None and made.exists()  # kept on this computer
    assert "the disk is read-only" in scheduler.status_text()
