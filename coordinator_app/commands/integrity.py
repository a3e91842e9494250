"""`check`: exit 0 only if the database is sound."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

from coordinator_app.core.integrity import check_file
from coordinator_app.core.paths import default_db_path
from coordinator_app.i18n import _


def register(subparsers) -> None:
    check = subparsers.add_parser("check", help=_("check the database; exit 0 only if sound"))
    check.add_argument("--restore", action="store_true",
                       help=_("if it is damaged, restore the newest sound backup"))
    check.set_defaults(handler=run_check)


def data_problems(path: Path) -> list[str]:
    """What SQLite's own checks cannot see: attachments whose bytes were damaged."""
    from coordinator_app.core.attachments import damaged_attachments

    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        has_table = connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                                       "AND name = 'attachments'").fetchone()
        damaged = damaged_attachments(connection) if has_table else []
    except sqlite3.DatabaseError as exc:
        return [_("the records cannot be read: {reason}").format(reason=exc)]
    finally:
        connection.close()
    return [_("the attachment “{name}” is damaged (its content does not match its checksum)")
            .format(name=name) for name in damaged]


def run_check(args: argparse.Namespace) -> int:
    path = (args.db or default_db_path()).expanduser().resolve()
    report = check_file(path)
    if report.sound:
        report.problems.extend(data_problems(path))
    if report.sound:
        print(_("{path}: sound").format(path=path))
        return 0
    print(_("{path}: problems found:").format(path=path), file=sys.stderr)
    for problem in report.problems:
        print(f"  - {problem}", file=sys.stderr)
    from coordinator_app.commands.backups import offer_restore

    return offer_restore(path, perform=args.restore)
