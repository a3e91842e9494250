"""The one way to connect to a database file, encrypted or not.

Plain databases are opened with Python's sqlite3; encrypted ones (SQLCipher 4, see
core.crypto.keyslots) with `sqlcipher3`, given the raw database key before anything else
is read, so no passphrase derivation runs per connection. Everything that opens a
database goes through `connect`: SQLAlchemy's engines, the start-up migration
check, backups, integrity checks, recovery, so each works on an encrypted file
the same way and nothing reads one with a driver that cannot.

sqlcipher3 is loaded only when an encrypted file is opened (importing it costs
about 40 ms at start-up); `errors` names its exception classes once it is.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from types import ModuleType

from coordinator_app.core.crypto import keyring, keyslots
from coordinator_app.core.errors import DatabaseError
from coordinator_app.i18n import _

HEADER = b"SQLite format 3\x00"
_DRIVER = "sqlcipher3.dbapi2"
ENCRYPTED_CACHE_KIB = 32 * 1024


class KeyNeeded(DatabaseError):
    """The database is encrypted and this process has not unlocked it."""


def cipher_module() -> ModuleType:
    import sqlcipher3.dbapi2

    return sqlcipher3.dbapi2


def errors(name: str = "Error") -> tuple[type[BaseException], ...]:
    """sqlite3's exception class `name` (Error, DatabaseError, OperationalError…), with
    SQLCipher's beside it once that driver is loaded: `except connect.errors():`."""
    loaded = sys.modules.get(_DRIVER)
    return (getattr(sqlite3, name),) + ((getattr(loaded, name),) if loaded else ())


def header_of(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(HEADER))
    except OSError:
        return b""


def is_encrypted(path: Path) -> bool:
    """Whether the file at `path` is an encrypted database: no SQLite header, and key
    slots beside it. (A file whose first bytes are noise with no key file is no
    database we can tell from noise.)"""
    header = header_of(path)
    return bool(header) and header != HEADER and keyslots.slots_path(path).exists()


def key_pragma(key: bytes | bytearray) -> str:
    # A raw key (x'…'): SQLCipher uses it as it is, with no key derivation per
    # connection; the passphrase's derivation was done once, by the key slots.
    return f"PRAGMA key = \"x'{bytes(key).hex()}'\""


def durable_pragmas(platform: str) -> list[str]:
    """The pragmas of a connection that writes, on `platform` (a sys.platform value):
    a commit is on the disk when it returns, and links are checked."""
    pragmas = ["PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"]
    if platform == "darwin":
        # macOS's fsync leaves the data in the drive's cache, which a power cut loses;
        # F_FULLFSYNC (these pragmas) flushes that cache too.
        pragmas += ["PRAGMA fullfsync=ON", "PRAGMA checkpoint_fullfsync=ON"]
    return pragmas


def connect(path: Path, *, query: str = "", key: bytes | bytearray | None = None,
            encrypted: bool | None = None, **options) -> sqlite3.Connection:
    """A DB-API connection to the database at `path`.

    `query` is a URI query (mode=ro, mode=rw, immutable=1) or empty for a plain
    open. Whether the file is encrypted is found out (`is_encrypted`) unless
    `encrypted` says; its key is `key`, or the one this process unlocked for it
    (KeyNeeded if none). A new file is encrypted when a `key` is given."""
    path = Path(path)
    if encrypted is None:
        encrypted = key is not None or is_encrypted(path)
    target = f"{path.absolute().as_uri()}?{query}" if query else str(path)
    if not encrypted:
        return sqlite3.connect(target, uri=bool(query), **options)
    if key is None:
        key = keyring.key_for(path)
        if key is None:
            raise KeyNeeded(_("{path} is encrypted: its passphrase is needed to open it.")
                            .format(path=path))
    connection = cipher_module().connect(target, uri=bool(query), **options)
    try:
        connection.execute(key_pragma(key))
        # Every page read from disk is decrypted and checked: a page cache of 32 MiB
        # (SQLite's own is 2 MiB, SQLCipher's 8) keeps a large list's pages decrypted.
        connection.execute(f"PRAGMA cache_size = -{ENCRYPTED_CACHE_KIB}")
    except BaseException:
        connection.close()
        raise
    return connection
