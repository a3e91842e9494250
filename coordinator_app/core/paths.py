"""Where things live on this computer: the per-user data folder and what is in it."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "Coordinator"


def home_override() -> Path | None:
    """The data folder COORDINATOR_HOME names (portable installs, tests), if set."""
    override = os.environ.get("COORDINATOR_HOME")
    return Path(override).expanduser().resolve() if override else None


def data_dir() -> Path:
    """The per-user data folder; COORDINATOR_HOME moves it, settings included."""
    return home_override() or Path(user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / "coordinator.sqlite3"


def log_dir() -> Path:
    return data_dir() / "logs"
