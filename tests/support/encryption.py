"""Encrypted databases for tests: one key per run, and reading any test database.

`python -m pytest --encrypted` makes the shared database fixtures (workspace,
demo_workspace, demo_file) encrypted with SQLCipher under one key made at the
start of the run, so the data core's tests run unchanged on an encrypted file.
Tests that look at a database file directly connect through `connect_file`, which opens it
the way the app does, plain or encrypted.
"""

from __future__ import annotations

import shutil
from pathlib import Path

#: The passphrase of every encrypted database the fixtures make.
PASSPHRASE = "a passphrase for the tests"


def connect_file(path: Path, **options):
    """A bare DB-API connection to the database at `path`, plain or encrypted."""
    from coordinator_app.core.store.connect import connect

    return connect(Path(path), **options)


def copy_database(source: Path, target: Path) -> Path:
    """Copy a closed database and, if it is encrypted, its key slots."""
    from coordinator_app.core.crypto.keyslots import slots_path

    shutil.copyfile(source, target)
    if slots_path(source).exists():
        shutil.copyfile(slots_path(source), slots_path(target))
    return target


def encrypted_template(folder: Path) -> tuple[Path, bytearray]:
    """A new, empty, encrypted Coordinator database in `folder`, and its key."""
    from coordinator_app.core.crypto import encryption, keyring
    from coordinator_app.core.store.db import open_database

    path = folder / "empty.sqlite3"
    open_database(path).close()
    encryption.encrypt_database(path, PASSPHRASE)
    return path, bytearray(keyring.key_for(path))


def people_count(path: Path) -> int:
    """How many people the database at `path` holds, read the way the app reads it."""
    from sqlalchemy import text

    from coordinator_app.core.store.db import open_database

    db = open_database(path, read_only=True)
    try:
        with db.engine.connect() as connection:
            return connection.execute(text("SELECT count(*) FROM people")).scalar()
    finally:
        db.close()
