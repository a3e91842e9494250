"""The app's safety net: opening the database safely, and crash reports (the automatic
backups are ui.backups').

Every dialog here is a QMessageBox handed to an `ask` function (by default it runs
the box and returns the button clicked); tests pass their own to click a button
without blocking. The decisions themselves live in the Qt-free core (lock,
recovery, backup), so the command line makes the same ones.

What only a check with something to show needs (the passphrase dialogs, the key
ring, the upgrade's progress, a restore's questions) is imported when it has: a
usual start paints its first page before any of it would be loaded.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog, QMessageBox, QWidget

from coordinator_app.core.store import logs
from coordinator_app.core.store.connect import is_encrypted
from coordinator_app.core.errors import Cancelled, CoordinatorError, DatabaseError
from coordinator_app.core.store.lock import DatabaseLock, DatabaseLocked
from coordinator_app.core.store.migrate import at_head
from coordinator_app.core.store.paths import default_db_path
from coordinator_app.core.store.recovery import (
    assess, newest_sound_backup, remove_leftovers, restore_backup, write_problem)
from coordinator_app.i18n import _

if TYPE_CHECKING:
    from coordinator_app.core.store.db import Database
    from coordinator_app.ui.passphrase_dialogs import AskSecret

Ask = Callable[[QMessageBox], QAbstractButton | None]
#: Chooses a backup file to restore (None = cancelled); replaceable in tests.
ChooseFile = Callable[[QWidget | None, Path], Path | None]


def run_box(box: QMessageBox) -> QAbstractButton | None:
    box.exec()
    return box.clickedButton()


def _choose_backup_file(parent: QWidget | None, folder: Path) -> Path | None:
    name, _filter = QFileDialog.getOpenFileName(
        parent, _("Choose a backup to restore"), str(folder),
        _("Coordinator databases (*.sqlite3 *.db);;All files (*)"))
    return Path(name) if name else None


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
         informative: str = "") -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    return box


def show_error(message: str, parent: QWidget | None = None, ask: Ask = run_box) -> None:
    box = _box(parent, QMessageBox.Icon.Critical, _("Coordinator"), message)
    box.addButton(QMessageBox.StandardButton.Ok)
    ask(box)


def open_database_for_app(path: str | Path | None, parent: QWidget | None = None, *,
                          ask: Ask = run_box, choose_file: ChooseFile = _choose_backup_file,
                          ask_secret: AskSecret | None = None,
                          first_look: Callable[[Path], None] | None = None) -> Database | None:
    """Open the database for the desktop app, or None if the user gave up.

    Takes the one-writer lock (a second window is told who has the file), asks for
    the passphrase of an encrypted one before anything reads it, checks the file
    (quick_check; see recovery.assess), and offers to restore the newest sound backup
    when it is damaged or missing; a damaged file is kept aside, never overwritten.

    `first_look(path)` is called once the file has passed those checks and needs no
    migration, before the database code (SQLAlchemy, the models) is loaded to open
    it: the window paints its first page from plain SQL meanwhile. `ask_secret` asks
    for a passphrase (None: passphrase_dialogs.ask_secret).
    """
    # The file itself is set up once the first page is painted (run_app's _Opening).
    logs.hold_early()
    path = Path(path or default_db_path()).expanduser().resolve()
    lock = DatabaseLock(path)
    while not lock.held:
        try:
            lock.acquire()
        except DatabaseLocked as exc:
            box = _box(parent, QMessageBox.Icon.Warning, _("Database in use"), str(exc),
                       _("Two windows writing to one database would lose edits, so only one "
                         "may have it open."))
            retry = box.addButton(_("Try again"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(_("Quit"), QMessageBox.ButtonRole.RejectRole)
            if ask(box) is not retry:
                return None
        except DatabaseError as exc:
            show_error(str(exc), parent, ask)
            return None

    if lock.previous_unclean:
        logs.log.warning("%s: the previous session did not end cleanly", path)
    remove_leftovers(path)
    try:
        unlocked = not is_encrypted(path) or _unlock(path, parent, ask_secret)
    except CoordinatorError as exc:  # its key file is missing or damaged
        unlocked = False
        show_error(str(exc), parent, ask)
    if not unlocked:
        lock.release(clean=not lock.previous_unclean)
        return None
    if not path.exists() and not _offer_missing(path, parent, ask):
        lock.release(clean=False)
        return None
    problem = write_problem(path)
    if problem:
        lock.release(clean=not lock.previous_unclean)
        show_error(problem, parent, ask)
        return None
    while True:
        found = assess(path, unclean=lock.previous_unclean)
        problems = found.problems
        if not problems:
            if first_look is not None and at_head(path):
                first_look(path)
            first_look = None  # once: a restored file is looked at when it is open
            from coordinator_app.core.store.db import open_database
            from coordinator_app.ui.upgrade_progress import UpgradeProgress

            progress, db = UpgradeProgress(parent), None
            try:
                db = open_database(path, progress=progress)
            except Cancelled:
                lock.release(clean=not lock.previous_unclean)
                return None
            except Exception as exc:  # noqa: BLE001 - sorted into damage or a plain error
                from coordinator_app.core.store.integrity import check_file

                logs.log.warning("opening %s failed: %s", path, exc)
                # Damage, or something else (a full or read-only disk)? The file decides.
                problems = check_file(path, quick=True, foreign_keys=False).problems
                if not problems:
                    lock.release(clean=not lock.previous_unclean)
                    show_error(_("The database {path} could not be opened: {reason}").format(
                        path=path, reason=getattr(exc, "orig", None) or exc), parent, ask)
                    return None
            finally:
                progress.close()
            if db is not None:
                db.on_close.append(lock.release)
                logs.log.info("opened %s", path)
                return db
        logs.log.error("database %s is damaged: %s", path, "; ".join(problems))
        if not _offer_restore(path, problems, parent, ask, choose_file, ask_secret):
            lock.release(clean=False)
            return None
        lock.previous_unclean = True  # check the restored file before opening it


def _unlock(path: Path, parent: QWidget | None, ask_secret: AskSecret | None) -> bool:
    """The encrypted database at `path` is unlocked: by a key this session already
    holds, or by the passphrase asked for now. False if the person gave up."""
    from coordinator_app.core.crypto import keyring
    from coordinator_app.ui.passphrase_dialogs import unlock_interactively

    return keyring.key_for(path) is not None or unlock_interactively(
        path, parent, _asker(ask_secret))


def _asker(ask_secret: AskSecret | None) -> AskSecret:
    from coordinator_app.ui import passphrase_dialogs

    return ask_secret or passphrase_dialogs.ask_secret


def _offer_missing(path: Path, parent: QWidget | None, ask: Ask) -> bool:
    """The file is gone but its backups are here (deleted, or a folder copied without
    it): offer the newest rather than quietly starting empty. False = quit."""
    from coordinator_app.ui.backups import when

    candidate = newest_sound_backup(path)
    if candidate is None:
        return True
    box = _box(parent, QMessageBox.Icon.Warning, _("Database missing"),
               _("The database {path} is not there, but there are backups of it.").format(
                   path=path),
               _("The newest sound backup is from {when}.").format(
                   when=when(candidate.taken_at)))
    restore = box.addButton(_("Restore the newest backup"), QMessageBox.ButtonRole.AcceptRole)
    empty = box.addButton(_("Start with an empty database"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(_("Quit"), QMessageBox.ButtonRole.RejectRole)
    clicked = ask(box)
    if clicked is restore:
        try:
            restore_backup(path, candidate.path)
        except CoordinatorError as exc:
            show_error(str(exc), parent, ask)
            return False
        return True
    return clicked is empty


def _offer_restore(path: Path, problems: list[str], parent: QWidget | None, ask: Ask,
                   choose_file: ChooseFile, ask_secret: AskSecret | None = None) -> bool:
    """Ask what to do with a damaged database; True once a backup has been restored."""
    from coordinator_app.core.store import backup
    from coordinator_app.core.store.dbfile import FileKind, identify
    from coordinator_app.ui.backups import when
    from coordinator_app.ui.passphrase_dialogs import unlock_interactively

    while True:
        candidate = newest_sound_backup(path)
        listing = "\n".join(f"• {p}" for p in problems[:5])
        text = _("The database {path} is damaged and cannot be used as it is.").format(
            path=path)
        if candidate is not None:
            informative = _(
                "What is wrong:\n{problems}\n\nThe newest sound backup is from {when}. "
                "Restoring it brings back everything saved up to then. The damaged file is "
                "kept aside, not deleted."
            ).format(problems=listing, when=when(candidate.taken_at))
        else:
            informative = _(
                "What is wrong:\n{problems}\n\nNo sound backup was found beside it. Choose a "
                "backup file (for example on your USB stick), or quit and ask for help. "
                "The damaged file is left as it is."
            ).format(problems=listing)
        box = _box(parent, QMessageBox.Icon.Critical, _("Database damaged"), text, informative)
        restore = None
        if candidate is not None:
            restore = box.addButton(_("Restore the newest backup"),
                                    QMessageBox.ButtonRole.AcceptRole)
        choose = box.addButton(_("Choose a backup file…"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(_("Quit"), QMessageBox.ButtonRole.RejectRole)
        clicked = ask(box)
        if clicked is None or clicked not in (restore, choose):
            return False
        source = candidate.path if clicked is restore else choose_file(
            parent, backup.default_backup_dir(path))
        if source is None:
            continue
        try:
            # A backup encrypted under another key (made before the passphrase was
            # last set up anew) needs the passphrase it was made with.
            if identify(source).kind is FileKind.ENCRYPTED and not unlock_interactively(
                    source, parent, _asker(ask_secret)):
                continue
            done = restore_backup(path, source)
        except CoordinatorError as exc:
            show_error(str(exc), parent, ask)
            continue
        logs.log.warning("restored %s from %s; the damaged file is in %s",
                         path, done.restored_from, done.set_aside)
        return True


# -- crash reports -------------------------------------------------------------------------

class ExceptionHook(QObject):
    """Logs an uncaught exception and shows it in a dialog; the app keeps running.

    An exception in a worker thread is logged there and shown by the main thread
    (widgets belong to it): the signal is queued across threads.
    """

    _caught = Signal(str, str)

    def __init__(self, app: QApplication | None):
        super().__init__(app)
        self.app = app
        self.count = 0
        self.dialog: QMessageBox | None = None
        self.log_path = logs.log_file()
        # Set up when the first record comes, or when the app's first page is painted.
        logs.hold_early()
        self._caught.connect(self._show)

    def __call__(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        try:
            details = logs.log_exception(exc_type, exc, tb)
            self.count += 1
            self._caught.emit(str(exc) or exc_type.__name__, details)
        except Exception:  # noqa: BLE001 - a broken dialog must not recurse into the hook
            sys.__excepthook__(exc_type, exc, tb)

    def _show(self, message: str, details: str) -> None:
        try:
            self._fill_dialog(message, details)
        except Exception:  # noqa: BLE001 - raising here would come straight back to us
            logs.log.exception("the crash dialog could not be shown")

    def _fill_dialog(self, message: str, details: str) -> None:
        if self.dialog is None:
            self.dialog = _box(None, QMessageBox.Icon.Critical, _("Something went wrong"), "")
            self.dialog.addButton(_("Keep working"), QMessageBox.ButtonRole.AcceptRole)
        self.dialog.setText(_("Something went wrong: {message}").format(message=message))
        self.dialog.setInformativeText(_(
            "Every change you confirmed is saved. You can keep working; if this happens "
            "again, send the log file {path} to your support contact."
        ).format(path=self.log_path))
        self.dialog.setDetailedText(details)
        # open(), not exec(): a second error while it is shown updates it, never stacks.
        self.dialog.open()


def install_exception_hook(app: QApplication | None) -> ExceptionHook:
    hook = ExceptionHook(app)
    sys.excepthook = hook
    threading.excepthook = lambda args: hook(args.exc_type, args.exc_value, args.exc_traceback)
    return hook
