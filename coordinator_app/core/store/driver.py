"""Plain SQL handed straight to the database driver, inside a session's transaction.

Every edit runs a dozen small statements of bookkeeping beside its own (the journal's
numbering, sync's clock and current versions, the search index row). Through
SQLAlchemy's `exec_driver_sql` each cost about as much Python again as SQLite's own
work (a result object, its column metadata, the execution events), which made a
single edit's bookkeeping cost more than its writes. Here they go to the driver's
cursor on the same connection and transaction, and a driver error is raised as
SQLAlchemy raises it (IntegrityError, OperationalError), parameters hidden, so the
service reports it as it reports any other.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session


#: Where a session keeps its Driver, beside the transaction it belongs to.
_KEY = "driver"


class Driver:
    """The driver's connection under `session`'s transaction (see `of`)."""

    def __init__(self, connection: Connection):
        self._dialect = connection.dialect
        self._raw = connection.connection.driver_connection

    @property
    def dialect(self):
        """SQLAlchemy's dialect of the connection, whose types convert the values written."""
        return self._dialect

    @classmethod
    def of(cls, session: Session) -> Driver:
        """The Driver of `session`'s transaction, made once: asking the session for its
        connection cost more than the statements a Driver runs."""
        kept = session.info.get(_KEY)
        if kept is not None and kept[0] is None:
            return kept[1]  # adopted: the edit's own for its whole life
        transaction = session.get_transaction()
        if kept is not None and transaction is not None and kept[0]() is transaction:
            return kept[1]
        driver = cls(session.connection())
        # The transaction by a weak reference: held strongly, it held its session from
        # the session's own info, a cycle that left every closed session (its events,
        # its transaction) to the cycle collector instead of being freed at once.
        session.info[_KEY] = (weakref.ref(session.get_transaction()), driver)
        return driver

    @classmethod
    def adopt(cls, session: Session, connection: Connection) -> Driver:
        """Make `connection`'s driver the one of `session` for the session's whole life:
        for an edit that began its transaction on that connection itself
        (core.records.service.Workspace.edit), so that its statements need no transaction
        of SQLAlchemy's."""
        driver = cls(connection)
        session.info[_KEY] = (None, driver)
        return driver

    @property
    def raw(self):
        """The driver's own connection."""
        return self._raw

    def execute(self, sql: str, params: Sequence[Any] = ()):
        """The driver's cursor over `sql`'s rows (fetchone, fetchall, iteration)."""
        try:
            return self._raw.execute(sql, params)
        except self._dialect.loaded_dbapi.Error as exc:
            raise self._wrapped(sql, exc) from exc

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        try:
            self._raw.executemany(sql, rows)
        except self._dialect.loaded_dbapi.Error as exc:
            raise self._wrapped(sql, exc) from exc

    def exec_driver_sql(self, sql: str, params: Any = ()):
        """As SQLAlchemy's Connection.exec_driver_sql: a list of rows runs the statement
        once for each, anything else is one statement's parameters."""
        if isinstance(params, list):
            self.executemany(sql, params)
            return None
        return self.execute(sql, params)

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def _wrapped(self, sql: str, exc: Exception) -> DBAPIError:
        return wrapped(self._dialect, sql, exc)


def wrapped(dialect, sql: str, exc: Exception) -> DBAPIError:
    """The driver's error `exc` as SQLAlchemy raises it (IntegrityError,
    OperationalError, …), the statement's parameters hidden."""
    return DBAPIError.instance(sql, None, exc, dialect.loaded_dbapi.Error,
                               hide_parameters=True, dialect=dialect)
