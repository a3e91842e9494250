"""`check`: exit 0 only if the database is sound."""

from __future__ import annotations

import argparse
import sys

from coordinator_app.core.integrity import check_file
from coordinator_app.core.paths import default_db_path
from coordinator_app.i18n import _


def register(subparsers) -> None:
    check = subparsers.add_parser("check", help=_("check the database; exit 0 only if sound"))
    check.add_argument("--restore", action="store_true",
                       help=_("if it is damaged, restore the newest sound backup"))
    check.set_defaults(handler=run_check)


def run_check(args: argparse.Namespace) -> int:
    path = (args.db or default_db_path()).expanduser().resolve()
    report = check_file(path)
    if report.sound:
        print(_("{path}: sound").format(path=path))
        return 0
    print(_("{path}: problems found:").format(path=path), file=sys.stderr)
    for problem in report.problems:
        print(f"  - {problem}", file=sys.stderr)
    from coordinator_app.commands.backups import offer_restore

    return offer_restore(path, perform=args.restore)
