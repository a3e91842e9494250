"""Settings: the interface language (and room for more settings below it).

The language is read once at start-up (ui.language.preferred_language), because every
window, list header and menu has already been built in the old one. The dialog
says so plainly, and that nothing is lost: every confirmed edit is on disk.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coordinator_app import i18n
from coordinator_app.i18n import N_, _
from coordinator_app.ui import language
from coordinator_app.ui.settings_store import app_settings

RESTART_NOTE = N_(
    "The new language applies the next time you start Coordinator. "
    "Nothing is lost: everything you have entered is already saved."
)


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

        self.note = QLabel()
        self.note.setObjectName("restart_note")
        self.note.setWordWrap(True)

        self.form = QFormLayout()
        self.form.addRow(_("Interface language:"), self.language)
        self.form.addRow(self.note)
        from coordinator_app.ui.safety import BackupFolderField

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

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addStretch(1)
        layout.addWidget(buttons)

        self.language.currentIndexChanged.connect(self._update_note)
        self._update_note()
        self.setMinimumWidth(480)

    def chosen_language(self) -> str:
        return self.language.currentData()

    def language_changed(self) -> bool:
        return self.chosen_language() != i18n.current_language()

    def _update_note(self) -> None:
        # Said in the language being chosen as well: someone choosing Lithuanian
        # may not read the language the app is in now.
        note = _(RESTART_NOTE)
        chosen = self.chosen_language()
        if chosen != i18n.current_language():
            other = i18n.gettext_in(chosen, RESTART_NOTE)
            if other != note:
                note = f"{note}\n\n{other}"
        self.note.setText(note)

    def accept(self) -> None:
        from coordinator_app.ui.lock_screen import LOCK_MINUTES

        language.save_language(self.chosen_language())
        app_settings().setValue(LOCK_MINUTES, self.lock_minutes.value())
        watch = getattr(self.parent(), "idle_watch", None)
        if watch is not None:
            watch.restart()
        super().accept()
