"""`backup create [DEST]`, `backup list`, `backup restore FILE`, `backup folder [PATH]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coordinator_app.commands import DATABASE, database_file, print_json
from coordinator_app.commands.passphrases import unlock
from coordinator_app.core.store import backup
from coordinator_app.core.store.dbfile import REPLACEABLE, FileKind, identify
from coordinator_app.core.errors import CoordinatorError
from coordinator_app.core.store.recovery import restore_backup
from coordinator_app.i18n import _


def register(subparsers) -> None:
    group = subparsers.add_parser("backup", help=_("make, list and restore backups"))
    actions = group.add_subparsers(dest="backup_command", metavar="ACTION", required=True)

    create = actions.add_parser("create", help=_("back the database up now"))
    create.add_argument("dest", nargs="?", type=Path, metavar="DEST",
                        help=_("folder for the backup (default: the backups folder beside "
                               "the database, and the extra backup folder if one is set)"))
    create.set_defaults(handler=run_create)

    listing = actions.add_parser("list", help=_("list the backups, newest first"))
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    listing.set_defaults(handler=run_list)

    restore = actions.add_parser(
        "restore", help=_("replace the database with a backup (the current one is kept aside)"))
    restore.add_argument("file", type=Path, metavar="FILE")
    restore.set_defaults(handler=run_restore)

    folder = actions.add_parser(
        "folder", help=_("show or set the extra folder every backup is copied to (a USB stick)"))
    folder.add_argument("path", nargs="?", type=Path, metavar="PATH")
    folder.add_argument("--none", action="store_true", help=_("stop copying to an extra folder"))
    folder.set_defaults(handler=run_folder)


def run_create(args: argparse.Namespace) -> int:
    # Through SQLite's backup API, which reads: no lock, so it may run beside the app.
    with database_file(args, accept=DATABASE) as found:
        path = found.path
    if args.dest is not None:
        made = backup.create_backup(path, args.dest.expanduser().resolve())
        print(_("Backup written and checked: {path}").format(path=made))
        return 0
    outcome = backup.run_backup(path, "manual")
    if outcome.made is None:
        raise CoordinatorError(outcome.failure)
    print(_("Backup written and checked: {path}").format(path=outcome.made))
    extra = backup.extra_backup_dir()
    if outcome.extra_problem:
        print(outcome.extra_problem, file=sys.stderr)
    elif extra is not None:
        print(_("Copied to {path}").format(path=extra / outcome.made.name))
    return 0


def run_list(args: argparse.Namespace) -> int:
    # The database itself may be gone: its backups are what is left to restore from.
    with database_file(args, accept=REPLACEABLE, unlock=False) as database:
        path = database.path
    found = backup.list_backups(path)
    if args.json:
        print_json([{"path": str(b.path), "taken_at": b.taken_at.isoformat(),
                     "reason": b.reason, "bytes": b.path.stat().st_size} for b in found])
        return 0
    if not found:
        print(_("No backups of {path} yet.").format(path=path))
    for item in found:
        print(f"{item.taken_at:%Y-%m-%d %H:%M:%S} UTC  {item.reason:<24} {item.path}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    source = args.file.expanduser().resolve()
    if not source.is_file():
        raise CoordinatorError(_("There is no backup file {path}.").format(path=source))
    if identify(source).kind is FileKind.ENCRYPTED:
        # The passphrase (or recovery key) the backup was made with, asked before the
        # lock is taken or anything is moved.
        unlock(source)
    # The lock refuses while the app has the database open; left marked unclean, so
    # that the restored file gets a quick_check at the next start.
    with database_file(args, accept=REPLACEABLE, writes=True, release_clean=False,
                       unlock=False) as found:
        done = restore_backup(found.path, source)
    print(_("Restored {path} from {source}.").format(path=found.path, source=source))
    if done.set_aside is not None:
        print(_("The previous database was kept in {folder}.").format(folder=done.set_aside))
    return 0


def run_folder(args: argparse.Namespace) -> int:
    if args.none:
        backup.set_extra_folder(None)
    elif args.path is not None:
        folder = args.path.expanduser().resolve()
        if not folder.is_dir():
            raise CoordinatorError(_("{folder} is not a folder.").format(folder=folder))
        backup.set_extra_folder(folder)
    current = backup.extra_folder()
    print(_("Extra backup folder: {folder}").format(folder=current) if current
          else _("No extra backup folder is set."))
    return 0


def offer_restore(args: argparse.Namespace, path: Path, *, perform: bool) -> int:
    """After `check` found damage: name the newest sound backup, or restore it.
    Exit status 1 (still damaged) unless a backup was restored."""
    from coordinator_app.core.store.recovery import newest_sound_backup

    candidate = newest_sound_backup(path)
    if candidate is None:
        print(_("No sound backup was found in {folder}; the damaged file was left as it is.")
              .format(folder=backup.default_backup_dir(path)), file=sys.stderr)
        return 1
    if not perform:
        print(_("The newest sound backup is {path} ({when} UTC). To restore it (the damaged "
                "file is kept aside): coordinator --db {db} check --restore").format(
            path=candidate.path, when=f"{candidate.taken_at:%Y-%m-%d %H:%M}", db=path),
            file=sys.stderr)
        return 1
    with database_file(args, accept=REPLACEABLE, writes=True, release_clean=False):
        done = restore_backup(path, candidate.path)
    print(_("Restored {path} from {source} ({when} UTC); the damaged file was kept in "
            "{folder}.").format(path=path, source=candidate.path,
                                 when=f"{candidate.taken_at:%Y-%m-%d %H:%M}",
                                 folder=done.set_aside))
    return 0
