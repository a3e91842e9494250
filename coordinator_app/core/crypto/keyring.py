"""The database keys this process has unlocked, held in memory only.

A key is unlocked from a database's key slots (core.crypto.keyslots) with the passphrase
or the recovery key, once; every connection to that database, or to a backup made
with the same key, then finds it here by the key's id. `forget_all` overwrites and
drops them all (the lock screen, the end of a session): what SQLite keeps of a
key is wiped by SQLCipher when its connections close.
"""

from __future__ import annotations

from pathlib import Path

from coordinator_app.core.crypto import keyslots

_keys: dict[str, bytearray] = {}


def remember(key: bytearray) -> str:
    """Keep `key` for the connections to come; returns its id."""
    kid = keyslots.key_id(key)
    if kid in _keys:
        keyslots.wipe(key)  # one copy is enough
    else:
        _keys[kid] = key
    return kid


def key_for(db_path: Path) -> bytearray | None:
    """The unlocked key of the encrypted database (or backup) at `db_path`, or None.

    Raises core.errors.DatabaseError when its key file is missing or damaged."""
    return _keys.get(keyslots.read_slots(db_path).key_id)


def unlock_file(db_path: Path, secret: str) -> None:
    """Unlock the database at `db_path` with its passphrase or recovery key
    (keyslots.WrongSecret if neither)."""
    slots = keyslots.read_slots(db_path)
    if slots.key_id not in _keys:
        remember(keyslots.unlock(slots, secret))


def forget_all() -> None:
    for key in _keys.values():
        keyslots.wipe(key)
    _keys.clear()
