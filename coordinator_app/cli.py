"""The `coordinator` command: the desktop app, and the same services for scripts.

Each group of subcommands lives in a module of `coordinator_app.commands` that
has a `register(subparsers)` function; this file only parses, opens the database
and turns errors into messages.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from coordinator_app import __version__
from coordinator_app.i18n import LANGUAGES, _, set_language, system_language

#: Modules under coordinator_app.commands that add subcommands.
COMMAND_MODULES = ("data", "changes", "integrity", "backups", "generate", "duplicates",
                   "reports", "interchange", "encryption", "hub", "sync")
#: A sync bundle's file name ends so; the desktop opens one as `coordinator FILE`.
SYNC_BUNDLE_SUFFIX = ".coordsync"


def build_parser(commands: bool = True) -> argparse.ArgumentParser:
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
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}",
                        help=_("show the program's version number and exit"))
    if not commands:
        # `coordinator` alone opens the app: the command modules import the database
        # code, and the app shows its window before it needs that.
        parser.add_argument("bundle", nargs="?", type=Path, metavar="FILE" + SYNC_BUNDLE_SUFFIX,
                            help=_("a sync bundle to open in the app"))
        parser.set_defaults(command=None)
        return parser
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"coordinator_app.commands.{name}").register(subparsers)
    _accept_everywhere(parser)
    return parser


def _accept_everywhere(parser: argparse.ArgumentParser) -> None:
    """Let `--db` and `--debug` also follow the command (`coordinator list people --db F`).

    SUPPRESS keeps a subcommand from overwriting a value given before the command.
    """
    for action in parser._actions:  # argparse has no public walk over subparsers
        if not isinstance(action, argparse._SubParsersAction):
            continue
        for sub in set(action.choices.values()):
            if "--db" not in sub._option_string_actions:
                sub.add_argument("--db", type=Path, metavar="FILE", default=argparse.SUPPRESS,
                                 help=_("database file (default: in your user data folder)"))
            if "--debug" not in sub._option_string_actions:
                sub.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                                 help=_("show tracebacks of errors"))
            _accept_everywhere(sub)


def _language_from(argv: Sequence[str]) -> str:
    """The interface language: `--lang` given before the command, else the system's.

    Chosen before the parser is built, so that its help is translated too. A
    `--lang` after the command belongs to it (`report … --lang lt` is the language
    of the PDF), not to the messages printed here.
    """
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGUAGES:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg[7:] in LANGUAGES:
            return arg[7:]
        if arg == "--db":
            i += 1  # its value may be anything, even a word that looks like a command
        elif not arg.startswith("-"):
            break  # the command
        i += 1
    return system_language()


def _names_a_command(argv: Sequence[str]) -> bool:
    """Whether `argv` names a command or asks for help: the whole parser is needed.
    A sync bundle's path (what a double click on one passes) is not a command."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in ("-h", "--help"):
            return True
        if not arg.startswith("-"):
            return not arg.lower().endswith(SYNC_BUNDLE_SUFFIX)
        i += 2 if arg in ("--db", "--lang") else 1  # skip the option's value
    return False


def _utf8_output() -> None:
    # Names are Cyrillic and Lithuanian; a Windows console or a pipe may default to a
    # code page that cannot write them, which would turn a listing into an error.
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _utf8_output()
    set_language(_language_from(argv))
    parser = build_parser(commands=_names_a_command(argv))
    args = parser.parse_args(argv)
    from coordinator_app.core.errors import CoordinatorError

    try:
        if args.command is None:
            from coordinator_app.ui.app import run_app

            return run_app(db_path=args.db, lang=args.lang, bundle=args.bundle)
        _refuse_broken_text(args, parser)
        return args.handler(args) or 0
    except CoordinatorError as exc:
        if args.debug:
            raise
        print(_("coordinator: error: {message}").format(message=exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `coordinator list people | head`: the reader has all it wanted. Python's
        # recipe: point stdout at devnull so flushing it at exit does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # noqa: BLE001 - the last line of defence for a person
        if args.debug:
            raise
        # Not the exception's text: it may quote a name, a phone number or a note
        # (SQLite's errors quote the statement's values). Its type says what kind of
        # fault it was; the traceback goes to the log.
        logged = _log_unexpected(exc)
        kind = type(exc).__name__
        print(_("coordinator: unexpected error ({kind}). The details are in {path}; run with "
                "--debug to see them here.").format(kind=kind, path=logged) if logged else
              _("coordinator: unexpected error ({kind}). Run with --debug to see the "
                "details.").format(kind=kind), file=sys.stderr)
        return 2


def _refuse_broken_text(args: argparse.Namespace, parser: argparse.ArgumentParser) -> None:
    """Text that is not Unicode (bytes that are not UTF-8 reach Python as lone
    surrogates) can be neither searched for nor stored: say so, and which argument."""
    from coordinator_app.core.errors import CoordinatorError

    for dest, value in vars(args).items():
        values = value if isinstance(value, list) else [value]
        if any(isinstance(v, str) and _has_surrogate(v) for v in values):
            raise CoordinatorError(_(
                "{argument}: the text has bytes that are not UTF-8 (or half of a "
                "character); type it again, or check the terminal's encoding.").format(
                argument=_argument_name(parser, args, dest) or dest))


def _argument_name(parser: argparse.ArgumentParser, args: argparse.Namespace,
                   dest: str) -> str | None:
    """How the help of the command given names the argument stored as `dest`
    (ID-OR-NAME, --organization)."""
    own = None
    for action in parser._actions:  # argparse has no public walk over subparsers
        if isinstance(action, argparse._SubParsersAction):
            chosen = action.choices.get(getattr(args, action.dest, None) or "")
            found = _argument_name(chosen, args, dest) if chosen is not None else None
            if found:
                return found
        elif action.dest == dest:
            own = action.option_strings[0] if action.option_strings else \
                action.metavar or dest
    return own


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= char <= "\udfff" for char in text)


def _log_unexpected(exc: BaseException) -> Path | None:
    """Write `exc` with its traceback to the app's log; the log file, or None if it
    could not be written (a read-only or full disk)."""
    from coordinator_app.core.store import logs

    try:
        path = logs.setup_logging()
        if not any(Path(getattr(h, "baseFilename", "")) == path.resolve()
                   for h in logs.log.handlers):
            return None
        logs.log_exception(type(exc), exc, exc.__traceback__)
    except Exception:  # noqa: BLE001 - a log that cannot be written must not hide the error
        return None
    return path


if __name__ == "__main__":
    raise SystemExit(main())
