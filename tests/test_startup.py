"""Start-up: the window's frame comes first, the database after every safety step.

The speed itself is measured by benchmarks/run.py; these tests check what makes it
fast (what a start imports, when Alembic is needed) and that nothing is shown or
edited before the lock and the checks have passed.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from coordinator_app.core.store import migrate
from coordinator_app.core.store.lock import DatabaseLock, holder_of
from support.processes import run_python


def test_head_read_from_the_scripts_is_alembics_head():
    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert migrate.scripted_head() == script.get_current_head() == migrate.head_revision()


def test_at_head_only_for_a_database_at_the_newest_revision(db_path, tmp_path):
    assert not migrate.at_head(db_path)  # not there yet
    migrate.upgrade(db_path, "0001")
    assert not migrate.at_head(db_path)
    migrate.upgrade(db_path)
    assert migrate.at_head(db_path)
    assert migrate.stored_revisions(db_path) == [migrate.head_revision()]

    newer = tmp_path / "newer.sqlite3"
    raw = sqlite3.connect(newer)
    raw.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
    raw.execute("INSERT INTO alembic_version VALUES ('9999')")
    raw.commit()
    raw.close()
    assert not migrate.at_head(newer)  # left to upgrade(), which refuses it
    other = tmp_path / "other.sqlite3"
    sqlite3.connect(other).execute("CREATE TABLE notes (text)").connection.close()
    assert not migrate.at_head(other)
    assert not migrate.at_head(tmp_path / "missing.sqlite3")
    assert not (tmp_path / "missing.sqlite3").exists()  # looking did not create it


def test_opening_a_database_at_head_does_not_load_alembic(db_path):
    from coordinator_app.core.store.db import open_database

    open_database(db_path).close()
    loaded = run_python("""
        import sys
        from coordinator_app.core.store.db import open_database
        open_database(sys.argv[1]).close()
        print(sorted(m for m in ("alembic", "mako") if m in sys.modules))
    """, str(db_path))
    assert loaded == "[]"


def test_an_older_database_is_still_backed_up_and_migrated(db_path):
    from coordinator_app.core.store.backup import list_backups
    from coordinator_app.core.store.db import open_database

    migrate.upgrade(db_path, "0001")
    open_database(db_path).close()
    assert migrate.stored_revisions(db_path) == [migrate.head_revision()]
    assert list_backups(db_path)


def test_the_window_frame_needs_neither_the_database_code_nor_the_qt_namespace(tmp_path):
    loaded = run_python("""
        import sys
        from pathlib import Path
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from coordinator_app.ui.main_window import MainWindow
        window = MainWindow(db_path=Path(sys.argv[1]))
        window.show()
        app.processEvents()
        heavy = ("sqlalchemy", "alembic", "babel", "reportlab", "rapidfuzz", "uklatn",
                 "coordinator_app.core.records.models", "coordinator_app.ui.safety")
        print(sorted(m for m in heavy if m in sys.modules))
        # Importing Qt's namespace builds every enum in it (15 ms): not for the frame.
        import PySide6.QtCore
        print("Qt" in vars(PySide6.QtCore))
        print(window.windowTitle(), "|", app.applicationDisplayName())
    """, str(tmp_path / "coordinator.sqlite3"))
    modules, qt_namespace, title = loaded.splitlines()[-3:]
    assert modules == "[]"
    assert qt_namespace == "False"
    # The platform adds the application's name to the file's.
    assert title == "coordinator.sqlite3 | Coordinator"


def test_the_first_window_with_data_loads_no_library_it_does_not_show(demo_file, tmp_path):
    # Keys (cryptography) and the duplicate finder (phonenumbers, rapidfuzz) wait for
    # the action that needs them.
    loaded = run_python("""
        import os, sys
        os.environ["XDG_CONFIG_HOME"] = sys.argv[2]
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from coordinator_app.ui.app import run_app
        from coordinator_app.ui.main_window import MainWindow

        def look():
            windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]
            if not windows or windows[0].context is None:
                QTimer.singleShot(5, look)
                return
            heavy = ("cryptography", "phonenumbers", "rapidfuzz", "reportlab",
                     "coordinator_app.core.views.duplicates", "coordinator_app.sync.keys")
            print(sorted(m for m in heavy if m in sys.modules))
            print(windows[0].dashboard.first_section_with_items() is not None)
            windows[0].close()

        QTimer.singleShot(0, look)
        run_app(sys.argv[1], "en")
    """, str(demo_file), str(tmp_path / "config"))
    modules, has_lines = loaded.splitlines()[-2:]
    assert modules == "[]"
    assert has_lines == "True"


def test_sources_that_pyside_reads_as_modules_are_imported_are_not_kept():
    # PySide6's import hook reads every module's source; linecache would keep it all.
    kept = run_python("""
        import linecache
        from PySide6.QtWidgets import QApplication
        from coordinator_app.ui import module_sources
        module_sources.stop_keeping()
        import sqlalchemy.orm
        print(sum(1 for name in linecache.cache if "sqlalchemy" in name and name.endswith(".py")))
        print(linecache.getline(sqlalchemy.orm.__file__, 1).strip() != "")
    """)
    assert kept.splitlines()[-2:] == ["0", "True"]


def test_coordinator_without_a_command_reads_its_options_without_the_database_code():
    loaded = run_python("""
        import sys
        from coordinator_app.cli import _names_a_command, build_parser
        argv = ["--db", "list", "--lang", "uk", "--debug"]  # "list" is the file's name
        args = build_parser(commands=_names_a_command(argv)).parse_args(argv)
        print(args.command, args.db, args.lang, args.debug, "sqlalchemy" in sys.modules)
    """)
    assert loaded == "None list uk True False"


def _watch_start(db_path: Path, then):
    """Record what the window holds at its first showing and once it is ready."""
    from coordinator_app.ui.main_window import MainWindow

    seen: dict[str, object] = {}

    def look() -> None:
        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:
            QTimer.singleShot(5, look)
            return
        window = windows[0]
        opening = window.findChild(QLabel, "opening")
        seen["first"] = {"data": window.context is not None,
                         "navigation": hasattr(window, "navigation"),
                         "menus": window.menuBar().actions() != [],
                         "locked": holder_of(db_path) is not None,
                         "says": opening.text() if opening is not None else None}
        window.ready.connect(lambda: then(window, seen))

    QTimer.singleShot(0, look)
    return seen


def test_the_frame_shows_first_and_data_only_after_the_lock_and_checks(
        qtbot, db_path, monkeypatch):
    import linecache
    import threading

    from coordinator_app.core.store.db import open_database
    from coordinator_app.core.sample.demo import load_demo
    from coordinator_app.core.records.service import Workspace
    from coordinator_app.ui.app import run_app

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(linecache, "updatecache", linecache.updatecache)
    db = open_database(db_path)
    load_demo(Workspace(db))
    db.close()

    def when_ready(window, seen):
        seen["ready"] = {"locked": holder_of(db_path) is not None,
                         "lines": window.dashboard.overdue.tree.topLevelItemCount()
                         + window.dashboard.recent.tree.topLevelItemCount(),
                         "status": window.statusBar().offline.text()}
        QTimer.singleShot(0, window.close)

    seen = _watch_start(db_path, when_ready)
    assert run_app(db_path, "en") == 0
    first = seen["first"]
    assert first["data"] is False and first["navigation"] is False and first["menus"] is False
    assert first["locked"] is False  # the lock is taken from the event loop, after showing
    assert first["says"] == "Opening the database…"
    ready = seen["ready"]
    assert ready["locked"] is True and ready["lines"] > 0
    assert ready["status"] == "offline: all data on this computer"
    assert holder_of(db_path) is None  # let go at exit
    assert getattr(linecache.updatecache, "not_kept", False)  # module_sources.stop_keeping


def test_a_database_in_use_is_refused_before_any_data_is_shown(qtbot, db_path, monkeypatch):
    import threading

    from coordinator_app.core.store.db import open_database
    from coordinator_app.ui.app import run_app
    from coordinator_app.ui.main_window import MainWindow

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    open_database(db_path).close()
    other = DatabaseLock(db_path).acquire()  # another window has it
    asked = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        asked.append((box.windowTitle(), box.parent() in windows,
                      [w.context for w in windows]))
        quit_button = next(b for b in box.buttons() if b.text() == "Quit")
        quit_button.click()

    QTimer.singleShot(0, answer)
    try:
        assert run_app(db_path, "en") == 1
    finally:
        other.release()
    (title, over_the_frame, contexts), = asked
    assert title == "Database in use"
    assert over_the_frame  # asked over the window's frame…
    assert contexts == [None]  # …which never got the database
