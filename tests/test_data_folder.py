"""Where the data folder is: COORDINATOR_HOME, a portable install, or the user's folder."""

from __future__ import annotations

import sys

import pytest

from coordinator_app.core.store import paths


@pytest.fixture
def packaged(tmp_path, monkeypatch):
    """A packaged (frozen) program whose executable sits in `tmp_path/Coordinator`,
    with no COORDINATOR_HOME set."""
    folder = tmp_path / "Coordinator"
    folder.mkdir()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(folder / "coordinator"))
    monkeypatch.delenv("COORDINATOR_HOME", raising=False)
    return folder


def test_packaged_program_keeps_data_in_the_users_folder(packaged):
    assert paths.data_dir() != packaged / "data"
    assert packaged not in paths.data_dir().parents


@pytest.mark.parametrize("marker", ["file named portable", "folder named data"])
def test_portable_install_keeps_data_beside_the_program(packaged, marker):
    if marker == "file named portable":
        (packaged / "portable").write_text("")
    else:
        (packaged / "data").mkdir()
    assert paths.data_dir() == packaged.resolve() / "data"
    assert paths.default_db_path() == packaged.resolve() / "data" / "coordinator.sqlite3"


def test_coordinator_home_beats_a_portable_install(packaged, tmp_path, monkeypatch):
    (packaged / "portable").write_text("")
    monkeypatch.setenv("COORDINATOR_HOME", str(tmp_path / "elsewhere"))
    assert paths.data_dir() == tmp_path / "elsewhere"


def test_program_run_from_source_is_never_portable(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "frozen", False, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    (tmp_path / "data").mkdir()
    (tmp_path / "portable").write_text("")
    monkeypatch.delenv("COORDINATOR_HOME", raising=False)
    assert paths.portable_data_dir() is None
    assert paths.data_dir() != tmp_path / "data"


def test_portable_install_keeps_its_settings_beside_the_program_too(packaged):
    from coordinator_app.ui.settings_store import app_settings

    (packaged / "portable").write_text("")
    settings = app_settings()
    settings.setValue("language", "lt")
    settings.sync()
    assert settings.fileName() == str(packaged.resolve() / "data" / "settings.ini")
    assert "lt" in (packaged / "data" / "settings.ini").read_text("utf-8")
