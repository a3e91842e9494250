"""Temporary files that hold records: attachments opened in another program, PDF
previews.

They live in the data folder's `tmp/` (0700), one folder per running app
(`<pid>-<random>`), not in the system's temporary folder, which other accounts
may list and which is not wiped with the data. A session removes its own folder
when it closes (`remove_own`); the next start removes the folders of sessions
that ended without doing so (a crash, a power cut), and never another running
session's.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from coordinator_app.core.store.file_modes import private_data_dir, private_dir

_own: Path | None = None


def root() -> Path:
    return private_dir(private_data_dir() / "tmp")


def own_folder() -> Path:
    """This session's private temporary folder, created 0700 on first use."""
    global _own
    if _own is None or not _own.is_dir():
        _own = private_dir(root() / f"{os.getpid()}-{_random_part()}")
    return _own


def new_folder(prefix: str) -> Path:
    """A new, private, empty folder inside this session's temporary folder."""
    return private_dir(own_folder() / f"{prefix}-{_random_part()}")


def _random_part() -> str:
    # What secrets.token_hex(4) gives, without importing secrets (and with it hashlib's
    # OpenSSL) at every start, which removes stale folders before the first window.
    return os.urandom(4).hex()


def remove_own() -> None:
    global _own
    if _own is not None:
        shutil.rmtree(_own, ignore_errors=True)
        _own = None


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone's: not ours to judge
    return True


def remove_stale() -> list[Path]:
    """Remove the temporary folders of sessions that are no longer running."""
    removed = []
    try:
        folders = list(root().iterdir())
    except OSError:
        return removed
    for folder in folders:
        pid = folder.name.split("-", 1)[0]
        if pid.isdigit() and _running(int(pid)):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed
