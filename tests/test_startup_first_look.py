"""The first window with data: the dashboard painted from plain SQL, after the lock and
the checks, before the database code (SQLAlchemy, the models) is loaded; the rest of
the window built around it once the database is open."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from support.dashboard import filled_before_open

ROOT = Path(__file__).resolve().parent.parent

#: Starts the app on the database given, notes what the window holds when it first
#: shows data and when it is ready, prints that as JSON and closes the window.
WATCH = """
    import json, sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from coordinator_app.ui.app import run_app
    from coordinator_app.ui.main_window import MainWindow

    seen = {}
    # What the start-up checks show only when they have something to show, the form
    # fields, the focus ring's style, Babel (whose locale data load its dates module
    # and time zones), the key slots' hashing, the transliteration's patterns, the
    # log file's rotation (set up once the first page is painted), the socket and
    # uuid modules (the lock reads the computer's name from os.uname()), and
    # subprocess (the system check runs ldd only when Qt's plugin does not load) and
    # decimal (for sums of money, which the dashboard does not show).
    ONLY_WHEN_NEEDED = ("babel", "coordinator_app.ui.passphrase_dialogs",
                        "coordinator_app.ui.upgrade_progress", "coordinator_app.ui.backups",
                        "coordinator_app.ui.widgets.fields", "_strptime",
                        "coordinator_app.ui.focus_style", "hashlib", "uklatn",
                        "logging.handlers", "socket", "uuid", "platform", "subprocess",
                        "decimal")

    def lines(window):
        dashboard = getattr(window, "dashboard", None)
        if dashboard is None:
            return None
        return [section.tree.topLevelItemCount() for section in dashboard.sections]

    def look():
        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:
            QTimer.singleShot(5, look)
            return
        window = windows[0]

        def top():
            # Where the dashboard sits in the window, once the window is laid out.
            window.centralWidget().layout().activate()
            window.layout().activate()
            return window.dashboard.mapTo(window, window.dashboard.rect().topLeft()).y()

        def sections():
            # Where each section of the dashboard sits on its page, and how tall it is.
            return [[section.y(), section.height()] for section in window.dashboard.sections]

        def data():
            # As painted first (the next turn of the event loop), before the database is open.
            QTimer.singleShot(0, lambda: seen["data"].update(sections=sections()))
            seen["data"] = {"sqlalchemy": "sqlalchemy" in sys.modules,
                            "loaded": sorted(m for m in ONLY_WHEN_NEEDED if m in sys.modules),
                            # Naming any of its enums builds them all (some 30 ms).
                            "qt namespace": "Qt" in vars(sys.modules["PySide6.QtCore"]),
                            "top": top() if hasattr(window, "dashboard") else None,
                            "attached": window.context is not None,
                            "lines": lines(window),
                            "navigation": window.navigation.count()
                            if hasattr(window, "navigation") else 0}

        def ready():
            seen["ready"] = {"lines": lines(window),
                             "page": window.current_page_name(),
                             "same dashboard": window.dashboard is seen.get("dashboard"),
                             "menus": window.menuBar().actions() != [],
                             "focus ring": type(QApplication.style()).__name__}

            def settled():
                seen["ready"]["top"] = top()
                seen["ready"]["sections"] = sections()
                window.close()

            QTimer.singleShot(0, settled)  # once the menus and toolbar are shown

        window.shows_data.connect(data)
        window.shows_data.connect(lambda: seen.update(dashboard=getattr(window, "dashboard",
                                                                         None)))
        window.ready.connect(ready)

    if len(sys.argv) > 2:  # the page last shown on this file
        from coordinator_app.ui import window_state
        from pathlib import Path
        window_state.remember_record(Path(sys.argv[1]).resolve(), sys.argv[2], None)
    QTimer.singleShot(0, look)
    status = run_app(sys.argv[1], "en")
    seen.pop("dashboard", None)
    print(json.dumps(seen))
    sys.exit(status)
"""


def _start(db_path: Path, *args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(WATCH), str(db_path), *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def _demo(db_path: Path) -> None:
    from coordinator_app.core.records.service import Workspace
    from coordinator_app.core.sample.demo import load_demo
    from coordinator_app.core.store.db import open_database

    db = open_database(db_path)
    load_demo(Workspace(db))
    db.close()


def test_the_dashboard_shows_its_data_before_the_database_code_is_loaded(db_path):
    _demo(db_path)
    seen = _start(db_path)
    data, ready = seen["data"], seen["ready"]
    assert data["sqlalchemy"] is False and data["attached"] is False
    assert data["loaded"] == [] and data["qt namespace"] is False
    assert data["navigation"] == 7  # the dashboard and the six lists, there already
    assert sum(data["lines"]) > 0
    # Once open, the window keeps the page it showed and builds the rest around it.
    assert ready["same dashboard"] is True and ready["menus"] is True
    assert ready["focus ring"] == "VisibleFocus"  # the style's, once the window is whole
    assert ready["page"] == "dashboard" and ready["lines"] == data["lines"]
    # The menus and the toolbar come into a band kept for them: the page does not move.
    assert ready["top"] == data["top"] > 0
    # Nor do its sections: painted first as tall as once the window is whole.
    assert ready["sections"] == data["sections"]


def test_a_start_on_a_list_waits_for_the_database_to_show_it(db_path):
    _demo(db_path)
    seen = _start(db_path, "person")
    assert seen["data"]["attached"] is True and seen["data"]["sqlalchemy"] is True
    assert seen["ready"]["page"] == "person"


def test_a_database_that_needs_upgrading_is_shown_only_once_upgraded(db_path):
    from coordinator_app.core.store import migrate

    _demo(db_path)
    older = migrate.revisions()[1]
    migrate.downgrade(db_path, older)
    seen = _start(db_path)
    assert seen["data"]["attached"] is True  # nothing read before the migration ran
    assert migrate.at_head(db_path)


def test_a_line_opened_before_the_database_is_open_opens_its_record_once_it_is(
        qtbot, demo_context):
    page, found = filled_before_open(qtbot, demo_context)
    line = page.overdue.tree.topLevelItem(0)
    opened = []
    demo_context.open_requested.connect(lambda kind, record_id: opened.append((kind, record_id)))
    page.overdue.tree.itemActivated.emit(line, 0)
    assert opened == []  # no context yet: it waits
    page.attach(demo_context)
    assert opened == [("agreement", found.overdue[0].id)]
