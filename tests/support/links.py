"""A desktop's record of which program opens which links (freedesktop's mimeapps
list read by xdg-mime), made in a test's own folder: with the programs a test names,
or none at all."""

from __future__ import annotations

import shutil

import pytest

needs_xdg_mime = pytest.mark.skipif(shutil.which("xdg-mime") is None,
                                    reason="xdg-mime tells the app which programs open links")


def desktop_handlers(monkeypatch, folder, schemes: list[str]) -> None:
    """Make xdg-mime answer that a program opens links of each of `schemes`, and
    that nothing opens any other link."""
    data, config, empty = folder / "xdg-data", folder / "xdg-config", folder / "xdg-none"
    applications = data / "applications"
    for made in (applications, config, empty):
        made.mkdir(parents=True, exist_ok=True)
    defaults = ["[Default Applications]"]
    for scheme in schemes:
        entry = f"opens-{scheme}.desktop"
        (applications / entry).write_text(
            "[Desktop Entry]\nType=Application\nName=Opens " + scheme + "\n"
            "Exec=true %u\nMimeType=x-scheme-handler/" + scheme + ";\n", encoding="utf-8")
        defaults.append(f"x-scheme-handler/{scheme}={entry}")
    (config / "mimeapps.list").write_text("\n".join(defaults) + "\n", encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    monkeypatch.setenv("XDG_DATA_DIRS", str(empty))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(empty))
    # xdg-mime asks the desktop's own tool first when it knows the desktop.
    monkeypatch.delenv("XDG_CURRENT_DESKTOP", raising=False)
    monkeypatch.delenv("DESKTOP_SESSION", raising=False)
    monkeypatch.delenv("KDE_FULL_SESSION", raising=False)
    monkeypatch.delenv("GNOME_DESKTOP_SESSION_ID", raising=False)
