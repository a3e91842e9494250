"""Online backups through SQLite's backup API: never a file copy of a live database.

Each backup is written to a temporary file, fsynced, checked with
`PRAGMA quick_check`, then renamed into place, so a backup on disk is whole.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from coordinator_app.core.errors import DatabaseError
from coordinator_app.core.ids import utcnow

SUFFIX = ".sqlite3"


def default_backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime
    reason: str


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not every platform lets a folder be opened
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def copy_database(source: Path, target: Path) -> None:
    """Copy a (possibly live) database to `target` safely and verify the copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")
                verdict = dst.execute("PRAGMA quick_check").fetchone()[0]
            finally:
                dst.close()
        finally:
            src.close()
        if verdict != "ok":
            raise DatabaseError(f"the backup of {source} failed its check: {verdict}")
        with partial.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
        _fsync_dir(target.parent)
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise DatabaseError(f"could not write the backup {target}: {exc}") from exc


def create_backup(db_path: Path, dest_dir: Path | None = None, *, reason: str = "manual") -> Path:
    """Back up `db_path` into `dest_dir` (the backups folder beside it by default)."""
    folder = dest_dir or default_backup_dir(db_path)
    stamp = utcnow().strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{db_path.stem}-{stamp}-{reason}{SUFFIX}"
    copy_database(db_path, target)
    return target
