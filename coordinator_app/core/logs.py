"""The app's log: a rotating file in the data folder, for crash reports and backup failures.

Rotation keeps the folder small on a laptop that runs for months (five files of
1 MB); the newest file is what a person sends when something went wrong.
"""

from __future__ import annotations

import logging
import logging.handlers
import traceback
from pathlib import Path
from types import TracebackType

from coordinator_app.core.paths import log_dir

LOGGER_NAME = "coordinator_app"
LOG_FILE = "coordinator.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5

log = logging.getLogger(LOGGER_NAME)


def log_file() -> Path:
    return log_dir() / LOG_FILE


def setup_logging(folder: Path | None = None) -> Path:
    """Send the app's log to a rotating file; safe to call more than once."""
    folder = folder or log_dir()
    path = folder / LOG_FILE
    for handler in log.handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler) and \
                Path(handler.baseFilename) == path.resolve():
            return path
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
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
