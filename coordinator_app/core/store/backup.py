"""Online backups through SQLite's backup API: never a file copy of a live database.

Each backup is written to a temporary file, fsynced, checked with
`PRAGMA quick_check`, then renamed into place, so a backup on disk is whole; the
files of a backup cut off midway are removed once no backup is being written (see
core.store.backup_lock), and a backup that would not fit on the disk is not started.
Backups are thinned to the last few, one a day for two weeks and one a week for
two months, within a disk budget (size_budget); a second folder chosen by the
user (a USB stick) gets a copy too.

A backup of an encrypted database is encrypted with the same key, and its key
slots are copied beside it (`<backup>.sqlite3.keys`): a backup is that pair, and
one whose key file cannot be written is not made, rather than found unreadable
on the day it is needed.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from glob import escape as glob_escape
from pathlib import Path

from coordinator_app.core.crypto import keyring, keyslots
from coordinator_app.core.store import backup_lock
from coordinator_app.core.store.connect import HEADER, connect, errors, header_of
from coordinator_app.core.errors import CoordinatorError, DatabaseError
from coordinator_app.core.store.file_modes import private_data_dir, private_dir, tighten
from coordinator_app.core.records.ids import utcnow
# fsync_dir is part of this module's interface (recovery uses it from here).
from coordinator_app.core.store.safe_write import (  # noqa: F401
    free_bytes, fsync_dir, reason_text, replacing, write_bytes)
from coordinator_app.i18n import _, ngettext

SUFFIX = ".sqlite3"
STAMP = "%Y%m%dT%H%M%S%fZ"
KEEP_RECENT = 10
KEEP_DAILY = 14
KEEP_WEEKLY = 8
#: The newest backups are never removed to save space.
KEEP_ALWAYS = 3
BUDGET_COPIES = 12
MIN_BUDGET_BYTES = 2 * 1024**3
#: Older than this, with changes since, and the status bar warns.
STALE_AFTER = timedelta(days=1)
SETTINGS_FILE = "backup-settings.json"
FAILURE_FILE = "last-failure.json"

_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{12}Z)-(?P<reason>[\w.-]+)"
                   + re.escape(SUFFIX) + "$")


def default_backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime
    reason: str


@dataclass(frozen=True)
class BackupHealth:
    """What the status bar says about backups: when the last one was, and any warning."""

    last_backup: datetime | None
    warning: str | None


#: Room for SQLite's -journal, -wal and -shm beside a backup being written.
SIDE_FILES_BYTES = 256 * 1024
_PARTIAL = ".partial"


def _megabytes(size: int) -> str:
    from coordinator_app.core.text.formatting import format_number

    return format_number(round(size / 1024**2, 1))


def _full_text(free: int, need: int) -> str:
    return _("the disk is full ({free} MB free, the backup needs about {need} MB)").format(
        free=_megabytes(free), need=_megabytes(need))


def _forget_installation(connection: sqlite3.Connection) -> None:
    """A copy opened later (restored, or copied back by hand) must not write as the
    device it was copied from: without the installation that opened it, it starts
    a new device id at open (core.store.db) and keeps its journal."""
    try:
        with connection:
            connection.execute("UPDATE replica SET installation_id = NULL, opened_path = NULL")
    except errors("OperationalError"):
        pass  # a schema from before revision 0006: its device id is renewed at open anyway


def copy_database(source: Path, target: Path) -> None:
    """Copy a (possibly live) database to `target` safely and verify the copy.

    Nothing is left behind when it fails, and a copy that cannot fit is not begun. An
    encrypted source gives an encrypted copy with the source's key slots beside it."""
    partial = target.with_name(target.name + _PARTIAL)
    need = 0
    slots = key = None
    if header_of(source) not in (HEADER, b""):
        # Encrypted (or no SQLite file at all): its key slots are read first, since an
        # encrypted backup without them could never be opened.
        slots, key = keyslots.read_slots(source), keyring.key_for(source)
    try:
        src = connect(source, query="mode=ro")
        try:
            # int(): SQLCipher answers this pragma with text.
            page_size = int(src.execute("PRAGMA page_size").fetchone()[0])
            need = src.execute("PRAGMA page_count").fetchone()[0] * page_size + SIDE_FILES_BYTES
            free = _room(target)
            if free is not None and free < need:
                raise DatabaseError(_("Could not write the backup {target}: {reason}.").format(
                    target=target, reason=_full_text(free, need)))
            private_dir(target.parent, tighten_existing=False)
            with replacing(target, temporary=partial):
                dst = connect(partial, key=key, encrypted=slots is not None)
                try:
                    src.backup(dst)
                    _forget_installation(dst)
                    dst.execute("PRAGMA journal_mode=DELETE")
                    verdict = dst.execute("PRAGMA quick_check").fetchone()[0]
                finally:
                    dst.close()
                if verdict != "ok":
                    raise DatabaseError(_("The backup of {source} failed its check: {verdict}.")
                                        .format(source=source, verdict=verdict))
                if slots is not None:
                    # Before the copy takes its name: a copy in place is never without them.
                    keyslots.write_slots(target, slots)
        finally:
            src.close()
    except (*errors(), OSError) as exc:
        _remove_partial(partial)
        reason = reason_text(exc)
        free = _room(target)
        # A stick that fills up midway may answer "disk I/O error" rather than "full".
        if need and free is not None and free < need:
            reason = _full_text(free, need)
        raise DatabaseError(_("Could not write the backup {target}: {reason}.").format(
            target=target, reason=reason)) from exc
    finally:
        _remove_partial(partial)
        if slots is not None and not target.exists():
            _unlink(keyslots.slots_path(target))


