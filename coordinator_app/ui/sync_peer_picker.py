"""Write changes for…: everyone, or the laptops ticked, each with when it was last read.

A file for everyone is read by every laptop of the association; a file for chosen
laptops is smaller when the others have already seen more, and nobody else can read it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from coordinator_app.core.text.formatting import format_ago
from coordinator_app.i18n import _


def last_read_text(peer) -> str:
    """"Plungė: 2 days ago", or "Plungė: never" for a laptop nothing came from yet."""
    when = format_ago(peer.last_received_at) if peer.last_received_at else _("never")
    return _("{name}: {when}").format(name=peer.name, when=when)


class PeerPicker(QDialog):
    """Asks for whom to write; `chosen()` is None for everyone, else the key ids."""

    def __init__(self, peers: list, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sync_peer_picker")
        self.setWindowTitle(_("Write changes for…"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Who will read this file?")))
        self.everyone = QRadioButton(_("Everyone ({count} laptops)").format(count=len(peers)))
        self.everyone.setObjectName("everyone")
        self.some = QRadioButton(_("Only the laptops ticked below:"))
        self.some.setObjectName("chosen_peers")
        group = QButtonGroup(self)
        for button in (self.everyone, self.some):
            group.addButton(button)
            layout.addWidget(button)
        self.list = QListWidget()
        self.list.setObjectName("peers")
        self.list.setAccessibleName(_("Laptops"))
        for peer in peers:
            text = last_read_text(peer) + "  ·  " + peer.fingerprint
            if peer.partner:
                text += "  ·  " + _("partner association: gets no private records")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, peer.key_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        layout.addWidget(self.list, 1)
        hint = QLabel(_("“2 days ago” is when a file from that laptop was last read here."))
        hint.setWordWrap(True)
        hint.setEnabled(False)
        layout.addWidget(hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Choose the file…"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.everyone.setChecked(True)
        group.buttonToggled.connect(lambda *_args: self._enable())
        self.list.itemChanged.connect(lambda _item: self._ticked())
        self._enable()
        self.resize(560, 380)

    def _ticked(self) -> None:
        if self.ticked() and not self.some.isChecked():
            self.some.setChecked(True)
        self._enable()

    def _enable(self) -> None:
        ok = self.everyone.isChecked() or bool(self.ticked())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def ticked(self) -> list[str]:
        return [self.list.item(row).data(Qt.ItemDataRole.UserRole)
                for row in range(self.list.count())
                if self.list.item(row).checkState() == Qt.CheckState.Checked]

    def tick(self, key_id: str) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == key_id:
                item.setCheckState(Qt.CheckState.Checked)

    def chosen(self) -> list[str] | None:
        return None if self.everyone.isChecked() else self.ticked()
