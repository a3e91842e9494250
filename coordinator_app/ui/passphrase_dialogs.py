"""Dialogs of encryption at rest: the passphrase asked at start, protecting a database
with a passphrase (and showing its recovery key once), changing the passphrase.

The work itself is the core's (core.crypto.encryption, core.crypto.keyring); these only ask and
say. No message hints at what the database holds.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget)

from coordinator_app.core.crypto import keyring, keyslots
from coordinator_app.core.crypto.encryption import no_back_door_text
from coordinator_app.core.errors import CoordinatorError
from coordinator_app.i18n import _

#: Asks for the passphrase of `path`, showing `error` (None the first time); returns
#: what was typed, or None to give up. Replaceable in tests.
AskSecret = Callable[[Path, str | None, QWidget | None], str | None]


def _secret_field(parent: QWidget, name: str) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setObjectName(name)
    return field


def _message(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


class UnlockDialog(QDialog):
    """The passphrase (or recovery key) of an encrypted database, before anything else."""

    def __init__(self, path: Path, error: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Encrypted database"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("{name} is encrypted. Type its passphrase, or the "
                                  "recovery key, to open it.").format(name=path.name), self))
        self.secret = _secret_field(self, "passphrase")
        layout.addWidget(self.secret)
        self.error = _message(self, "error")
        self.error.setText(error or "")
        self.error.setVisible(bool(error))
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def ask_secret(path: Path, error: str | None, parent: QWidget | None) -> str | None:
    dialog = UnlockDialog(path, error, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.secret.text()


def unlock_interactively(path: Path, parent: QWidget | None, ask: AskSecret = ask_secret
                         ) -> bool:
    """Ask until the passphrase or recovery key opens `path`; False if the person gave
    up. A missing or damaged key file is raised: typing again would not help."""
    error = None
    while True:
        secret = ask(path, error, parent)
        if secret is None:
            return False
        try:
            keyring.unlock_file(path, secret)
            return True
        except keyslots.WrongSecret as exc:
            error = str(exc)


class ProtectDialog(QDialog):
    """File → Protect with a passphrase…: choose the passphrase, told first that there
    is no back door; then the recovery key, shown once, to print or write down."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Protect with a passphrase"))
        layout = QVBoxLayout(self)
        intro = _message(self, "intro")
        intro.setText(_("The database and its backups will be encrypted: without the "
                        "passphrase, a lost or seized laptop reveals nothing.") + "\n\n"
                      + no_back_door_text())
        layout.addWidget(intro)
        form = QFormLayout()
        self.passphrase = _secret_field(self, "new_passphrase")
        self.repeated = _secret_field(self, "repeated_passphrase")
        form.addRow(_("Passphrase:"), self.passphrase)
        form.addRow(_("The same again:"), self.repeated)
        layout.addLayout(form)
        self.remove_plain = QCheckBox(
            _("Delete older unencrypted backups instead of encrypting them"), self)
        self.remove_plain.setObjectName("remove_plain_backups")
        layout.addWidget(self.remove_plain)
        self.error = _message(self, "error")
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def problem(self) -> str | None:
        return keyslots.passphrase_problem(self.passphrase.text(), self.repeated.text())

    def accept(self) -> None:
        problem = self.problem()
        if problem:
            self.error.setText(problem)
            self.error.show()
            return
        super().accept()


class RecoveryKeyDialog(QDialog):
    """The recovery key, shown once; closing needs the box ticked that says it is kept."""

    def __init__(self, recovery_key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Recovery key"))
        layout = QVBoxLayout(self)
        layout.addWidget(_message(self, "intro"))
        self.findChild(QLabel, "intro").setText(_(
            "The database is encrypted. This recovery key opens it if the passphrase is "
            "forgotten. Print it or write it down now and keep it in a safe place: it is "
            "shown only this once."))
        key = QLabel(recovery_key, self)
        key.setObjectName("recovery_key")
        font = key.font()
        font.setFamily("monospace")
        font.setPointSizeF(font.pointSizeF() * 1.4)
        key.setFont(font)
        from PySide6.QtCore import Qt

        key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(key)
        self.kept = QCheckBox(_("I have printed or written down the recovery key"), self)
        self.kept.setObjectName("kept")
        layout.addWidget(self.kept)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        self.kept.toggled.connect(self.ok.setEnabled)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def reject(self) -> None:
        if self.kept.isChecked():
            super().reject()


class ChangePassphraseDialog(QDialog):
    """File → Change passphrase…: the current one (or the recovery key), the new twice."""

    def __init__(self, path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.path = path
        self.setWindowTitle(_("Change passphrase"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.current = _secret_field(self, "current_passphrase")
        self.passphrase = _secret_field(self, "new_passphrase")
        self.repeated = _secret_field(self, "repeated_passphrase")
        form.addRow(_("Current passphrase or recovery key:"), self.current)
        form.addRow(_("New passphrase:"), self.passphrase)
        form.addRow(_("The same again:"), self.repeated)
        layout.addLayout(form)
        self.error = _message(self, "error")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        from coordinator_app.core.crypto.encryption import change_passphrase

        problem = keyslots.passphrase_problem(self.passphrase.text(), self.repeated.text())
        if problem is None:
            try:
                change_passphrase(self.path, self.current.text(), self.passphrase.text())
            except CoordinatorError as exc:
                problem = str(exc)
        if problem:
            self.error.setText(problem)
            self.error.show()
            return
        super().accept()
