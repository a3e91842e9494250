"""Open sync conflicts as people review them: each with its versions side by side
(the value, which laptop, when), "Keep the shown one", "Keep the other" and "Edit…".

The words for a version are made here once, for the Conflicts tab of the Sync dialog
and for the mark the record editor puts on a conflicted field (ui.conflict_marks).
Keeping a version is one undoable step; editing opens the record, where a new value
typed in the field settles the conflict as any edit does.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from coordinator_app.core.errors import CoordinatorError, message_of
from coordinator_app.core.records.field_titles import field_title as named
from coordinator_app.core.text.formatting import format_datetime
from coordinator_app.i18n import _
from coordinator_app.ui.context import UiContext

LIFE = "deleted_at"


class Laptops:
    """Names of the laptops versions come from: this one, or a peer by its device id."""

    def __init__(self, session: Session, own_device: str):
        from coordinator_app.sync.peers import all_peers

        self.own = own_device
        self.names = {p.device_id: p.name for p in all_peers(session) if p.device_id}

    def name(self, device: str) -> str:
        if device == self.own:
            return _("this laptop")
        return self.names.get(device) or _("a laptop not yet known ({id})").format(
            id=device[:8])


def value_text(conflict, version) -> str:
    if conflict.field == LIFE:
        return _("deleted") if version.value else _("kept")
    if version.value is None or version.value == "":
        return _("(empty)")
    return str(version.value)


def source_text(version, laptops: Laptops) -> str:
    """"Plungė, 28 Nov 2026, 14:02"."""
    return _("{laptop}, {when}").format(laptop=laptops.name(version.origin),
                                        when=format_datetime(version.at))


#: The titles of a kind's fields as its editor shows them ({(kind, field): title}).
Titles = Callable[[str], dict[tuple[str, str], str]]


def field_title(conflict, titles: Titles | None = None) -> str:
    if conflict.field == LIFE:
        return _("deleted or kept")
    return named(conflict.kind, conflict.field,
                 titles(conflict.kind) if titles is not None else None)


def versions_tip(conflict, laptops: Laptops) -> str:
    """Every version of a conflict, one a line, the shown one first."""
    lines = [_("Other laptops gave this field different values:")]
    for number, version in enumerate(conflict.versions, 1):
        mark = _("shown") if number == 1 else _("other")
        lines.append(_("• {value} ({source}, {mark})").format(
            value=value_text(conflict, version), source=source_text(version, laptops),
            mark=mark))
    return "\n".join(lines)


def keep(context: UiContext, conflict_id: str, number: int, parent: QWidget) -> bool:
    """Keep version `number` (1 is the one shown) as one undoable step."""
    from coordinator_app.sync.conflicts import resolve

    try:
        change_set = resolve(context.workspace, conflict_id, number)
    except CoordinatorError as exc:
        QMessageBox.warning(parent, _("Resolve a conflict"), message_of(exc))
        return False
    context.push_done(_("Resolve a conflict"), change_set)
    return True


class ConflictsTable(QWidget):
    """The Conflicts tab: one row a conflict, its versions in columns."""

    #: The person chose Edit: the record to open (kind, id).
    edit_requested = Signal(str, str)

    FIXED = 2  # record, field; then one column a version

    def __init__(self, context: UiContext, titles: Titles | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.titles = titles
        self.conflicts: list = []
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setObjectName("conflicts_title")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.table = QTableWidget(0, self.FIXED + 2)
        self.table.setObjectName("sync_conflicts")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda *_args: self._enable())
        self.table.setAccessibleName(_("Open conflicts"))
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.keep_shown = QPushButton(_("Keep the shown version"))
        self.keep_shown.setObjectName("keep_shown")
        self.keep_shown.clicked.connect(lambda: self._keep(1))
        self.keep_other = QPushButton(_("Keep the other version"))
        self.keep_other.setObjectName("keep_other")
        self.keep_other.setToolTip(_("With more than two versions, select the one to keep"))
        self.keep_other.clicked.connect(lambda: self._keep(self._other_number()))
        self.edit = QPushButton(_("Edit…"))
        self.edit.setObjectName("edit_conflict")
        self.edit.setToolTip(_("Open the record and type the right value: it replaces "
                               "every version"))
        self.edit.clicked.connect(self._edit)
        for button in (self.keep_shown, self.keep_other, self.edit):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self._enable()

    def refresh(self, session: Session) -> None:
        from coordinator_app.sync.conflicts import open_conflicts

        self.conflicts = open_conflicts(session)
        laptops = Laptops(session, self.context.db.device_id)
        self.title.setText(
            _("Open conflicts: {count}. Each field below was changed on two laptops "
              "before they synced; keep one version, or edit the record.").format(
                count=len(self.conflicts)) if self.conflicts else _("No open conflicts."))
        widest = max((len(c.versions) for c in self.conflicts), default=2)
        self.table.clear()
        self.table.setColumnCount(self.FIXED + widest)
        self.table.setHorizontalHeaderLabels(
            [_("Record"), _("Field"), _("Shown version")]
            + [_("Other version") if widest == 2 else _("Version {number}").format(number=n)
               for n in range(2, widest + 1)])
        self.table.setRowCount(len(self.conflicts))
        for row, conflict in enumerate(self.conflicts):
            self.table.setItem(row, 0, QTableWidgetItem(conflict.label))
            self.table.setItem(row, 1, QTableWidgetItem(field_title(conflict, self.titles)))
            for number, version in enumerate(conflict.versions, 1):
                item = QTableWidgetItem(
                    value_text(conflict, version) + "\n" + source_text(version, laptops))
                item.setData(Qt.ItemDataRole.UserRole, number)
                item.setToolTip(item.text())
                self.table.setItem(row, self.FIXED + number - 1, item)
        self.table.resizeRowsToContents()
        self._enable()

    # -- choosing ---------------------------------------------------------------------
    def current(self):
        row = self.table.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def _other_number(self) -> int:
        item = self.table.currentItem()
        number = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return number if isinstance(number, int) and number > 1 else 2

    def _enable(self) -> None:
        chosen = self.current() is not None
        for button in (self.keep_shown, self.keep_other, self.edit):
            button.setEnabled(chosen)

    def select(self, conflict_id: str) -> None:
        for row, conflict in enumerate(self.conflicts):
            if conflict.id == conflict_id:
                self.table.setCurrentCell(row, 0)

    def _keep(self, number: int) -> None:
        conflict = self.current()
        if conflict is not None and keep(self.context, conflict.id, number, self):
            with self.context.workspace.read() as session:
                self.refresh(session)

    def _edit(self) -> None:
        conflict = self.current()
        if conflict is not None:
            self.edit_requested.emit(conflict.kind, conflict.record_id)

