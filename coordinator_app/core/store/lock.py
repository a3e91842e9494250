"""One writer per database: a lock file beside it, held for as long as the app has it open.

The operating system holds the lock (flock on POSIX, msvcrt on Windows), not the
file's existence, so a lock left by a crashed or killed process never blocks: the
kernel released it when the process died. The file's text says who holds it, for
the message a second instance shows, and whether the last session ended cleanly
(an unclean end means the database gets a `quick_check` before it is used).
"""

from __future__ import annotations

import errno
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from coordinator_app.core.errors import DatabaseError
from coordinator_app.core.store.file_modes import database_folder, open_private
from coordinator_app.core.records.ids import utcnow
from coordinator_app.i18n import _

# Windows locks byte ranges and nobody else can read a locked byte, so only the
# first byte is locked and the holder's details start after it.
_LOCKED_BYTES = 1
_PAD = b"\n"
#: Windows opens low-level files in text mode unless told otherwise.
_BINARY = getattr(os, "O_BINARY", 0)


def host_name() -> str:
    """This computer's name, as socket.gethostname() gives it: read from the system
    where it can be, since the socket module's enums cost every start a few ms."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket

    return socket.gethostname()


class DatabaseLocked(DatabaseError):
    """Another running Coordinator has this database open."""

    def __init__(self, message: str, holder: dict):
        super().__init__(message)
        self.holder = holder


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, _LOCKED_BYTES)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES):
            return False
        # A file system without locks (some network shares): refusing to open at all
        # would lock the person out of their data; SQLite's own locking still applies.
        return True
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, _LOCKED_BYTES)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


def _read_info(fd: int) -> dict:
    try:
        os.lseek(fd, len(_PAD), os.SEEK_SET)
        raw = os.read(fd, 4096)
        info = json.loads(raw.decode("utf-8")) if raw.strip() else {}
    except (OSError, ValueError):
        return {}
    return info if isinstance(info, dict) else {}


def _since(holder: dict) -> str:
    from datetime import datetime

    from coordinator_app.core.text.formatting import format_datetime

    try:
        return format_datetime(datetime.fromisoformat(holder["since"]))
    except (KeyError, TypeError, ValueError):
        return "?"


@dataclass
class DatabaseLock:
    """Hold with `acquire()`; `release()` at a clean exit marks the session as ended cleanly."""

    db_path: Path
    fd: int | None = None
    #: True when the previous session on this database did not end cleanly.
    previous_unclean: bool = False

    @property
    def path(self) -> Path:
        return lock_path(self.db_path)

    @property
    def held(self) -> bool:
        return self.fd is not None

    def acquire(self) -> DatabaseLock:
        if self.fd is not None:
            return self
        try:
            database_folder(self.db_path)
            fd = open_private(self.path, os.O_RDWR)
        except OSError as exc:
            raise DatabaseError(_(
                "Cannot create the lock file {path}: {reason}. The folder may be on "
                "read-only media; copy the database to a writable folder."
            ).format(path=self.path, reason=exc.strerror)) from exc
        if not _try_lock(fd):
            holder = _read_info(fd)
            os.close(fd)
            raise DatabaseLocked(_(
                "The database {path} is already open in another Coordinator window "
                "(process {pid} on {host}, since {since}). Close it there first."
            ).format(path=self.db_path, pid=holder.get("pid", "?"),
                     host=holder.get("host", "?"), since=_since(holder)), holder)
        previous = _read_info(fd)
        self.previous_unclean = previous.get("state") == "open"
        self.fd = fd
        try:
            self._write({"state": "open", "pid": os.getpid(), "host": host_name(),
                         "since": utcnow().isoformat(timespec="seconds")})
        except OSError as exc:
            self.release(clean=False)
            raise DatabaseError(_(
                "Cannot write the lock file {path}: {reason}. The disk may be full or "
                "read-only."
            ).format(path=self.path, reason=exc.strerror)) from exc
        return self

    def _write(self, info: dict) -> None:
        assert self.fd is not None
        data = _PAD + json.dumps(info).encode("utf-8")
        os.lseek(self.fd, 0, os.SEEK_SET)
        os.write(self.fd, data)
        os.ftruncate(self.fd, len(data))
        os.fsync(self.fd)

    def release(self, *, clean: bool = True) -> None:
        """Let go of the lock; `clean` records that the database was closed properly."""
        if self.fd is None:
            return
        fd, self.fd = self.fd, None
        try:
            if clean:
                info = _read_info(fd)
                info["state"] = "closed"
                self.fd = fd
                try:
                    self._write(info)
                finally:
                    self.fd = None
        except OSError:
            pass  # the marker stays "open": the next start runs a quick_check, which is safe
        finally:
            try:
                _unlock(fd)
            finally:
                os.close(fd)


def holder_of(db_path: Path) -> dict | None:
    """Who holds the lock on `db_path` now, or None if nobody does."""
    probe = DatabaseLock(db_path)
    try:
        fd = os.open(probe.path, os.O_RDWR | _BINARY)
    except OSError:
        return None
    try:
        if _try_lock(fd):
            _unlock(fd)
            return None
        return _read_info(fd)
    finally:
        os.close(fd)
