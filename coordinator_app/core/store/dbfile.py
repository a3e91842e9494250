"""What a file named as a database is, and reading a database without writing to it.

`identify` looks before anything opens the file, so that a mistyped path, a
folder, a device, an empty file and another program's SQLite file are each named
for what they are, instead of being created, damaged or called sound.
`connect_read_only` opens a database for reading wherever it lies, read-only
media included. Through core.store.connect, not SQLAlchemy: the app's start-up uses this
before it loads SQLAlchemy. An encrypted database (key slots beside it, see
core.crypto.keyslots) is identified as such, and read once this process has unlocked it.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

# HEADER is part of this module's interface (recovery reads it from here).
from coordinator_app.core.store.connect import HEADER, connect, errors, is_encrypted  # noqa: F401
from coordinator_app.core.errors import DatabaseError
from coordinator_app.i18n import _
#: Tables only a Coordinator database has both of (other programs use Alembic too).
OWN_TABLES = frozenset({"alembic_version", "replica"})


class FileKind(Enum):
    MISSING = "missing"
    FOLDER = "folder"
    #: A device, a pipe or a socket: /dev/zero would feed zeros forever.
    SPECIAL = "special"
    UNREADABLE = "unreadable"
    #: Records in a write-ahead log that cannot be read where the file is (see
    #: connect_read_only).
    LOG_UNREADABLE = "log-unreadable"
    EMPTY = "empty"
    NOT_SQLITE = "not-sqlite"
    #: An SQLite header whose schema cannot be read.
    DAMAGED = "damaged"
    #: A valid SQLite file with no tables at all (what `sqlite3 FILE` leaves behind).
    BLANK = "blank"
    FOREIGN = "foreign"
    #: Encrypted, with its key slots beside it, and not unlocked by this process.
    ENCRYPTED = "encrypted"
    COORDINATOR = "coordinator"


#: What opening a database may turn into a new one.
NEW = frozenset({FileKind.MISSING, FileKind.EMPTY, FileKind.BLANK})
#: What a restore may replace (after moving it aside): anything but a folder or a device.
REPLACEABLE = frozenset(FileKind) - {FileKind.FOLDER, FileKind.SPECIAL}


@dataclass(frozen=True)
class Identity:
    """What is at `path`; for a Coordinator database, its schema revision too."""

    path: Path
    kind: FileKind
    revision: str | None = None
    reason: str = ""
    #: Encrypted at rest (SQLCipher), whether unlocked or not.
    encrypted: bool = False

    def problem(self) -> str:
        """Why this is not a Coordinator database, as a sentence for a person."""
        path = self.path
        return {
            FileKind.MISSING: lambda: _("There is no file at {path}.").format(path=path),
            FileKind.FOLDER: lambda: _("{path} is a folder, not a database file.").format(
                path=path),
            FileKind.SPECIAL: lambda: _(
                "{path} is not a regular file (it is a device, a pipe or a socket), so it "
                "cannot be a database.").format(path=path),
            FileKind.UNREADABLE: lambda: _("{path} cannot be read: {reason}.").format(
                path=path, reason=self.reason),
            FileKind.LOG_UNREADABLE: lambda: _log_unreadable(path),
            FileKind.EMPTY: lambda: _(
                "{path} is an empty file, not a Coordinator database.").format(path=path),
            FileKind.NOT_SQLITE: lambda: _(
                "{path} is not a Coordinator database (it is not an SQLite file, or its "
                "first page is damaged). Restore it from a backup: coordinator backup list"
            ).format(path=path),
            FileKind.DAMAGED: lambda: _(
                "{path} cannot be read as a database: {reason}. It may be damaged; "
                "coordinator check says more.").format(path=path, reason=self.reason),
            FileKind.BLANK: lambda: _(
                "{path} is an empty SQLite database, not a Coordinator database.").format(
                path=path),
            FileKind.FOREIGN: lambda: _(
                "{path} is an SQLite database of another program, not a Coordinator "
                "database.").format(path=path),
            FileKind.ENCRYPTED: lambda: _(
                "{path} is encrypted: its passphrase is needed to open it.").format(path=path),
            FileKind.COORDINATOR: lambda: "",
        }[self.kind]()


def identify(path: Path) -> Identity:
    """Look at `path` without changing it (nor creating anything beside it)."""
    try:
        status = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return Identity(path, FileKind.MISSING)
    except OSError as exc:
        return Identity(path, FileKind.UNREADABLE, reason=exc.strerror or str(exc))
    if stat.S_ISDIR(status.st_mode):
        return Identity(path, FileKind.FOLDER)
    if not stat.S_ISREG(status.st_mode):
        return Identity(path, FileKind.SPECIAL)
    try:
        # Read, not taken from the size: /proc files say 0 bytes and have content.
        with open(path, "rb") as handle:
            header = handle.read(len(HEADER))
    except OSError as exc:
        return Identity(path, FileKind.UNREADABLE, reason=exc.strerror or str(exc))
    if not header:
        return Identity(path, FileKind.EMPTY)
    encrypted = header != HEADER
    if encrypted:
        if not is_encrypted(path):
            return Identity(path, FileKind.NOT_SQLITE)
        from coordinator_app.core.crypto import keyring

        try:
            if keyring.key_for(path) is None:
                return Identity(path, FileKind.ENCRYPTED, encrypted=True)
        except DatabaseError as exc:  # its key file is damaged
            return Identity(path, FileKind.UNREADABLE, reason=str(exc).rstrip("."),
                            encrypted=True)
    try:
        connection = connect_read_only(path, checkpoint=False)
    except DatabaseError:
        return Identity(path, FileKind.LOG_UNREADABLE, encrypted=encrypted)
    except errors("DatabaseError") as exc:
        return Identity(path, FileKind.DAMAGED, reason=str(exc), encrypted=encrypted)
    try:
        names = {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not names:
            return Identity(path, FileKind.BLANK)
        if not OWN_TABLES <= names:
            return Identity(path, FileKind.FOREIGN)
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except errors("DatabaseError") as exc:
        return Identity(path, FileKind.DAMAGED, reason=str(exc), encrypted=encrypted)
    finally:
        connection.close()
    return Identity(path, FileKind.COORDINATOR, revision=row[0] if row else None,
                    encrypted=encrypted)


def _cannot_open(exc: BaseException) -> bool:
    name = getattr(exc, "sqlite_errorname", "")
    return name.startswith(("SQLITE_CANTOPEN", "SQLITE_READONLY"))


def _log_unreadable(path: Path) -> str:
    return _("{path} cannot be read here: its write-ahead log ({name}) holds changes that "
             "can only be read from a writable folder (is it on read-only media?). Copy the "
             "database with its -wal file to a writable folder and open that copy.").format(
        path=path, name=path.name + "-wal")


def _has_log(path: Path) -> bool:
    try:
        return os.stat(path.with_name(path.name + "-wal")).st_size > 0
    except OSError:
        return False


def connect_read_only(path: Path, *, checkpoint: bool, **options) -> sqlite3.Connection:
    """A connection that reads the database at `path` and cannot change its records.

    A database in WAL mode is read through its shared-memory file (-shm), which
    SQLite creates beside it; on read-only media (a write-protected USB stick, a
    CD) that cannot be done, and a plain read-only open fails. The ways tried, in
    order:

    1. (`checkpoint=True`) an ordinary connection with `query_only` on: it never
       writes a record, and being able to write the folder, it folds the
       write-ahead log into the file and removes the -wal and -shm at close, as the
       app does. A read-only connection would leave them behind.
    2. `mode=ro`: never writes the file, nor folds the log into it (checks pass
       `checkpoint=False` so that a damaged file stays byte for byte as found). It
       works wherever the -shm exists or can be created.
    3. `immutable=1`, which needs no -shm, but only when there is no write-ahead
       log with content: SQLite ignores the log of an immutable file, so records
       in it would seem lost. Safe because nobody is writing: every connection in
       WAL mode keeps a -shm open, and steps 1 and 2 found none and could make none.
    """
    attempts = (["mode=rw"] if checkpoint else []) + ["mode=ro"]
    for query in attempts:
        connection = connect(path, query=query, **options)
        try:
            if query == "mode=rw":
                connection.execute("PRAGMA query_only=ON")
            # The -shm is opened by the first read, not by connect().
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except errors() as exc:
            connection.close()
            if not _cannot_open(exc):
                raise
            continue
        return connection
    if _has_log(path):
        raise DatabaseError(_log_unreadable(path))
    connection = connect(path, query="immutable=1", **options)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except errors():
        connection.close()
        raise
    return connection
