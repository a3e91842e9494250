"""Settings → Server: the office server's address, a connection test, and the
registration of this laptop with the administrator's login (used once, kept
nowhere). Every step that talks to the server runs in the background and says
what it found beside the buttons; the dialog never waits on the network."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coordinator_app.i18n import _
from coordinator_app.ui.background import Background
from coordinator_app.ui.server_sync import saved_address


def _say(error: Exception) -> str:
    from coordinator_app.core.errors import CoordinatorError

    if isinstance(error, CoordinatorError):
        return str(error)
    return _("The server could not be used ({kind}).").format(kind=type(error).__name__)


class ServerSettings(QGroupBox):
    """The Server section of the settings dialog, for the database of `device_id`."""

    def __init__(self, device_id: str | None, parent: QWidget | None = None):
        super().__init__(_("Office server"), parent)
        self.setObjectName("server_settings")
        self.device_id = device_id
        self.address = QLineEdit(saved_address())
        self.address.setObjectName("server_address")
        self.address.setPlaceholderText(_("postgresql://server/coordinator"))
        self.address.setToolTip(_("Leave it empty to work on this computer alone."))
        self.test = QPushButton(_("Test connection"))
        self.test.setObjectName("test_connection")
        self.register = QPushButton(_("Register this device…"))
        self.register.setObjectName("register_device")
        self.result = QLabel()
        self.result.setObjectName("server_result")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.worker = Background(self)
        self.worker.done.connect(self._tested)
        self.worker.failed.connect(lambda error: self._show(_say(error)))

        buttons = QHBoxLayout()
        buttons.addWidget(self.test)
        buttons.addWidget(self.register)
        buttons.addStretch(1)
        form = QFormLayout(self)
        form.addRow(_("Address:"), self.address)
        form.addRow("", buttons)
        form.addRow("", self.result)
        self.test.clicked.connect(self.test_connection)
        self.register.clicked.connect(self.register_device)
        self.address.textChanged.connect(self._enable)
        self._enable()

    def _enable(self) -> None:
        usable = bool(self.address.text().strip()) and self.device_id is not None
        self.test.setEnabled(usable and not self.worker.busy())
        self.register.setEnabled(usable)

    def _show(self, text: str) -> None:
        self.result.setText(text)
        self._enable()

    def test_connection(self) -> None:
        from coordinator_app.hub.laptop import check

        address, device = self.address.text(), self.device_id
        if self.worker.start(lambda: check(address, device)):
            self._show(_("Connecting…"))
            self.test.setEnabled(False)

    def _tested(self, status) -> None:
        self._show(_("Connected to {server} as a device of “{association}”.").format(
            server=status.server, association=status.membership.association))

    def register_device(self) -> None:
        dialog = RegisterDevice(self.address.text(), self.device_id, self)
        if dialog.exec():
            self._show(dialog.outcome)


class RegisterDevice(QDialog):
    """The administrator types their login once; the device's own password goes to
    the system keyring."""

    def __init__(self, address: str, device_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Register this device"))
        self.setObjectName("register_device_dialog")
        self.server, self.device_id, self.outcome = address, device_id, ""
        intro = QLabel(_("The office server's administrator registers this laptop once. "
                         "Their login is used for this alone and kept nowhere."))
        intro.setWordWrap(True)
        self.association = QLineEdit()
        self.association.setObjectName("association")
        self.admin = QLineEdit("postgres")
        self.admin.setObjectName("admin")
        self.password = QLineEdit()
        self.password.setObjectName("admin_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setObjectName("register_message")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("Association:"), self.association)
        form.addRow(_("Administrator:"), self.admin)
        form.addRow(_("Administrator's password:"), self.password)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Register"))
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        self.worker = Background(self)
        self.worker.done.connect(self._registered)
        self.worker.failed.connect(self._refused)

    def start(self) -> None:
        from psycopg.conninfo import conninfo_to_dict

        from coordinator_app.hub.connection import HubError, address
        from coordinator_app.hub.laptop import register_this_device, server_url

        association = " ".join(self.association.text().split())
        admin = self.admin.text().strip()
        if not association or not admin:
            self.message.setText(_("Type the association's name and the administrator's "
                                   "login."))
            return
        try:
            address(server_url(self.server))  # says what is wrong with the address
        except HubError as exc:
            self.message.setText(str(exc))
            return
        parts = conninfo_to_dict(server_url(self.server))
        url, password, device = _as_url(parts, admin), self.password.text() or None, \
            self.device_id
        if self.worker.start(lambda: register_this_device(url, association, device, password)):
            self.message.setText(_("Registering…"))
            self.buttons.setEnabled(False)

    def _registered(self, made) -> None:
        self.outcome = _("This device is registered in “{association}”; its password is "
                         "kept in the system keyring.").format(association=made.association)
        self.password.clear()
        self.accept()

    def _refused(self, error: Exception) -> None:
        self.message.setText(_say(error))
        self.buttons.setEnabled(True)


def _as_url(parts: dict, user: str) -> str:
    """The server's address with the administrator's name in it."""
    from urllib.parse import quote

    host = parts.get("host", "localhost")
    port = f":{parts['port']}" if parts.get("port") else ""
    return f"postgresql://{quote(user, safe='')}@{host}{port}/{quote(parts.get('dbname', ''))}"
