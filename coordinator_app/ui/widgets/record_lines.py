"""A short read-only list of records around the one shown (an organisation's needs,
its pledges, the agreements it is a party to); each line opens its record. What the
lines say comes from a core read."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from coordinator_app.i18n import _, ngettext
from coordinator_app.ui.context import UiContext

OPENS_ROLE = Qt.ItemDataRole.UserRole + 1
#: Lines shown before the list scrolls.
VISIBLE_LINES = 8

#: (text, kind, id) of each line, for the record with this id; or those lines and how
#: many there are in all, when a read stops at a limit.
Lines = Callable[[Session, str],
                 "list[tuple[str, str, str]] | tuple[list[tuple[str, str, str]], int]"]


class RecordLines(QWidget):
    def __init__(self, context: UiContext, lines: Lines, empty: str,
                 parent: QWidget | None = None, name: str = ""):
        super().__init__(parent)
        self.context = context
        self.lines = lines
        self.empty = empty
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget(self)
        self.list.itemActivated.connect(self._open)
        self.list.setToolTip(_("Double-click or press Enter to open"))
        # A line wider than the list is cut with "…" and read whole on hover: a sideways
        # scroll bar took the height of a line and hid the last one (a long title in
        # Lithuanian).
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        if name:
            self.list.setAccessibleName(name)
        layout.addWidget(self.list)
        self.more = QLabel(self)
        self.more.setEnabled(False)  # drawn in the palette's muted text colour
        self.more.hide()
        layout.addWidget(self.more)

    def reload(self, session: Session, record_id: str | None) -> None:
        self.list.clear()
        found = self.lines(session, record_id) if record_id is not None else []
        found, total = found if isinstance(found, tuple) else (found, len(found))
        for text, kind, line_id in found:
            item = QListWidgetItem(text, self.list)
            item.setData(OPENS_ROLE, (kind, line_id))
            item.setToolTip(text)
        if not found:
            QListWidgetItem(self.empty, self.list).setFlags(Qt.ItemFlag.NoItemFlags)
        rest = total - len(found)
        self.more.setText(ngettext("…and {n} more", "…and {n} more", rest).format(n=rest))
        self.more.setVisible(rest > 0)
        rows = min(max(self.list.count(), 1), VISIBLE_LINES)
        self.list.setFixedHeight(rows * self.list.sizeHintForRow(0) + 2 * self.list.frameWidth()
                                 + 2)

    def _open(self, item: QListWidgetItem) -> None:
        target = item.data(OPENS_ROLE)
        if target:
            self.context.open_record(*target)
