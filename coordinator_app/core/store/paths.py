"""Where things live on this computer: the per-user data folder and what is in it.

The data folder is, first match wins:

1. the folder named by the environment variable COORDINATOR_HOME;
2. for the packaged program (a frozen build) that has a file called `portable`
   or a folder called `data` beside its executable: that `data` folder, so a
   copy unzipped onto a USB stick keeps its database on the stick;
3. the system's per-user data folder (platformdirs).

A program run from source never takes rule 2: a `data` folder beside the Python
interpreter of a virtual environment says nothing about where its user wants
their database.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "Coordinator"
#: Beside the packaged executable, either of these makes the install portable.
PORTABLE_MARKER = "portable"
PORTABLE_DATA = "data"


def portable_data_dir() -> Path | None:
    """The `data` folder beside the packaged executable when the install is portable
    (see the module's docstring), else None."""
    if not getattr(sys, "frozen", False):
        return None
    beside = Path(sys.executable).resolve().parent
    if (beside / PORTABLE_MARKER).is_file() or (beside / PORTABLE_DATA).is_dir():
        return beside / PORTABLE_DATA
    return None


def home_override() -> Path | None:
    """The data folder when it is not the user's own: the one COORDINATOR_HOME names
    (tests, scripts), else a portable install's. Settings follow it (ui.settings_store),
    so a copy on a USB stick leaves nothing on the computer it runs on."""
    override = os.environ.get("COORDINATOR_HOME")
    if override:
        return Path(override).expanduser().resolve()
    return portable_data_dir()


def data_dir() -> Path:
    """The data folder: COORDINATOR_HOME, else a portable install's, else the user's."""
    return home_override() or Path(user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / "coordinator.sqlite3"


def log_dir() -> Path:
    return data_dir() / "logs"
