"""Where the desktop app keeps its settings: the language, the window's layout, the
record last open on each page.

Normally that is Qt's place for the user (the registry on Windows, ~/.config on
Linux). With COORDINATOR_HOME set (a portable copy on a USB stick) it is an INI file
in that data folder, so the copy leaves no trace on the computer it runs on and two
copies do not share one window's state. Every QSettings the app uses comes from here.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from coordinator_app.core.store.file_modes import create_private_file, private_data_dir
from coordinator_app.core.store.paths import home_override

#: QSettings' organisation and application when the settings are in Qt's own place.
SETTINGS_SCOPE = ("Coordinator", "Coordinator")
SETTINGS_FILE = "settings.ini"


def app_settings() -> QSettings:
    """The app's settings store (see the module's docstring for where it is)."""
    home = home_override()
    if home is None:
        return QSettings(*SETTINGS_SCOPE)
    path = home / SETTINGS_FILE
    try:
        private_data_dir()
        # Qt rewrites the file keeping its mode, so it is made private before Qt makes it.
        create_private_file(path)
    except OSError:
        pass  # read-only media: the settings are read, and cannot be saved
    return QSettings(str(path), QSettings.Format.IniFormat)
