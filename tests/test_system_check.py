"""A desktop that lacks a library Qt's window needs is told what to install, not Qt's abort."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from coordinator_app import system_check


@pytest.mark.parametrize(("soname", "package"), [
    ("libxcb-cursor.so.0", "libxcb-cursor0"),
    ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    ("libxcb-render-util.so.0", "libxcb-render-util0"),
])
def test_a_missing_library_is_named_by_its_debian_package(soname, package):
    assert system_check.debian_package(soname) == package


def test_only_the_x11_window_needs_the_libraries():
    assert system_check.uses_x11("linux", {"DISPLAY": ":0"})
    assert system_check.uses_x11("linux", {"QT_QPA_PLATFORM": "xcb"})
    assert not system_check.uses_x11("linux", {"QT_QPA_PLATFORM": "offscreen"})
    assert not system_check.uses_x11("linux", {"WAYLAND_DISPLAY": "wayland-0"})
    assert not system_check.uses_x11("win32", {})
    assert not system_check.uses_x11("darwin", {})


def _x11_env():
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.pop("DISPLAY", None)
    return env


def _ldd_missing():
    plugin = system_check.xcb_plugin()
    if plugin is None or shutil.which("ldd") is None:
        pytest.skip("no xcb plugin or no ldd on this system")
    listing = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True).stdout
    return plugin, [line.split()[0] for line in listing.splitlines() if "not found" in line]


def test_the_check_agrees_with_the_dynamic_linker():
    plugin, missing = _ldd_missing()
    assert system_check.missing_libraries(plugin) == sorted(set(missing))
    done = subprocess.run([sys.executable, "-m", "coordinator_app.system_check"],
                          env=_x11_env(), capture_output=True, text=True)
    if missing:
        assert done.returncode == 1
        for soname in missing:
            assert system_check.debian_package(soname) in done.stderr
        assert "sudo apt install" in done.stderr
    else:
        assert done.returncode == 0 and done.stderr == ""


def test_the_app_says_what_to_install_instead_of_qts_abort(tmp_path):
    _plugin, missing = _ldd_missing()
    if not missing:
        pytest.skip("this system has every library the window needs")
    env = _x11_env() | {"COORDINATOR_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "coordinator_app", "--db",
                           str(tmp_path / "c.sqlite3")], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 1
    assert "sudo apt install" in done.stderr
    assert "could not load the Qt platform plugin" not in done.stderr
    assert not (tmp_path / "c.sqlite3").exists()  # nothing was opened
