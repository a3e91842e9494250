"""The device id belongs to the installation, not to the database file."""

from __future__ import annotations

import shutil

from sqlalchemy import select

from coordinator_app.core.store import installation, paths
from coordinator_app.core.store.backup import create_backup
from coordinator_app.core.store.db import open_database
from coordinator_app.core.records.models import Change, Organization
from coordinator_app.core.store.recovery import restore_backup
from coordinator_app.core.records.service import Workspace


def _add_organization(path, name: str) -> str:
    db = open_database(path)
    try:
        Workspace(db).create(Organization, name=name)
        return db.device_id
    finally:
        db.close()


def _journal_devices(path) -> list[str]:
    db = open_database(path)
    try:
        with Workspace(db).read() as session:
            return list(session.scalars(select(Change.device_id).order_by(Change.seq)))
    finally:
        db.close()


def test_the_same_installation_reopening_the_same_file_keeps_its_device_id(db_path):
    first = _add_organization(db_path, "Kharkiv City Council")
    again = open_database(db_path)
    try:
        assert again.device_id == first
    finally:
        again.close()


def test_the_installation_keeps_its_id_in_the_data_folder():
    made = installation.installation_id()
    kept = paths.data_dir() / installation.FILE
    assert kept.read_text().strip() == made
    assert kept.stat().st_mode & 0o077 == 0  # private, like every file of the data folder
    assert installation.installation_id() == made


def test_a_copied_file_gets_a_new_device_id_and_keeps_its_history(db_path, tmp_path):
    original = _add_organization(db_path, "Kharkiv City Council")
    copy = tmp_path / "copy.sqlite3"
    shutil.copy(db_path, copy)

    new = _add_organization(copy, "Plungė District Municipality")
    assert new != original
    assert _journal_devices(copy) == [original, new]
    # The original is untouched and still writes as itself.
    assert _add_organization(db_path, "Vilnius") == original


def test_a_file_opened_by_another_installation_gets_a_new_device_id(db_path, tmp_path,
                                                                   monkeypatch):
    original = _add_organization(db_path, "Kharkiv City Council")
    monkeypatch.setenv("COORDINATOR_HOME", str(tmp_path / "other-laptop"))
    new = _add_organization(db_path, "Plungė District Municipality")
    assert new != original
    assert _journal_devices(db_path) == [original, new]


def test_a_restored_backup_gets_a_new_device_id_and_keeps_its_history(db_path):
    original = _add_organization(db_path, "Kharkiv City Council")
    saved = create_backup(db_path)
    _add_organization(db_path, "Edit made after the backup")

    restore_backup(db_path, saved)
    new = _add_organization(db_path, "Edit made after the restore")
    assert new != original
    # The restored file holds its history up to the backup, then the new device's edit.
    assert _journal_devices(db_path) == [original, new]
