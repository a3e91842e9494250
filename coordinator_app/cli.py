"""The `coordinator` command: the desktop app, and the same services for scripts.

Each group of subcommands lives in a module of `coordinator_app.commands` that
has a `register(subparsers)` function; this file only parses, opens the database
and turns errors into messages.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from coordinator_app import __version__
from coordinator_app.i18n import LANGUAGES, _, set_language, system_language

#: Modules under coordinator_app.commands that add subcommands.
COMMAND_MODULES = ("data", "integrity")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coordinator",
        description=_("Partnerships between municipalities, offline. "
                      "With no command, opens the desktop app."),
    )
    parser.add_argument("--db", type=Path, metavar="FILE",
                        help=_("database file (default: in your user data folder)"))
    parser.add_argument("--lang", choices=LANGUAGES,
                        help=_("language of the interface and reports"))
    parser.add_argument("--debug", action="store_true", help=_("show tracebacks of errors"))
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"coordinator_app.commands.{name}").register(subparsers)
    return parser


def _language_from(argv: Sequence[str]) -> str:
    # Chosen before the parser is built, so that its help is translated too.
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGUAGES:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg[7:] in LANGUAGES:
            return arg[7:]
    return system_language()


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    set_language(_language_from(argv))
    args = build_parser().parse_args(argv)
    from coordinator_app.core.errors import CoordinatorError

    try:
        if args.command is None:
            from coordinator_app.ui.app import run_app

            return run_app(db_path=args.db, lang=args.lang)
        return args.handler(args) or 0
    except CoordinatorError as exc:
        if args.debug:
            raise
        print(_("coordinator: error: {message}").format(message=exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence for a person
        if args.debug:
            raise
        print(_("coordinator: unexpected error: {message} (run with --debug for details)")
              .format(message=exc), file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
