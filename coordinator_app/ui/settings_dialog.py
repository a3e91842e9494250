"""Settings: the interface language, backups, locking, and the office server.

A new language applies as soon as the dialog is accepted (ui.live_language) and
is kept for the next start; the dialog grows and shrinks with its rows.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coordinator_app import i18n
from coordinator_app.i18n import _
from coordinator_app.ui import language
from coordinator_app.ui.settings_store import app_settings


class SettingsDialog(QDialog):
    """Preferences kept per user on this laptop. Others add rows to `form`."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Settings"))
        self.setObjectName("settings_dialog")

        self.language = QComboBox()
        self.language.setObjectName("language")
        for code in ("uk", "lt", "en"):
            self.language.addItem(i18n.LANGUAGE_NAMES[code], code)
        self._initial = language.saved_language() or i18n.system_language()
        self.language.setCurrentIndex(self.language.findData(self._initial))

        self.form = QFormLayout()
        self.form.addRow(_("Interface language:"), self.language)
        from coordinator_app.ui.backups import BackupFolderField

        self.form.addRow(_("Second backup folder:"), BackupFolderField(self))
        from coordinator_app.ui.lock_screen import lock_minutes

        self.lock_minutes = QSpinBox()
        self.lock_minutes.setObjectName("lock_minutes")
        self.lock_minutes.setRange(0, 240)
        self.lock_minutes.setSpecialValueText(_("never"))
        self.lock_minutes.setSuffix(_(" min"))
        self.lock_minutes.setValue(lock_minutes())
        self.lock_minutes.setToolTip(_("An encrypted database's window hides its content "
                                       "after this many idle minutes, until the passphrase "
                                       "is typed again."))
        self.form.addRow(_("Lock when idle for:"), self.lock_minutes)

        from coordinator_app.ui.server_settings import ServerSettings

        context = getattr(parent, "context", None)
        self.server = ServerSettings(context.db.device_id if context else None, self)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.server)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

    def chosen_language(self) -> str:
        return self.language.currentData()

    def language_changed(self) -> bool:
        return self.chosen_language() != i18n.current_language()

    def accept(self) -> None:
        from coordinator_app.ui.lock_screen import LOCK_MINUTES

        language.save_language(self.chosen_language())
        app_settings().setValue(LOCK_MINUTES, self.lock_minutes.value())
        server_sync = getattr(self.parent(), "server_sync", None)
        if server_sync is not None and self.server.address.text().strip() != server_sync.address:
            server_sync.set_address(self.server.address.text())
        elif server_sync is None:
            from coordinator_app.ui.server_sync import save_address

            save_address(self.server.address.text())
        watch = getattr(self.parent(), "idle_watch", None)
        if watch is not None:
            watch.restart()
        super().accept()
