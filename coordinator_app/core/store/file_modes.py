"""Who may read our files: data files 0600 and folders 0700, so that other accounts on
a shared computer cannot read the phone numbers and notes in them.

Each file and folder gets its mode where it is made, not through os.umask: the
umask belongs to the whole process, and the app is also a library inside other
programs. On Windows a user's own profile is already closed to other accounts and
POSIX modes mean little, so there these functions do nothing.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from coordinator_app.core.store.paths import data_dir

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
#: Group and others: the bits a private file or folder must not have.
_SHARED_BITS = 0o077
#: SQLite's files beside a database, which it creates with the database's own mode.
DATABASE_SIDE_FILES = ("-wal", "-shm", "-journal")

POSIX = os.name == "posix"


def tighten(path: Path) -> None:
    """Take group's and others' access away from a file or folder of ours.

    The owner's bits stay as they are (a file made read-only stays read-only). A
    symbolic link is left alone, and so is a file this account may not change
    (another's, or on read-only media or a FAT stick): making it private is not
    ours to do, and failing there must not stop the app."""
    if not POSIX:
        return
    try:
        mode = os.lstat(path).st_mode
        if stat.S_ISLNK(mode) or not mode & _SHARED_BITS:
            return
        os.chmod(path, stat.S_IMODE(mode) & ~_SHARED_BITS)
    except OSError:
        pass


def private_dir(path: Path, *, tighten_existing: bool = True) -> Path:
    """Create the folder readable by this account only (missing folders above it get
    the usual mode: they are not ours to close).

    An existing folder is tightened unless `tighten_existing` is false: a folder the
    person chose for a database, such as their documents, keeps the modes they gave it."""
    path = Path(path)
    existed = path.is_dir()
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    if tighten_existing or not existed:
        tighten(path)
    return path


def create_private_file(path: Path) -> bool:
    """Create an empty file 0600 if there is none (True if it was made); an existing one
    is tightened. Used before another program (SQLite, Qt) creates the file with its
    own, wider mode, which it then keeps."""
    if not POSIX:
        return False
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError:
        tighten(path)
        return False
    os.close(fd)
    return True


def open_private(path: Path, flags: int) -> int:
    """os.open for a file of ours: created 0600, and tightened if it was there before."""
    fd = os.open(path, flags | os.O_CREAT | getattr(os, "O_BINARY", 0), PRIVATE_FILE)
    tighten(path)
    return fd


def private_data_dir() -> Path:
    """The app's data folder (settings, logs, the default database), made private."""
    return private_dir(data_dir())


def is_data_dir(folder: Path) -> bool:
    return Path(folder).resolve() == data_dir().resolve()


def database_folder(db_path: Path) -> Path:
    """The database's folder, created 0700 when missing. An existing one is tightened
    only when it is the app's own data folder: a folder the person chose for their
    database, such as their documents, keeps the modes they gave it."""
    return private_dir(db_path.parent, tighten_existing=is_data_dir(db_path.parent))


def private_database(path: Path) -> None:
    """Prepare a database file (and its folder) before SQLite opens it.

    SQLite creates its -wal and -shm files with the database file's mode, so the
    database itself is created 0600 first; an existing one (and its side files) with
    wider modes is tightened."""
    database_folder(path)
    create_private_file(path)
    for suffix in DATABASE_SIDE_FILES:
        tighten(path.with_name(path.name + suffix))
