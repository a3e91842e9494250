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
    from coordinator_app.core.records.attachments import attach_bytes
    from coordinator_app.core.store.db import open_database
    from coordinator_app.core.records.service import Workspace

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


#: What a seized laptop must not give away: names of the demo, and phone numbers.
SECRETS = ("Klišonis", "Терехов", "+380")
_ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be")


def plain_text_hits(folder: Path) -> list[tuple[str, str, str]]:
    """(file, text, encoding) for every file under `folder` holding one of SECRETS in
    UTF-8 or UTF-16 of either byte order."""
    hits = []
    for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
        content = path.read_bytes()
        for text in SECRETS:
            for encoding in _ENCODINGS:
                if text.encode(encoding) in content:
                    hits.append((str(path.relative_to(folder)), text, encoding))
    return hits


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every data file under `folder` with its content, to tell that nothing changed:
    not the lock files, nor SQLite's shared-memory index, which a reader may create."""
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(Path(folder).rglob("*"))
            if p.is_file() and not p.name.endswith((".lock", "-shm"))
            and not (p.name.endswith("-wal") and p.stat().st_size == 0)}
