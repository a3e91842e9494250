"""Opening a database file: migrations, then one engine and session factory per file.

Schema changes are Alembic migrations applied at open, after a backup of the
existing file; the engine and its durable pragmas are core.store.engine's. The file is
created readable by its owner only. A database opened only to be read (the command
line's reading commands) gets an engine that cannot write, and that reads from
read-only media too. The device id a file is written under belongs to this
installation (see _device_id).

Opening a file at the newest schema loads no SQLAlchemy: the engine and the session
factory are made when first asked for (SQLAlchemy and the models take some 40 MiB
and longer to import than the window takes to show its data), and what the app
reads before that is plain SQL through `Database.reading()`.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coordinator_app.core.store.connect import connect, durable_pragmas, errors
from coordinator_app.core.store.dbfile import NEW, FileKind, connect_read_only, identify
from coordinator_app.core.errors import DatabaseError
from coordinator_app.core.store.file_modes import private_database
from coordinator_app.core.store.installation import installation_id
from coordinator_app.core.store.safe_write import reason_text
from coordinator_app.i18n import _

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from coordinator_app.core.store.derived import Progress


class Database:
    """An open database file: this copy's device id, plain reads of it, and its engine
    and session factory, made when first asked for."""

    def __init__(self, path: Path, device_id: str, *, read_only: bool = False):
        self.path = path
        self.device_id = device_id
        self.read_only = read_only
        #: Run after the engine is closed (the app releases its lock on the file here).
        self.on_close: list[Callable[[], None]] = []
        self._engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None
        # The engine may first be asked for by a worker thread (the conflicts' count).
        self._making = threading.Lock()
        #: The plain connection kept for the thread that opened the file (the app's
        #: window); other threads read through one of their own.
        self._reader: Any = None
        self._reader_thread = threading.get_ident()

    def __repr__(self) -> str:
        return f"Database(path={self.path!r}, device_id={self.device_id!r})"

    @property
    def loaded(self) -> bool:
        """Whether the engine is made (SQLAlchemy loaded for this file)."""
        return self._engine is not None

    @property
    def engine(self) -> Engine:
        with self._making:
            if self._engine is None:
                from coordinator_app.core.store.engine import make_engine

                self._engine = make_engine(self.path, read_only=self.read_only)
            return self._engine

    @property
    def sessions(self) -> sessionmaker[Session]:
        engine = self.engine
        with self._making:
            if self._sessions is None:
                from sqlalchemy.orm import sessionmaker

                from coordinator_app.core.records import journal
                from coordinator_app.sync import record

                self._sessions = sessionmaker(engine, expire_on_commit=False, info={
                    "device_id": self.device_id, journal.RECORDER: record.record,
                    journal.CREATED_RECORDER: record.record_created})
                journal.install(self._sessions)
            return self._sessions

    def _connect(self) -> Any:
        # Used by one thread at a time; closed by whichever lets go of the file.
        if self.read_only:
            connection = connect_read_only(self.path, checkpoint=True, check_same_thread=False)
        else:
            # sqlite3's own timeout is the engine's busy timeout (five seconds), and
            # a write here is as durable as the engine's.
            connection = connect(self.path, check_same_thread=False)
            for pragma in durable_pragmas(sys.platform):
                connection.execute(pragma)
        connection.isolation_level = None  # its transactions are reading()'s and writing()'s
        return connection

    @contextmanager
    def reading(self) -> Iterator[Any]:
        """A DB-API connection (sqlite3, or SQLCipher's) to read with plain SQL, in one
        read transaction: the thread that opened the file keeps one open, any other
        gets its own for the while. Inside an open read on the same thread, that one."""
        if threading.get_ident() != self._reader_thread:
            with self._own("BEGIN") as connection:
                yield connection
            return
        if self._reader is None:
            self._reader = self._connect()
        connection = self._reader
        if connection.in_transaction:
            yield connection
            return
        with _transaction(connection, "BEGIN"):
            yield connection

    def writing(self) -> Any:
        """A DB-API connection of its own in a writing transaction (BEGIN IMMEDIATE),
        committed at the end: for derived state written before the database code is
        loaded. Records are only ever written through the service."""
        return self._own("BEGIN IMMEDIATE")

    @contextmanager
    def _own(self, begin: str) -> Iterator[Any]:
        """A connection of its own, for one transaction begun by `begin`."""
        connection = self._connect()
        try:
            with _transaction(connection, begin):
                yield connection
        finally:
            connection.close()

    def let_go(self) -> None:
        """Close every connection to the file (the engine makes new ones when next
        used): before it is switched to or from encryption, or to let go of its key."""
        if self._engine is not None:
            self._engine.dispose()
        reader, self._reader = self._reader, None
        if reader is not None:
            reader.close()

    def reconnect(self) -> None:
        """Drop every connection and take a new engine over the same file: after it was
        encrypted or decrypted in place (its driver changes), or to let go of its key."""
        had_engine = self._engine is not None
        self.let_go()
        if had_engine:
            from coordinator_app.core.store.engine import make_engine

            self._engine = make_engine(self.path, read_only=self.read_only)
            if self._sessions is not None:
                self._sessions.configure(bind=self._engine)

    def close(self) -> None:
        self.let_go()
        while self.on_close:
            self.on_close.pop()()


@contextmanager
def _transaction(connection: Any, begin: str) -> Iterator[None]:
    connection.execute(begin)
    try:
        yield
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def open_database(path: str | Path, *, migrate: bool = True, read_only: bool = False,
                  progress: Progress | None = None) -> Database:
    """Open the database at `path`: creating it if there is none (or an empty file)
    and migrating it, or with `read_only`, reading an existing one as it is.
    `progress` hears of each step of a migration of an existing file (see
    core.store.derived.Progress): a person waits minutes for one at 100,000 people."""
    from coordinator_app.core.store import migrate as migrations

    path = Path(path).expanduser().resolve()
    found = identify(path)
    if found.kind is not FileKind.COORDINATOR and (read_only or found.kind not in NEW):
        raise DatabaseError(found.problem())
    if read_only:
        connection = connect_read_only(path, checkpoint=True)
        try:
            # A reader makes no id of its own: it writes nothing that would carry one.
            row = connection.execute("SELECT device_id FROM replica WHERE id = 1").fetchone()
        finally:
            connection.close()
        return Database(path, row[0] if row else "", read_only=True)
    try:
        private_database(path)
    except OSError as exc:
        raise DatabaseError(_("Cannot create {path}: {reason}.").format(
            path=exc.filename or path, reason=reason_text(exc))) from exc
    if migrate:
        migrations.upgrade(path, progress=progress)
    connection = connect(path)
    try:
        connection.isolation_level = None
        device_id = _device_id(connection, path)
    except errors() as exc:
        raise DatabaseError(_("the database could not be written: {reason}").format(
            reason=exc)) from exc
    finally:
        connection.close()
    db = Database(path, device_id)
    if migrate:
        catch_up_countries(db, date.today())
    return db


def catch_up_countries(db: Database, day: date) -> None:
    """On a later day than people's current countries were last worked out: work them
    out again for the people whose positions began or ended in between (a mayor's term
    ended yesterday). Loads the database code only when there are some."""
    from coordinator_app.core.records import country_day

    try:
        with db.reading() as connection:
            people = country_day.due(connection, day)
        if people == []:
            with db.writing() as connection:
                country_day.remember(connection, day)
            return
    except errors("OperationalError") as exc:  # busy, or locked by encryption
        raise DatabaseError(_("the database could not be written: {reason}").format(
            reason=exc)) from exc
    if people is not False:
        from coordinator_app.core.records import current_country

        current_country.work_out(db.engine, people, day)


def _device_id(connection: Any, path: Path) -> str:
    """The device id this installation writes this file as.

    It stays while the same installation opens the file at the same path. A file
    another installation last opened (copied from another laptop), one moved or
    copied to another path, or a backup (backups forget their installation, see
    core.store.backup.copy_database) starts a new id: its journal keeps the old one, and sync
    then never takes new edits for ones a peer has already seen."""
    installation, where = installation_id(), str(path)
    with _transaction(connection, "BEGIN"):
        row = connection.execute(
            "SELECT device_id, installation_id, opened_path FROM replica WHERE id = 1").fetchone()
        if row is not None and (row[1], row[2]) == (installation, where):
            return row[0]
        from coordinator_app.core.records.ids import new_id, utcnow

        device_id = new_id()
        if row is None:
            # Stored as the model's UTC stamps are: naive, in UTC, to the microsecond.
            connection.execute(
                "INSERT INTO replica (id, device_id, installation_id, opened_path, created_at)"
                " VALUES (1, ?, ?, ?, ?)", (device_id, installation, where, utcnow().replace(
                    tzinfo=None).isoformat(sep=" ", timespec="microseconds")))
        else:
            connection.execute(
                "UPDATE replica SET device_id = ?, installation_id = ?, opened_path = ?"
                " WHERE id = 1", (device_id, installation, where))
        return device_id
