"""Looking at files as another account on the computer would: modes, what is left."""

from __future__ import annotations

import os
import stat
from pathlib import Path


def mode_of(path: Path) -> int:
    """The permission bits of `path` (0o600 for a private file)."""
    return stat.S_IMODE(os.lstat(path).st_mode)


def listing(folder: Path) -> list[str]:
    """Every name in `folder`, hidden ones included, sorted."""
    return sorted(os.listdir(folder))


def filled_database(path: Path, megabytes: float) -> Path:
    """A Coordinator database holding about `megabytes` of incompressible data (an
    attached scan), so that a copy of it needs that much room."""
    from coordinator_app.core.attachments import attach_bytes
    from coordinator_app.core.db import open_database
    from coordinator_app.core.service import Workspace

    db = open_database(path)
    try:
        workspace = Workspace(db)
        owner = workspace.create("organization", name="Харківська громада")
        with workspace.edit("scan") as edit:
            attach_bytes(edit, "organization", owner.id, "scan.jpg",
                         os.urandom(int(megabytes * 1024 * 1024)))
    finally:
        db.close()
    return path
