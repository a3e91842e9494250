"""The organisations that are members of one (the communities of an association).

Read here, changed where membership is stored: each member's "Member of" field.
Activating a member opens it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from coordinator_app.core.views import related
from coordinator_app.i18n import _, ngettext
from coordinator_app.ui.context import UiContext

ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: Members listed; an association of hundreds says how many more there are.
SHOWN = 50


class MemberList(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget(self)
        self.list.itemActivated.connect(self._open)
        self.list.setToolTip(_("Double-click or press Enter to open; a member is added "
                               "in its own “Member of” field."))
        layout.addWidget(self.list)
        self.more = QLabel(self)
        self.more.setEnabled(False)
        layout.addWidget(self.more)

    def reload(self, session: Session, record_id: str | None) -> None:
        self.list.clear()
        members, total = related.members(session, record_id, SHOWN) if record_id else ([], 0)
        for member_id, name in members:
            item = QListWidgetItem(name, self.list)
            item.setData(ID_ROLE, member_id)
        if not members:
            QListWidgetItem(_("No members"), self.list).setFlags(Qt.ItemFlag.NoItemFlags)
        rest = total - len(members)
        self.more.setText(ngettext("…and {n} more", "…and {n} more", rest).format(n=rest))
        self.more.setVisible(rest > 0)
        rows = min(max(self.list.count(), 1), 8)
        self.list.setFixedHeight(rows * self.list.sizeHintForRow(0) + 2 * self.list.frameWidth()
                                 + 2)

    def _open(self, item: QListWidgetItem) -> None:
        member_id = item.data(ID_ROLE)
        if member_id:
            self.context.open_record("organization", member_id)
