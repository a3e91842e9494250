"""Subcommands of `coordinator`, one module per group (see coordinator_app.cli), and
the one way each of them reaches the database that `--db` names.

`database_file` resolves and identifies the file and refuses what the command
cannot use (a mistyped path is an error, never a new empty database; a folder, a
device or another program's file is named as such); a command that writes holds
the app's lock while it runs, so it never writes under an open window, nor the
window under it. `workspace` opens the database on top of that: for writing, or
read-only for commands that only read, which then work on read-only media too. An
encrypted database is unlocked first (commands.passphrases), before anything reads it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coordinator_app.core.store.dbfile import NEW, FileKind, Identity, identify
from coordinator_app.core.errors import CoordinatorError, DatabaseError
from coordinator_app.core.store.paths import default_db_path
from coordinator_app.i18n import LANGUAGES, _, current_language

if TYPE_CHECKING:
    from coordinator_app.core.records.service import Workspace

#: A Coordinator database and nothing else: what reading and changing records need.
DATABASE = frozenset({FileKind.COORDINATOR})


def print_json(document: Any) -> None:
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def add_reader_language(parser: argparse.ArgumentParser, help_text: str) -> None:
    """`--lang` after a command: the language its output is written in (a report's,
    search results' names), apart from the program's `--lang` (the interface), whose
    value must not be overwritten by this one's default, yet serves as its default."""
    parser.add_argument("--lang", dest="reader_lang", choices=LANGUAGES, help=help_text)


def reader_language(args: argparse.Namespace) -> str:
    """The command's `--lang`, else the program's, else the interface language."""
    return getattr(args, "reader_lang", None) or args.lang or current_language()


def terminal_progress(done: int, total: int) -> None:
    """A long step's progress on a terminal ("1200/46000"); nothing when piped."""
    if sys.stderr.isatty() and total:
        sys.stderr.write(f"\r{done}/{total}")
        if done >= total:
            sys.stderr.write("\n")


def upgrade_progress() -> Callable[[str, int, int], None]:
    """The steps of a database upgrade on stderr (core.store.derived.Progress): each
    step's name once, then its count, on a terminal as it goes, else at each tenth."""
    last = {"step": None, "tenth": -1}

    def report(step: str, done: int, total: int) -> None:
        if step != last["step"]:
            last.update(step=step, tenth=-1)
            sys.stderr.write(f"{step}…\n")
        if not total:
            return
        if sys.stderr.isatty():
            terminal_progress(done, total)
        elif done * 10 // total > last["tenth"]:
            last["tenth"] = done * 10 // total
            sys.stderr.write(f"{done}/{total}\n")
        sys.stderr.flush()

    return report


def _db_path(args: argparse.Namespace) -> Path:
    path = Path(args.db or default_db_path()).expanduser()
    try:
        os.fsencode(path)
        return path.resolve()
    except UnicodeEncodeError:
        # Half a character (a lone surrogate) can name no file on any system.
        raise CoordinatorError(_("--db: the path has characters no file name can hold."))
    except (OSError, RuntimeError) as exc:  # RuntimeError: a loop of symbolic links
        raise CoordinatorError(_("--db: {path} cannot be followed: {reason}.").format(
            path=path, reason=getattr(exc, "strerror", None) or exc)) from None


@contextmanager
def _held(path: Path, *, clean: bool = True) -> Iterator[None]:
    """The app's lock on `path` for a block that writes, after making sure it can be
    written. A second window, or another writing command, is told who holds it."""
    from coordinator_app.core.store.lock import DatabaseLock
    from coordinator_app.core.store.recovery import write_problem

    problem = write_problem(path)
    if problem:
        raise DatabaseError(problem)
    lock = DatabaseLock(path).acquire()
    try:
        yield
    finally:
        lock.release(clean=clean)


@contextmanager
def database_file(args: argparse.Namespace, *, accept: frozenset[FileKind],
                  writes: bool = False, release_clean: bool = True, unlock: bool = True
                  ) -> Iterator[Identity]:
    """`--db` (or the default database), resolved and identified.

    An encrypted database is unlocked with its passphrase unless `unlock` is false.
    Refused unless its kind is in `accept`. With `writes`, held under the app's lock
    for the block; `release_clean=False` leaves the lock saying the session did not
    end cleanly, so the app checks the file at its next start (after a restore)."""
    found = identify(_db_path(args))
    if found.kind is FileKind.ENCRYPTED and unlock:
        from coordinator_app.commands.passphrases import unlock as unlock_file

        unlock_file(found.path)
        found = identify(found.path)
    if found.kind not in accept:
        if found.kind is FileKind.MISSING:
            raise CoordinatorError(_(
                "There is no database at {path}. Check the path, or load the demo data "
                "into it with: coordinator --db {path} demo").format(path=found.path))
        raise CoordinatorError(found.problem())
    if not writes:
        yield found
        return
    with _held(found.path, clean=release_clean):
        yield found


@contextmanager
def workspace(args: argparse.Namespace, *, writes: bool = False, creates: bool = False
              ) -> Iterator[Workspace]:
    """The services over `--db` for one command, closed (and let go of) afterwards.

    Reading commands (the default) need an existing Coordinator database and open it
    read-only; `writes` takes the lock; `creates` also accepts a path where there is
    no database yet and makes one there."""
    from coordinator_app.core.store.db import open_database
    from coordinator_app.core.records.service import Workspace

    accept = DATABASE | NEW if creates else DATABASE
    with database_file(args, accept=accept, writes=writes or creates) as found:
        if writes or creates:
            db = open_database(found.path, progress=upgrade_progress())
        else:
            _bring_up_to_date(found)
            db = open_database(found.path, read_only=True)
        try:
            yield Workspace(db)
        finally:
            db.close()


def _bring_up_to_date(found: Identity) -> None:
    """A database from an older version is migrated (after a backup) before it is
    read: this version's queries need this version's tables. That is a write, so it
    is done under the lock, as the app does when it opens such a file."""
    from coordinator_app.core.store import migrate
    from coordinator_app.core.store.db import open_database

    if migrate.written_by_newer_version(found.revision):
        raise migrate.newer_version_error(found.path, found.revision)
    if migrate.needs_upgrade(found.revision):
        with _held(found.path):
            open_database(found.path, progress=upgrade_progress()).close()
