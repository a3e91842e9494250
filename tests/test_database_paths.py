"""What `--db` may name: a mistyped path creates nothing, and a folder, a device, an
empty file or another program's database is named for what it is, by every command."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from coordinator_app.core.sample import demo
from support.schema import FIRST, make_first_revision_db

#: Every command that needs an existing database, with arguments that would work.
NEEDING_A_DATABASE = [
    ("list", "people"),
    ("show", "people", "Klisonis"),
    ("search", "Klisonis"),
    ("duplicates", "people"),
    ("merge", "people", "Ihor Terekhov", "Audrius Klišonis"),
    ("report", "memorandum", demo.MEMORANDUM_TITLE, "-o", "OUT"),
    ("report", "briefing", "-o", "OUT"),
    ("backup", "create"),
]


def command_line(command: tuple[str, ...], tmp_path: Path) -> list[str]:
    return [str(tmp_path / "out.pdf") if word == "OUT" else word for word in command]


def another_programs_database(path: Path) -> Path:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE photos (name TEXT)")
    connection.commit()
    connection.close()
    return path


@pytest.mark.parametrize("command", NEEDING_A_DATABASE, ids=" ".join)
def test_a_mistyped_path_is_an_error_and_creates_nothing(tmp_path, cli, command):
    folder = tmp_path / "data"
    folder.mkdir()
    done = cli(*command_line(command, tmp_path), db=folder / "typo.sqlite3")
    assert done.returncode == 1
    assert "There is no database at" in done.stderr and "typo.sqlite3" in done.stderr
    assert list(folder.iterdir()) == []
    assert not (tmp_path / "out.pdf").exists()


@pytest.mark.parametrize("command", [*NEEDING_A_DATABASE, ("check",), ("demo",),
                                     ("generate", "--people", "2"), ("backup", "list")],
                         ids=" ".join)
def test_a_folder_is_named_as_a_folder_and_left_alone(tmp_path, cli, command):
    folder = tmp_path / "not-a-file.sqlite3"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine", encoding="utf-8")
    done = cli(*command_line(command, tmp_path), db=folder)
    assert done.returncode == 1
    assert "is a folder, not a database file" in done.stderr
    assert [p.name for p in folder.iterdir()] == ["keep.txt"]
    assert {p.name for p in tmp_path.iterdir()} <= {"home", "not-a-file.sqlite3"}


@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero"])
@pytest.mark.parametrize("command", [("list", "people"), ("check",), ("demo",),
                                     ("merge", "people", "a", "b")], ids=" ".join)
def test_a_device_is_not_a_database(cli, device, command):
    if not Path(device).exists():
        pytest.skip(f"no {device} here")
    done = cli(*command, db=device)
    assert done.returncode == 1
    assert "is not a regular file" in done.stderr and "unexpected" not in done.stderr


def test_a_file_of_the_system_is_not_a_database(cli):
    # /proc files say they are empty and yet have content.
    if not Path("/proc/version").exists():
        pytest.skip("no /proc here")
    for command in (("list", "people"), ("check",), ("demo",)):
        done = cli(*command, db="/proc/version")
        assert done.returncode == 1
        assert "not a Coordinator database" in done.stderr and "unexpected" not in done.stderr


@pytest.mark.parametrize("command", [("list", "people"), ("search", "x"), ("merge", "people",
                                     "a", "b"), ("backup", "create")], ids=" ".join)
def test_another_programs_database_is_named_and_left_alone(tmp_path, cli, command):
    other = another_programs_database(tmp_path / "photos.sqlite3")
    before = other.read_bytes()
    done = cli(*command, db=other)
    assert done.returncode == 1
    assert "an SQLite database of another program" in done.stderr
    assert other.read_bytes() == before


def test_check_says_an_empty_file_is_one(tmp_path, cli):
    empty = tmp_path / "coordinator.sqlite3"
    empty.touch()
    done = cli("check", db=empty)
    assert done.returncode == 1
    assert "is an empty file" in done.stderr and "sound" not in done.stdout


def test_check_says_another_programs_database_is_one_and_offers_no_backup(tmp_path, cli):
    other = another_programs_database(tmp_path / "coordinator.sqlite3")
    done = cli("check", db=other)
    assert done.returncode == 1
    assert "an SQLite database of another program" in done.stderr
    assert "backup" not in done.stderr  # not damage: nothing to restore in its place


def test_check_says_an_empty_sqlite_database_is_not_ours(tmp_path, cli):
    blank = tmp_path / "coordinator.sqlite3"
    connection = sqlite3.connect(blank)
    connection.execute("PRAGMA user_version = 1")  # writes the header and nothing else
    connection.close()
    done = cli("check", db=blank)
    assert done.returncode == 1
    assert "an empty SQLite database" in done.stderr


def test_demo_makes_a_database_in_an_empty_file(tmp_path, cli):
    empty = tmp_path / "new.sqlite3"
    empty.touch()
    assert cli("demo", db=empty).returncode == 0
    assert cli("check", db=empty).returncode == 0


def test_a_database_from_an_older_version_is_migrated_before_it_is_read(db_path, cli):
    from coordinator_app.core.store import migrate
    from coordinator_app.core.store.backup import list_backups
    from coordinator_app.core.store.dbfile import identify

    make_first_revision_db(db_path)
    done = cli("search", "Terekhov", db=db_path)
    assert done.returncode == 0, done.stderr
    assert "Ігор Терехов" in done.stdout
    assert identify(db_path).revision == migrate.head_revision()
    assert [b.reason for b in list_backups(db_path)] == [f"before-migration-{FIRST}"]


def test_a_database_from_a_newer_version_is_refused_by_reading_commands(demo_file, cli):
    raw = sqlite3.connect(demo_file)
    with raw:
        raw.execute("UPDATE alembic_version SET version_num = '9999'")
    raw.close()
    before = demo_file.read_bytes()
    done = cli("list", "people", db=demo_file)
    assert done.returncode == 1 and "newer version" in done.stderr
    assert demo_file.read_bytes() == before
