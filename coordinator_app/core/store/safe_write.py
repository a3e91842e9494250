"""Writing a file at a place the person chose (a report, a backup, an export) without
harming what is there, and saying plainly why a write failed.

The content goes to a temporary file in the target's folder, is flushed to disk and
only then renamed onto the target, so the target is whole or untouched. The rename
happens only when the target is missing or a regular file: a device (`-o /dev/full`),
a folder or a symbolic link is refused, neither replaced nor followed. As root, a
rename onto a device node replaces it; a link may point anywhere.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from coordinator_app.core.errors import CoordinatorError
from coordinator_app.core.store.file_modes import PRIVATE_FILE
from coordinator_app.i18n import _


class UnsafeTarget(CoordinatorError):
    """The chosen output path is a device, a folder or a symbolic link, or its folder
    is missing; nothing was written."""


def output_path(path: str | Path) -> Path:
    """The absolute path a write to `path` would replace, once checked.

    The folder is resolved (a link to a folder is a folder the person chose), the
    last component is not: a link there is refused, never followed."""
    path = Path(path).expanduser()
    folder = path.parent.resolve()
    target = folder / path.name
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise UnsafeTarget(_("{path} cannot be checked: {reason}.").format(
            path=target, reason=reason_text(exc))) from exc
    if mode is None:
        if not folder.is_dir():
            raise UnsafeTarget(_("The folder {folder} does not exist; choose another place "
                                 "for the file.").format(folder=folder))
    elif stat.S_ISLNK(mode):
        raise UnsafeTarget(_("{path} is a symbolic link; it was left as it is. Choose the "
                             "file it points to, or another name.").format(path=target))
    elif stat.S_ISDIR(mode):
        raise UnsafeTarget(_("{path} is a folder; choose a file name inside it.").format(
            path=target))
    elif not stat.S_ISREG(mode):
        raise UnsafeTarget(_("{path} is a device or another special file, not a regular "
                             "file; it was left as it is. Choose another name.").format(
            path=target))
    return target


@contextmanager
def replacing(path: str | Path, *, temporary: Path | None = None) -> Iterator[Path]:
    """Yield a new empty file (0600) to write; when the block ends without an error it
    is flushed to disk and renamed onto `path`. On an error it is removed.

    `temporary` names that file (it must be in the target's folder); by default it
    gets a unique hidden name. OSError from writing is left to the caller, which
    knows what it was writing."""
    target = output_path(path)
    if temporary is None:
        fd, name = tempfile.mkstemp(prefix=f".{target.name[:60]}.", suffix=".partial",
                                    dir=target.parent)
        temporary = Path(name)
    else:
        temporary.unlink(missing_ok=True)
        fd = os.open(temporary, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                     PRIVATE_FILE)
    os.close(fd)
    try:
        yield temporary
        flush_file(temporary)
        # Checked again: the target may have become something else while this was written.
        output_path(target)
        os.replace(temporary, target)
        fsync_dir(target.parent)
    finally:
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass


def write_bytes(path: str | Path, content: bytes) -> Path:
    """Write `content` to `path` whole (see `replacing`); returns the path written."""
    target = output_path(path)
    with replacing(target) as temporary:
        temporary.write_bytes(content)
    return target


def copy_file(source: Path, path: str | Path) -> Path:
    """Copy the file `source` to `path` whole (see `replacing`); returns the path written."""
    target = output_path(path)
    with replacing(target) as temporary:
        shutil.copyfile(source, temporary)
    return target


def full_fsync(fd: int) -> None:
    """Flush a file to the disk itself: on macOS plain fsync stops at the drive's cache,
    which a power cut empties."""
    if sys.platform == "darwin":
        import fcntl

        try:
            fcntl.fcntl(fd, fcntl.F_FULLFSYNC)
            return
        except OSError:
            pass  # not every file system supports it; fsync is the next best
    os.fsync(fd)


def flush_file(path: Path) -> None:
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        full_fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not every platform lets a folder be opened
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# -- why a write failed ------------------------------------------------------------------

_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def is_disk_full(exc: BaseException) -> bool:
    # OSError carries an errno (its text names the file, which may hold any word);
    # SQLite only says it in words ("database or disk is full").
    if isinstance(exc, OSError):
        return exc.errno in _FULL_ERRNOS
    return "full" in str(exc).lower()


def _is_read_only(exc: BaseException) -> bool:
    if isinstance(exc, OSError):
        return exc.errno == errno.EROFS
    words = str(exc).lower()
    return "readonly" in words or "read-only" in words


def reason_text(exc: BaseException) -> str:
    """Why a file could not be written, in the person's words."""
    if is_disk_full(exc):
        return _("the disk is full")
    if _is_read_only(exc):
        return _("the disk is read-only")
    return str(getattr(exc, "strerror", None) or exc)


def free_bytes(folder: Path) -> int | None:
    """Room left for this account in `folder`'s file system (None if unknown)."""
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None
