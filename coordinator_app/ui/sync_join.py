"""Add a laptop… and Change association…: whose laptop a join key belongs to.

A laptop of our association reads everything; a partner association's laptop never
gets the records our association keeps private (coordinator_app.sync.peers). Both
dialogs ask the same question with the same two choices; adding a laptop also shows
the fingerprint to compare by phone before it is trusted.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from coordinator_app.i18n import _


class AssociationChoice(QWidget):
    """"Our association" or "A partner association", each saying what follows."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(_("Whose laptop is it?")))
        self.ours = QRadioButton(_("Our association"))
        self.ours.setObjectName("association_ours")
        self.partner = QRadioButton(_("A partner association"))
        self.partner.setObjectName("association_partner")
        group = QButtonGroup(self)
        for button, hint in (
                (self.ours, _("It reads every change, the records our association keeps "
                              "private included.")),
                (self.partner, _("Files it can read leave out the records our association "
                                 "keeps private."))):
            group.addButton(button)
            layout.addWidget(button)
            said = QLabel(hint)
            said.setWordWrap(True)
            said.setIndent(24)
            said.setEnabled(False)  # drawn in the palette's muted text colour
            layout.addWidget(said)

    def set_partner(self, partner: bool | None) -> None:
        """Tick the choice known; neither when nothing is known yet, so it is asked."""
        group = self.ours.group()
        group.setExclusive(False)
        self.ours.setChecked(partner is False)
        self.partner.setChecked(partner is True)
        group.setExclusive(True)

    def chosen(self) -> bool | None:
        """True for a partner's laptop, False for ours, None before a choice."""
        if self.partner.isChecked():
            return True
        return False if self.ours.isChecked() else None


def _buttons(dialog: QDialog, ok_text: str, choice: AssociationChoice) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)

    def enable(*_args) -> None:
        ok.setEnabled(choice.chosen() is not None)

    choice.ours.toggled.connect(enable)
    choice.partner.toggled.connect(enable)
    enable()
    return buttons


class AddLaptopDialog(QDialog):
    """The laptop in a join key file: its name and fingerprint, and whose it is."""

    def __init__(self, keys, parent: QWidget | None = None):
        super().__init__(parent)
        self.keys = keys
        self.setObjectName("sync_add_laptop")
        self.setWindowTitle(_("Add a laptop"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        name = QLabel(keys.name)
        name.setObjectName("laptop_name")
        form.addRow(_("Laptop:"), name)
        fingerprint = QLabel(keys.fingerprint)
        fingerprint.setObjectName("laptop_fingerprint")
        fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(_("Fingerprint:"), fingerprint)
        layout.addLayout(form)
        compare = QLabel(_("Call the person who gave you this key and compare the fingerprint "
                           "their laptop shows with this one. Add the laptop only if they are "
                           "the same."))
        compare.setWordWrap(True)
        layout.addWidget(compare)
        self.choice = AssociationChoice()
        layout.addWidget(self.choice)
        layout.addStretch(1)
        self.buttons = _buttons(self, _("Add the laptop"), self.choice)
        layout.addWidget(self.buttons)
        self.resize(560, 420)


class AssociationDialog(QDialog):
    """Change association…: a known laptop, and whether it is ours or a partner's."""

    def __init__(self, peers: list, parent: QWidget | None = None):
        super().__init__(parent)
        self.peers = peers
        self.setObjectName("sync_association")
        self.setWindowTitle(_("Change association"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.laptop = QComboBox()
        self.laptop.setObjectName("laptop")
        for peer in peers:
            self.laptop.addItem(f"{peer.name}  ·  {peer.fingerprint}", peer.key_id)
        form.addRow(_("Laptop:"), self.laptop)
        layout.addLayout(form)
        self.choice = AssociationChoice()
        layout.addWidget(self.choice)
        layout.addStretch(1)
        self.buttons = _buttons(self, _("Save"), self.choice)
        layout.addWidget(self.buttons)
        self.laptop.currentIndexChanged.connect(self._shown)
        self._shown()
        self.resize(560, 360)

    def _shown(self, *_args) -> None:
        peer = self.peer()
        self.choice.set_partner(peer.partner if peer is not None else None)

    def peer(self):
        index = self.laptop.currentIndex()
        return self.peers[index] if 0 <= index < len(self.peers) else None

    def show_peer(self, key_id: str) -> None:
        self.laptop.setCurrentIndex(max(0, self.laptop.findData(key_id)))
