"""Shared fixtures: a real database file in a temporary folder, never the user's."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    """Keep every test out of the real per-user data folder and language."""
    monkeypatch.setenv("COORDINATOR_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    from coordinator_app import i18n

    i18n.set_language("en")


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "coordinator.sqlite3"


@pytest.fixture
def workspace(db_path):
    from coordinator_app.core.db import open_database
    from coordinator_app.core.service import Workspace

    db = open_database(db_path)
    yield Workspace(db)
    db.close()


@pytest.fixture
def demo_workspace(workspace):
    """A workspace with the demo data set loaded (see coordinator_app.core.demo)."""
    from coordinator_app.core.demo import load_demo

    load_demo(workspace)
    return workspace
