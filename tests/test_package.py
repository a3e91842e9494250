"""The installable Linux bundle, used as a person would: built by packaging/build.py,
unpacked, installed into a fresh home with its install script, run from its menu
entry's command, and removed again with the user's data kept.

Building takes minutes, so these run only when asked: `make package-test`
(pytest -m package). COORDINATOR_BUNDLE=path/to/tarball tests a bundle already
built (by `make package`, or a CI job's build step) instead of building one.
"""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
import tarfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from coordinator_app import __version__
from coordinator_app.core.store.lock import holder_of
from coordinator_app.ui.app_icon import APP_ID
from support.packaging import PACKAGING

pytestmark = [pytest.mark.package,
              pytest.mark.skipif(sys.platform != "linux", reason="the Linux bundle")]

#: The most the installed program may take on disk.
SIZE_LIMIT = 250 * 2**20
#: What Qt's offscreen platform (no screen, as here) says whenever a window's size
#: limits change, since it has no window manager to tell; real screens say nothing.
OFFSCREEN_NOTE = "This plugin does not support propagateSizeHints()"


@dataclass
class Installed:
    unpacked: Path  # the tarball's folder, as downloaded
    home: Path
    env: dict

    @property
    def program(self) -> Path:
        return self.home / ".local" / "bin" / "coordinator"

    @property
    def lib(self) -> Path:
        return self.home / ".local" / "lib" / "coordinator"

    @property
    def database(self) -> Path:
        return self.home / ".local" / "share" / "Coordinator" / "coordinator.sqlite3"

    def run(self, *args, program: Path | None = None, env: dict | None = None,
            check: bool = True) -> subprocess.CompletedProcess:
        done = subprocess.run([str(program or self.program), *map(str, args)],
                              env=env or self.env, capture_output=True, text=True,
                              timeout=120)
        if check and done.returncode != 0:
            raise AssertionError(f"{args}: exit {done.returncode}\n{done.stderr}")
        return done


def person_env(home: Path) -> dict:
    """What a person's session has: a home, a PATH, a locale; none of the test's
    settings (no COORDINATOR_HOME, no virtual environment)."""
    return {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen"}


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    if built := os.environ.get("COORDINATOR_BUNDLE"):
        return Path(built)
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, str(PACKAGING / "build.py"), "--dist", str(dist)],
                   check=True, timeout=3600)
    tarball, = dist.glob(f"Coordinator-{__version__}-linux-*.tar.gz")
    return tarball


@pytest.fixture(scope="module")
def installed(bundle, tmp_path_factory) -> Installed:
    root = tmp_path_factory.mktemp("person")
    with tarfile.open(bundle) as tar:
        tar.extractall(root / "download", filter="tar")
    unpacked, = (root / "download").iterdir()
    home = root / "home"
    home.mkdir()
    env = person_env(home)
    done = subprocess.run(["sh", str(unpacked / "install.sh")], env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return Installed(unpacked, home, env)


def test_installed_program_says_its_version(installed):
    done = installed.run("--version")
    assert done.stdout.strip() == f"coordinator {__version__}" and done.stderr == ""


def test_installed_program_loads_the_demo_prints_a_memorandum_and_checks(installed, tmp_path):
    installed.run("demo")
    assert installed.database.is_file()  # in the user's data folder, by default
    listing = installed.run("list", "agreements")
    memorandum = next(line.split()[0] for line in listing.stdout.splitlines()
                      if "Memorandum" in line)
    pdf = tmp_path / "memorandum.pdf"
    installed.run("report", "memorandum", memorandum, "-o", pdf, "--lang", "uk")
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    # Ukrainian and Lithuanian letters print: the report fonts and catalogues are inside.
    assert "Терехов" in text and "Klišonis" in text and "Меморандум" in text
    done = installed.run("check")
    assert done.stderr == ""


def test_installed_app_opens_its_window_with_no_error_output(installed):
    app = subprocess.Popen([str(installed.program)], env=installed.env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        started = time.monotonic()
        # The window's frame opens the database from the event loop: once it holds the
        # lock, the frame is up and the checks and migrations have run.
        while holder_of(installed.database) is None and time.monotonic() - started < 30:
            assert app.poll() is None, app.communicate()[1]
            time.sleep(0.1)
        assert holder_of(installed.database)["pid"] == app.pid
        time.sleep(5)
        assert app.poll() is None, app.communicate()[1]
    finally:
        app.terminate()
        out, err = app.communicate(timeout=30)
    errors = [line for line in err.splitlines() if line != OFFSCREEN_NOTE]
    assert errors == [] and out == ""


def test_menu_entry_starts_the_installed_program_with_its_icon(installed):
    share = installed.home / ".local" / "share"
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(share / "applications" / f"{APP_ID}.desktop", encoding="utf-8")
    command = entry["Desktop Entry"]["Exec"]
    assert command == f'"{installed.lib / "coordinator"}" %f'
    assert os.access(installed.lib / "coordinator", os.X_OK)
    assert (share / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png").is_file()
    assert (share / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    assert (share / "mime" / "packages" / f"{APP_ID}.xml").is_file()


def test_installed_program_fits_in_250_mb(installed):
    size = sum(path.lstat().st_size for path in installed.lib.rglob("*") if path.is_file())
    assert size <= SIZE_LIMIT, f"{size / 2**20:.0f} MiB"


def test_portable_copy_keeps_its_data_beside_the_program(installed, tmp_path):
    stick = tmp_path / "stick"
    shutil.copytree(installed.unpacked / "Coordinator", stick / "Coordinator", symlinks=True)
    (stick / "Coordinator" / "portable").write_text("")
    elsewhere = person_env(tmp_path / "other-home")
    installed.run("demo", program=stick / "Coordinator" / "coordinator", env=elsewhere)
    assert (stick / "Coordinator" / "data" / "coordinator.sqlite3").is_file()
    assert not (tmp_path / "other-home").exists()


def test_uninstall_removes_the_program_and_keeps_the_data(installed):
    done = subprocess.run(["sh", str(installed.lib / "uninstall.sh")], env=installed.env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    share = installed.home / ".local" / "share"
    assert not installed.lib.exists() and not installed.program.exists()
    assert not (share / "applications" / f"{APP_ID}.desktop").exists()
    assert not (share / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png").exists()
    assert installed.database.is_file()
