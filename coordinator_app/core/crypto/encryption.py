"""Turning encryption at rest on and off, and changing the passphrase.

Each switch is copy → verify → swap, after a backup, under the database lock with
no connection open: the data is exported (SQLCipher's `sqlcipher_export`) into a
staged file beside the database, that copy is checked whole (integrity, references,
every table's row count against the original) and flushed, and only then renamed
over the database. A power cut at any moment leaves the old database or the new
one: the key slots are written before the encrypted copy takes its place, and a
key file beside a plain database is a leftover that the next start removes
(recovery.remove_leftovers).

Turning encryption on leaves no plaintext copy behind: the safety backup is made
from the encrypted copy, older plaintext backups (and databases set aside by
restores) are encrypted with the same key, or removed when the person prefers,
and the plain database's write-ahead log is folded in and removed before the swap.

Changing the passphrase rewraps the database key in a new passphrase slot; the
database is not rewritten, and the recovery key stays valid.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from coordinator_app.core.crypto import keyring, keyslots
from coordinator_app.core.store import backup, backup_lock
from coordinator_app.core.store.connect import (
    HEADER, cipher_module, connect, errors, header_of, is_encrypted, key_pragma)
from coordinator_app.core.errors import DatabaseError
from coordinator_app.core.store.file_modes import tighten
from coordinator_app.core.store.safe_write import flush_file, fsync_dir, reason_text
from coordinator_app.i18n import _

ENCRYPTING = ".encrypting"
DECRYPTING = ".decrypting"
_SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass
class Switched:
    """What a switch did: the safety backup and what became of older backups."""

    safety_backup: Path | None = None
    #: Shown once, to be printed or written down (None when turning encryption off).
    recovery_key: str | None = None
    encrypted_backups: list[Path] = field(default_factory=list)
    removed_backups: list[Path] = field(default_factory=list)


def no_back_door_text() -> str:
    return _("There is no back door: if both the passphrase and the recovery key are lost, "
             "nobody can open the database again, not even with the help of Coordinator's "
             "authors.")


def plain_text_warning() -> str:
    return _("Decrypting stores the database in plain text again: anyone who has this "
             "computer or its disk can read every name and phone number in it. Backups "
             "made while it was encrypted stay encrypted.")


def staged_copies(db_path: Path) -> list[Path]:
    """The files a switch cut off midway may leave beside `db_path`."""
    found = []
    for suffix in (ENCRYPTING, DECRYPTING):
        staged = db_path.with_name(db_path.name + suffix)
        found += [staged, keyslots.slots_path(staged),
                  *(staged.with_name(staged.name + s) for s in _SIDE_FILES)]
    return found


def _refuse(message: str) -> DatabaseError:
    return DatabaseError(_("{problem} Nothing was changed.").format(problem=message))


def _export(source: Path, target: Path, *, source_key: bytearray | None,
            target_key: bytearray | None) -> None:
    """Copy every table, index and trigger of `source` into a new file `target`,
    encrypted with `target_key` (None: plain), then flush it to disk."""
    for leftover in [target, *(target.with_name(target.name + s) for s in _SIDE_FILES)]:
        leftover.unlink(missing_ok=True)
    # Both sides through SQLCipher's driver: only it can read one and write the other.
    connection = cipher_module().connect(str(source))
    try:
        if source_key is not None:
            connection.execute(key_pragma(source_key))
        attach_key = "" if target_key is None else f"x'{bytes(target_key).hex()}'"
        connection.execute("ATTACH DATABASE ? AS target KEY ?", (str(target), attach_key))
        connection.execute("SELECT sqlcipher_export('target')")
        version = connection.execute("PRAGMA main.user_version").fetchone()[0]
        connection.execute(f"PRAGMA target.user_version = {int(version)}")
        connection.execute("DETACH DATABASE target")
    finally:
        connection.close()
    tighten(target)
    flush_file(target)


def _table_counts(connection) -> dict[str, int]:
    names = [row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
        "'CREATE VIRTUAL TABLE%' ORDER BY name")]
    return {name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            for name in names}


def _verify(original: Path, copy: Path, *, copy_key: bytearray | None) -> None:
    """The copy must pass SQLite's full check and hold every row the original holds."""
    source = connect(original, query="mode=ro")
    target = connect(copy, key=copy_key, encrypted=copy_key is not None)
    try:
        verdicts = [row[0] for row in target.execute("PRAGMA integrity_check")]
        if verdicts != ["ok"]:
            raise DatabaseError(_("The converted copy failed its check: {verdict}.").format(
                verdict=verdicts[0]))
        if target.execute("PRAGMA foreign_key_check").fetchone() is not None:
            raise DatabaseError(_("The converted copy has broken references."))
        if _table_counts(source) != _table_counts(target):
            raise DatabaseError(_("The converted copy does not hold every record."))
    finally:
        source.close()
        target.close()


def _settle(db_path: Path) -> None:
    """Fold the write-ahead log into the file and remove it, so that no log of the
    old file is ever read into the new one that replaces it."""
    connection = connect(db_path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA journal_mode=DELETE")
    finally:
        connection.close()
    for suffix in _SIDE_FILES:
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)


def _swap(staged: Path, db_path: Path) -> None:
    _settle(db_path)
    os.replace(staged, db_path)
    fsync_dir(db_path.parent)


