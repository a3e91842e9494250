"""Work that may wait on the network, run in a thread of its own so that the window
never does: its result (or error) comes back to the window's thread as a signal."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal


class Background(QObject):
    """`start(work)` runs `work()` in a daemon thread, then emits `done(result)` or
    `failed(error)` in the thread this object lives in. One job at a time."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: threading.Thread | None = None

    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, work: Callable[[], Any]) -> bool:
        """False if a job is still running (the caller tries again later)."""
        if self.busy():
            return False
        # Daemon: closing the window never waits for a server that does not answer;
        # each job's writes are transactions, so one cut off leaves nothing half done.
        self._thread = threading.Thread(target=self._run, args=(work,), daemon=True,
                                        name="coordinator-server")
        self._thread.start()
        return True

    def _run(self, work: Callable[[], Any]) -> None:
        try:
            result = work()
        except Exception as exc:  # noqa: BLE001 - handed to the window as it is
            self.failed.emit(exc)
        else:
            self.done.emit(result)

    def wait(self, seconds: float) -> bool:
        """For tests and the end of the app: whether the job ended within `seconds`."""
        if self._thread is not None:
            self._thread.join(seconds)
        return not self.busy()
