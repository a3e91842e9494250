"""The backup half of the safety net: backups on a timer and at exit, and the
settings row for a second backup folder. The work itself is core.store.backup's."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication, QDialog, QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QWidget)

from coordinator_app.core.store import backup, logs
from coordinator_app.i18n import _


def when(moment) -> str:
    from coordinator_app.core.text.formatting import format_datetime

    return format_datetime(moment)


class BackupFolderField(QWidget):
    """A settings row: the second folder every backup is copied to (a USB stick).

    Saved when the dialog it sits in is accepted, so Cancel really cancels."""

    def __init__(self, dialog: QDialog, pick: Callable[[QWidget | None, Path], Path | None]
                 | None = None):
        super().__init__(dialog)
        self.setObjectName("backup_folder")
        self.folder = backup.extra_folder()
        self._pick = pick
        # A read-only line, not a label: a long path scrolls instead of crowding the form.
        self.label = QLineEdit()
        self.label.setReadOnly(True)
        self.label.setPlaceholderText(_("None: backups are kept on this computer only."))
        choose = QPushButton(_("Choose…"))
        self.clear = QPushButton(_("None"))
        choose.clicked.connect(self._choose)
        self.clear.clicked.connect(lambda: self._set(None))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(choose)
        row.addWidget(self.clear)
        dialog.accepted.connect(self.save)
        self._set(self.folder)

    def _choose(self) -> None:
        def ask_folder(owner: QWidget | None, start: Path) -> Path | None:
            name = QFileDialog.getExistingDirectory(
                owner, _("Folder for a second copy of every backup"), str(start))
            return Path(name) if name else None

        chosen = (self._pick or ask_folder)(self, self.folder or Path.home())
        if chosen is not None:
            self._set(chosen)

    def _set(self, folder: Path | None) -> None:
        self.folder = folder
        self.label.setText(str(folder) if folder else "")
        self.label.setToolTip(str(folder) if folder else "")
        self.clear.setEnabled(folder is not None)

    def save(self) -> None:
        backup.set_extra_folder(self.folder)


class BackupScheduler(QObject):
    """Backs the open database up every 30 minutes when something changed, and at exit.

    The timed backup runs in a worker thread (a large database takes a second or two
    to copy and check, and the window must not freeze); `backup_now` and `shutdown`
    wait for theirs, since the person asked for it or the app is closing.
    """

    status_changed = Signal(str)
    _finished = Signal(object)
    INTERVAL_MS = 30 * 60 * 1000

    def __init__(self, db, parent: QObject | None = None):
        """Over the open database `db` (core.store.db.Database)."""
        super().__init__(parent)
        self.db_path = Path(db.path)
        self._backed_up_seq: int | None = None
        self._extra_problem: str | None = None
        # Also kept here: the backups folder itself may be what cannot be written.
        self._failure: str | None = None
        self._worker: threading.Thread | None = None
        self._finished.connect(self._apply)
        self.timer = QTimer(self)
        self.timer.setInterval(self.INTERVAL_MS)
        self.timer.timeout.connect(self._on_timer)

    def start(self) -> None:
        self.timer.start()
        self.status_changed.emit(self.status_text())
        # Edits the last session made after its last backup (the battery died before
        # the backup at exit): back them up now rather than in half an hour.
        if self.changed_since_backup() and self._backed_up_seq >= 0:
            self._on_timer()

    def changed_since_backup(self) -> bool:
        current = backup.journal_seq(self.db_path)
        if self._backed_up_seq is None:
            newest = backup.list_backups(self.db_path)
            self._backed_up_seq = backup.journal_seq(newest[0].path) if newest else -1
        return current != self._backed_up_seq

    @property
    def busy(self) -> bool:
        return self._worker is not None and self._worker.is_alive()

    def _on_timer(self) -> None:
        if self.busy or not self.changed_since_backup():
            return
        self._worker = threading.Thread(
            target=lambda: self._finished.emit(backup.run_backup(self.db_path, "auto")),
            name="backup", daemon=True)
        self._worker.start()

    def wait(self) -> None:
        """Let a backup running in the background finish (its result is applied)."""
        if self._worker is not None:
            self._worker.join()
            self._worker = None
            QApplication.sendPostedEvents(self)

    def backup_if_changed(self) -> Path | None:
        """The timer's check, done now and in this thread."""
        return self._run("auto") if self.changed_since_backup() else None

    def backup_now(self) -> Path | None:
        return self._run("manual")

    def shutdown(self) -> None:
        self.timer.stop()
        self.wait()
        if self.changed_since_backup():
            self._run("exit")

    def _run(self, reason: str) -> Path | None:
        self.wait()
        outcome = backup.run_backup(self.db_path, reason)
        self._apply(outcome)
        return outcome.made

    def _apply(self, outcome: backup.BackupOutcome) -> None:
        if outcome.made is not None:
            self._failure = None
            self._backed_up_seq = outcome.seq
            logs.log.info("backup %s", outcome.made)
        else:
            self._failure = outcome.failure
            logs.log.error("backup failed: %s", outcome.failure)
        self._extra_problem = outcome.extra_problem
        if outcome.extra_problem:
            logs.log.warning("extra backup folder: %s", outcome.extra_problem)
        self.status_changed.emit(self.status_text())

    def status_text(self) -> str:
        if self._failure:
            return backup.failed_text(self._failure)
        health = backup.backup_health(self.db_path)
        if health.warning:
            return health.warning
        if health.last_backup is None:
            # Nothing to lose in an empty database: no word about backups yet.
            return _("No backup yet.") if backup.holds_records(self.db_path) else ""
        text = _("Last backup: {when}").format(when=when(health.last_backup))
        return f"{text}. {self._extra_problem}" if self._extra_problem else text