def _room(target: Path) -> int | None:
    # Asked of the nearest folder there is: a refusal must not leave a new, empty folder.
    return free_bytes(next(p for p in target.parents if p.exists()))


def _remove_partial(partial: Path) -> None:
    for path in (partial, *(partial.with_name(partial.name + s) for s in ("-journal", "-wal",
                                                                          "-shm"))):
        _unlink(path)


def remove_partials(db_path: Path, folder: Path) -> list[Path]:
    """Remove the files of backups of `db_path` in `folder` that were cut off midway.

    Only for a caller holding the backup lock: then none of them is being written."""
    try:
        partials = list(folder.glob(f"{glob_escape(db_path.stem)}-*{SUFFIX}{_PARTIAL}*"))
    except OSError:
        return []
    return [p for p in partials if _unlink(p)]


def remove_leftovers(db_path: Path) -> list[Path]:
    """At start-up: remove cut-off backups in the backups folder and the extra folder,
    unless a backup of this database is being written right now."""
    folders = [default_backup_dir(db_path), extra_backup_dir()]
    try:
        with backup_lock.holding(db_path, wait=0) as held:
            if not held:
                return []
            return [p for f in folders if f is not None for p in remove_partials(db_path, f)]
    except backup_lock.BackupBusy:
        return []


def create_backup(db_path: Path, dest_dir: Path | None = None, *, reason: str = "manual") -> Path:
    """Back up `db_path` into `dest_dir` (the backups folder beside it by default)."""
    with backup_lock.holding(db_path) as held:
        return _write_backup(db_path, dest_dir, reason, held)


def _write_backup(db_path: Path, dest_dir: Path | None, reason: str, held: bool) -> Path:
    folder = dest_dir or default_backup_dir(db_path)
    if dest_dir is None:
        tighten(folder)  # made by an older version with the usual, open modes
    elif dest_dir.exists() and not dest_dir.is_dir():
        raise DatabaseError(_("{folder} is not a folder; choose a folder for the backup.")
                            .format(folder=dest_dir))
    if held:
        remove_partials(db_path, folder)
    target = backup_target(db_path, folder, reason)
    copy_database(db_path, target)
    return target


def backup_target(db_path: Path, folder: Path, reason: str) -> Path:
    """Where a backup of `db_path` taken now, for `reason`, goes in `folder`."""
    return folder / f"{db_path.stem}-{utcnow().strftime(STAMP)}-{reason}{SUFFIX}"


def parse_backup_name(path: Path, stem: str | None = None) -> BackupFile | None:
    match = _NAME.match(path.name)
    if not match or (stem is not None and match["stem"] != stem):
        return None
    # Read by slices, not strptime: its first call loads the _strptime module and builds
    # its patterns, some 10 ms of the first window, which says when the last backup was.
    stamp = match["stamp"]
    taken = datetime(int(stamp[:4]), int(stamp[4:6]), int(stamp[6:8]), int(stamp[9:11]),
                     int(stamp[11:13]), int(stamp[13:15]), int(stamp[15:21]),
                     tzinfo=timezone.utc)
    return BackupFile(path=path, taken_at=taken, reason=match["reason"])


