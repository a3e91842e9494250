"""Opening a database file: migrations, then one engine and session factory per file.

Schema changes are Alembic migrations applied at open, after a backup of the
existing file; the engine and its durable pragmas are core.store.engine's. The file is
created readable by its owner only. A database opened only to be read (the command
line's reading commands) gets an engine that cannot write, and that reads from
read-only media too. The device id a file is written under belongs to this
installation (see _device_id).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from coordinator_app.core.store.dbfile import NEW, FileKind, identify
from coordinator_app.core.store.engine import make_engine
from coordinator_app.core.errors import DatabaseError
from coordinator_app.core.store.file_modes import private_database
from coordinator_app.core.records.ids import new_id
from coordinator_app.core.store.installation import installation_id
from coordinator_app.core.records.models import Replica
from coordinator_app.core.store.safe_write import reason_text
from coordinator_app.i18n import _

if TYPE_CHECKING:
    from coordinator_app.core.store.derived import Progress


@dataclass
class Database:
    """An open database file: its engine, session factory and this copy's device id."""

    path: Path
    engine: Engine
    device_id: str
    sessions: sessionmaker[Session] = field(repr=False)
    #: Run after the engine is closed (the app releases its lock on the file here).
    on_close: list[Callable[[], None]] = field(default_factory=list, repr=False)

    def reconnect(self) -> None:
        """Drop every connection and take a new engine over the same file: after it was
        encrypted or decrypted in place (its driver changes), or to let go of its key."""
        self.engine.dispose()
        self.engine = make_engine(self.path)
        self.sessions.configure(bind=self.engine)

    def close(self) -> None:
        self.engine.dispose()
        while self.on_close:
            self.on_close.pop()()


def open_database(path: str | Path, *, migrate: bool = True, read_only: bool = False,
                  progress: Progress | None = None) -> Database:
    """Open the database at `path`: creating it if there is none (or an empty file)
    and migrating it, or with `read_only`, reading an existing one as it is.
    `progress` hears of each step of a migration of an existing file (see
    core.store.derived.Progress): a person waits minutes for one at 100,000 people."""
    from coordinator_app.core.records import journal
    from coordinator_app.core.store import migrate as migrations

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
            migrations.upgrade(path, progress=progress)
        engine = make_engine(path)
        device_id = _device_id(engine, path)
        if migrate:
            from coordinator_app.core.records import current_country

            current_country.catch_up(engine)
    from coordinator_app.sync import record

    sessions = sessionmaker(engine, expire_on_commit=False, info={
        "device_id": device_id, journal.RECORDER: record.record,
        journal.CREATED_RECORDER: record.record_created})
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
    core.store.backup.copy_database) starts a new id: its journal keeps the old one, and sync
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

