"""The application's identity on the desktop: its icon and the id its desktop entry has.

The PNGs under coordinator_app/resources/icons are rendered from
resources/icons/coordinator.svg by packaging/build_assets.py, which also makes
the installers' icons from the same drawing. PNG rather than the SVG itself: a
packaged program then needs no SVG plugin to show its own icon.
"""

from __future__ import annotations

from pathlib import Path

#: Reverse-DNS id: the desktop entry's and AppStream file's name, the icon's name
#: in the icon theme, and how Wayland compositors match the window to its entry.
APP_ID = "org.coordinator.Coordinator"
ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"
#: The sizes shipped in the package, for window title bars, task bars and dialogs.
WINDOW_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def icon_file(size: int) -> Path:
    return ICON_DIR / f"coordinator-{size}.png"


def app_icon():
    """The icon as a QIcon (needs a QGuiApplication); files are read when first drawn."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon

    icon = QIcon()
    for size in WINDOW_ICON_SIZES:
        icon.addFile(str(icon_file(size)), QSize(size, size))
    return icon


def set_application_icon(app) -> None:
    """Give every window of `app` the icon, and tie them to the installed desktop entry."""
    app.setWindowIcon(app_icon())
    app.setDesktopFileName(APP_ID)
