"""Start-up checks and restoring from a backup; a damaged database is never overwritten.

Before a restore the current file (with its -wal and -shm) is moved aside, whole,
into a dated folder: a stale write-ahead log left beside the restored file would
otherwise be replayed into it. A sound current database is also backed up first,
so it shows up in `coordinator backup list`. The copy being restored is staged
as `<db>.restoring`; a restore cut off midway leaves it, and it is removed by the
next one to hold the database lock (which a restore holds throughout).

An encrypted database's key slots (`<db>.keys`) go aside with it, and an encrypted
backup's come back with it: the backup must have been unlocked first, with the
passphrase or recovery key it was made with (keyring.unlock_file). A key file
left beside a plain database is what a switch to or from encryption cut off
midway leaves, and is removed with the other leftovers.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from glob import escape as glob_escape
from pathlib import Path

from coordinator_app.core.crypto import keyslots
from coordinator_app.core.store import backup
from coordinator_app.core.store.connect import connect, errors, header_of, is_encrypted
from coordinator_app.core.store.dbfile import HEADER, REPLACEABLE, FileKind, identify
from coordinator_app.core.errors import DatabaseError
from coordinator_app.core.store.file_modes import PRIVATE_DIR, private_dir
from coordinator_app.core.records.ids import utcnow
from coordinator_app.core.store.integrity import check_file
from coordinator_app.i18n import _

SIDE_FILES = ("-wal", "-shm", "-journal")
#: What moves aside with a database: SQLite's side files and the key slots.
COMPANIONS = (*SIDE_FILES, keyslots.SUFFIX)


@dataclass
class Assessment:
    """What start-up found: problems (empty = usable) and whether a full check ran."""

    path: Path
    problems: list[str] = field(default_factory=list)
    checked: bool = False

    @property
    def sound(self) -> bool:
        return not self.problems


#: Files up to this size get a quick_check at every start (a fraction of a second for
#: 100 MB), so damage from a failing disk is found before anything is written on it;
#: larger ones only after an unclean shutdown.
ALWAYS_CHECK_BYTES = 256 * 1024 * 1024


def assess(db_path: Path, *, unclean: bool) -> Assessment:
    """The start-up check: the header always, `quick_check` after an unclean shutdown
    (and on every start for files up to ALWAYS_CHECK_BYTES)."""
    result = Assessment(db_path)
    if not db_path.exists() or db_path.stat().st_size == 0:
        return result  # a new database
    try:
        with db_path.open("rb") as handle:
            header = handle.read(len(HEADER))
    except OSError as exc:
        result.problems.append(_("The file cannot be read: {reason}.").format(
            reason=exc.strerror))
        return result
    if header != HEADER and not is_encrypted(db_path):
        result.problems.append(_(
            "The file is not an SQLite database, or its first page is damaged."))
        return result
    if unclean or db_path.stat().st_size <= ALWAYS_CHECK_BYTES:
        result.checked = True
        result.problems.extend(check_file(db_path, quick=True, foreign_keys=False).problems)
    return result


def write_problem(db_path: Path) -> str | None:
    """Why the database file cannot be written (read-only media or permissions), or None.

    Found before opening: SQLite would otherwise open it read-only without a word
    and the first save would fail, after the person typed it."""
    if not db_path.exists():
        return None
    try:
        fd = os.open(db_path, os.O_RDWR)
    except OSError as exc:
        return _(
            "The database {path} cannot be written: {reason}. It may be on read-only "
            "media (a CD, a locked USB stick) or lack permission; copy it to a writable "
            "folder and open that copy."
        ).format(path=db_path, reason=exc.strerror)
    os.close(fd)
    return None


def newest_sound_backup(db_path: Path, folders: list[Path] | None = None
                        ) -> backup.BackupFile | None:
    """The newest backup that passes `quick_check` (damaged ones are skipped)."""
    for candidate in backup.list_backups(db_path, folders):
        if check_file(candidate.path, quick=True, foreign_keys=False).sound:
            return candidate
    return None


def set_aside(db_path: Path, why: str = "before-restore") -> Path | None:
    """Move the database and its side files into a dated folder; returns that folder."""
    present = [db_path.with_name(db_path.name + s) for s in ("",) + COMPANIONS]
    present = [p for p in present if p.exists()]
    if not present:
        return None
    stamp = utcnow().strftime(backup.STAMP)
    folder = db_path.parent / "set-aside" / f"{db_path.stem}-{stamp}-{why}"
    try:
        private_dir(folder.parent)
        folder.mkdir(mode=PRIVATE_DIR, exist_ok=False)
        for path in present:
            os.replace(path, folder / path.name)
        backup.fsync_dir(folder)
        backup.fsync_dir(db_path.parent)
    except OSError as exc:
        raise DatabaseError(_(
            "Could not move {path} aside before restoring: {reason}. Nothing was changed."
        ).format(path=db_path, reason=exc.strerror)) from exc
    return folder


def _checkpoint(db_path: Path) -> None:
    # Fold the write-ahead log into the file so the backup taken next is the newest state.
    try:
        connection = connect(db_path)
        try:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()
    except (*errors(), DatabaseError):
        pass


def _staged(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".restoring")


def remove_leftovers(db_path: Path) -> None:
    """Remove what a backup or restore cut off midway left beside `db_path`.

    The caller holds the database lock, so no restore is running; backups check
    their own lock (see backup.remove_leftovers)."""
    staged = _staged(db_path)
    leftovers = [staged, keyslots.slots_path(staged),
                 *staged.parent.glob(glob_escape(staged.name) + ".partial*")]
    from coordinator_app.core.crypto.encryption import staged_copies

    leftovers += staged_copies(db_path)
    if header_of(db_path) == HEADER:
        # Key slots beside a plain database: a switch to encryption cut off before the
        # encrypted copy took its place, or from it after the plain one did.
        leftovers.append(keyslots.slots_path(db_path))
    for path in leftovers:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass
    backup.remove_leftovers(db_path)


@dataclass(frozen=True)
class Restored:
    restored_from: Path
    set_aside: Path | None
    safety_backup: Path | None


def restore_backup(db_path: Path, source: Path) -> Restored:
    """Replace the database at `db_path` with the backup `source`.

    The caller must hold the database lock (nobody else may have it open). The
    backup is checked fully first; the current file is kept aside, never deleted.
    """
    from coordinator_app.core.store.migrate import written_by_newer_version

    db_path = Path(db_path)
    source = Path(source).expanduser().resolve()
    # Everything that can refuse is asked before anything is moved or copied.
    target = identify(db_path)
    if target.kind not in REPLACEABLE:
        raise DatabaseError(_("{problem} Nothing was restored.").format(
            problem=target.problem()))
    found = identify(source)
    if found.kind is FileKind.ENCRYPTED:
        raise DatabaseError(_(
            "The backup {path} is encrypted: the passphrase or recovery key it was made "
            "with is needed to restore it. Nothing was restored.").format(path=source))
    if found.kind is FileKind.NOT_SQLITE:
        problems = [_("it is not an SQLite file, or its first page is damaged")]
    elif found.kind in (FileKind.COORDINATOR, FileKind.DAMAGED):
        problems = check_file(source).problems or (
            [found.reason] if found.kind is FileKind.DAMAGED else [])
    else:
        raise DatabaseError(_("{problem} It was not restored.").format(problem=found.problem()))
    if problems:
        raise DatabaseError(_("The backup {path} is damaged ({problem}); it was not restored.")
                            .format(path=source, problem=problems[0]))
    if written_by_newer_version(found.revision):
        raise DatabaseError(_(
            "The backup {path} was written by a newer version of Coordinator (schema "
            "{revision}), which this version cannot open; it was not restored.").format(
            path=source, revision=found.revision))
    remove_leftovers(db_path)
    safety = None
    if db_path.exists() and assess(db_path, unclean=True).sound:
        _checkpoint(db_path)
        safety = backup.create_backup(db_path, reason="before-restore")
    # The copy is made and checked beside the database first, so that a power cut
    # at any moment leaves either the old file or the restored one in place (or, between
    # two renames, none: start-up then offers the newest backup again).
    staged = _staged(db_path)
    backup.copy_database(source, staged)
    aside = set_aside(db_path)
    try:
        if found.encrypted:
            # Key slots first: a database in place is never without them.
            os.replace(keyslots.slots_path(staged), keyslots.slots_path(db_path))
        os.replace(staged, db_path)
        backup.fsync_dir(db_path.parent)
    except OSError as exc:
        # Put the old file back rather than leave no database at all.
        if aside is not None:
            for moved in aside.iterdir():
                os.replace(moved, db_path.parent / moved.name)
        raise DatabaseError(_("Could not put the restored copy in place: {reason}. The "
                              "database was left as it was.").format(reason=exc.strerror)
                            ) from exc
    return Restored(restored_from=source, set_aside=aside, safety_backup=safety)
