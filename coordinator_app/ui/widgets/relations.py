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

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from coordinator_app.core.views import related
from coordinator_app.core.records.change_labels import Label
from coordinator_app.core.errors import CoordinatorError, message_of
from coordinator_app.core.records.models import Entity
from coordinator_app.i18n import N_, _, ngettext
from coordinator_app.ui.context import UiContext
from coordinator_app.ui.widgets.binder import Binder
from coordinator_app.ui.widgets.fields import ErrorLabel, Field, name_cell
from coordinator_app.ui.widgets.row_layout import RowLayout, widths
from coordinator_app.ui.widgets.translated import LanguageSwitch, TranslatedField

#: Rows loaded at first; an association may have hundreds of people, and each row is
#: a set of widgets to fill (25 made an organisation's editor open in 60 ms of processor
#: time at 100,000 people, of the 100 ms a screen may take). "Show all" loads the rest.
FIRST_ROWS = 10


@dataclass
class Column:
    title: str  # marked with N_(), translated when shown
    make: Callable[[], Field]
    stretch: bool = True
    #: Width in characters for a column that does not stretch (None: as wide as its cells);
    #: for one that stretches, the width it is given first when the table is narrow.
    chars: int | None = None
    #: The line of the record it is on (see row_layout): 0, or 1 for a second line.
    line: int = 0
    #: Table columns it covers on its line (the last on a line covers what is left).
    span: int = 1


def set_enabled(widget: QWidget, enabled: bool) -> None:
    # Only on a change: enabling a widget walks every child, which adds up per load.
    if widget.testAttribute(Qt.WidgetAttribute.WA_Disabled) == enabled:
        widget.setEnabled(enabled)


