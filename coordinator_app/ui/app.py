"""Start the desktop app: `coordinator` with no command, and `make run`.

The window's frame is shown first, before the database code is even imported
(SQLAlchemy alone takes several times as long to import as a bare window takes to
appear). Once that frame is painted, the event loop opens the database: lock,
start-up checks, an offer to restore a damaged file, migrations. Only then are the
pages built over it, so nothing is shown or edited before every check has passed.

Once the checks have passed, the dashboard is read with plain SQL through sqlite3
(or SQLCipher) and painted before the database code is loaded: SQLAlchemy and the
models take longer to import than the whole window takes to show its data. The
menus, the lists and editing come a moment later, when the database is open.
"""

from __future__ import annotations

import sys
from pathlib import Path

from coordinator_app import i18n


def run_app(db_path: str | Path | None = None, lang: str | None = None,
            bundle: Path | None = None) -> int:
    """Open the database (None: the one in the user's data folder) in the main window
    and run until it is closed. Returns the exit status: 1 if the database could not
    be opened (the user has been told why). `bundle` is a sync bundle the desktop
    asked the app to open (a double click on a .coordsync file)."""
    from coordinator_app import system_check
    from coordinator_app.ui import module_sources

    # Before PySide6 is imported: its import hook reads the source of every module after.
    module_sources.stop_keeping()
    missing = system_check.problem()
    if missing is not None:
        # Qt would abort with "could not load the Qt platform plugin", naming nothing to install.
        print(missing, file=sys.stderr)
        return 1

    from PySide6.QtWidgets import QApplication

    from coordinator_app.ui import language
    from coordinator_app.ui.app_icon import set_application_icon
    from coordinator_app.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Coordinator")
    app.setOrganizationName("Coordinator")
    app.setApplicationDisplayName("Coordinator")
    set_application_icon(app)
    chosen = language.preferred_language(lang)
    i18n.set_language(chosen)
    language.install_qt_translators(app, chosen)

    if db_path is None:
        from coordinator_app.core.store.paths import default_db_path

        db_path = default_db_path()
    path = Path(db_path).expanduser().resolve()
    window = MainWindow(db_path=path)
    window.show()
    opening = _Opening(app, window, path, bundle)
    try:
        status = app.exec()
    finally:
        opening.close()
    if opening.failure is not None:
        raise opening.failure
    # Closed before the database was opened: nothing went wrong.
    return 1 if opening.started and opening.db is None else status


class _Opening:
    """Opens the database into the window once its frame is on screen, and lets go
    of it (last backup, lock) when the event loop is done."""

    def __init__(self, app, window, path: Path, bundle: Path | None = None):
        from PySide6.QtCore import QObject, QTimer
        from PySide6.QtWidgets import QWidget

        self.app, self.window, self.path, self.bundle = app, window, path, bundle
        self.db = None
        self.scheduler = None
        self.failure: BaseException | None = None
        self.started = False
        opening = self

        class FirstPaint(QObject):
            def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
                from PySide6.QtCore import QEvent

                if event.type() == QEvent.Type.Paint:
                    # After this paint reaches the screen, not before: a window
                    # mapped but never painted would look broken while we work.
                    QTimer.singleShot(0, window, opening.open)
                return False

        self._watch = FirstPaint(window)
        self._label = window.findChild(QWidget, "opening")
        self._label.installEventFilter(self._watch)
        # Should no paint come (a window that starts hidden or minimised), open anyway.
        QTimer.singleShot(300, window, self.open)

    def open(self) -> None:
        if self.started:
            return
        self.started = True
        self._label.removeEventFilter(self._watch)
        try:
            self._open()
        except BaseException as exc:  # noqa: BLE001 - re-raised by run_app after the loop
            self.failure = exc
            self._give_up()

    def _delete_on_close(self) -> None:
        """Let the window go with its widgets when closed, inside the event loop, rather
        than leave it for the interpreter to tear down at exit in no particular order.
        (Set once the first page is painted: the Qt namespace takes some 30 ms to load.)"""
        import shiboken6
        from PySide6.QtCore import Qt

        if shiboken6.isValid(self.window):
            self.window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def _give_up(self) -> None:
        self._delete_on_close()
        # Closing the last window ends the event loop (run_app works out the status).
        # An exit() besides would leave Qt's own quit event queued for a later loop.
        self.window.close()
        if self.app.quitOnLastWindowClosed() and not any(
                w.isVisible() for w in self.app.topLevelWidgets()):
            return
        self.app.exit(1)

    def _open(self) -> None:
        from coordinator_app.ui.safety import install_exception_hook, open_database_for_app

        from coordinator_app.core.store import private_temp

        install_exception_hook(self.app)
        # Opened attachments and report previews a crashed session left behind.
        private_temp.remove_stale()
        # Lock, start-up checks, restore offer and migrations, with the frame as the
        # parent of any question asked; the window gets no data until they pass.
        self.db = open_database_for_app(self.path, self.window, first_look=self._first_look)
        self._delete_on_close()
        from coordinator_app.core.store import logs

        # With what was logged before the first page was painted.
        logs.setup_logging()
        if self.db is None:
            self._give_up()
            return
        from coordinator_app.ui import focus_style

        # Once the first page is painted: the style's classes build their enums (some
        # 10 ms), and until the window is whole there is no tool button to focus.
        focus_style.install(self.app)
        import shiboken6

        if not shiboken6.isValid(self.window) or not self.window.isVisible():
            return  # closed while the first page was painted: close() lets the file go
        from coordinator_app.ui.backups import BackupScheduler
        from coordinator_app.ui.context import UiContext
        from coordinator_app.ui.day_turn import DayTurn

        self.scheduler = BackupScheduler(self.db)
        self.scheduler.start()
        # The workspace (SQLAlchemy, the models) is made when first used.
        context = UiContext(db=self.db)
        self.window.attach(context, self.scheduler)
        # Owned by the context: it goes with it.
        DayTurn(context)
        if self.bundle is not None:
            self.window.received_sync_bundle(self.bundle)

    def _first_look(self, path: Path) -> None:
        """Paint the dashboard from plain SQL, the file checked and at the newest schema,
        before the database code is loaded to open it."""
        from datetime import date

        from PySide6.QtCore import QEventLoop

        from coordinator_app.core.store.connect import connect, errors
        from coordinator_app.core.views import dashboard
        from coordinator_app.ui.dashboard import LIMIT

        if not self.window.starts_on_dashboard():
            return
        today = date.today()
        try:
            connection = connect(path)
            try:
                found = dashboard.read(connection, today, limit=LIMIT)
            finally:
                connection.close()
        except errors():
            # Opening the database for editing finds out what is wrong, and says so.
            return
        if self.window.first_look(found, today):
            # Painted now: loading the database code keeps the event loop busy a while.
            # Input waits for the window to be whole (the menus come with the database).
            self.app.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)

    def close(self) -> None:
        from coordinator_app.core.crypto import keyring
        from coordinator_app.core.store import private_temp

        try:
            if self.scheduler is not None:
                # A last backup of this session's edits before the file is let go.
                self.scheduler.shutdown()
        finally:
            if self.db is not None:
                self.db.close()
            private_temp.remove_own()
            keyring.forget_all()
