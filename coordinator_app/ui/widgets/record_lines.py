"""A short read-only list of records around the one shown (an organisation's needs,
its pledges); each line opens its record. What the lines say comes from a core read."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from coordinator_app.ui.context import UiContext

OPENS_ROLE = Qt.ItemDataRole.UserRole + 1
#: Lines shown before the list scrolls.
VISIBLE_LINES = 8

#: (text, kind, id) of each line, for the record with this id.
Lines = Callable[[Session, str], list[tuple[str, str, str]]]


class RecordLines(QWidget):
    def __init__(self, context: UiContext, lines: Lines, empty: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.lines = lines
        self.empty = empty
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget(self)
        self.list.itemActivated.connect(self._open)
        layout.addWidget(self.list)

    def reload(self, session: Session, record_id: str | None) -> None:
        self.list.clear()
        found = self.lines(session, record_id) if record_id is not None else []
        for text, kind, line_id in found:
            item = QListWidgetItem(text, self.list)
            item.setData(OPENS_ROLE, (kind, line_id))
        if not found:
            QListWidgetItem(self.empty, self.list).setFlags(Qt.ItemFlag.NoItemFlags)
        rows = min(max(self.list.count(), 1), VISIBLE_LINES)
        self.list.setFixedHeight(rows * self.list.sizeHintForRow(0) + 2 * self.list.frameWidth()
                                 + 2)

    def _open(self, item: QListWidgetItem) -> None:
        target = item.data(OPENS_ROLE)
        if target:
            self.context.open_record(*target)
