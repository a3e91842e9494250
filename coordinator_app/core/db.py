"""Opening a database file: durable pragmas, migrations, one engine per file.

SQLite runs in WAL mode with synchronous=FULL so a committed edit survives a
power cut (on macOS with fullfsync, since its fsync stops at the drive's cache);
foreign keys are on; schema changes are Alembic migrations applied at open, after a
backup of the existing file. The file is created readable by its owner only. A
database opened only to be read (the command line's reading commands) gets an
engine that cannot write, and that reads from read-only media too
(dbfile.connect_read_only).
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.orm import Session, sessionmaker

from coordinator_app.core.dbfile import NEW, FileKind, connect_read_only, identify
from coordinator_app.core.errors import DatabaseError
from coordinator_app.core.file_modes import private_database
from coordinator_app.core.ids import new_id
from coordinator_app.core.models import Replica
from coordinator_app.core.installation import installation_id
from coordinator_app.core.safe_write import reason_text
from coordinator_app.i18n import _

BUSY_TIMEOUT_MS = 5000


def connection_pragmas(platform: str) -> list[str]:
    """The pragmas every connection gets on `platform` (a sys.platform value)."""
    pragmas = [f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}", "PRAGMA journal_mode=WAL",
               "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"]
    if platform == "darwin":
        # macOS's fsync leaves the data in the drive's cache, which a power cut loses;
        # F_FULLFSYNC (these pragmas) flushes that cache too.
        pragmas += ["PRAGMA fullfsync=ON", "PRAGMA checkpoint_fullfsync=ON"]
    return pragmas


def _configure_connection(dbapi_connection: sqlite3.Connection, _record, *,
                          platform: str) -> None:
    # The driver's own transaction handling is switched off so SQLAlchemy's BEGIN
    # is the only one (SQLAlchemy's documented recipe for pysqlite).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in connection_pragmas(platform):
        cursor.execute(pragma)
    cursor.close()


#: Execution option of a connection that will write (see Workspace.edit).
WRITE = "coordinator_write"


def _begin(connection) -> None:
    # A writing transaction takes SQLite's write lock at BEGIN, so a second writer
    # waits its turn (busy_timeout) instead of failing midway on a stale snapshot.
    immediate = connection.get_execution_options().get(WRITE)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _configure_reading(dbapi_connection: sqlite3.Connection, _record) -> None:
    # No journal_mode or synchronous here: both are about writing, and setting the
    # journal mode would need the write access a reader may not have.
    dbapi_connection.isolation_level = None
    dbapi_connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def make_engine(path: Path, *, read_only: bool = False,
                platform: str = sys.platform) -> Engine:
    """An engine over `path`; `read_only` connects through `connect_read_only`, which
    reads the file even on read-only media. Statements' parameters are kept out of
    error messages and logs (`hide_parameters`): they are names, phone numbers, notes."""
    if read_only:
        engine = create_engine(
            f"sqlite:///{path}", hide_parameters=True,
            creator=lambda: connect_read_only(path, checkpoint=True, check_same_thread=False))
        event.listen(engine, "connect", _configure_reading)
    else:
        engine = create_engine(f"sqlite:///{path}", hide_parameters=True)
        event.listen(engine, "connect", partial(_configure_connection, platform=platform))
    event.listen(engine, "begin", _begin)
    return engine


@dataclass
class Database:
    """An open database file: its engine, session factory and this copy's device id."""

    path: Path
    engine: Engine
    device_id: str
    sessions: sessionmaker[Session] = field(repr=False)
    #: Run after the engine is closed (the app releases its lock on the file here).
    on_close: list[Callable[[], None]] = field(default_factory=list, repr=False)

    def close(self) -> None:
        self.engine.dispose()
        while self.on_close:
            self.on_close.pop()()


def open_database(path: str | Path, *, migrate: bool = True, read_only: bool = False
                  ) -> Database:
    """Open the database at `path`: creating it if there is none (or an empty file)
    and migrating it, or with `read_only`, reading an existing one as it is."""
    from coordinator_app.core import journal, migrate as migrations

    path = Path(path).expanduser().resolve()
    found = identify(path)
    if found.kind is not FileKind.COORDINATOR and (read_only or found.kind not in NEW):
        raise DatabaseError(found.problem())
    if read_only:
        engine = make_engine(path, read_only=True)
        device_id = _stored_device_id(engine)
    else:
        try:
            private_database(path)
        except OSError as exc:
            raise DatabaseError(_("Cannot create {path}: {reason}.").format(
                path=exc.filename or path, reason=reason_text(exc))) from exc
        if migrate:
            migrations.upgrade(path)
        engine = make_engine(path)
        device_id = _device_id(engine, path)
    sessions = sessionmaker(engine, expire_on_commit=False, info={"device_id": device_id})
    journal.install(sessions)
    return Database(path=path, engine=engine, device_id=device_id, sessions=sessions)


def _stored_device_id(engine: Engine) -> str:
    # A reader makes no id of its own: it writes nothing that would carry one.
    with Session(engine) as session:
        return session.scalar(select(Replica.device_id).where(Replica.id == 1)) or ""


def _device_id(engine: Engine, path: Path) -> str:
    """The device id this installation writes this file as.

    It stays while the same installation opens the file at the same path. A file
    another installation last opened (copied from another laptop), one moved or
    copied to another path, or a backup (backups forget their installation, see
    core.backup.copy_database) starts a new id: its journal keeps the old one, and sync
    then never takes new edits for ones a peer has already seen."""
    installation = installation_id()
    where = str(path)
    with Session(engine) as session, session.begin():
        replica = session.scalar(select(Replica).where(Replica.id == 1))
        if replica is None:
            replica = Replica(id=1, device_id=new_id())
            session.add(replica)
        elif (replica.installation_id, replica.opened_path) != (installation, where):
            replica.device_id = new_id()
        replica.installation_id, replica.opened_path = installation, where
        return replica.device_id

