"""On a shared computer other accounts cannot read our files: data 0600, folders 0700."""

from __future__ import annotations

import logging
import os
import sqlite3
import sys

import pytest

from coordinator_app.core.store import backup
from coordinator_app.core.store.paths import data_dir, default_db_path
from support.files import mode_of

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes"),
    pytest.mark.usefixtures("shared_umask"),
]


def test_a_new_database_its_wal_shm_and_lock_are_private_in_a_private_folder():
    from coordinator_app.core.store.db import open_database
    from coordinator_app.core.store.lock import DatabaseLock, lock_path
    from coordinator_app.core.records.service import Workspace

    path = default_db_path()
    lock = DatabaseLock(path).acquire()
    db = open_database(path)
    try:
        Workspace(db).create("person", full_name="Ігор Терехов")
        for name in (path, path.with_name(path.name + "-wal"),
                     path.with_name(path.name + "-shm"), lock_path(path)):
            assert mode_of(name) == 0o600, name
        assert mode_of(data_dir()) == 0o700
    finally:
        db.close()
        lock.release()
    assert os.umask(0o022) == 0o022  # the app left the process's umask alone


def test_an_existing_database_with_open_modes_is_tightened_when_opened(db_path):
    from coordinator_app.core.store.db import open_database

    open_database(db_path).close()
    connection = sqlite3.connect(db_path)  # another reader keeps the -wal and -shm there
    connection.execute("SELECT count(*) FROM replica").fetchone()
    side_files = [db_path.with_name(db_path.name + s) for s in ("-wal", "-shm")]
    for path in (db_path, *side_files):
        os.chmod(path, 0o644)  # as an older version left them
    os.chmod(db_path.parent, 0o755)

    try:
        open_database(db_path).close()
        assert [mode_of(p) for p in (db_path, *side_files)] == [0o600] * 3
    finally:
        connection.close()
    # A folder the person chose for their database keeps the modes they gave it.
    assert mode_of(db_path.parent) == 0o755


@pytest.mark.parametrize("how", ["open", "demo"])
def test_a_folder_made_for_a_new_database_is_private(tmp_path, how):
    from coordinator_app.cli import main
    from coordinator_app.core.store.db import open_database

    path = tmp_path / "new" / "folder" / "coordinator.sqlite3"
    if how == "open":
        open_database(path).close()
    else:
        assert main(["--db", str(path), "demo"]) == 0
    assert mode_of(path.parent) == 0o700 and mode_of(path) == 0o600


def test_the_data_folder_made_by_an_older_version_is_tightened_at_open():
    from coordinator_app.core.store.db import open_database

    data_dir().mkdir(parents=True)
    os.chmod(data_dir(), 0o755)
    open_database(default_db_path()).close()
    assert mode_of(data_dir()) == 0o700


def test_backups_their_folders_and_their_copies_on_the_stick_are_private(workspace, tmp_path):
    workspace.create("person", full_name="Audrius Klišonis", notes="+370 600 00000")
    stick = tmp_path / "stick"
    stick.mkdir(mode=0o755)
    backup.set_extra_folder(stick)
    folder = backup.default_backup_dir(workspace.db.path)
    folder.mkdir(mode=0o755)  # as an older version made it

    outcome = backup.run_backup(workspace.db.path, "manual")

    assert outcome.made is not None and outcome.extra_problem is None
    copy = backup.extra_backup_dir() / outcome.made.name
    assert mode_of(outcome.made) == 0o600 and mode_of(copy) == 0o600
    assert mode_of(folder) == 0o700 and mode_of(copy.parent) == 0o700
    assert mode_of(stick) == 0o755  # the stick itself is the person's
    assert mode_of(data_dir() / backup.SETTINGS_FILE) == 0o600

    backup.record_failure(workspace.db.path, "the disk is full")
    assert mode_of(folder / backup.FAILURE_FILE) == 0o600


def test_a_database_set_aside_by_a_restore_is_in_private_folders(workspace):
    from coordinator_app.core.store.recovery import restore_backup

    workspace.create("person", full_name="Ігор Терехов")
    made = backup.create_backup(workspace.db.path)
    workspace.db.close()

    done = restore_backup(workspace.db.path, made)

    assert mode_of(done.set_aside) == 0o700 and mode_of(done.set_aside.parent) == 0o700
    assert mode_of(workspace.db.path) == 0o600


def test_the_log_its_rotated_files_and_its_folder_are_private(app_log):
    folder = data_dir() / "logs"
    folder.mkdir(parents=True)
    older = folder / "coordinator.log.1"
    older.write_text("an older run\n", encoding="utf-8")
    os.chmod(older, 0o644)

    path = app_log.setup_logging()
    app_log.log.error("backup failed: the disk is full")
    [handler] = [h for h in app_log.log.handlers
                 if isinstance(h, logging.FileHandler) and h.baseFilename == str(path)]
    handler.flush()

    assert "the disk is full" in path.read_text("utf-8")
    assert mode_of(path) == 0o600 and mode_of(older) == 0o600
    assert mode_of(folder) == 0o700 and mode_of(data_dir()) == 0o700
    handler.doRollover()
    app_log.log.error("after the rollover")
    handler.flush()
    assert mode_of(path) == 0o600 and mode_of(folder / "coordinator.log.2") == 0o600


def test_an_opened_attachment_is_copied_where_only_its_owner_can_read_it(
        workspace, tmp_path, qtbot):
    from coordinator_app.ui.context import UiContext
    from coordinator_app.ui.widgets.attachments import AttachmentList

    person = workspace.create("person", full_name="Ігор Терехов")
    scan = tmp_path / "passport.jpg"
    scan.write_bytes(b"a scan with a phone number")
    widget = AttachmentList(UiContext(workspace), kind="person")
    qtbot.addWidget(widget)
    widget.record_id = person.id
    assert widget.add_file(scan)
    with workspace.read() as session:
        widget.reload(session, person.id)
    widget.list.setCurrentRow(0)

    opened = widget.export_selected()

    assert opened.read_bytes() == b"a scan with a phone number"
    assert mode_of(opened) == 0o600 and mode_of(opened.parent) == 0o700
    assert mode_of(opened.parent.parent) == 0o700
