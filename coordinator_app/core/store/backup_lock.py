"""The lock a backup of a database holds while it writes: `<db>.backup.lock`.

A backup is written as a `.partial` file (with SQLite's -journal, -wal and -shm
beside it) and renamed when whole; a process killed midway leaves those behind.
How old they are says nothing about whether their writer is alive (a large backup
on a slow USB stick takes minutes; a killed one is dead at once), so every backup
holds this lock, and partial files are removed only by whoever holds it: then no
backup of this database is being written. The operating system drops the lock of a
killed process, as for the database's own lock (core.store.lock).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from coordinator_app.core.errors import DatabaseError
from coordinator_app.core.store.file_modes import open_private
# The same operating-system lock as the database's own, so it behaves alike everywhere.
from coordinator_app.core.store.lock import _try_lock, _unlock
from coordinator_app.i18n import _

#: How long a backup waits for another backup of the same database to finish.
WAIT_SECONDS = 600.0
_POLL_SECONDS = 0.05


class BackupBusy(DatabaseError):
    """Another backup of this database is still being written."""


def backup_lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".backup.lock")


@contextmanager
def holding(db_path: Path, *, wait: float = WAIT_SECONDS) -> Iterator[bool]:
    """Hold the backup lock of `db_path` for the block.

    Yields True while it is held, or False when the lock file cannot be made at all
    (the database is on read-only media): nobody can hold it then, so a backup
    elsewhere still runs but removes no partial files. Raises BackupBusy when another
    backup held it for `wait` seconds."""
    try:
        fd = open_private(backup_lock_path(db_path), os.O_RDWR)
    except OSError:
        yield False
        return
    try:
        deadline = time.monotonic() + wait
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise BackupBusy(_("Another backup of {path} is being written; try again "
                                   "when it has finished.").format(path=db_path))
            time.sleep(_POLL_SECONDS)
        try:
            yield True
        finally:
            _unlock(fd)
    finally:
        os.close(fd)
