"""Global search (Ctrl+K): type, see records of every kind grouped by kind, Enter opens.

The keys stay in the text box: Up and Down move through the results, Enter
opens the highlighted one, Escape closes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coordinator_app.core.records import registry
from coordinator_app.core.search.query import search
from coordinator_app.i18n import _, current_language
from coordinator_app.ui.context import UiContext

RECORD_ROLE = Qt.ItemDataRole.UserRole
SEARCH_DELAY_MS = 80
LIMIT = 40


class SearchDialog(QDialog):
    def __init__(self, context: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setObjectName("search_dialog")
        self.setWindowTitle(_("Search"))
        self.setModal(True)
        self.box = QLineEdit()
        self.box.setObjectName("search_text")
        self.box.setAccessibleName(_("Search"))
        self.box.setClearButtonEnabled(True)
        self.box.setPlaceholderText(_("Search people, organisations, agreements, projects…"))
        self.results = QTreeWidget()
        self.results.setObjectName("results")
        self.results.setHeaderHidden(True)
        self.results.setRootIsDecorated(False)
        self.results.setColumnCount(2)
        self.results.setUniformRowHeights(True)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.itemActivated.connect(self._open_item)
        self.results.itemClicked.connect(self._open_item)
        self.status = QLabel()
        self.status.setObjectName("search_status")
        self.status.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout = QVBoxLayout(self)
        layout.addWidget(self.box)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.box.textChanged.connect(self._timer.start)
        self.box.installEventFilter(self)
        width = self.fontMetrics().averageCharWidth()
        self.resize(110 * width, 30 * self.fontMetrics().height())
        self._show_hint()

    def run_search(self) -> None:
        self._timer.stop()
        text = self.box.text()
        self.results.clear()
        if not text.strip():
            self._show_hint()
            return
        with self.context.workspace.read() as session:
            hits = search(session, text, limit=LIMIT, lang=current_language())
        group: QTreeWidgetItem | None = None
        for hit in hits:
            if group is None or group.data(0, RECORD_ROLE + 1) != hit.kind:
                group = QTreeWidgetItem([_(registry.spec(hit.kind).plural_label)])
                group.setData(0, RECORD_ROLE + 1, hit.kind)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                self.results.addTopLevelItem(group)
                group.setFirstColumnSpanned(True)
            line = QTreeWidgetItem(["    " + hit.title, hit.subtitle or ""])
            line.setData(0, RECORD_ROLE, (hit.kind, hit.id))
            line.setToolTip(0, hit.title)
            self.results.addTopLevelItem(line)
        width = self.results.viewport().width()
        self.results.header().resizeSection(0, int(width * 0.55))
        first = self._lines()
        if first:
            self.results.setCurrentItem(first[0])
            self.status.setText(_("Up and Down choose, Enter opens, Escape closes."))
        else:
            self.status.setText(_("Nothing found for “{text}”.").format(text=text.strip()))

    def _show_hint(self) -> None:
        self.status.setText(_("Type part of a name or title, in any alphabet."))

    def _lines(self) -> list[QTreeWidgetItem]:
        items = (self.results.topLevelItem(i) for i in range(self.results.topLevelItemCount()))
        return [item for item in items if item.data(0, RECORD_ROLE)]

    def _move(self, step: int) -> None:
        lines = self._lines()
        if not lines:
            return
        current = self.results.currentItem()
        index = lines.index(current) if current in lines else -1
        self.results.setCurrentItem(lines[max(0, min(len(lines) - 1, index + step))])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.box and event.type() == QEvent.Type.KeyPress:
            key = event.key() if isinstance(event, QKeyEvent) else None
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._move(1 if key == Qt.Key.Key_Down else -1)
                return True
            if key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                self._move(8 if key == Qt.Key.Key_PageDown else -8)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._timer.isActive():
                    self.run_search()
                current = self.results.currentItem()
                if current is not None:
                    self._open_item(current)
                return True
        return super().eventFilter(watched, event)

    def _open_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        target = item.data(0, RECORD_ROLE)
        if not target:
            return
        self.accept()
        self.context.open_record(*target)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        parent = self.parentWidget()
        if parent is not None:
            # Near the top of the window, where the eye already is, like a command palette.
            frame = parent.frameGeometry()
            self.move(frame.center().x() - self.width() // 2, frame.top() + frame.height() // 8)
        self.box.setFocus(Qt.FocusReason.PopupFocusReason)
        self.box.selectAll()
