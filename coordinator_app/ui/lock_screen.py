"""The lock screen of an encrypted database: after some idle minutes (Settings), the
window hides everything it shows until the passphrase is typed again.

Locking makes a last backup of what changed (it cannot be made without the key),
closes every database connection (SQLCipher wipes what it held of the key) and
overwrites the key this process kept (core.crypto.keyring). Other windows of the app
(the search, a report preview) are hidden meanwhile.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QApplication, QHBoxLayout, QLabel, QLineEdit, QMainWindow, QPushButton, QToolBar,
    QVBoxLayout, QWidget)

from coordinator_app.core.crypto import keyring, keyslots
from coordinator_app.i18n import _
from coordinator_app.ui.settings_store import app_settings

#: Settings key: minutes without input before the window locks (0: never).
LOCK_MINUTES = "security/lock_minutes"
DEFAULT_LOCK_MINUTES = 10
_INPUT = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress,
                    QEvent.Type.MouseMove, QEvent.Type.Wheel, QEvent.Type.TouchBegin})


def lock_minutes() -> int:
    try:
        return max(0, int(app_settings().value(LOCK_MINUTES, DEFAULT_LOCK_MINUTES)))
    except (TypeError, ValueError):
        return DEFAULT_LOCK_MINUTES


class IdleWatch(QObject):
    """Locks `window` when no key, button or pointer moved for `lock_minutes()`."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(lambda: lock(self.window))
        QApplication.instance().installEventFilter(self)
        self.restart()

    def restart(self) -> None:
        minutes = lock_minutes()
        if minutes and not is_locked(self.window):
            self.timer.start(minutes * 60 * 1000)
        else:
            self.timer.stop()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() in _INPUT and self.timer.isActive():
            self.timer.start()  # again from the full interval
        return False

    def stop(self) -> None:
        self.timer.stop()
        QApplication.instance().removeEventFilter(self)


class LockScreen(QWidget):
    """What the window shows while locked: nothing of the data, a passphrase field."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self.setObjectName("lock_screen")
        column = QVBoxLayout(self)
        column.addStretch(1)
        message = QLabel(_("Locked. Type the passphrase (or the recovery key) to go on."),
                         self)
        column.addWidget(message)
        row = QHBoxLayout()
        self.secret = QLineEdit(self)
        self.secret.setObjectName("passphrase")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.returnPressed.connect(self.try_unlock)
        row.addWidget(self.secret, 1)
        self.button = QPushButton(_("Unlock"), self)
        self.button.clicked.connect(self.try_unlock)
        row.addWidget(self.button)
        column.addLayout(row)
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.hide()
        column.addWidget(self.error)
        column.addStretch(2)

    def try_unlock(self) -> bool:
        secret = self.secret.text()
        self.secret.clear()
        try:
            keyring.unlock_file(self.window.db_path, secret)
        except keyslots.WrongSecret as exc:
            self.error.setText(str(exc))
            self.error.show()
            return False
        unlock(self.window)
        return True


def _bars(window: QMainWindow) -> list[QWidget]:
    # The menus and toolbar would let commands run, and the status bar names the file.
    return [window.menuBar(), window.statusBar(), *window.findChildren(QToolBar)]


def is_locked(window: QMainWindow) -> bool:
    return getattr(window, "_locked_content", None) is not None


def lock(window: QMainWindow) -> None:
    """Hide the window's content and let go of the key."""
    if is_locked(window) or window.context is None:
        return
    scheduler = getattr(window, "scheduler", None)
    if scheduler is not None:
        scheduler.timer.stop()
        scheduler.backup_if_changed()
    window._hidden_windows = [w for w in QApplication.topLevelWidgets()
                              if w is not window and w.isVisible()]
    for other in window._hidden_windows:
        other.hide()
    window._locked_content = window.takeCentralWidget()
    window._locked_content.hide()
    for bar in _bars(window):
        bar.hide()
    screen = LockScreen(window)
    window.setCentralWidget(screen)
    screen.show()
    screen.secret.setFocus()
    window.context.db.let_go()
    keyring.forget_all()


def unlock(window: QMainWindow) -> None:
    """Show the content again (the key is back in core.crypto.keyring)."""
    if not is_locked(window):
        return
    screen = window.takeCentralWidget()
    screen.deleteLater()
    window.setCentralWidget(window._locked_content)
    window._locked_content.show()
    window._locked_content = None
    for bar in _bars(window):
        bar.show()
    for other in window._hidden_windows:
        other.show()
    window._hidden_windows = []
    scheduler = getattr(window, "scheduler", None)
    if scheduler is not None:
        scheduler.timer.start()
    watch = getattr(window, "idle_watch", None)
    if watch is not None:
        watch.restart()
