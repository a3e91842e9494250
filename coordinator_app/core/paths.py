"""Where things live on this computer: the per-user data folder and what is in it."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "Coordinator"


def data_dir() -> Path:
    """The per-user data folder; COORDINATOR_HOME moves it (portable installs, tests)."""
    override = os.environ.get("COORDINATOR_HOME")
    return Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / "coordinator.sqlite3"


def log_dir() -> Path:
    return data_dir() / "logs"
