"""One connection kept open for the edits of one thread, instead of one from the pool each.

Every edit took a connection from the engine's pool and gave it back at its commit: the
pool's checkout and return, and SQLAlchemy's set-up around them, cost about 0.3 ms of
processor time per saved form, a tenth of it (measured in turns in one process). A
Workspace now lends its edits one connection it keeps, on the thread that edited first
and one edit at a time; an edit on another thread, or one begun inside another, takes
its own from the pool as before. Nothing else changes: each edit still has a session of
its own, and its COMMIT on that connection is as durable as before.

A kept connection must not keep the file open, or its key in memory, once the database
is let go of: whenever the engine's pool is disposed of (the lock screen, encryption in
place, the file closed) the connection is closed with it, and the next edit opens one
again, from whichever engine the database then has.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, event


class HeldConnection:
    """The connection lent to edits (see the module docstring); `engine()` names the
    engine to connect through, which may change (core.store.db.Database.reconnect)."""

    def __init__(self, engine: Callable[[], Engine]):
        self._engine = engine
        self._connection: Connection | None = None
        self._thread: int | None = None
        self._lent = False
        #: Engines whose disposal lets go of the connection (each listened to once).
        self._watched: weakref.WeakSet[Engine] = weakref.WeakSet()

    @contextmanager
    def lent(self) -> Iterator[Connection | None]:
        """The kept connection for one edit, or None where the edit takes its own."""
        thread = threading.get_ident()
        if self._lent or self._thread not in (None, thread):
            yield None
            return
        self._thread = thread
        self._lent = True
        try:
            yield self._connected()
        finally:
            self._lent = False

    def _connected(self) -> Connection:
        engine = self._engine()
        held = self._connection
        if held is not None and (held.engine is not engine or held.closed or held.invalidated):
            self.release()
        if self._connection is None:
            if engine not in self._watched:
                self._watched.add(engine)
                # A weak reference: the engine must not keep a workspace alive.
                event.listen(engine, "engine_disposed", _releaser(weakref.ref(self)))
            self._connection = engine.connect()
        return self._connection

    def release(self) -> None:
        """Close the kept connection now (the next edit opens another)."""
        held, self._connection = self._connection, None
        if held is not None and not held.closed:
            # Closed outright: given back, it would wait in a pool already disposed of.
            held.invalidate()
            held.close()


def _releaser(holder: weakref.ref[HeldConnection]) -> Callable[[Engine], None]:
    def release(_engine: Engine) -> None:
        held = holder()
        if held is not None:
            held.release()
    return release
