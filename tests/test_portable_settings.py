"""A portable copy (COORDINATOR_HOME on a USB stick) keeps its settings in its own data
folder: nothing is left on the computer it ran on, and two copies do not share them."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from coordinator_app.ui import language
from coordinator_app.core.store import backup
from coordinator_app.core.store.paths import data_dir
from coordinator_app.ui import window_state
from coordinator_app.ui.settings_store import SETTINGS_FILE, app_settings
from support.files import mode_of

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def host_settings(tmp_path):
    """Where Qt would put the settings of this computer's user, moved into the test's
    folder so that what lands there can be seen (and the real ones stay untouched)."""
    folder = tmp_path / "host-config"
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    return folder


def files_in(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def test_a_portable_copy_keeps_language_and_window_state_in_its_data_folder(
        host_settings, db_path, shared_umask):
    language.save_language("uk")
    window_state.remember_record(db_path, "people", "1f0c6a52")

    ini = data_dir() / SETTINGS_FILE
    text = ini.read_text(encoding="utf-8")
    assert "language=uk" in text and "1f0c6a52" in text
    assert files_in(host_settings) == []  # no trace on the host
    if sys.platform != "win32":
        assert mode_of(ini) == 0o600 and mode_of(data_dir()) == 0o700
    assert language.saved_language() == "uk"
    assert window_state.last_position(db_path) == ("people", {"people": "1f0c6a52"})


def test_two_portable_copies_do_not_share_their_settings(host_settings, db_path, tmp_path,
                                                         monkeypatch):
    language.save_language("lt")
    window_state.remember_record(db_path, "agreements", "aa11")

    monkeypatch.setenv("COORDINATOR_HOME", str(tmp_path / "second-stick"))
    assert language.saved_language() is None
    assert window_state.last_position(db_path) == (None, {})
    language.save_language("en")

    monkeypatch.setenv("COORDINATOR_HOME", str(tmp_path / "home"))
    assert language.saved_language() == "lt"


def test_an_installed_copy_keeps_its_settings_where_qt_keeps_them(host_settings,
                                                                  monkeypatch):
    monkeypatch.delenv("COORDINATOR_HOME")
    language.save_language("lt")
    assert Path(app_settings().fileName()).is_relative_to(host_settings)
    assert language.saved_language() == "lt"


def test_the_extra_backup_folder_is_remembered_in_the_portable_data_folder(tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    backup.set_extra_folder(stick)
    assert backup.extra_folder() == stick.resolve()
    assert [p.name for p in files_in(data_dir())] == [backup.SETTINGS_FILE]


def test_every_settings_store_of_the_app_comes_from_one_place():
    made_here = {path.relative_to(ROOT).as_posix()
                 for path in (ROOT / "coordinator_app").rglob("*.py")
                 if re.search(r"QSettings\(", path.read_text(encoding="utf-8"))}
    assert made_here == {"coordinator_app/ui/settings_store.py"}
