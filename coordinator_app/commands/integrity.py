"""`check`: exit 0 only if the database is sound."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coordinator_app.commands import database_file
from coordinator_app.core.store.connect import errors
from coordinator_app.core.store.dbfile import REPLACEABLE, FileKind, connect_read_only
from coordinator_app.core.errors import DatabaseError
from coordinator_app.core.store.integrity import check_file
from coordinator_app.i18n import _

#: What is wrong without being damage, so no backup is offered in its place: the
#: file is someone else's, or the fault is not in the file.
NOT_DAMAGE = frozenset({FileKind.FOREIGN, FileKind.BLANK, FileKind.UNREADABLE,
                        FileKind.LOG_UNREADABLE})


def register(subparsers) -> None:
    check = subparsers.add_parser("check", help=_("check the database; exit 0 only if sound"))
    check.add_argument("--restore", action="store_true",
                       help=_("if it is damaged, restore the newest sound backup"))
    check.set_defaults(handler=run_check)


def data_problems(path: Path) -> list[str]:
    """What SQLite's own checks cannot see: attachments whose bytes were damaged."""
    from coordinator_app.core.records.attachments import damaged_attachments

    try:
        connection = connect_read_only(path, checkpoint=False)
    except (*errors(), DatabaseError) as exc:
        return [_("the records cannot be read: {reason}").format(reason=exc)]
    try:
        has_table = connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                                       "AND name = 'attachments'").fetchone()
        damaged = damaged_attachments(connection) if has_table else []
    except errors("DatabaseError") as exc:
        return [_("the records cannot be read: {reason}").format(reason=exc)]
    finally:
        connection.close()
    return [_("the attachment “{name}” is damaged (its content does not match its checksum)")
            .format(name=name) for name in damaged]


def run_check(args: argparse.Namespace) -> int:
    with database_file(args, accept=REPLACEABLE) as found:
        path = found.path
    if found.kind in (FileKind.FOREIGN, FileKind.BLANK):
        problems = [found.problem()]  # sound to SQLite, yet none of ours
    else:
        problems = check_file(path).problems or data_problems(path)
    if not problems:
        print(_("{path}: sound").format(path=path))
        return 0
    print(_("{path}: problems found:").format(path=path), file=sys.stderr)
    for problem in problems:
        print(f"  - {problem}", file=sys.stderr)
    if found.kind in NOT_DAMAGE:
        return 1
    from coordinator_app.commands.backups import offer_restore

    return offer_restore(args, path, perform=args.restore)
