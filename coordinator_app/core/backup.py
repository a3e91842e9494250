"""Online backups through SQLite's backup API: never a file copy of a live database.

Each backup is written to a temporary file, fsynced, checked with
`PRAGMA quick_check`, then renamed into place, so a backup on disk is whole.
Backups are thinned to the last few, one a day for two weeks and one a week for
two months, within a disk budget (size_budget); a second folder chosen by the
user (a USB stick) gets a copy too.
"""

from __future__ import annotations

import errno
import json
import os
import re
import socket
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from glob import escape as glob_escape
from pathlib import Path

from coordinator_app.core.errors import DatabaseError
from coordinator_app.core.ids import utcnow
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


def fsync_dir(folder: Path) -> None:
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


def _reason_text(exc: BaseException) -> str:
    # OSError carries an errno; SQLite only says it in words ("database or disk is full").
    code = exc.errno if isinstance(exc, OSError) else None
    words = str(exc).lower()
    if code == errno.ENOSPC or "full" in words:
        return _("the disk is full")
    if code == errno.EROFS or "readonly" in words or "read-only" in words:
        return _("the disk is read-only")
    return str(getattr(exc, "strerror", None) or exc)


def copy_database(source: Path, target: Path) -> None:
    """Copy a (possibly live) database to `target` safely and verify the copy."""
    partial = target.with_name(target.name + ".partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")
                verdict = dst.execute("PRAGMA quick_check").fetchone()[0]
            finally:
                dst.close()
        finally:
            src.close()
        if verdict != "ok":
            raise DatabaseError(_("The backup of {source} failed its check: {verdict}.")
                                .format(source=source, verdict=verdict))
        with partial.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
        fsync_dir(target.parent)
    except (sqlite3.Error, OSError) as exc:
        try:
            partial.unlink(missing_ok=True)
        except OSError:
            pass
        raise DatabaseError(_("Could not write the backup {target}: {reason}.").format(
            target=target, reason=_reason_text(exc))) from exc


def create_backup(db_path: Path, dest_dir: Path | None = None, *, reason: str = "manual") -> Path:
    """Back up `db_path` into `dest_dir` (the backups folder beside it by default)."""
    folder = dest_dir or default_backup_dir(db_path)
    stamp = utcnow().strftime(STAMP)
    target = folder / f"{db_path.stem}-{stamp}-{reason}{SUFFIX}"
    copy_database(db_path, target)
    return target


def parse_backup_name(path: Path, stem: str | None = None) -> BackupFile | None:
    match = _NAME.match(path.name)
    if not match or (stem is not None and match["stem"] != stem):
        return None
    taken = datetime.strptime(match["stamp"], STAMP).replace(tzinfo=timezone.utc)
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


def _remove_stale_partials(db_path: Path, folder: Path) -> None:
    cutoff = utcnow().timestamp() - 3600  # younger ones may still be being written
    try:
        partials = list(folder.glob(f"{glob_escape(db_path.stem)}-*{SUFFIX}.partial*"))
    except OSError:
        return
    for partial in partials:
        try:
            if partial.stat().st_mtime < cutoff:
                partial.unlink()
        except OSError:
            continue


def thin_backups(db_path: Path, folder: Path, now: datetime | None = None) -> list[Path]:
    """Delete the backups in `folder` that `backups_to_keep` does not keep, and the
    partial files of backups that were cut off (by a power cut) over an hour ago."""
    _remove_stale_partials(db_path, folder)
    backups = list_backups(db_path, [folder])
    keep = backups_to_keep(backups, now)
    removed = []
    for backup in backups:
        if backup.path not in keep and _unlink(backup.path):
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
        if _unlink(backup.path):
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
        made = create_backup(db_path, reason=reason)
    except DatabaseError as exc:
        record_failure(db_path, str(exc))
        return BackupOutcome(None, str(exc), None, seq)
    clear_failure(db_path)
    thin_backups(db_path, made.parent)
    return BackupOutcome(made, None, copy_to_extra(db_path, made), seq)


def copy_to_extra(db_path: Path, made: Path) -> str | None:
    """Copy a fresh backup to the user's extra folder; the problem, if any, as text."""
    chosen, extra = extra_folder(), extra_backup_dir()
    if chosen is None or extra is None:
        return None
    if not chosen.is_dir():
        return _("The backup folder {folder} is not available (is the USB stick plugged "
                 "in?); the backup was kept on this computer.").format(folder=chosen)
    try:
        copy_database(made, extra / made.name)
    except DatabaseError as exc:
        return str(exc)
    thin_backups(db_path, extra)
    return None


# -- the user's extra folder ------------------------------------------------------------

def _settings_path() -> Path:
    from coordinator_app.core.paths import data_dir

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
    name = re.sub(r"[^\w.-]+", "_", socket.gethostname()).strip("._") or "computer"
    return chosen / name


def set_extra_folder(folder: Path | None) -> None:
    path = _settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with partial.open("w", encoding="utf-8") as handle:
        json.dump({"extra_folder": str(Path(folder).expanduser().resolve()) if folder
                   else None}, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)


# -- how fresh are the backups -----------------------------------------------------------

def journal_seq(path: Path) -> int:
    """The newest change number in the database (0 if none, or it cannot be read)."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return 0
    try:
        return connection.execute("SELECT max(seq) FROM changes").fetchone()[0] or 0
    except sqlite3.Error:
        return 0
    finally:
        connection.close()


def record_failure(db_path: Path, reason: str) -> None:
    """Remember that a backup failed, so the status bar can say so until one succeeds."""
    folder = default_backup_dir(db_path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / FAILURE_FILE).write_text(json.dumps(
            {"at": utcnow().isoformat(), "reason": reason}), encoding="utf-8")
    except OSError:
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
        warning = _("There is no backup of this database yet.") if current else None
        return BackupHealth(None, warning)
    if now - last.taken_at > STALE_AFTER and current > journal_seq(last.path):
        days = max(1, (now - last.taken_at).days)
        return BackupHealth(last.taken_at, ngettext(
            "The last backup is {days} day old and there are changes since. "
            "Make a backup now.",
            "The last backup is {days} days old and there are changes since. "
            "Make a backup now.", days).format(days=days))
    return BackupHealth(last.taken_at, None)