class RelationTable(QWidget):
    def __init__(self, context: UiContext, cls: type[Entity], *, parent_fk: str,
                 columns: list[Column], required: tuple[str, ...], label: str,
                 fixed: dict[str, Any] | None = None, order_by: str = "created_at",
                 on_row: Callable[[Binder], None] | None = None,
                 parent: QWidget | None = None):
        """`on_row(binder)` is called for each row's binder once its fields are made,
        for a form that fills one cell from another (a signatory's title)."""
        super().__init__(parent)
        self.context = context
        self.cls = cls
        self.parent_fk = parent_fk
        self.columns = columns
        self.required = required
        self.label = label
        self.fixed = dict(fixed or {})
        self.order_by = order_by
        self.on_row = on_row
        self.parent_id: str | None = None
        self.row_ids: list[str] = []
        self.binders: list[Binder] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.shape = RowLayout.of([c.line for c in columns], [c.span for c in columns])
        self.remove_buttons: list[QToolButton] = []
        #: The rows' language switches, beside their ✕ (see _add_row).
        self.switches: list[LanguageSwitch] = []
        self.table = QTableWidget(0, self.shape.grid + 1, self)
        self.table.setHorizontalHeaderLabels(self.shape.header([c.title for c in columns]) + [""])
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(self.table.focusPolicy().NoFocus)
        # Tab goes from cell to cell along the editor's focus chain (see RecordEditor.
        # _order_tabs), never to the table's current index: that kept the focus in the
        # cell, so a typed date was not saved and the next keys went into the same cell.
        self.table.setTabKeyNavigation(False)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # The form scrolls, never the table: it is as tall as its rows and its columns
        # share its width (see _arrange).
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustIgnored)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(8)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)  # "Кількі…", not cut mid-letter
        self._widths: list[int] = []
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
        found, self.total = related.children(session, self.cls, self.parent_fk, parent_id,
                                             order_by=self.order_by, fixed=self.fixed,
                                             limit=self.limit)
        return found

    def reload(self, session: Session, parent_id: str | None, *,
               keep_limit: bool = False) -> None:
        """Show the rows of `parent_id`. Row widgets are kept and reused from record to
        record (building them is what costs), surplus rows are hidden, not destroyed."""
        if parent_id != self.parent_id and not keep_limit:
            self.limit = FIRST_ROWS
        objs = self.rows(session, parent_id) if parent_id else []
        if parent_id is None:
            self.total = 0  # not the count of the record shown before
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
        # The names the rows' pickers show, read in one query instead of one a row.
        named = related.load_referenced(session, objs, {
                column: kind for field in self.binders[0].fields
                for column, kind in field.references().items()}) if objs else []
        fixed = {self.parent_fk: parent_id, **self.fixed}
        lines = self.shape.lines
        for row, binder in enumerate(self.binders):
            binder.fixed = fixed
            if row < len(objs):
                binder.load_object(objs[row])
            elif row == len(objs):
                # The blank row; reloaded too, as its choices may have changed.
                binder.load(None, {}, force=moved or binder.record_id is not None)
            else:
                binder.detach()
            for line in range(lines):
                self.table.setRowHidden(row * lines + line, row >= needed)
            # Not hidden: the view shows its cell widgets again on every layout.
            remove = self.remove_buttons[row]
            set_enabled(remove, row < len(objs))
            if row <= len(objs):  # hidden rows are set when they show again
                remove.setText("✕" if row < len(objs) else "")
        if not same:
            self.error.show_message(None)
            self._fit()
            if focus is not None:
                row, column = focus
                self.cell(min(row, needed - 1), column).setFocus()

    def _focused_cell(self) -> tuple[int, int] | None:
        """(row, column) of the cell that has the focus, if one has."""
        focused = self.focusWidget()
        if focused is None or not focused.hasFocus():
            return None
        for row, binder in enumerate(self.binders):
            for column, cell in enumerate(binder.fields):
                if cell is focused or cell.isAncestorOf(focused):
                    return row, column
        return None

    def cell_of(self, record_id: str) -> QWidget | None:
        """The first cell of the row showing `record_id`, if it is shown."""
        for row, binder in enumerate(self.binders):
            if binder.record_id == record_id and not self.table.isRowHidden(
                    row * self.shape.lines):
                return self.cell(row, 0)
        return None

    def cells_in_order(self) -> list[QWidget]:
        """The cells of every row made, record by record, each record's remove button
        after its cells: the order Tab takes (RecordEditor._order_tabs). Rows hidden
        are in it too (Tab passes over what is hidden), so the chain changes only
        when rows are made, not with each record shown."""
        places = self.shape.places
        order = sorted(range(len(self.columns)),
                       key=lambda i: (places[i].line, places[i].position))
        found: list[QWidget] = []
        for row, binder in enumerate(self.binders):
            found += [binder.fields[i] for i in order]
            found.append(self.remove_buttons[row])
        return found

    def _add_row(self) -> None:
        lines = self.shape.lines
        row = self.table.rowCount()
        for line in range(lines):
            self.table.insertRow(row + line)
        binder = Binder(self.context, self.cls, required=self.required,
                        label=self.label, sink=self.error.show_message, parent=self)
        for index, column in enumerate(self.columns):
            field = column.make()
            for combo in field.findChildren(QComboBox):
                # Narrow cells: a long party name is cut, and read whole on hover.
                combo.setSizeAdjustPolicy(
                    QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
                combo.setMinimumContentsLength(6)
                combo.currentTextChanged.connect(combo.setToolTip)
            for edit in field.findChildren(QLineEdit):
                edit.textChanged.connect(edit.setToolTip)
            binder.bind(field, column.title)
            name_cell(field, column.title)
            place = self.shape.places[index]
            if place.span > 1:
                self.table.setSpan(row + place.line, place.position, 1, place.span)
                for edit in field.findChildren(QLineEdit):
                    # The header names the columns a spanning cell covers, not it.
                    if not edit.placeholderText():
                        edit.setPlaceholderText(_(column.title))
            self.table.setCellWidget(row + place.line, place.position, field)
        remove = QToolButton(self)
        remove.setText("✕")
        remove.setAutoRaise(True)
        remove.setToolTip(_("Remove this row (Ctrl+Z brings it back)"))
        remove.setAccessibleName(_("Remove this row"))
        remove.clicked.connect(lambda _checked=False: self.remove(binder.record_id))
        # A row added while only the first rows show might sort out of sight: show all.
        binder.created.connect(lambda _id: setattr(self, "limit", None))
        # A row of two lines has room at its right end, above ✕, for the languages of
        # its text, which then keeps the whole width of its line.
        switch = next((field.detach_switch() for field in binder.fields
                       if isinstance(field, TranslatedField) and field.compact),
                      None) if lines > 1 else None
        if switch is not None:
            self.switches.append(switch)
            self.table.setCellWidget(row, self.shape.grid, switch)
            if lines > 2:
                self.table.setSpan(row + 1, self.shape.grid, lines - 1, 1)
            self.table.setCellWidget(row + 1, self.shape.grid, remove)
        else:
            if lines > 1:
                self.table.setSpan(row, self.shape.grid, lines, 1)
            self.table.setCellWidget(row, self.shape.grid, remove)
        self.remove_buttons.append(remove)
        self.binders.append(binder)
        if self.on_row is not None:
            self.on_row(binder)

    def _fit(self) -> None:
        """As tall as its rows, so that a table in a form never scrolls on its own."""
        self._arrange()
        self.table.resizeRowsToContents()
        height = self.table.horizontalHeader().sizeHint().height() + 2 * self.table.frameWidth()
        for row in range(self.table.rowCount()):
            if not self.table.isRowHidden(row):
                height += self.table.rowHeight(row)
        self.table.setFixedHeight(height)

    def _arrange(self) -> None:
        """Share the width among the columns (see row_layout.widths)."""
        header = self.table.horizontalHeader()
        char = self.fontMetrics().averageCharWidth()
        wanted: list[int] = []
        least: list[int] = []
        titles = header.fontMetrics()
        shown = self._shown()
        for index, column in enumerate(self.columns):
            title = titles.horizontalAdvance(_(column.title)) + 16
            cell = self._cell_width([binder.fields[index] for binder in shown])
            if column.stretch:
                want = (column.chars or 20) * char + 40
            elif column.chars:
                # As wide as its cells must be, too (a date as long as its hint).
                want = max(column.chars * char + 24, title, cell[0])
            else:
                want = max(cell[1], title)
            wanted.append(want)
            least.append(min(want, max(cell[0], 8 * char)))
        remove_width = max(self._cell_width(self.remove_buttons[:1])[1], 2 * char,
                           *(switch.width() for switch in self.switches))
        available = self.table.viewport().width() - remove_width
        sizes, need = widths(self.shape, [c.stretch for c in self.columns], wanted, least,
                             available)
        sizes.append(remove_width)
        self.table.setMinimumWidth(need + remove_width + 2 * self.table.frameWidth())
        if sizes == self._widths:
            return
        self._widths = sizes
        for index, width in enumerate(sizes):
            header.resizeSection(index, width)

    def _shown(self) -> list[Binder]:
        """The binder of the first row shown: its cells tell the columns' widths, as a
        column's cells are all alike (this runs on every load and resize; measuring
        every row's choices was a fifth of loading an agreement's commitments)."""
        lines = self.shape.lines
        return next(([binder] for row, binder in enumerate(self.binders)
                     if not self.table.isRowHidden(row * lines)), [])

    @staticmethod
    def _cell_width(cells: list[QWidget]) -> tuple[int, int]:
        """The least and the preferred width of `cells`."""
        least = wanted = 0
        for cell in cells:
            least = max(least, cell.minimumSizeHint().width())
            wanted = max(wanted, cell.sizeHint().width() + _combo_extra(cell))
        return least, wanted

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # Another font or style changes the rows' height, and the table never scrolls.
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            QTimer.singleShot(0, self, self._fit)

    # -- changing ------------------------------------------------------------------
    def remove(self, row_id: str | None) -> None:
        if row_id is None:
            return
        try:
            self.context.apply(Label(N_("Remove {what}"), what=Label(self.label)),
                               lambda edit: edit.delete(self.cls, row_id))
        except CoordinatorError as exc:
            self.error.show_message(message_of(exc))

    def flush(self) -> None:
        """Commit whatever is typed but not yet committed (before showing another record)."""
        for binder in self.binders:
            binder.flush()

    def cell(self, row: int, column: int) -> Field:
        """The field of `column` in the `row`-th record shown (the last is the blank one
        that adds a record)."""
        return self.binders[row].fields[column]

    def remove_button(self, row: int) -> QToolButton:
        return self.remove_buttons[row]

    def new_row(self) -> int:
        return len(self.row_ids)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self, self._fit)


def _combo_extra(cell: QWidget) -> int:
    """How much wider than its least a cell's choice box must be to show its longest
    choice (it is set to ask for only a few characters, see _add_row)."""
    extra = 0
    for combo in cell.findChildren(QComboBox):
        metrics = combo.fontMetrics()
        widest = max((metrics.horizontalAdvance(combo.itemText(i)) for i in range(combo.count())),
                     default=0)
        asked = combo.minimumContentsLength() * metrics.horizontalAdvance("X")
        extra += max(0, widest - asked)
    return extra


