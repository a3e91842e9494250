"""Schema migrations, applied automatically when a database is opened.

An existing database that is behind is backed up first. Migrations run with
foreign keys off (batch mode rebuilds tables), then `PRAGMA foreign_key_check`
must come back empty or the migration is rolled back.

Alembic is imported only when a migration has to run: at every start the
database is compared with the newest script over a bare connection and a look at the
scripts' `revision` lines (see `at_head`), since importing Alembic and loading
its script directory costs more than a bare window takes to open.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from coordinator_app.core.store.connect import connect, errors
from coordinator_app.core.errors import DatabaseError
from coordinator_app.i18n import _

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection

    from coordinator_app.core.store.derived import Progress

SCRIPT_LOCATION = Path(__file__).resolve().parents[2] / "migrations"
_ASSIGNMENT = re.compile(
    r"""^(revision|down_revision)\s*(?::[^=]*)?=\s*(?:['"]([^'"]+)['"]|None)\s*$""",
    re.MULTILINE)


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def scripted_head() -> str | None:
    """The newest revision, read from the `revision = …` and `down_revision = …` lines
    of the scripts without importing Alembic; None when that reading is not certain
    (a script it cannot read, merge revisions, several heads): ask Alembic then."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (SCRIPT_LOCATION / "versions").glob("*.py"):
        found = dict((name, value) for name, value in
                     _ASSIGNMENT.findall(script.read_text(encoding="utf-8")))
        if "revision" not in found or "down_revision" not in found or not found["revision"]:
            return None
        revisions.add(found["revision"])
        if found["down_revision"]:
            parents.add(found["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 and parents <= revisions else None


def stored_revisions(path: Path) -> list[str] | None:
    """The rows of the database's `alembic_version` table through a bare connection
    (None: no such table, or the file cannot be read that way, or is locked)."""
    try:
        # mode=rw: never creates the file; read only, so nothing is changed here.
        connection = connect(path, query="mode=rw")
    except (*errors(), DatabaseError):
        return None
    try:
        return [row[0] for row in connection.execute("SELECT version_num FROM alembic_version")]
    except errors():
        return None
    finally:
        connection.close()


def at_head(path: Path) -> bool:
    """True when the database at `path` certainly needs no migration: it holds
    exactly one revision, the newest script's. Anything else (a new file, an older
    or a newer schema, an unreadable file) is for `upgrade` and Alembic to sort out."""
    if not path.exists() or path.stat().st_size == 0:
        return False
    head = scripted_head()
    return head is not None and stored_revisions(path) == [head]


def current_revision(path: Path) -> str | None:
    from alembic.runtime.migration import MigrationContext

    from coordinator_app.core.store.engine import make_engine

    engine = make_engine(path)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def known_revision(revision: str) -> bool:
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    try:
        ScriptDirectory.from_config(alembic_config()).get_revision(revision)
    except CommandError:
        return False
    return True


def written_by_newer_version(revision: str | None) -> bool:
    """Whether a database at schema `revision` comes from a newer Coordinator: one
    whose migrations this version does not have."""
    return revision is not None and revision != scripted_head() and not known_revision(revision)


def needs_upgrade(revision: str | None) -> bool:
    """Whether a database at schema `revision` must be migrated before this version
    reads it (see `written_by_newer_version` first: a newer one cannot be)."""
    return revision != (scripted_head() or head_revision())


def newer_version_error(path: Path, revision: str) -> DatabaseError:
    return DatabaseError(_(
        "{path} was written by a newer version of Coordinator (schema {revision}); "
        "install that version or a later one to open it.").format(path=path, revision=revision))


def upgrade(path: Path, revision: str = "head", progress: Progress | None = None) -> None:
    """Bring the database at `path` to `revision`, backing it up first if it has data,
    telling `progress` each step (core.store.derived) when there is one to take."""
    if revision == "head" and at_head(path):
        return  # the usual start: nothing to do, and no need to load Alembic to know it
    from alembic import command

    from coordinator_app.core.store import backup, derived

    existed = path.exists() and path.stat().st_size > 0
    current = current_revision(path) if existed else None
    target = head_revision() if revision == "head" else revision
    if current == target:
        return
    # Another program's file never gets here: open_database identifies it first.
    if written_by_newer_version(current):
        raise newer_version_error(path, current)
    if existed and current is not None:
        if progress:
            progress(_("Backing up the database before upgrading it"), 0, 0)
        backup.create_backup(path, reason=f"before-migration-{current[:8]}")

    def steps(config: Config, connection: Connection) -> None:
        if progress and existed:
            progress(_("Upgrading the database to this version"), 0, 0)
        command.upgrade(config, revision)
        if revision == "head":
            # Today's code fills what the migrations marked stale, on today's schema.
            derived.rebuild_stale(connection, progress if existed else None)

    _run(path, steps)


def downgrade(path: Path, revision: str) -> None:
    """Take the database at `path` back to an older `revision`, as the version of the app
    that wrote it left it. The app never does this; the tests and the crash harness
    do, to open such files as a person upgrading the app would."""
    from alembic import command

    _run(path, lambda config, _connection: command.downgrade(config, revision))


def revisions() -> list[str]:
    """Every revision, newest first."""
    from alembic.script import ScriptDirectory

    return [script.revision for script in
            ScriptDirectory.from_config(alembic_config()).walk_revisions()]


def _run(path: Path, steps: Callable[[Config, Connection], None]) -> None:
    """Run migration steps on the database at `path`, all in one transaction: a failed
    step leaves the old schema whole."""
    from sqlalchemy import text

    from coordinator_app.core.store.engine import make_engine

    engine = make_engine(path)
    try:
        with engine.connect() as connection:
            # Outside any transaction, or SQLite ignores it.
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
            config = alembic_config()
            config.attributes["connection"] = connection
            with connection.begin() as transaction:
                steps(config, connection)
                problems = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
                if problems:
                    transaction.rollback()
                    raise DatabaseError(
                        f"the migration would leave {len(problems)} broken references "
                        "and was not applied"
                    )
    finally:
        engine.dispose()