def list_backups(db_path: Path, folders: list[Path] | None = None) -> list[BackupFile]:
    """Backups of `db_path` in its backups folder (and any extra folder), newest first."""
    if folders is None:
        folders = [default_backup_dir(db_path)]
        extra = extra_backup_dir()
        if extra is not None:
            folders.append(extra)
    found: list[BackupFile] = []
    for folder in folders:
        try:
            entries = list(folder.iterdir())
        except OSError:
            continue  # a USB stick that is not plugged in
        for entry in entries:
            parsed = parse_backup_name(entry, db_path.stem)
            if parsed is not None and entry.is_file():
                found.append(parsed)
    found.sort(key=lambda b: b.taken_at, reverse=True)
    return found


def backups_to_keep(backups: list[BackupFile], now: datetime | None = None) -> set[Path]:
    """The last KEEP_RECENT, the newest of each of the last KEEP_DAILY days and of the
    last KEEP_WEEKLY weeks."""
    now = now or utcnow()
    ordered = sorted(backups, key=lambda b: b.taken_at, reverse=True)
    keep = {b.path for b in ordered[:KEEP_RECENT]}
    days: set = set()
    weeks: set = set()
    for backup in ordered:
        age = now - backup.taken_at
        day = backup.taken_at.date()
        week = backup.taken_at.isocalendar()[:2]
        if age <= timedelta(days=KEEP_DAILY) and day not in days:
            days.add(day)
            keep.add(backup.path)
        if age <= timedelta(weeks=KEEP_WEEKLY) and week not in weeks:
            weeks.add(week)
            keep.add(backup.path)
    return keep


def thin_backups(db_path: Path, folder: Path, now: datetime | None = None) -> list[Path]:
    """Delete the backups in `folder` that `backups_to_keep` does not keep."""
    backups = list_backups(db_path, [folder])
    keep = backups_to_keep(backups, now)
    removed = []
    for backup in backups:
        if backup.path not in keep and remove_backup(backup.path):
            removed.append(backup.path)
    # Thirty copies of a 500 MB database would fill a small laptop disk: past the
    # budget the oldest go first, but never the newest few.
    kept = [b for b in backups if b.path in keep]  # newest first
    sizes = {b.path: _size(b.path) for b in kept}
    total = sum(sizes.values())
    budget = size_budget(db_path)
    for backup in reversed(kept[KEEP_ALWAYS:]):
        if total <= budget:
            break
        if remove_backup(backup.path):
            total -= sizes[backup.path]
            removed.append(backup.path)
    return removed


def size_budget(db_path: Path) -> int:
    """How many bytes of backups one folder may hold: room for BUDGET_COPIES copies of
    the database, and never less than MIN_BUDGET_BYTES."""
    return max(MIN_BUDGET_BYTES, BUDGET_COPIES * _size(db_path))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def remove_backup(path: Path) -> bool:
    """Delete a backup and its key slots, if it has any."""
    if not _unlink(path):
        return False
    _unlink(keyslots.slots_path(path))
    return True


def _unlink(path: Path) -> bool:
    try:
        path.unlink()
    except OSError:
        return False
    return True


@dataclass(frozen=True)
class BackupOutcome:
    """One backup run: the file made (None if it failed), why it failed, and any problem
    with the extra folder (the backup itself is then still on this computer)."""

    made: Path | None
    failure: str | None
    extra_problem: str | None
    seq: int


def run_backup(db_path: Path, reason: str) -> BackupOutcome:
    """Back up, thin, copy to the extra folder and remember a failure: what the app's
    scheduler does on its timer and at exit. Never raises for a disk problem."""
    seq = journal_seq(db_path)
    try:
        with backup_lock.holding(db_path) as held:
            made = _write_backup(db_path, None, reason, held)
            clear_failure(db_path)
            thin_backups(db_path, made.parent)
            return BackupOutcome(made, None, _copy_to_extra(db_path, made, held), seq)
    except CoordinatorError as exc:
        record_failure(db_path, str(exc))
        return BackupOutcome(None, str(exc), None, seq)


def _copy_to_extra(db_path: Path, made: Path, held: bool) -> str | None:
    """Copy a fresh backup to the user's extra folder; the problem, if any, as text."""
    chosen, extra = extra_folder(), extra_backup_dir()
    if chosen is None or extra is None:
        return None
    if not chosen.is_dir():
        return _("The backup folder {folder} is not available (is the USB stick plugged "
                 "in?); the backup was kept on this computer.").format(folder=chosen)
    tighten(extra)
    if held:
        remove_partials(db_path, extra)
    try:
        copy_database(made, extra / made.name)
    except CoordinatorError as exc:
        return str(exc)
    thin_backups(db_path, extra)
    return None


# -- the user's extra folder ------------------------------------------------------------

