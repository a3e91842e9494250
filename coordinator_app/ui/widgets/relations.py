"""A table of the records that belong to one record: a person's affiliations, an
agreement's parties, a project's aid deliveries.

Every cell is a self-committing field, so editing a cell is one undoable edit.
The last row is blank: filling its required cells creates the record. Each row
has a remove button; removing is a tombstone like any delete, so Ctrl+Z brings
the row back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coordinator_app.core.errors import CoordinatorError
from coordinator_app.core.models import Entity
from coordinator_app.i18n import _, ngettext
from coordinator_app.ui.context import UiContext
from coordinator_app.ui.widgets.binder import Binder
from coordinator_app.ui.widgets.fields import ErrorLabel, Field

#: Rows shown before the table scrolls inside the form.
MAX_VISIBLE_ROWS = 12
#: Rows loaded at first; an association may have hundreds of people, and each row is
#: a set of widgets. "Show all" loads the rest.
FIRST_ROWS = 25


@dataclass
class Column:
    title: str  # marked with N_(), translated when shown
    make: Callable[[], Field]
    stretch: bool = True
    #: Width in characters for a column that does not stretch (None: as wide as its cells);
    #: for one that stretches, the least it may shrink to before the table scrolls sideways.
    chars: int | None = None


def set_enabled(widget: QWidget, enabled: bool) -> None:
    # Only on a change: enabling a widget walks every child, which adds up per load.
    if widget.testAttribute(Qt.WidgetAttribute.WA_Disabled) == enabled:
        widget.setEnabled(enabled)


class RelationTable(QWidget):
    def __init__(self, context: UiContext, cls: type[Entity], *, kind: str, parent_fk: str,
                 columns: list[Column], required: tuple[str, ...], label: str,
                 fixed: dict[str, Any] | None = None, order_by: str = "created_at",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.cls = cls
        self.kind = kind
        self.parent_fk = parent_fk
        self.columns = columns
        self.required = required
        self.label = label
        self.fixed = dict(fixed or {})
        self.order_by = order_by
        self.parent_id: str | None = None
        self.row_ids: list[str] = []
        self.binders: list[Binder] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.table = QTableWidget(0, len(columns) + 1, self)
        self.table.setHorizontalHeaderLabels([_(c.title) for c in columns] + [""])
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(self.table.focusPolicy().NoFocus)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table.horizontalHeader()
        char = self.fontMetrics().averageCharWidth()
        self._least = {index: (column.chars or 20) * char + 40
                       for index, column in enumerate(columns) if column.stretch}
        self._squeezed = False
        for index, column in enumerate(columns):
            if column.stretch:
                mode = QHeaderView.ResizeMode.Stretch
            elif column.chars:
                mode = QHeaderView.ResizeMode.Fixed
                title_width = self.fontMetrics().horizontalAdvance(_(column.title)) + 16
                header.resizeSection(index, max(column.chars * char + 24, title_width))
            else:
                mode = QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(index, mode)
        header.setSectionResizeMode(len(columns), QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table)
        self.error = ErrorLabel(self)
        layout.addWidget(self.error)
        self.more = QPushButton(self)
        self.more.setFlat(True)
        self.more.clicked.connect(self.show_all)
        self.more.hide()
        layout.addWidget(self.more, 0, Qt.AlignmentFlag.AlignLeft)
        self.limit: int | None = FIRST_ROWS
        self.total = 0

    def show_all(self) -> None:
        self.limit = None
        with self.context.workspace.read() as session:
            self.reload(session, self.parent_id, keep_limit=True)

    # -- loading -----------------------------------------------------------------
    def rows(self, session: Session, parent_id: str) -> list[Entity]:
        # Undated rows last, so a row just added stays at the bottom where it was typed.
        order = getattr(self.cls, self.order_by)
        where = (getattr(self.cls, self.parent_fk) == parent_id, self.cls.deleted_at.is_(None),
                 *(getattr(self.cls, name) == value for name, value in self.fixed.items()))
        query = select(self.cls).where(*where).order_by(
            order.is_(None), order, self.cls.created_at)
        if self.limit is not None:
            query = query.limit(self.limit + 1)
        found = list(session.scalars(query))
        self.total = len(found)
        if self.limit is not None and len(found) > self.limit:
            self.total = session.scalar(select(func.count()).select_from(self.cls).where(*where))
            found = found[:self.limit]
        return found

    def reload(self, session: Session, parent_id: str | None, *,
               keep_limit: bool = False) -> None:
        """Show the rows of `parent_id`. Row widgets are kept and reused from record to
        record (building them is what costs), surplus rows are hidden, not destroyed."""
        if parent_id != self.parent_id and not keep_limit:
            self.limit = FIRST_ROWS
        objs = self.rows(session, parent_id) if parent_id else []
        ids = [obj.id for obj in objs]
        moved = parent_id != self.parent_id
        hidden = self.total - len(objs)
        self.more.setVisible(hidden > 0)
        if hidden > 0:
            self.more.setText(ngettext("Show {n} more row", "Show {n} more rows",
                                       hidden).format(n=hidden))
        same = not moved and ids == self.row_ids
        focus = None if same else self._focused_cell()
        self.parent_id, self.row_ids = parent_id, ids
        set_enabled(self, parent_id is not None)
        needed = len(objs) + 1 if parent_id is not None else 0
        while len(self.binders) < needed:
            self._add_row()
        fixed = {self.parent_fk: parent_id, **self.fixed}
        for row, binder in enumerate(self.binders):
            binder.fixed = fixed
            if row < len(objs):
                binder.load_object(objs[row])
            elif row == len(objs):
                # The blank row; reloaded too, as its choices may have changed.
                binder.load(None, {}, force=moved or binder.record_id is not None)
            elif binder.record_id is not None or moved:
                binder.load(None, {}, force=True)
            self.table.setRowHidden(row, row >= needed)
            # Not hidden: the view shows its cell widgets again on every layout.
            remove = self.table.cellWidget(row, len(self.columns))
            remove.setEnabled(row < len(objs))
            remove.setText("✕" if row < len(objs) else "")
        if not same:
            self.error.show_message(None)
            self._fit()
            if focus is not None:
                row, column = focus
                widget = self.table.cellWidget(min(row, needed - 1), column)
                if widget is not None:
                    widget.setFocus()

    def _focused_cell(self) -> tuple[int, int] | None:
        focused = self.focusWidget()
        if focused is None or not focused.hasFocus():
            return None
        for row in range(self.table.rowCount()):
            for column in range(self.table.columnCount()):
                cell = self.table.cellWidget(row, column)
                if cell is not None and (cell is focused or cell.isAncestorOf(focused)):
                    return row, column
        return None

    def _add_row(self) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        binder = Binder(self.context, self.cls, kind=self.kind, required=self.required,
                        label=self.label, sink=self.error.show_message, parent=self)
        for index, column in enumerate(self.columns):
            field = column.make()
            binder.bind(field, _(column.title))
            self.table.setCellWidget(row, index, field)
        remove = QToolButton(self)
        remove.setText("✕")
        remove.setAutoRaise(True)
        remove.setToolTip(_("Remove this row (Ctrl+Z brings it back)"))
        remove.clicked.connect(lambda _checked=False: self.remove(binder.record_id))
        # A row added while only the first rows show might sort out of sight: show all.
        binder.created.connect(lambda _id: setattr(self, "limit", None))
        self.table.setCellWidget(row, len(self.columns), remove)
        self.binders.append(binder)

    def _fit(self) -> None:
        """As tall as its rows (up to a limit): a table in a form should not scroll alone."""
        self._arrange()  # the rows just shown may have widened the columns that fit them
        self.table.resizeRowsToContents()
        visible = [row for row in range(self.table.rowCount()) if not self.table.isRowHidden(row)]
        height = self.table.horizontalHeader().height() + 2 * self.table.frameWidth()
        for row in visible[:MAX_VISIBLE_ROWS]:
            height += self.table.rowHeight(row)
        if self.table.horizontalScrollBar().isVisible():
            height += self.table.horizontalScrollBar().height()
        self.table.setFixedHeight(height + 2)

    def _arrange(self) -> None:
        """Stretch columns to the width; when too narrow for that, keep each column
        readable and let the table scroll sideways instead of squeezing names to nothing."""
        header = self.table.horizontalHeader()
        others = sum(header.sectionSize(i) for i in range(header.count())
                     if i not in self._least)
        squeezed = others + sum(self._least.values()) > self.table.viewport().width()
        if squeezed == self._squeezed:
            return
        self._squeezed = squeezed
        for index, least in self._least.items():
            if squeezed:
                header.setSectionResizeMode(index, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(index, least)
            else:
                header.setSectionResizeMode(index, QHeaderView.ResizeMode.Stretch)
        QTimer.singleShot(0, self, self._fit)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange()

    # -- changing ------------------------------------------------------------------
    def remove(self, row_id: str | None) -> None:
        if row_id is None:
            return
        try:
            self.context.apply(_("Remove {what}").format(what=self.label), self.kind,
                               lambda edit: edit.delete(self.cls, row_id))
        except CoordinatorError as exc:
            self.error.show_message(str(exc))

    def flush(self) -> None:
        """Commit whatever is typed but not yet committed (before showing another record)."""
        for binder in self.binders:
            binder.flush()

    def cell(self, row: int, column: int) -> Field:
        """The field in a cell (the last row is the blank one that adds a record)."""
        return self.table.cellWidget(row, column)

    def new_row(self) -> int:
        return len(self.row_ids)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self, self._fit)