def encrypt_database(db_path: Path, passphrase: str, *,
                     remove_plain_backups: bool = False) -> Switched:
    """Encrypt the plain database at `db_path` under a new random key, unlocked by
    `passphrase` or by the recovery key returned (shown once, never stored).

    The caller holds the database lock and has no connection open."""
    db_path = Path(db_path)
    problem = keyslots.passphrase_problem(passphrase)
    if problem:
        raise _refuse(problem)
    if is_encrypted(db_path):
        raise _refuse(_("{path} is already encrypted.").format(path=db_path))
    if header_of(db_path) != HEADER:
        raise _refuse(_("{path} is not a database that can be encrypted.").format(
            path=db_path))
    key = keyslots.new_key()
    recovery_key = keyslots.new_recovery_key()
    slots = keyslots.new_slots(key, passphrase, recovery_key)
    staged = db_path.with_name(db_path.name + ENCRYPTING)
    done = Switched(recovery_key=recovery_key)
    try:
        _export(db_path, staged, source_key=None, target_key=key)
        _verify(db_path, staged, copy_key=key)
        keyslots.write_slots(staged, slots)
        keyring.remember(bytearray(key))
        # The safety copy is made from the encrypted copy: never a plaintext one.
        with backup_lock.holding(db_path):
            done.safety_backup = backup.backup_target(
                db_path, backup.default_backup_dir(db_path), "before-encryption")
            backup.copy_database(staged, done.safety_backup)
        keyslots.write_slots(db_path, slots)
        _swap(staged, db_path)
    except (*errors(), OSError) as exc:
        raise DatabaseError(_("Encrypting {path} failed: {reason}. The database was left "
                              "as it was.").format(path=db_path, reason=reason_text(exc))
                            ) from exc
    finally:
        for leftover in staged_copies(db_path):
            leftover.unlink(missing_ok=True)
        if not is_encrypted(db_path):
            keyslots.remove_slots(db_path)
        keyslots.wipe(key)
    _protect_old_copies(db_path, done, remove=remove_plain_backups)
    return done


def plain_copies(db_path: Path) -> list[Path]:
    """Plaintext copies of the database that the app made: backups (here and in the
    extra folder) and databases set aside by restores."""
    candidates = [b.path for b in backup.list_backups(db_path)]
    aside = db_path.parent / "set-aside"
    try:
        candidates += [p for folder in aside.iterdir() if folder.is_dir()
                       for p in folder.iterdir() if p.name == db_path.name]
    except OSError:
        pass
    return [p for p in candidates if header_of(p) == HEADER]


def protect_old_copies(db_path: Path, *, remove: bool = False) -> Switched:
    """Encrypt (or with `remove`, delete) the plaintext backups of the encrypted,
    unlocked database at `db_path`: what a switch cut off before this step left."""
    done = Switched()
    _protect_old_copies(db_path, done, remove=remove)
    return done


def _protect_old_copies(db_path: Path, done: Switched, *, remove: bool) -> None:
    slots = keyslots.read_slots(db_path)
    key = keyring.key_for(db_path)
    with backup_lock.holding(db_path):
        for path in plain_copies(db_path):
            companions = [path.with_name(path.name + s) for s in _SIDE_FILES]
            if remove:
                for each in (path, *companions):
                    each.unlink(missing_ok=True)
                done.removed_backups.append(path)
                continue
            staged = path.with_name(path.name + ENCRYPTING)
            try:
                _export(path, staged, source_key=None, target_key=key)
                _verify(path, staged, copy_key=key)
                keyslots.write_slots(path, slots)
                os.replace(staged, path)
                for each in companions:
                    each.unlink(missing_ok=True)
                fsync_dir(path.parent)
            except (*errors(), OSError) as exc:
                staged.unlink(missing_ok=True)
                if header_of(path) == HEADER:
                    keyslots.remove_slots(path)
                raise DatabaseError(_(
                    "The database is encrypted, but the older backup {path} could not be "
                    "encrypted: {reason}. Run coordinator encrypt again, or delete it.").format(
                    path=path, reason=reason_text(exc))) from exc
            done.encrypted_backups.append(path)


def decrypt_database(db_path: Path) -> Switched:
    """Store the encrypted, unlocked database at `db_path` in plain text again.

    Backups made while it was encrypted stay encrypted, with their key files. The
    caller holds the database lock and has no connection open."""
    db_path = Path(db_path)
    if not is_encrypted(db_path):
        raise _refuse(_("{path} is not encrypted.").format(path=db_path))
    key = keyring.key_for(db_path)
    if key is None:
        raise _refuse(_("{path} is encrypted: its passphrase is needed to open it.").format(
            path=db_path))
    staged = db_path.with_name(db_path.name + DECRYPTING)
    done = Switched()
    try:
        done.safety_backup = backup.create_backup(db_path, reason="before-decryption")
        _export(db_path, staged, source_key=key, target_key=None)
        _verify(db_path, staged, copy_key=None)
        _swap(staged, db_path)
        keyslots.remove_slots(db_path)
    except (*errors(), OSError) as exc:
        raise DatabaseError(_("Decrypting {path} failed: {reason}. The database was left "
                              "as it was.").format(path=db_path, reason=reason_text(exc))
                            ) from exc
    finally:
        for leftover in staged_copies(db_path):
            leftover.unlink(missing_ok=True)
    return done


def change_passphrase(db_path: Path, current: str, new: str) -> None:
    """Rewrap the database key for `new`; `current` is the passphrase or the
    recovery key. Only the key file is rewritten, whole (old or new after a power cut)."""
    problem = keyslots.passphrase_problem(new)
    if problem:
        raise _refuse(problem)
    if not is_encrypted(db_path):
        raise _refuse(_("{path} is not encrypted.").format(path=db_path))
    slots = keyslots.read_slots(db_path)
    key = keyslots.unlock(slots, current)
    try:
        keyslots.write_slots(db_path, keyslots.with_passphrase(slots, key, new))
    except OSError as exc:
        raise DatabaseError(_("The passphrase could not be changed: {reason}.").format(
            reason=reason_text(exc))) from exc
    finally:
        keyslots.wipe(key)

