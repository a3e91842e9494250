"""The main window: navigation on the left, the current page beside it, the status
bar below. Menus and shortcuts live in window_actions, what is remembered between
runs in window_state; the pages do their own work.

The window can be shown before the database is open (`MainWindow(db_path=…)`, then
`attach()`), so this module imports nothing that loads SQLAlchemy until then. Between
the two, `first_look()` may show the navigation and the dashboard read with plain
SQL; `attach()` then keeps them and builds the rest around them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QStatusBar, QVBoxLayout, QWidget

from coordinator_app import i18n
from coordinator_app.i18n import _
from coordinator_app.ui import window_state
from coordinator_app.ui.pages import DASHBOARD, kinds, pages
from coordinator_app.ui.settings_store import app_settings

if TYPE_CHECKING:
    from coordinator_app.ui.context import UiContext
    from coordinator_app.ui.list_page import ListPage


def _menus_and_toolbar_height() -> int:
    """The height of a menu bar and of a toolbar of icons (window_actions.install's),
    measured on a bar of each made for it."""
    from PySide6.QtGui import QIcon, QPixmap
    from PySide6.QtWidgets import QMenuBar, QToolBar

    menus = QMenuBar()
    menus.addMenu(_("&File"))
    toolbar = QToolBar()
    icon = QPixmap(toolbar.iconSize())
    icon.fill()
    toolbar.addAction(QIcon(icon), _("Search"))
    return menus.sizeHint().height() + toolbar.sizeHint().height()


class MainWindow(QMainWindow):
    #: attach() is done: the database is open and the first page shows its data.
    ready = Signal()
    #: The first page shows its data: painted by first_look(), or by attach().
    shows_data = Signal()

    def __init__(self, context: UiContext | None = None, scheduler=None,
                 parent: QWidget | None = None, *, db_path: Path | None = None):
        """The whole window over `context`; or, with no context, only its frame for
        `db_path` (title, status bar, "Opening the database…"), which run_app shows at
        once and fills with attach() when the database is open and checked."""
        super().__init__(parent)
        self.context = None
        self.showing_data = False
        #: What first_look() built (navigation, pages' stack, dashboard), for attach().
        self._first_look: tuple | None = None
        self.setObjectName("main_window")
        self.resize(1280, 800)
        if context is not None:
            self.attach(context, scheduler)
            return
        self.db_path = Path(db_path)
        self._set_title()
        # Centred by stretches, and an empty status bar until attach(): importing the
        # Qt namespace (for Qt.AlignmentFlag…) builds all its enums, 15 ms.
        opening = QLabel(_("Opening the database…"))
        opening.setObjectName("opening")
        opening.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(opening)
        row.addStretch(1)
        central = QWidget()
        column = QVBoxLayout(central)
        column.addStretch(1)
        column.addLayout(row)
        column.addStretch(1)
        self.setCentralWidget(central)
        self.setStatusBar(QStatusBar(self))
        window_state.restore_window(self)

    def _set_title(self) -> None:
        # The platform adds the application's name itself ("demo.sqlite3 — Координатор"),
        # in the language it speaks now; naming it here too said it twice.
        from PySide6.QtWidgets import QApplication

        QApplication.setApplicationDisplayName(_("Coordinator"))
        self.setWindowTitle(self.db_path.name)

    def starts_on_dashboard(self) -> bool:
        """Whether attach() will show the dashboard (the page last used on this file)."""
        page, _records = window_state.last_position(self.db_path)
        return page not in pages() or page == DASHBOARD

    def first_look(self, found, today) -> bool:
        """Show the navigation and the dashboard filled with `found` (core.views.dashboard's
        Dashboard, read for `today`) before the database is open for editing. False, and
        nothing shown, when it is all empty: a new file's first start shows the welcome
        page instead, once attached."""
        from PySide6.QtWidgets import QStackedWidget

        from coordinator_app.ui.dashboard import DashboardPage
        from coordinator_app.ui.navigation import Navigation

        if self.context is not None or not any(
                (found.overdue, found.due_soon, found.expiring, found.meetings,
                 found.milestones, found.projects, found.needs, found.recent)):
            return False
        navigation = Navigation()
        navigation.fit(self.width())
        navigation.setCurrentRow(0)
        stack = QStackedWidget()
        dashboard = DashboardPage(None, db_path=self.db_path)
        dashboard.fill(found, today)
        stack.addWidget(dashboard)
        central = QWidget()
        layout = QHBoxLayout(central)
        # attach() puts the menus and the toolbar above the page: their band stays
        # empty until then, so that the page does not move down when they come.
        layout.setContentsMargins(0, _menus_and_toolbar_height(), 0, 0)
        layout.setSpacing(0)
        layout.addWidget(navigation)
        layout.addWidget(stack, 1)
        self.setCentralWidget(central)
        # Shown now, not at the next turn of the event loop as Qt would: laid out then,
        # the page was painted once with its sections at an empty one's height, their
        # lists cut short, before its scroll area learnt the page's height.
        central.show()
        self.navigation, self.dashboard = navigation, dashboard
        self._first_look = (navigation, stack, dashboard)
        self.showing_data = True
        self.shows_data.emit()
        return True

    def attach(self, context: UiContext, scheduler=None) -> None:
        """Build the pages, menus and toolbar over the open database and show its first
        page (the one last used, or the welcome page of a new database)."""
        # Imported here, not by the frame: each Qt class costs its enums the first time
        # (QStyle's alone 5 ms).
        from PySide6.QtCore import QByteArray

        from coordinator_app.ui.welcome import is_first_start

        framed = self.context is None and self.isVisible()
        self.context = context
        self.scheduler = scheduler
        self.db_path = context.db.path
        self._build()
        context.open_requested.connect(self.open_record)
        context.error.connect(self._show_error)
        self._sync_with_server()
        if framed:
            # Shown already at its saved size and place (the user may have moved it
            # since); only the toolbar, new now, is put back as it was.
            state = app_settings().value("window/state")
            if isinstance(state, QByteArray) and not state.isEmpty():
                self.restoreState(state)
        else:
            window_state.restore_window(self)
        if is_first_start(context):
            self._show_welcome()
        else:
            self._return_to_last_position()
        if not self.showing_data:
            self.showing_data = True
            self.shows_data.emit()
        self.ready.emit()

    def _build(self) -> None:
        """The window's contents in the current language: navigation, pages, status
        bar, menus and toolbar (made again, whole, when the language changes)."""
        from PySide6.QtGui import QAction
        from PySide6.QtWidgets import QMenuBar, QStackedWidget

        from coordinator_app.ui import window_actions
        from coordinator_app.ui.dashboard import DashboardPage
        from coordinator_app.ui.navigation import Navigation
        from coordinator_app.ui.status_bar import StatusBar
        from coordinator_app.ui.sync_status import SyncStatus
        from coordinator_app.ui.welcome import WelcomePage

        context = self.context
        self._set_title()
        first, self._first_look = self._first_look, None
        if first is not None:
            # Kept as first_look() showed them, now working over the context.
            self.navigation, self.stack, self.dashboard = first
            self.dashboard.attach(context)
            # No page chosen, so that choosing the dashboard again does what it does.
            self.navigation.blockSignals(True)
            self.navigation.setCurrentRow(-1)
            self.navigation.blockSignals(False)
        else:
            self.navigation = Navigation()
            self.navigation.fit(self.width())
            self.stack = QStackedWidget()
            self.dashboard = DashboardPage(context)
            self.stack.addWidget(self.dashboard)
        # List pages (each with its editor) are built when first shown: the window
        # opens sooner, and a page nobody visits costs nothing.
        self.list_pages: dict[str, ListPage] = {}
        self.pages: dict[str, QWidget] = {DASHBOARD: self.dashboard}
        self._pending_records: dict[str, str] = {}
        self.welcome = WelcomePage(context)
        self.welcome.finished.connect(self._welcome_done)
        self.welcome.import_requested.connect(lambda: self.open_import())
        self.welcome.language_chosen.connect(self._language_chosen)
        self.stack.addWidget(self.welcome)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.setStatusBar(StatusBar(self.db_path, self.scheduler, self))
        if getattr(self, "server_sync", None) is not None:
            self.statusBar().follow_server(self.server_sync)
        self.sync_status = SyncStatus(context)
        self.sync_status.conflicts_clicked.connect(lambda: self.open_sync().show_conflicts())
        self.statusBar().follow_sync(self.sync_status)
        self.setAcceptDrops(True)

        self.idle_watch = None
        self.setMenuBar(QMenuBar(self))
        before = set(self.findChildren(QAction))
        self.actions = window_actions.install(self)
        #: What install() made, to be let go when the window is made again.
        self.made_actions = [a for a in self.findChildren(QAction) if a not in before]
        self._watch_idle()
        self.navigation.currentRowChanged.connect(self._on_navigation)

    # -- pages -------------------------------------------------------------------------

    def current_page_name(self) -> str:
        widget = self.stack.currentWidget()
        for name, page in self.pages.items():
            if page is widget:
                return name
        return DASHBOARD

    def current_list_page(self) -> ListPage | None:
        return self.list_pages.get(self.current_page_name())

    def page(self, name: str) -> QWidget:
        """The page called `name`, built on first use."""
        if name not in self.pages:
            from coordinator_app.ui.list_page import ListPage

            page = ListPage(self.context, name)
            page.record_shown.connect(lambda record_id: self._remember(name, record_id))
            page.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
            window_state.restore_page(name, page)
            if name in self._pending_records:
                page.restore_record(self._pending_records.pop(name))
            self.list_pages[name] = page
            self.pages[name] = page
            self.stack.addWidget(page)
        return self.pages[name]

    def show_page(self, name: str) -> None:
        if self.stack.currentWidget() is self.welcome:
            return
        self.navigation.setCurrentRow(pages().index(name))

    def _on_navigation(self, row: int) -> None:
        if not 0 <= row < len(pages()):
            return
        name = pages()[row]
        page = self.page(name)
        self.stack.setCurrentWidget(page)
        page.activate()
        self.actions.page_changed(self.current_list_page() is not None, name)
        record_id = page.current_id() if name in self.list_pages else None
        window_state.remember_record(self.db_path, name, record_id)

    def open_record(self, kind: str, record_id: str) -> None:
        """Switch to the page of `kind` and show the record (context.open_requested)."""
        if kind not in kinds():
            return
        self.show_page(kind)
        page = self.page(kind)
        page.open_record(record_id)
        page.focus_list()

    def _remember(self, kind: str, record_id: str) -> None:
        if self.current_page_name() == kind:
            window_state.remember_record(self.db_path, kind, record_id)

    def _return_to_last_position(self) -> None:
        page, records = window_state.last_position(self.db_path)
        self._pending_records = {kind: rid for kind, rid in records.items() if kind in kinds()}
        self.navigation.setCurrentRow(pages().index(page) if page in pages() else 0)

    # -- first start -------------------------------------------------------------------

    def _show_welcome(self) -> None:
        self.navigation.setEnabled(False)
        self.stack.setCurrentWidget(self.welcome)
        self.actions.page_changed(False)

    def _welcome_done(self) -> None:
        self.navigation.setEnabled(True)
        self.stack.setCurrentWidget(self.dashboard)
        self.navigation.setCurrentRow(-1)
        self.navigation.setCurrentRow(0)

    # -- commands the menus call -------------------------------------------------------

    def new_record(self, kind: str | None = None) -> None:
        kind = kind or self.current_page_name()
        if kind not in kinds():
            return
        self.show_page(kind)
        self.page(kind).new_record()

    def delete_current(self) -> None:
        page = self.current_list_page()
        if page is not None:
            page.delete_current()

    def focus_filter(self) -> None:
        page = self.current_list_page()
        if page is not None:
            page.focus_filter()

    def open_search(self) -> None:
        from coordinator_app.ui.search_dialog import SearchDialog

        if getattr(self, "_search", None) is None:
            self._search = SearchDialog(self.context, self)
        self._search.open()

    def open_briefing(self) -> None:
        from coordinator_app.ui.report_dialogs import open_briefing_dialog

        page = self.current_list_page()
        open_briefing_dialog(self.context, self,
                             (page.kind, page.current_id()) if page is not None else None)

    def open_import(self, path: str | Path | None = None):
        """File → Import…; the finished import is one step on the undo stack."""
        from coordinator_app.ui.import_dialog import ImportDialog

        dialog = ImportDialog(self.context, self, path)
        dialog.accepted.connect(lambda: self.statusBar().showMessage(dialog.outcome_text,
                                                                     12000))
        dialog.open()
        if path is None:
            dialog.choose_file()
        return dialog

    def export_list(self) -> None:
        """File → Export this list…: the list as its filter and facets show it."""
        page = self.current_list_page()
        if page is None:
            return
        made = page.export_list()
        if made is not None:
            self.statusBar().showMessage(_("Written: {file}").format(file=made), 8000)

    def open_settings(self) -> None:
        from coordinator_app.ui.live_language import switch_language
        from coordinator_app.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self)
        if dialog.exec() and dialog.language_changed():
            switch_language(self, dialog.chosen_language())

    def _language_chosen(self, lang: str) -> None:
        from coordinator_app.ui.live_language import switch_language

        if lang != i18n.current_language():
            switch_language(self, lang)

    def _sync_with_server(self) -> None:
        """Background sync with the office server set in Settings, if any."""
        from coordinator_app.ui.server_sync import ServerSync

        self.server_sync = ServerSync(self.context.db.device_id,
                                      replica_factory=self._server_replica, parent=self)
        self.statusBar().follow_server(self.server_sync)
        self.context.data_changed.connect(lambda _changes: self.server_sync.changed_here())
        # Lists and editors showing what a pull changed read it again, as after a bundle.
        self.server_sync.pulled.connect(self.context.announce)
        self.server_sync.start()

    def _server_replica(self):
        """This database as a round with the server sees it (made only when a server is
        set: the database driver is imported then). Backed up before the session's
        first merge, as before reading a bundle; merged in short transactions, so an
        edit made meanwhile waits a moment at most."""
        from coordinator_app.hub.replica import LocalReplica

        return LocalReplica(self.context.workspace, backup=not self.server_sync.backed_up,
                            batch=LocalReplica.SHORT_BATCH)

    def show_navigation(self, shown: bool) -> None:
        """Go → List of pages (F9): show or hide the list, and keep that choice."""
        self.navigation.choose(shown)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if getattr(self, "context", None) is not None:
            self.navigation.fit(self.width())
            self.actions.navigation.setChecked(not self.navigation.isHidden())

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if getattr(self, "context", None) is None:
            return  # the frame: the database is still being opened
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.LanguageChange:
            from coordinator_app.ui.live_language import later

            later(self)

    def received_sync_bundle(self, path: Path) -> None:
        """A sync bundle opened from the desktop (the installers associate .coordsync
        files with the app): read in the Sync dialog."""
        dialog = self.open_sync()
        dialog.read_bundle(path)

    def open_sync(self):
        """File → Sync with other laptops…: bundles and the conflicts to review."""
        from PySide6.QtCore import Qt

        from coordinator_app.ui.sync_dialog import SyncDialog

        dialog = SyncDialog(self.context, self, titles=self.field_titles)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.edit_requested.connect(self.open_record)
        dialog.open()
        return dialog

    def field_titles(self, kind: str) -> dict[tuple[str, str], str]:
        """The titles of `kind`'s fields as its editor shows them ({} for a kind with
        no page of its own)."""
        if kind not in kinds():
            return {}
        return self.page(kind).editor.field_titles()

    # -- a sync file dropped on the window ---------------------------------------------

    def dragEnterEvent(self, event) -> None:
        from coordinator_app.ui.sync_drop import dropped_bundle

        if self.context is not None and dropped_bundle(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        from coordinator_app.ui.sync_drop import confirm_read, dropped_bundle

        path = dropped_bundle(event.mimeData())
        if self.context is None or path is None:
            return
        event.acceptProposedAction()
        # Asked once the drop is over: the program it was dragged from waits until then.
        confirm_read(path, self, lambda: self.received_sync_bundle(path))

    def open_about(self) -> None:
        from coordinator_app.ui.about_dialog import AboutDialog

        AboutDialog(self.db_path, self).open()

    def back_up_now(self) -> None:
        if self.scheduler is None:
            return
        made = self.scheduler.backup_now()
        if made is not None:
            self.statusBar().showMessage(_("Backup written: {path}").format(path=made), 8000)
        if self.current_page_name() == DASHBOARD:
            self.dashboard.refresh()

    # -- encryption at rest ----------------------------------------------------------------

    @property
    def encrypted(self) -> bool:
        from coordinator_app.core.store.connect import is_encrypted

        return is_encrypted(self.db_path)

    def _watch_idle(self) -> None:
        from coordinator_app.ui.lock_screen import IdleWatch

        if self.encrypted and self.idle_watch is None:
            self.idle_watch = IdleWatch(self)

    def lock(self) -> None:
        from coordinator_app.ui.lock_screen import lock

        if self.encrypted:
            lock(self)

    def protect_with_passphrase(self) -> None:
        """Encrypt the open database (File → Protect with a passphrase…)."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication, QDialog

        from coordinator_app.core.crypto.encryption import encrypt_database
        from coordinator_app.sync.keys import seal_with
        from coordinator_app.core.errors import CoordinatorError
        from coordinator_app.ui.passphrase_dialogs import ProtectDialog, RecoveryKeyDialog

        dialog = ProtectDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        db = self.context.db
        if self.scheduler is not None:
            self.scheduler.wait()
        # This window holds the database lock: with its connections closed, nothing
        # else has the file open while it is switched.
        db.let_go()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            done = encrypt_database(self.db_path, dialog.passphrase.text(),
                                    remove_plain_backups=dialog.remove_plain.isChecked())
            seal_with(self.db_path)
        except CoordinatorError as exc:
            self._show_error(str(exc))
            return
        finally:
            QApplication.restoreOverrideCursor()
            db.reconnect()
        RecoveryKeyDialog(done.recovery_key, self).exec()
        self.actions.encryption_changed(True)
        self._watch_idle()
        self.statusBar().showMessage(_("The database is encrypted."), 8000)

    def change_passphrase(self) -> None:
        from coordinator_app.ui.passphrase_dialogs import ChangePassphraseDialog

        if ChangePassphraseDialog(self.db_path, self).exec():
            self.statusBar().showMessage(_("The passphrase was changed."), 8000)

    def _show_error(self, message: str) -> None:
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QMessageBox

        QTimer.singleShot(0, lambda: QMessageBox.warning(self, _("Coordinator"), message))

    def closeEvent(self, event) -> None:
        if self.context is None:  # closed while the database was still being opened
            super().closeEvent(event)
            return
        page = self.current_list_page()
        if page is not None and not page.editor.confirm_leave():
            event.ignore()  # the user keeps editing the value that was not saved
            return
        from coordinator_app.ui.opened_copies import close_copies

        close_copies(self.context, self)
        self.server_sync.stop()
        self.sync_status.stop()
        window_state.save_layout(self)
        window_state.remember_record(self.db_path, self.current_page_name(),
                                     page.current_id() if page else None)
        super().closeEvent(event)

    def keyPressEvent(self, event) -> None:
        from PySide6.QtCore import Qt

        # Escape in a list page goes back to its list, wherever the focus was.
        page = self.current_list_page() if self.context is not None else None
        if event.key() == Qt.Key.Key_Escape and page is not None:
            page.focus_list()
            return
        super().keyPressEvent(event)
