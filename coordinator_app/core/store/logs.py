"""The app's log: a rotating file in the data folder, for crash reports and backup failures.

Rotation keeps the folder small on a laptop that runs for months (five files of
1 MB); the newest file is what a person sends when something went wrong. The files
are readable by their owner only, like the database they are about.
"""

from __future__ import annotations

import logging
import logging.handlers
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

log = logging.getLogger(LOGGER_NAME)


def log_file() -> Path:
    return log_dir() / LOG_FILE


class _PrivateFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files are created 0600 (rotation renames them, keeping it)."""

    def _open(self):
        if not POSIX:
            return super()._open()
        fd = open_private(Path(self.baseFilename), os.O_WRONLY | os.O_APPEND)
        return open(fd, self.mode, encoding=self.encoding, errors=self.errors)


def setup_logging(folder: Path | None = None) -> Path:
    """Send the app's log to a rotating file; safe to call more than once."""
    folder = folder or log_dir()
    path = folder / LOG_FILE
    for handler in log.handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler) and \
                Path(handler.baseFilename) == path.resolve():
            return path
    try:
        if is_data_dir(folder.parent):
            private_dir(folder.parent)
        private_dir(folder)
        for older in folder.glob(LOG_FILE + "*"):
            tighten(older)  # written by a version that left them readable to all
        handler = _PrivateFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True)
    except OSError:
        # A read-only or full disk must not stop the app from starting.
        return path
    handler.setFormatter(logging.Formatter(
        "%(asctime)s %(levelname)s %(name)s [%(process)d]: %(message)s"))
    log.addHandler(handler)
    if log.level == logging.NOTSET or log.level > logging.INFO:
        log.setLevel(logging.INFO)
    return path


def log_exception(exc_type: type[BaseException], exc: BaseException,
                  tb: TracebackType | None) -> str:
    """Write an uncaught exception to the log; returns the formatted traceback."""
    text = "".join(traceback.format_exception(exc_type, exc, tb))
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
