"""The SQLAlchemy engine over one SQLite file, with the pragmas that make it durable.

SQLite runs in WAL mode with synchronous=FULL so a committed edit survives a
power cut (on macOS with fullfsync, since its fsync stops at the drive's cache);
foreign keys are on. Both the opening code (core.store.db) and the
migrations runner (core.store.migrate) make their engines here. Every connection comes
from core.store.connect, so an encrypted database (SQLCipher) gets the same pragmas, WAL
and durability as a plain one.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event

from coordinator_app.core.store.connect import (
    cipher_module,
    connect,
    durable_pragmas,
    is_encrypted,
)
from coordinator_app.core.store.dbfile import connect_read_only
from coordinator_app.core.store.driver import wrapped

BUSY_TIMEOUT_MS = 5000


def connection_pragmas(platform: str) -> list[str]:
    """The pragmas every connection gets on `platform` (a sys.platform value)."""
    return [f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}", "PRAGMA journal_mode=WAL",
            *durable_pragmas(platform)]


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
#: Set in a connection's info while an edit holds a transaction it began itself on the
#: connection's driver (core.records.service.Workspace.edit): SQLAlchemy's own
#: transaction on it, if the edit's session wants one, joins it instead of beginning.
BEGUN = "coordinator_begun"
#: Page cache of a connection writing many records in one transaction, in KiB.
BULK_CACHE_KIB = 256 * 1024


@contextmanager
def bulk_cache(connection: Connection) -> Iterator[None]:
    """A big page cache on `connection` while it writes many records (a first bundle
    of 100,000 people): the indexes of names, sort keys, words and ids are written
    all over, and past the usual cache every step of a B-tree reads its page back
    from the file. The connection's own size comes back after, as the pool hands
    the connection on."""
    driver = connection.connection.driver_connection
    before = driver.execute("PRAGMA cache_size").fetchone()[0]
    driver.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
    try:
        yield
    finally:
        driver.execute(f"PRAGMA cache_size = {before}")


def begin_writing(connection: Connection) -> None:
    """BEGIN IMMEDIATE on `connection`'s driver, outside SQLAlchemy's transaction (see
    BEGUN), its error raised as SQLAlchemy raises it."""
    try:
        connection.connection.driver_connection.execute("BEGIN IMMEDIATE")
    except connection.dialect.loaded_dbapi.Error as exc:
        raise wrapped(connection.dialect, "BEGIN IMMEDIATE", exc) from exc
    connection.info[BEGUN] = True


def _begin(connection) -> None:
    # A writing transaction takes SQLite's write lock at BEGIN, so a second writer
    # waits its turn (busy_timeout) instead of failing midway on a stale snapshot.
    # Straight to the driver (core.store.driver): every edit and every read begins
    # here, and SQLAlchemy's statement machinery cost more than SQLite's BEGIN.
    if connection.info.get(BEGUN):
        return
    sql = "BEGIN IMMEDIATE" if connection.get_execution_options().get(WRITE) else "BEGIN"
    try:
        connection.connection.driver_connection.execute(sql)
    except connection.dialect.loaded_dbapi.Error as exc:
        raise wrapped(connection.dialect, sql, exc) from exc


def _configure_reading(dbapi_connection: sqlite3.Connection, _record) -> None:
    # No journal_mode or synchronous here: both are about writing, and setting the
    # journal mode would need the write access a reader may not have.
    dbapi_connection.isolation_level = None
    dbapi_connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def make_engine(path: Path, *, read_only: bool = False,
                platform: str = sys.platform) -> Engine:
    """An engine over `path`; `read_only` connects through `connect_read_only`, which
    reads the file even on read-only media. Statements' parameters are kept out of
    error messages and logs (`hide_parameters`): they are names, phone numbers, notes.

    An encrypted database's engine speaks SQLCipher's driver (so SQLAlchemy knows its
    errors); its connections find the key this process unlocked (core.crypto.keyring)."""
    encrypted = is_encrypted(path)
    driver = {"module": cipher_module()} if encrypted else {}
    if read_only:
        def creator():
            return connect_read_only(path, checkpoint=True, check_same_thread=False)
    else:
        def creator():
            return connect(path, encrypted=encrypted, check_same_thread=False)
    engine = create_engine(f"sqlite:///{path}", hide_parameters=True, creator=creator, **driver)
    if read_only:
        event.listen(engine, "connect", _configure_reading)
    else:
        event.listen(engine, "connect", partial(_configure_connection, platform=platform))
    event.listen(engine, "begin", _begin)
    return engine