def _settings_path() -> Path:
    from coordinator_app.core.store.paths import data_dir

    return data_dir() / SETTINGS_FILE


def extra_folder() -> Path | None:
    """The second folder every backup is copied to (a USB stick), if the user chose one."""
    try:
        settings = json.loads(_settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    folder = settings.get("extra_folder") if isinstance(settings, dict) else None
    return Path(folder) if folder else None


def extra_backup_dir() -> Path | None:
    """This computer's folder inside the extra folder. Several laptops may share one USB
    stick: each thins and restores only its own backups (named by the computer, which
    is known even when the database is too damaged to say whose it is)."""
    chosen = extra_folder()
    if chosen is None:
        return None
    # Imported here: its enums cost every start a few ms, before any backup is due.
    import socket

    name = re.sub(r"[^\w.-]+", "_", socket.gethostname()).strip("._") or "computer"
    return chosen / name


def set_extra_folder(folder: Path | None) -> None:
    private_data_dir()
    write_bytes(_settings_path(), json.dumps(
        {"extra_folder": str(Path(folder).expanduser().resolve()) if folder else None}
    ).encode("utf-8"))


# -- how fresh are the backups -----------------------------------------------------------

def journal_seq(path: Path) -> int:
    """The newest change number in the database (0 if none, or it cannot be read)."""
    try:
        connection = connect(path, query="mode=ro")
    except (*errors(), DatabaseError):  # DatabaseError: encrypted and not unlocked
        return 0
    try:
        return connection.execute("SELECT max(seq) FROM changes").fetchone()[0] or 0
    except errors():
        return 0
    finally:
        connection.close()


def holds_records(path: Path) -> bool:
    """Whether the database holds any record of its own (an organisation, a person, an
    agreement…); the standard priority areas a new database starts with do not count.
    An empty database is not worth a warning that it has no backup."""
    # The registry's digest, not the registry: the first window asks this before the
    # models are loaded.
    from coordinator_app.core.records.kind_digest import KINDS

    try:
        connection = connect(path, query="mode=ro")
    except (*errors(), DatabaseError):  # DatabaseError: encrypted and not unlocked
        return True  # cannot tell: warn rather than stay silent
    try:
        return any(connection.execute(
            f"SELECT EXISTS (SELECT 1 FROM {spec['table']} "
            "WHERE deleted_at IS NULL)").fetchone()[0]
            for spec in KINDS.values() if spec["top_level"])
    except errors():
        return True
    finally:
        connection.close()


def record_failure(db_path: Path, reason: str) -> None:
    """Remember that a backup failed, so the status bar can say so until one succeeds."""
    folder = default_backup_dir(db_path)
    try:
        private_dir(folder)
        write_bytes(folder / FAILURE_FILE, json.dumps(
            {"at": utcnow().isoformat(), "reason": reason}).encode("utf-8"))
    except (OSError, CoordinatorError):
        pass  # the same disk that failed the backup; the scheduler still reports it


def failed_text(reason: str) -> str:
    return _("The last backup failed. {reason} Check the disk and make a backup now.").format(
        reason=reason)


def clear_failure(db_path: Path) -> None:
    try:
        (default_backup_dir(db_path) / FAILURE_FILE).unlink(missing_ok=True)
    except OSError:
        pass


def last_failure(db_path: Path) -> tuple[datetime, str] | None:
    try:
        data = json.loads((default_backup_dir(db_path) / FAILURE_FILE).read_text("utf-8"))
        return datetime.fromisoformat(data["at"]), str(data["reason"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def backup_health(db_path: Path, now: datetime | None = None) -> BackupHealth:
    """When the last backup was taken, and a warning if backups fail or are old."""
    db_path = Path(db_path)
    now = now or utcnow()
    backups = list_backups(db_path)
    last = backups[0] if backups else None
    failure = last_failure(db_path)
    if failure is not None and (last is None or failure[0] >= last.taken_at):
        return BackupHealth(last.taken_at if last else None, failed_text(failure[1]))
    current = journal_seq(db_path)
    if last is None:
        warning = (_("There is no backup of this database yet.")
                   if current and holds_records(db_path) else None)
        return BackupHealth(None, warning)
    if now - last.taken_at > STALE_AFTER and current > journal_seq(last.path):
        days = max(1, (now - last.taken_at).days)
        return BackupHealth(last.taken_at, ngettext(
            "The last backup is {days} day old and there are changes since. "
            "Make a backup now.",
            "The last backup is {days} days old and there are changes since. "
            "Make a backup now.", days).format(days=days))
    return BackupHealth(last.taken_at, None)
