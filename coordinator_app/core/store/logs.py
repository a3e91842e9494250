"""The app's log: a rotating file in the data folder, for crash reports and backup failures.

Rotation keeps the folder small on a laptop that runs for months (five files of
1 MB); the newest file is what a person sends when something went wrong. The files
are readable by their owner only, like the database they are about.

The desktop app sets the file up once its first page is painted: `hold_early()` keeps
what is logged before that (a previous session that did not end cleanly) and
`setup_logging()` writes it to the file first. Rotation's module alone (it loads the
socket, pickle and queue modules) cost the first window some 10 ms.
"""

from __future__ import annotations

import logging
import os
import traceback
from pathlib import Path
from types import TracebackType

from coordinator_app.core.store.file_modes import POSIX, is_data_dir, open_private, private_dir, tighten
from coordinator_app.core.store.paths import log_dir

LOGGER_NAME = "coordinator_app"
LOG_FILE = "coordinator.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
#: Records kept at most until the file is set up: a start logs a handful.
EARLY_RECORDS = 1000

log = logging.getLogger(LOGGER_NAME)


def log_file() -> Path:
    return log_dir() / LOG_FILE


def _private_file_handler(path: Path) -> logging.Handler:
    """A rotating log whose files are created 0600 (rotation renames them, keeping it)."""
    from logging.handlers import RotatingFileHandler

    class PrivateFileHandler(RotatingFileHandler):
        def _open(self):
            if not POSIX:
                return super()._open()
            fd = open_private(Path(self.baseFilename), os.O_WRONLY | os.O_APPEND)
            return open(fd, self.mode, encoding=self.encoding, errors=self.errors)

    return PrivateFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT,
                              encoding="utf-8", delay=True)


class _Early(logging.Handler):
    """Keeps the records logged before the file is set up, for setup_logging()."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) < EARLY_RECORDS:
            self.records.append(record)


def _early() -> _Early | None:
    return next((h for h in log.handlers if isinstance(h, _Early)), None)


def _at_info() -> None:
    if log.level == logging.NOTSET or log.level > logging.INFO:
        log.setLevel(logging.INFO)


def _writes_to(path: Path) -> bool:
    return any(getattr(handler, "baseFilename", None) is not None and
               Path(handler.baseFilename) == path.resolve() for handler in log.handlers)


def hold_early() -> None:
    """Keep what is logged from now until setup_logging() sets the file up (nothing to
    do once it has)."""
    if _early() is None and not _writes_to(log_file()):
        log.addHandler(_Early())
        _at_info()


def setup_logging(folder: Path | None = None) -> Path:
    """Send the app's log to a rotating file, with what hold_early() kept first; safe
    to call more than once."""
    folder = folder or log_dir()
    path = folder / LOG_FILE
    if _writes_to(path):
        return path
    try:
        if is_data_dir(folder.parent):
            private_dir(folder.parent)
        private_dir(folder)
        for older in folder.glob(LOG_FILE + "*"):
            tighten(older)  # written by a version that left them readable to all
        handler = _private_file_handler(path)
    except OSError:
        # A read-only or full disk must not stop the app from starting.
        return path
    handler.setFormatter(logging.Formatter(
        "%(asctime)s %(levelname)s %(name)s [%(process)d]: %(message)s"))
    early = _early()
    if early is not None:
        log.removeHandler(early)
        for record in early.records:
            handler.handle(record)
    log.addHandler(handler)
    _at_info()
    return path


def log_exception(exc_type: type[BaseException], exc: BaseException,
                  tb: TracebackType | None) -> str:
    """Write an uncaught exception to the log; returns the formatted traceback."""
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    if _early() is not None:
        setup_logging()  # not later: the app may not live to set it up
    for handler in log.handlers:
        try:
            handler.flush()
        except OSError:
            pass
    log.error("uncaught exception\n%s", text)
    for handler in log.handlers:
        try:
            handler.flush()
        except (OSError, ValueError):
            pass
    return text
