"""Whether this system can show the window: the X11 libraries Qt's xcb plugin needs.

PySide6's wheels bring Qt itself but not the system libraries its X11 platform
plugin links against. A desktop without one of them (often `libxcb-cursor0`,
needed since Qt 6.5) makes Qt abort with "could not load the Qt platform plugin
xcb", which tells a person nothing they can act on. This module asks the dynamic
linker which of the plugin's libraries are missing and names the packages, with
the command that installs them.

    python -m coordinator_app.system_check     exit 1 with the command if any is missing

Only plain Python is imported here: it runs before Qt is loaded.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path

from coordinator_app.i18n import _

#: Platform plugins that need no X11 libraries (tests, remote sessions, Wayland).
_NOT_X11 = ("offscreen", "minimal", "vnc", "wayland", "eglfs", "linuxfb")


def uses_x11(platform: str = sys.platform, env: Mapping[str, str] = os.environ) -> bool:
    """Whether Qt will load its xcb plugin here."""
    if not platform.startswith("linux"):
        return False
    chosen = env.get("QT_QPA_PLATFORM", "").split(":")[0].split(";")[0].strip()
    if chosen:
        return chosen == "xcb"
    # Qt prefers Wayland in a Wayland session and falls back to xcb only when that fails.
    return not env.get("WAYLAND_DISPLAY")


def xcb_plugin() -> Path | None:
    """The xcb platform plugin of the installed PySide6, if any."""
    try:
        import importlib.util

        spec = importlib.util.find_spec("PySide6")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    plugin = Path(list(spec.submodule_search_locations)[0]) / "Qt/plugins/platforms/libqxcb.so"
    return plugin if plugin.exists() else None


def loads(plugin: Path) -> bool:
    """Whether the dynamic linker loads the plugin: a millisecond when all is well, which
    is every start but the first on a bare desktop (Qt loads the same file next)."""
    import ctypes

    try:
        ctypes.CDLL(str(plugin))
    except OSError:
        return False
    return True


def missing_libraries(plugin: Path) -> list[str]:
    """Sonames the plugin needs that the dynamic linker cannot find (from `ldd`)."""
    # Imported only when the plugin does not load: every start runs this module, and
    # subprocess brings signal, selectors and threading with it.
    import subprocess

    ldd = shutil.which("ldd")
    if ldd is None:
        return []  # no way to tell; Qt's own message will have to do
    try:
        listing = subprocess.run([ldd, str(plugin)], capture_output=True, text=True,
                                 timeout=30, check=False).stdout
    except (OSError, subprocess.TimeoutExpired):
        return []
    return sorted({line.split()[0] for line in listing.splitlines()
                   if "not found" in line and line.split()})


def debian_package(soname: str) -> str:
    """Debian's package for a library: its name and major version ("libxcb-icccm.so.4" is
    libxcb-icccm4; a name ending in a digit takes a hyphen: libxkbcommon-x11-0)."""
    match = re.fullmatch(r"(lib[\w+.-]*?)\.so\.(\d+)(?:\.\d+)*", soname)
    if match is None:
        return soname
    name, major = match.groups()
    return f"{name}-{major}" if name[-1].isdigit() else f"{name}{major}"


def problem(platform: str = sys.platform, env: Mapping[str, str] = os.environ) -> str | None:
    """What stops the window from opening, with the command that fixes it; None if nothing."""
    if not uses_x11(platform, env):
        return None
    plugin = xcb_plugin()
    if plugin is None or loads(plugin):
        return None
    missing = missing_libraries(plugin)
    if not missing:
        return None
    packages = " ".join(debian_package(soname) for soname in missing)
    commands = (f"  Debian, Ubuntu, Mint: sudo apt install {packages}\n"
                "  Fedora: sudo dnf install xcb-util-cursor xcb-util-wm xcb-util-keysyms\n"
                "  openSUSE: sudo zypper install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1")
    return _("The window cannot open: the system lacks libraries that Qt needs to draw it "
             "({libraries}). Install them, then start Coordinator again:").format(
        libraries=", ".join(missing)) + "\n" + commands


def main() -> int:
    from coordinator_app import i18n

    i18n.set_language(i18n.system_language())
    message = problem()
    if message is None:
        return 0
    print(message, file=sys.stderr)
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
