"""Start the desktop app: `coordinator` with no command, and `make run`."""

from __future__ import annotations

import sys
from pathlib import Path

from coordinator_app import i18n


def run_app(db_path: str | Path | None = None, lang: str | None = None) -> int:
    """Open the database (None: the one in the user's data folder) in the main window
    and run until it is closed. Returns the exit status: 1 if the database could not
    be opened (the user has been told why)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from coordinator_app.core.service import Workspace
    from coordinator_app.ui.context import UiContext
    from coordinator_app.ui.main_window import MainWindow
    from coordinator_app.ui.safety import BackupScheduler, install_exception_hook, open_database_for_app

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Coordinator")
    app.setOrganizationName("Coordinator")
    app.setApplicationDisplayName("Coordinator")
    install_exception_hook(app)
    language = i18n.preferred_language(lang)
    i18n.set_language(language)
    i18n.install_qt_translators(app, language)

    db = open_database_for_app(db_path, None)
    if db is None:
        return 1
    try:
        workspace = Workspace(db)
        context = UiContext(workspace)
        scheduler = BackupScheduler(workspace)
        scheduler.start()
        window = MainWindow(context, scheduler)
        # Gone with its widgets when closed, inside the event loop, rather than left for
        # the interpreter to tear down at exit in no particular order.
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()
        try:
            status = app.exec()
        finally:
            # A last backup of this session's edits before the file is let go.
            scheduler.shutdown()
        return status
    finally:
        db.close()
