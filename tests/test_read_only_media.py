"""A database on read-only media (a write-protected USB stick, a CD): the commands
that read work, the ones that write say why they cannot, and nothing is changed."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from coordinator_app.core.sample import demo
from coordinator_app.core.errors import DatabaseError
from support.media import remount_read_only

ROOT = Path(__file__).resolve().parent.parent

READING = [
    ("list", "people"),
    ("show", "people", "Klisonis"),
    ("search", "Terekhov"),
    ("duplicates", "people"),
    ("check",),
]
WRITING = [
    ("demo",),
    ("generate", "--people", "3"),
    ("merge", "people", "Ihor Terekhov", "Audrius Klišonis"),
]


def shm_cannot_be_made(db: Path) -> None:
    """Make SQLite unable to open the -shm beside `db`, as on read-only media: it
    opens that file with O_NOFOLLOW, so a symbolic link stands in its way."""
    try:
        os.symlink(db.parent / "nowhere" / "shm", db.with_name(db.name + "-shm"))
    except (OSError, NotImplementedError):
        pytest.skip("this system cannot make a symbolic link")


def test_reading_commands_work_on_a_read_only_mount(tmp_path, demo_file, cli, small_disk):
    stick = small_disk("16m", name="usb")
    db = stick / "coordinator.sqlite3"
    shutil.copyfile(demo_file, db)
    before = db.read_bytes()
    remount_read_only(stick)

    for command in READING:
        done = cli(*command, db=db)
        assert done.returncode == 0, (command, done.stderr)
    assert demo.KLISONIS in cli("show", "people", "Klisonis", db=db).stdout
    assert "sound" in cli("check", db=db).stdout

    pdf = tmp_path / "memo.pdf"
    made = cli("report", "memorandum", demo.MEMORANDUM_TITLE, "-o", str(pdf), db=db)
    assert made.returncode == 0, made.stderr
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Klišonis" in text
    assert db.read_bytes() == before


def test_writing_commands_on_a_read_only_mount_say_it_is_read_only(
        tmp_path, demo_file, cli, small_disk):
    disc = small_disk("16m", name="cd")
    db = disc / "coordinator.sqlite3"
    shutil.copyfile(demo_file, db)
    backup = tmp_path / "backup.sqlite3"
    shutil.copyfile(demo_file, backup)
    remount_read_only(disc)

    for command in [*WRITING, ("backup", "restore", str(backup))]:
        done = cli(*command, db=db)
        assert done.returncode == 1, command
        assert "read-only" in done.stderr and "writable folder" in done.stderr, command
        assert "unexpected" not in done.stderr
    new = cli("demo", db=disc / "new.sqlite3")
    assert new.returncode == 1 and "read-only" in new.stderr
    assert sorted(p.name for p in disc.iterdir()) == ["coordinator.sqlite3"]


def test_reading_works_where_sqlite_cannot_make_its_shared_memory_file(demo_file, cli):
    # What a read-only medium does to SQLite, without needing to mount one.
    before = demo_file.read_bytes()
    shm_cannot_be_made(demo_file)

    for command in READING:
        done = cli(*command, db=demo_file)
        assert done.returncode == 0, (command, done.stderr)
    assert "sound" in cli("check", db=demo_file).stdout
    assert demo_file.read_bytes() == before


def test_records_left_in_the_write_ahead_log_are_named_not_hidden(db_path, cli):
    # A session killed before the log was folded into the file: those records exist
    # only in the -wal, which SQLite would ignore when reading the file as immutable.
    script = ("import sys; sys.path.insert(0, sys.argv[2]);"
              "from coordinator_app.core.store.db import open_database;"
              "from coordinator_app.core.records.service import Workspace;"
              "w = Workspace(open_database(sys.argv[1]));"
              "w.create('organization', name='Only in the log');"
              "import os; os._exit(0)")
    subprocess.run([sys.executable, "-c", script, str(db_path), str(ROOT)], check=True)
    assert Path(f"{db_path}-wal").stat().st_size > 0
    Path(f"{db_path}-shm").unlink()
    shm_cannot_be_made(db_path)

    done = cli("list", "organizations", db=db_path)
    assert done.returncode == 1
    assert "write-ahead log" in done.stderr and "unexpected" not in done.stderr
    checked = cli("check", db=db_path)
    assert checked.returncode == 1 and "write-ahead log" in checked.stderr
    assert "backup" not in checked.stderr  # nothing is damaged


def test_a_database_opened_for_reading_refuses_to_write(demo_file):
    from coordinator_app.core.store.db import open_database
    from coordinator_app.core.records.service import Workspace

    before = demo_file.read_bytes()
    db = open_database(demo_file, read_only=True)
    try:
        with pytest.raises(DatabaseError, match="readonly"):
            Workspace(db).create("organization", name="Never written")
    finally:
        db.close()
    assert demo_file.read_bytes() == before
    raw = sqlite3.connect(demo_file)
    try:
        assert raw.execute("SELECT count(*) FROM organizations WHERE name = 'Never written'"
                           ).fetchone() == (0,)
    finally:
        raw.close()
