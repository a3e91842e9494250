"""One page of the main window: a filterable, sortable list and beside it the editor
of the selected record.

Selecting a row shows it in the editor; the editor saves as fields are left, so
the page never asks "save changes?". When data changes anywhere, the list reads
its rows again and keeps the same record selected, without disturbing the editor.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QTableView,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from coordinator_app.core.errors import CoordinatorError
from coordinator_app.core.registry import shown_with
from coordinator_app.core.formatting import format_number
from coordinator_app.i18n import _, ngettext
from coordinator_app.ui.column_widths import share
from coordinator_app.ui.context import Changes, UiContext
from coordinator_app.ui.list_model import RecordListModel

#: What counts as a field to type into when the editor takes the focus.
FIELD_TYPES = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox)
#: Typing in the filter box waits this long before querying, so a word is one query.
FILTER_DELAY_MS = 150


class ListPage(QWidget):
    #: The editor now shows this record (the window remembers it for the next start).
    record_shown = Signal(str)

    def __init__(self, context: UiContext, kind: str, parent: QWidget | None = None):
        super().__init__(parent)
        from coordinator_app.ui.editors import editor_for

        self.context = context
        self.kind = kind
        self.setObjectName(f"page_{kind}")
        self.model = RecordListModel(context.workspace, kind, self)
        #: The kinds whose changes this list shows (core.registry.shown_with).
        self.shown = shown_with(kind)
        self._quiet = False
        self._stale = True
        self._restore_id: str | None = None
        #: The user asked for a blank form (New): it stays until a record is shown.
        self._blank_wanted = False

        self.filter = QLineEdit()
        self.filter.setObjectName("filter")
        self.filter.setClearButtonEnabled(True)
        self.filter.setPlaceholderText(_("Filter this list (Ctrl+F)"))
        self.filter.setAccessibleName(_("Filter this list"))
        self.count_label = QLabel()
        self.count_label.setObjectName("count")
        self._filter_timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self._apply_filter)
        self.filter.textChanged.connect(self._filter_timer.start)
        self.filter.returnPressed.connect(self._filter_and_enter_list)

        self.view = self._build_view()
        self.editor = editor_for(kind)(context)
        self.editor.record_created.connect(self._on_created)

        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.count_label)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(top)
        left_layout.addWidget(self.view, 1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.editor)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName(f"splitter_{kind}")
        self.splitter.addWidget(left)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter_restored = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.splitter)

        self.model.total_changed.connect(self._show_total)
        context.data_changed.connect(self._on_data_changed)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.view,
                  self.delete_current, context=Qt.ShortcutContext.WidgetShortcut)

    def _build_view(self) -> QTableView:
        view = QTableView()
        view.setObjectName("list")
        view.setAccessibleName(_(self.model.spec.title))
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setTabKeyNavigation(False)
        # Rows of one height and columns of set widths: nothing is measured from the
        # rows, so a list of 100,000 costs no more to show than a list of 40.
        rows = view.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(view.fontMetrics().height() + 8)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        char = view.fontMetrics().averageCharWidth()
        for number, column in enumerate(self.model.spec.columns):
            header.resizeSection(number, column.width * char)
        self.columns_fitted = False
        column, order = self.model.sort_state()
        header.setSortIndicator(column, order)
        view.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._keep_indicator_true)
        view.selectionModel().currentRowChanged.connect(self._on_current_row)
        view.activated.connect(lambda _index: self.focus_editor())
        return view

    # -- the page's life ---------------------------------------------------------------

    def fit_columns(self) -> None:
        """Share the list's width among its columns by their set weights, once: from
        then on the widths are the user's (and remembered)."""
        self.columns_fitted = True
        if not self.splitter_restored:
            # Half and half to begin with; the split the user makes is remembered.
            width = sum(self.splitter.sizes())
            self.splitter.setSizes([width // 2, width - width // 2])
        columns = self.model.spec.columns
        available = self.view.viewport().width()
        char = self.view.fontMetrics().averageCharWidth()
        total = sum(column.width for column in columns)
        if available < total * char // 2:
            return  # not laid out yet; the set widths will do
        header = self.view.horizontalHeader()
        metrics = header.fontMetrics()
        # Room for each title and its sort arrow; what is left goes by weight.
        cells = self.view.fontMetrics()
        least = [max(metrics.horizontalAdvance(_(c.title)) + 4 * char,  # and the sort arrow
                     cells.horizontalAdvance(c.sample()) + 2 * char if c.sample else 0)
                 for c in columns]
        sizes = share(available, [c.width for c in columns], least)
        for number, size in enumerate(sizes):
            header.resizeSection(number, size)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.columns_fitted:
            QTimer.singleShot(0, self.fit_columns)

    def activate(self, *, show_first: bool = True) -> None:
        """Called when the page comes into view: read the rows if they are stale, and
        show the record that was open when the app was last closed (or the first)."""
        if self._stale:
            self.refresh()
        if self._restore_id is not None:
            record_id, self._restore_id = self._restore_id, None
            if self._exists(record_id):
                self.open_record(record_id)
        if (show_first and self.editor.current_id() is None and not self._blank_wanted
                and self.model.rowCount() > 0):
            # A blank form reads as "about to add one"; show the first record instead.
            self._select(0)
            self._show(self.model.id_at(0))

    def restore_record(self, record_id: str) -> None:
        """Open `record_id` when the page is first shown."""
        self._restore_id = record_id

    def _exists(self, record_id: str) -> bool:
        try:
            self.context.workspace.get(self.kind, record_id)
        except CoordinatorError:
            return False
        return True

    def refresh(self, prefer_row: int | None = None) -> None:
        self._stale = False
        record_id = self.editor.current_id()
        scroll = self.view.verticalScrollBar().value()
        self.model.reload()
        self.view.verticalScrollBar().setValue(scroll)
        row = self.model.row_of(record_id) if record_id else None
        if row is not None:
            self._select(row)
        elif prefer_row is not None and self.model.rowCount() > 0:
            self._select(min(prefer_row, self.model.rowCount() - 1))
            self._show(self.model.id_at(self.view.currentIndex().row()))

    def _on_data_changed(self, changes: Changes) -> None:
        # A filter finds records by any text of theirs: while one is on, any change may
        # add or remove rows.
        if not changes.concern(self.shown) and not self.filter.text().strip():
            return
        self._stale = True
        if self.isVisible():
            QTimer.singleShot(0, self.activate)

    # -- what the window asks ----------------------------------------------------------

    def current_id(self) -> str | None:
        return self.editor.current_id()

    def open_record(self, record_id: str) -> None:
        """Show `record_id` in the editor and select it in the list if it can be reached."""
        if record_id != self.editor.current_id() and not self.editor.confirm_leave():
            return
        self.activate(show_first=False)
        row = self.model.row_of(record_id)
        if row is None and self.model.filter_text():
            self.filter.blockSignals(True)
            self.filter.clear()
            self.filter.blockSignals(False)
            self.model.set_filter("")
            row = self.model.row_of(record_id)
        if row is not None:
            self._select(row)
        else:
            self.view.clearSelection()
        if self.editor.current_id() != record_id:
            self._show(record_id)

    def new_record(self) -> None:
        if not self.editor.confirm_leave():
            return
        self._quiet = True
        self.view.selectionModel().clear()
        self._quiet = False
        self._blank_wanted = True
        self.editor.show_record(None)
        self.focus_editor()

    def focus_editor(self) -> None:
        """Put the cursor in the editor's first field, ready to type."""
        widget = self.editor.nextInFocusChain()
        for _step in range(200):  # the focus chain is a ring; stop if it has no field
            if widget is self.editor or widget is None:
                break
            if (self.editor.isAncestorOf(widget) and isinstance(widget, FIELD_TYPES)
                    and widget.isVisible() and widget.isEnabled()
                    and not getattr(widget, "isReadOnly", lambda: False)()):
                widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return
            widget = widget.nextInFocusChain()
        self.editor.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def delete_current(self) -> bool:
        if self.editor.current_id() is None:
            return False
        row = self.view.currentIndex().row()
        if not self.editor.delete_current():
            return False
        self.refresh(prefer_row=max(row, 0))
        return True

    def focus_filter(self) -> None:
        self.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter.selectAll()

    def focus_list(self) -> None:
        self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- reactions ---------------------------------------------------------------------

    def _apply_filter(self) -> None:
        self.model.set_filter(self.filter.text())
        record_id = self.editor.current_id()
        row = self.model.row_of(record_id, load=False) if record_id else None
        if row is not None:
            self._select(row)

    def _filter_and_enter_list(self) -> None:
        self._filter_timer.stop()
        self._apply_filter()
        if self.model.rowCount():
            self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
            if not self.view.currentIndex().isValid():
                self.view.setCurrentIndex(self.model.index(0, 0))

    def _on_current_row(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._quiet or not current.isValid():
            return
        record_id = self.model.id_at(current.row())
        if record_id and record_id != self.editor.current_id():
            if not self.editor.confirm_leave():
                # Back to the record being edited, after the view has moved its current row.
                QTimer.singleShot(0, self, lambda: self._select_current(previous))
                return
            self._show(record_id)

    def _select_current(self, previous: QModelIndex) -> None:
        record_id = self.editor.current_id()
        row = self.model.row_of(record_id, load=False) if record_id else None
        if row is None and previous.isValid():
            row = previous.row()
        if row is not None:
            self._select(row)
        else:
            self._quiet = True
            self.view.selectionModel().clear()
            self._quiet = False

    def _show(self, record_id: str | None) -> None:
        self.editor.show_record(record_id)
        if record_id:
            self._blank_wanted = False
            self.record_shown.emit(record_id)

    def _on_created(self, record_id: str) -> None:
        self._blank_wanted = False
        self.record_shown.emit(record_id)
        self.refresh()
        row = self.model.row_of(record_id)
        if row is not None:
            self._select(row)

    def _select(self, row: int) -> None:
        index = self.model.index(row, 0)
        self._quiet = True
        try:
            self.view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        finally:
            self._quiet = False
        self.view.scrollTo(index)

    def _keep_indicator_true(self, column: int, _order: Qt.SortOrder) -> None:
        # A column that cannot be sorted must not show an arrow the rows do not follow.
        if not self.model.spec.columns[column].sortable:
            header = self.view.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(*self.model.sort_state())
            header.blockSignals(False)

    def _show_total(self, total: int) -> None:
        if self.model.filter_text().strip():
            text = ngettext("{count} record matches", "{count} records match", total)
        else:
            text = ngettext("{count} record", "{count} records", total)
        self.count_label.setText(text.format(count=format_number(total)))


