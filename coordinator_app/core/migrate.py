"""Schema migrations, applied automatically when a database is opened.

An existing database that is behind is backed up first. Migrations run with
foreign keys off (batch mode rebuilds tables), then `PRAGMA foreign_key_check`
must come back empty or the migration is rolled back.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import text

from coordinator_app.core.errors import DatabaseError

SCRIPT_LOCATION = Path(__file__).resolve().parent.parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(path: Path) -> str | None:
    from coordinator_app.core.db import make_engine

    engine = make_engine(path)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def known_revision(revision: str) -> bool:
    try:
        ScriptDirectory.from_config(alembic_config()).get_revision(revision)
    except CommandError:
        return False
    return True


def _has_tables(path: Path) -> bool:
    from coordinator_app.core.db import make_engine

    engine = make_engine(path)
    try:
        with engine.connect() as connection:
            return connection.exec_driver_sql(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'").scalar() > 0
    finally:
        engine.dispose()


def upgrade(path: Path, revision: str = "head") -> None:
    """Bring the database at `path` to `revision`, backing it up first if it has data."""
    from coordinator_app.core import backup
    from coordinator_app.core.db import make_engine

    existed = path.exists() and path.stat().st_size > 0
    current = current_revision(path) if existed else None
    target = head_revision() if revision == "head" else revision
    if current == target:
        return
    if current is not None and not known_revision(current):
        raise DatabaseError(
            f"{path} was written by a newer version of Coordinator (schema {current}); "
            "install that version or a later one to open it"
        )
    if existed and current is None and _has_tables(path):
        raise DatabaseError(
            f"{path} is an SQLite database of some other program, not a Coordinator "
            "database; choose another file"
        )
    if existed and current is not None:
        backup.create_backup(path, reason=f"before-migration-{current[:8]}")

    engine = make_engine(path)
    try:
        with engine.connect() as connection:
            # Outside any transaction, or SQLite ignores it.
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
            config = alembic_config()
            config.attributes["connection"] = connection
            # One transaction for all steps: a failed step leaves the old schema whole.
            with connection.begin() as transaction:
                command.upgrade(config, revision)
                problems = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
                if problems:
                    transaction.rollback()
                    raise DatabaseError(
                        f"the migration would leave {len(problems)} broken references "
                        "and was not applied"
                    )
    finally:
        engine.dispose()
