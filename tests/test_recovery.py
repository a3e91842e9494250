"""A damaged database is found, named, never overwritten, and restored from a sound backup."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from coordinator_app.core.store import backup
from coordinator_app.core.store.db import open_database
from coordinator_app.core.store.integrity import check_file
from coordinator_app.core.store.recovery import assess, newest_sound_backup, restore_backup
from coordinator_app.core.records.service import Workspace

ROOT = Path(__file__).resolve().parent.parent


def filled_database(path: Path, names: list[str]) -> None:
    db = open_database(path)
    workspace = Workspace(db)
    for name in names:
        workspace.create("organization", name=name, notes="Примітка " * 300)
    db.close()  # the last connection checkpoints: everything is in the main file


def damage_middle(path: Path) -> None:
    """Overwrite whole pages in the middle of the file, as a torn write would."""
    size = path.stat().st_size
    page = 4096
    with path.open("r+b") as handle:
        for start in range(size // 3 // page * page, size * 2 // 3, page * 3):
            handle.seek(start)
            handle.write(b"\xde\xad\xbe\xef" * (page // 4))


def damage_header(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.write(b"\x00" * 100)


def names_in(path: Path) -> set[str]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {row[0] for row in connection.execute("SELECT name FROM organizations")}
    finally:
        connection.close()


def check(db: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "coordinator_app", "--db", str(db), "check",
                           *extra], capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_damage_in_the_middle_is_found_by_quick_check(db_path):
    filled_database(db_path, [f"Громада {i}" for i in range(60)])
    assert assess(db_path, unclean=True).sound

    damage_middle(db_path)

    found = assess(db_path, unclean=True)
    assert not found.sound and found.checked
    # A small file is checked at every start, even after a clean exit.
    assert not assess(db_path, unclean=False).sound


def test_a_large_file_is_only_checked_after_an_unclean_shutdown(db_path, monkeypatch):
    from coordinator_app.core.store import recovery

    filled_database(db_path, [f"Громада {i}" for i in range(60)])
    damage_middle(db_path)
    monkeypatch.setattr(recovery, "ALWAYS_CHECK_BYTES", 1000)
    assert assess(db_path, unclean=False).sound and not assess(db_path, unclean=False).checked
    assert not assess(db_path, unclean=True).sound


def test_damaged_header_is_named_without_a_quick_check(db_path):
    filled_database(db_path, ["Громада"])
    damage_header(db_path)
    found = assess(db_path, unclean=False)
    assert found.problems == [
        "The file is not an SQLite database, or its first page is damaged."]


def test_newest_sound_backup_skips_damaged_backups(db_path):
    filled_database(db_path, ["Old"])
    older = backup.create_backup(db_path)
    filled_database(db_path, ["New"])
    newer = backup.create_backup(db_path)
    damage_header(newer)

    assert newest_sound_backup(db_path).path == older


def test_restore_keeps_the_damaged_file_and_its_wal_aside(db_path, tmp_path):
    filled_database(db_path, ["Saved"])
    made = backup.create_backup(db_path)
    # A writer killed mid-session leaves its write-ahead log beside the file.
    script = ("import sys; sys.path.insert(0, sys.argv[2]);"
              "from coordinator_app.core.store.db import open_database;"
              "from coordinator_app.core.records.service import Workspace;"
              "w = Workspace(open_database(sys.argv[1]));"
              "w.create('organization', name='Only in the WAL');"
              "import os; os._exit(0)")
    subprocess.run([sys.executable, "-c", script, str(db_path), str(ROOT)], check=True)
    wal = Path(str(db_path) + "-wal")
    assert wal.stat().st_size > 0
    damage_middle(db_path)
    damaged_bytes = db_path.read_bytes()
    wal_bytes = wal.read_bytes()

    done = restore_backup(db_path, made)

    assert names_in(db_path) == {"Saved"}  # the old log was not replayed into it
    assert check_file(db_path).sound
    assert (done.set_aside / db_path.name).read_bytes() == damaged_bytes
    assert (done.set_aside / wal.name).read_bytes() == wal_bytes
    assert done.safety_backup is None  # a damaged file is not "backed up", only kept
    db = open_database(db_path)
    Workspace(db).create("organization", name="Working again")
    db.close()


def test_check_names_the_damage_and_the_backup_then_restores_it(db_path):
    filled_database(db_path, [f"Громада {i}" for i in range(60)])
    backup.create_backup(db_path)
    damage_middle(db_path)
    damaged_bytes = db_path.read_bytes()

    told = check(db_path)
    assert told.returncode == 1
    assert "problems found" in told.stderr
    assert "newest sound backup" in told.stderr and "check --restore" in told.stderr
    assert db_path.read_bytes() == damaged_bytes  # `check` alone changes nothing

    fixed = check(db_path, "--restore")
    assert fixed.returncode == 0, fixed.stderr
    assert "Restored" in fixed.stdout
    assert check(db_path).returncode == 0
    assert len(names_in(db_path)) == 60
    aside = next((db_path.parent / "set-aside").iterdir())
    assert (aside / db_path.name).read_bytes() == damaged_bytes


def test_check_with_no_backup_leaves_the_damaged_file_alone(db_path):
    filled_database(db_path, ["Громада"])
    damage_header(db_path)
    before = db_path.read_bytes()
    result = check(db_path, "--restore")
    assert result.returncode == 1
    assert "No sound backup" in result.stderr
    assert db_path.read_bytes() == before
    assert not (db_path.parent / "set-aside").exists()


def test_an_sqlite_file_that_is_not_ours_is_not_restored(db_path, tmp_path):
    import pytest

    from coordinator_app.core.errors import DatabaseError

    filled_database(db_path, ["Kept"])
    stranger = tmp_path / "photos.sqlite3"
    connection = sqlite3.connect(stranger)
    connection.execute("CREATE TABLE photos (name TEXT)")
    connection.commit()
    connection.close()

    with pytest.raises(DatabaseError, match="not a Coordinator database"):
        restore_backup(db_path, stranger)
    assert names_in(db_path) == {"Kept"}
    assert not (db_path.parent / "set-aside").exists()


def backup_from_a_newer_version(db_path: Path, folder: Path) -> Path:
    """A sound backup whose schema revision this version does not know."""
    made = backup.create_backup(db_path, folder)
    raw = sqlite3.connect(made)
    with raw:
        raw.execute("UPDATE alembic_version SET version_num = 'f00dfeed9999'")
    raw.close()
    return made


def test_a_backup_from_a_newer_version_is_not_restored(db_path, tmp_path):
    import pytest

    from coordinator_app.core.errors import DatabaseError

    filled_database(db_path, ["Kept"])
    newer = backup_from_a_newer_version(db_path, tmp_path / "from-a-newer-laptop")
    before = db_path.read_bytes()

    with pytest.raises(DatabaseError, match="newer version of Coordinator"):
        restore_backup(db_path, newer)
    assert db_path.read_bytes() == before
    assert not (db_path.parent / "set-aside").exists()
    assert not (db_path.parent / "backups").exists()  # not even the safety backup


def test_cli_restore_refuses_a_backup_from_a_newer_version(db_path, tmp_path, cli):
    filled_database(db_path, ["Kept"])
    newer = backup_from_a_newer_version(db_path, tmp_path / "stick")
    done = cli("backup", "restore", str(newer), db=db_path)
    assert done.returncode == 1
    assert "newer version" in done.stderr and "not restored" in done.stderr
    assert names_in(db_path) == {"Kept"}


def test_a_folder_where_the_database_should_be_is_not_replaced(db_path, tmp_path, cli):
    import pytest

    from coordinator_app.core.errors import DatabaseError

    filled_database(db_path, ["Saved"])
    made = backup.create_backup(db_path)
    folder = tmp_path / "photos.sqlite3"
    folder.mkdir()
    (folder / "holiday.jpg").write_bytes(b"\xff\xd8")

    with pytest.raises(DatabaseError, match="is a folder"):
        restore_backup(folder, made)
    done = cli("backup", "restore", str(made), db=folder)
    assert done.returncode == 1 and "is a folder" in done.stderr
    assert [p.name for p in folder.iterdir()] == ["holiday.jpg"]
    assert not (tmp_path / "set-aside").exists()
