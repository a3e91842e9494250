"""Backups: online, verified, thinned, copied to an extra folder, and honest about their age."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import event

from coordinator_app.core.store import backup
from coordinator_app.core.errors import DatabaseError
from coordinator_app.core.records.ids import utcnow
from coordinator_app.core.store.integrity import check_file


def names_in(path: Path) -> set[str]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {row[0] for row in connection.execute("SELECT name FROM organizations")}
    finally:
        connection.close()


def test_backup_of_a_live_database_holds_every_commit_and_passes_its_check(workspace):
    workspace.create("organization", name="Харківська громада")
    workspace.create("organization", name="Plungės rajono savivaldybė")
    # The commits are still in the write-ahead log: a file copy would miss them.
    assert Path(str(workspace.db.path) + "-wal").stat().st_size > 0

    made = backup.create_backup(workspace.db.path)

    assert made.parent == workspace.db.path.parent / "backups"
    assert names_in(made) == {"Харківська громада", "Plungės rajono savivaldybė"}
    assert check_file(made).sound
    assert not list(made.parent.glob("*.partial"))
    assert backup.list_backups(workspace.db.path)[0].path == made


def test_list_backups_is_newest_first_and_ignores_other_databases(workspace, tmp_path):
    first = backup.create_backup(workspace.db.path, reason="auto")
    second = backup.create_backup(workspace.db.path, reason="before-import")
    (first.parent / "other-20260101T000000000000Z-auto.sqlite3").write_bytes(b"")
    (first.parent / "notes.txt").write_text("not a backup")

    found = backup.list_backups(workspace.db.path)

    assert [b.path for b in found] == [second, first]
    assert [b.reason for b in found] == ["before-import", "auto"]


def fake_backups(folder: Path, moments) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for moment in moments:
        path = folder / f"coordinator-{moment.strftime(backup.STAMP)}-auto{backup.SUFFIX}"
        path.write_bytes(b"")
        paths.append(path)
    return paths


def test_thinning_keeps_recent_daily_and_weekly_backups(tmp_path):
    now = utcnow()
    folder = tmp_path / "backups"
    # Every two hours for 70 days: 840 backups.
    moments = [now - timedelta(hours=2 * i) for i in range(70 * 12)]
    fake_backups(folder, moments)

    removed = backup.thin_backups(tmp_path / "coordinator.sqlite3", folder, now=now)

    kept = backup.list_backups(tmp_path / "coordinator.sqlite3", [folder])
    assert len(removed) + len(kept) == len(moments)
    ages = sorted(now - b.taken_at for b in kept)
    assert ages[:10] == [timedelta(hours=2 * i) for i in range(10)]  # the last ten
    days = {b.taken_at.date() for b in kept if now - b.taken_at <= timedelta(days=14)}
    assert len(days) >= 14  # one a day for two weeks
    assert max(ages) <= timedelta(weeks=8)  # nothing older than eight weeks
    assert max(ages) > timedelta(weeks=7)  # but the weekly ones reach back that far
    assert len(kept) <= 10 + 15 + 9


def test_thinning_keeps_within_the_disk_budget_oldest_first(tmp_path, monkeypatch):
    now = utcnow()
    folder = tmp_path / "backups"
    paths = fake_backups(folder, [now - timedelta(days=i) for i in range(12)])
    for path in paths:
        path.write_bytes(b"x" * 1000)
    monkeypatch.setattr(backup, "MIN_BUDGET_BYTES", 5500)

    removed = backup.thin_backups(tmp_path / "coordinator.sqlite3", folder, now=now)

    assert removed == paths[:4:-1]  # the oldest seven, oldest first
    assert [b.path for b in backup.list_backups(tmp_path / "coordinator.sqlite3",
                                                [folder])] == paths[:5]

    monkeypatch.setattr(backup, "MIN_BUDGET_BYTES", 10)
    backup.thin_backups(tmp_path / "coordinator.sqlite3", folder, now=now)
    assert len(list(folder.iterdir())) == backup.KEEP_ALWAYS  # never fewer than these


def test_backup_health_warns_when_there_is_none_or_it_is_old(workspace):
    path = workspace.db.path
    assert backup.backup_health(path).warning is None  # nothing written, nothing to lose

    from coordinator_app.core.sample.demo import ensure_priority_areas

    ensure_priority_areas(workspace)  # "Start empty": the standard vocabulary only
    assert backup.backup_health(path).warning is None
    workspace.create("organization", name="Громада")
    assert "no backup" in backup.backup_health(path).warning

    made = backup.create_backup(path)
    health = backup.backup_health(path)
    assert health.warning is None and health.last_backup is not None
    # Two days later with no changes since: still fine.
    assert backup.backup_health(path, now=utcnow() + timedelta(days=2)).warning is None

    workspace.create("organization", name="Savivaldybė")
    assert backup.backup_health(path).warning is None  # changes, but the backup is fresh
    old = backup.backup_health(path, now=utcnow() + timedelta(days=2))
    assert "2 days old" in old.warning
    assert old.last_backup == backup.parse_backup_name(made).taken_at


def test_a_backups_name_gives_back_the_moment_it_was_taken(tmp_path):
    from datetime import datetime, timezone

    for moment in (datetime(2026, 2, 11, 9, 5, 7, 30, tzinfo=timezone.utc),
                   datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=timezone.utc),
                   datetime(2027, 1, 1, tzinfo=timezone.utc)):
        name = tmp_path / f"coordinator-{moment.strftime(backup.STAMP)}-auto{backup.SUFFIX}"
        found = backup.parse_backup_name(name, "coordinator")
        assert found.taken_at == moment and found.reason == "auto"
    assert backup.parse_backup_name(tmp_path / f"coordinator{backup.SUFFIX}") is None
    with pytest.raises(ValueError):  # a 13th month, as strptime refused it
        backup.parse_backup_name(tmp_path / f"coordinator-20261301T000000000000Z-auto"
                                 f"{backup.SUFFIX}")


def test_failed_backup_is_reported_until_one_succeeds(workspace, tmp_path):
    path = workspace.db.path
    workspace.create("organization", name="Громада")
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the backup folder should be")

    with pytest.raises(DatabaseError, match="is not a folder"):
        backup.create_backup(path, blocked)
    backup.record_failure(path, "The disk is full.")
    assert backup.backup_health(path).warning == (
        "The last backup failed. The disk is full. Check the disk and make a backup now.")

    backup.create_backup(path)
    backup.clear_failure(path)
    assert backup.backup_health(path).warning is None


def test_extra_folder_is_remembered_in_the_data_folder(tmp_path):
    from coordinator_app.core.store.paths import data_dir

    stick = tmp_path / "usb"
    stick.mkdir()
    assert backup.extra_folder() is None
    backup.set_extra_folder(stick)
    assert backup.extra_folder() == stick.resolve()
    saved = json.loads((data_dir() / backup.SETTINGS_FILE).read_text("utf-8"))
    assert saved == {"extra_folder": str(stick.resolve())}
    backup.set_extra_folder(None)
    assert backup.extra_folder() is None


def test_laptops_sharing_a_usb_stick_keep_to_their_own_backups(workspace, tmp_path,
                                                                monkeypatch):
    import socket

    stick = tmp_path / "usb"
    stick.mkdir()
    backup.set_extra_folder(stick)
    monkeypatch.setattr(socket, "gethostname", lambda: "kharkiv-laptop")
    theirs = fake_backups(backup.extra_backup_dir(), [utcnow() - timedelta(days=i)
                                                      for i in range(60)])
    monkeypatch.setattr(socket, "gethostname", lambda: "plunge/laptop 2")
    ours = backup.run_backup(workspace.db.path, "manual")

    assert ours.extra_problem is None
    assert backup.extra_backup_dir() == stick.resolve() / "plunge_laptop_2"
    assert (backup.extra_backup_dir() / ours.made.name).exists()
    assert all(path.exists() for path in theirs)  # not thinned by another laptop
    assert {b.path.parent for b in backup.list_backups(workspace.db.path)} == {
        ours.made.parent, backup.extra_backup_dir()}


def test_cli_create_list_and_restore_keep_the_current_database_aside(workspace, tmp_path, cli):
    path = workspace.db.path
    workspace.create("organization", name="Before")
    stick = tmp_path / "usb"
    stick.mkdir()
    assert cli("backup", "folder", str(stick), db=path).returncode == 0

    created = cli("backup", "create", db=path)
    assert created.returncode == 0, created.stderr
    assert "checked" in created.stdout
    made = backup.list_backups(path, [path.parent / "backups"])[0].path
    on_stick = backup.extra_backup_dir() / made.name
    assert on_stick.parent.parent == stick.resolve()
    assert on_stick.exists() and check_file(on_stick).sound

    extra = cli("backup", "create", str(tmp_path / "elsewhere"), db=path)
    assert extra.returncode == 0 and list((tmp_path / "elsewhere").glob("*.sqlite3"))

    listed = cli("backup", "list", "--json", db=path)
    entries = json.loads(listed.stdout)
    assert {e["path"] for e in entries} >= {str(made), str(on_stick)}

    workspace.create("organization", name="After")
    workspace.db.close()
    restored = cli("backup", "restore", str(made), db=path)
    assert restored.returncode == 0, restored.stderr

    assert names_in(path) == {"Before"}
    assert check_file(path).sound
    aside = next((path.parent / "set-aside").iterdir())
    assert names_in(aside / path.name) == {"Before", "After"}  # nothing thrown away
    reasons = [b.reason for b in backup.list_backups(path)]
    assert "before-restore" in reasons


def test_cli_restore_refuses_a_damaged_backup_and_changes_nothing(workspace, tmp_path, cli):
    path = workspace.db.path
    workspace.create("organization", name="Kept")
    workspace.db.close()
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8000)

    result = cli("backup", "restore", str(bad), db=path)

    assert result.returncode == 1
    assert "damaged" in result.stderr and "Traceback" not in result.stderr
    assert names_in(path) == {"Kept"}
    assert not (path.parent / "set-aside").exists()


def test_full_disk_stops_the_edit_with_a_clear_error_and_loses_nothing(workspace):
    for i in range(20):
        workspace.create("organization", name=f"Громада {i}", notes="x" * 2000)
    engine = workspace.db.engine
    pages = sqlite3.connect(workspace.db.path).execute("PRAGMA page_count").fetchone()[0]

    def tiny_disk(dbapi_connection, _record):
        dbapi_connection.execute(f"PRAGMA max_page_count={pages + 1}")

    event.listen(engine, "connect", tiny_disk)
    engine.dispose()  # new connections get the limit
    with pytest.raises(DatabaseError, match="full"):
        with workspace.edit("big") as edit:
            for i in range(50):
                edit.create("organization", name=f"Big {i}", notes="y" * 5000)

    event.remove(engine, "connect", tiny_disk)
    engine.dispose()
    with workspace.read() as session:
        from coordinator_app.core.records.models import Organization
        from sqlalchemy import func, select

        assert session.scalar(select(func.count()).select_from(Organization)) == 20
    assert check_file(workspace.db.path).sound
    workspace.create("organization", name="After the disk was cleared")


def test_a_really_full_disk_loses_no_saved_edit(small_disk):
    """The database on an 8 MB file system, written until the disk is full."""
    from coordinator_app.core.store.db import open_database
    from coordinator_app.core.records.service import Workspace

    disk = small_disk("8m", name="tiny")
    db = None
    try:
        db = open_database(disk / "coordinator.sqlite3")
        workspace = Workspace(db)
        saved = []
        with pytest.raises(DatabaseError) as raised:
            for i in range(10_000):
                saved.append(workspace.create("organization", name=f"Громада {i}",
                                              notes="x" * 4000).name)
        assert "full" in str(raised.value)
        assert len(saved) > 100
        db.close()
        db = None
        assert check_file(disk / "coordinator.sqlite3").sound
        assert names_in(disk / "coordinator.sqlite3") == set(saved)
    finally:
        if db is not None:
            db.close()


def test_cli_list_in_words_and_errors_without_a_traceback(workspace, tmp_path, cli):
    path = workspace.db.path
    empty = cli("backup", "list", db=path)
    assert empty.returncode == 0 and "No backups" in empty.stdout
    backup.create_backup(path, reason="auto")
    listed = cli("backup", "list", db=path)
    assert "auto" in listed.stdout and " UTC " in listed.stdout

    missing = cli("backup", "create", db=tmp_path / "nothing-here.sqlite3")
    assert missing.returncode == 1 and "There is no database" in missing.stderr
    not_a_folder = cli("backup", "folder", str(tmp_path / "no-such-folder"), db=path)
    assert not_a_folder.returncode == 1 and "is not a folder" in not_a_folder.stderr
    cleared = cli("backup", "folder", "--none", db=path)
    assert "No extra backup folder is set." in cleared.stdout
