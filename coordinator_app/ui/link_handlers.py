"""Opening `mailto:`, `tel:`, Signal and Telegram links in the program the computer
has for them, and saying so when it has none.

Qt hands a link to the desktop and cannot tell whether a program took it: on
Linux `xdg-open` starts, finds nothing for `tel:` and exits, and Qt has already
answered "opened". So the desktop's own record of handlers is read first: the
default application `xdg-mime` names on Linux, the URL protocol keys of the
registry on Windows; on macOS Qt's answer is the system's.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

#: Schemes every desktop opens (a web browser), never looked up.
ALWAYS = frozenset({"http", "https"})


def _xdg_handler(scheme: str) -> bool | None:
    tool = shutil.which("xdg-mime")
    if tool is None:
        return None
    try:
        found = subprocess.run([tool, "query", "default", f"x-scheme-handler/{scheme}"],
                               capture_output=True, text=True, timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return bool(found.stdout.strip())


def _windows_handler(scheme: str) -> bool | None:
    try:
        import winreg
    except ImportError:
        return None
    try:
        with winreg.OpenKey(winreg.HKEY_CLASSES_ROOT, scheme) as key:
            winreg.QueryValueEx(key, "URL Protocol")
    except OSError:
        return False
    return True


def has_handler(scheme: str) -> bool | None:
    """Whether a program is set to open links of `scheme`; None when it cannot be told."""
    if scheme in ALWAYS:
        return True
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        return _xdg_handler(scheme)
    if sys.platform == "win32":
        return _windows_handler(scheme)
    return None


def open_link(url: str) -> bool:
    """Open `url` in its program; False when the computer has none for it."""
    scheme = url.split(":", 1)[0].lower()
    if has_handler(scheme) is False:
        return False
    return QDesktopServices.openUrl(QUrl(url))
