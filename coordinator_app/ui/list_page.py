"""One page of the main window: a filterable, sortable list and beside it the editor
of the selected record.

Above the list are its text filter, its facets (facet_bar) and saved views
(views_menu); rows can be chosen several at a time for the actions of
list_actions (right-click menu: tag, export, print, delete, ways to reach).

Selecting a row shows it in the editor; the editor saves as fields are left, so
the page never asks "save changes?". When data changes anywhere, the list reads
its rows again and keeps the same record selected, without disturbing the editor.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from coordinator_app.core.errors import CoordinatorError
from coordinator_app.core.views.saved_views import SavedView
from coordinator_app.core.records.registry import shown_with
from coordinator_app.core.text.formatting import format_number
from coordinator_app.core.views.listing import COUNT_LIMIT
from coordinator_app.i18n import _, ngettext
from coordinator_app.ui.column_widths import share
from coordinator_app.ui.context import Changes, UiContext
from coordinator_app.ui.facet_bar import FacetBar
from coordinator_app.ui.list_actions import ListActions
from coordinator_app.ui.list_model import RecordListModel
from coordinator_app.ui.views_menu import ViewsButton, apply_view, current_view

#: What counts as a field to type into when the editor takes the focus.
FIELD_TYPES = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox)
#: The list's part of the page's width, in per cent, until the person moves the divider.
LIST_SHARE = 45
#: Characters the first column (a name, a title) keeps before the others keep theirs.
NAME_CHARS = 24
#: Typing in the filter box waits this long before querying, so a word is one query.
FILTER_DELAY_MS = 150


class ListPage(QWidget):
    #: The editor now shows this record (the window remembers it for the next start).
    record_shown = Signal(str)
    #: A line for the window's status bar ("Copied: …", "Written: …").
    message = Signal(str)

    def __init__(self, context: UiContext, kind: str, parent: QWidget | None = None):
        super().__init__(parent)
        from coordinator_app.ui.editors import editor_for

        self.context = context
        self.kind = kind
        self.setObjectName(f"page_{kind}")
        self.model = RecordListModel(context.workspace, kind, self)
        #: The kinds whose changes this list shows (core.records.registry.shown_with).
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
        self.facet_bar = FacetBar(context, kind)
        self.facet_bar.changed.connect(self._apply_facets)
        self.views_button = ViewsButton(self)
        self.actions = ListActions(self)

        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.views_button)
        top.addWidget(self.count_label)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(top)
        left_layout.addWidget(self.facet_bar)
        left_layout.addWidget(self.view, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName(f"splitter_{kind}")
        self.splitter.addWidget(left)
        # The editor scrolls its own form; wrapped in a second scroll area, its heading
        # and buttons scrolled sideways out of sight with the form at 1024 pixels.
        self.splitter.addWidget(self.editor)
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
        # Several rows at once (Shift, Ctrl, Ctrl+A) for the bulk actions; the editor
        # shows the current one.
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._row_menu)
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
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Columns are dragged into another order, and chosen from the header's menu;
        # both are kept with the widths (window_state).
        header.setSectionsMovable(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        char = view.fontMetrics().averageCharWidth()
        for number, column in enumerate(self.model.spec.columns):
            header.resizeSection(number, column.width * char)
        self.columns_fitted = False
        self.widths_chosen = False
        self._fitting = False
        self._refit_pending = False
        header.sectionResized.connect(self._section_resized)
        self._header_pressed = _Pressed(header.viewport())
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
        then on the widths are the user's (and remembered).

        The first column, the name or title, keeps room for a few words before the
        others keep room for their whole titles and values (a date, a sum): a list of
        projects at 1280 pixels read "European i…" beside whole dates. The columns
        never add up to more than the list's width, however narrow the window."""
        self.columns_fitted = True
        if not self.splitter_restored:
            # The editor a little wider than the list to begin with (its tables of
            # commitments and deliveries want the room); the split the user makes is
            # remembered.
            self.splitter_restored = True
            width = sum(self.splitter.sizes())
            list_width = width * LIST_SHARE // 100
            self.splitter.setSizes([list_width, width - list_width])
        header = self.view.horizontalHeader()
        shown = [n for n in range(len(self.model.spec.columns)) if not header.isSectionHidden(n)]
        columns = [self.model.spec.columns[n] for n in shown]
        # A pixel short of the viewport: the rounding of shares must not add a scroll bar.
        available = self.view.viewport().width() - 1
        char = self.view.fontMetrics().averageCharWidth()
        if available < 10 * char or not columns:
            return  # not laid out yet; the set widths will do
        metrics = header.fontMetrics()
        # Room for each title and its sort arrow; what is left goes by weight.
        cells = self.view.fontMetrics()
        least = [max(metrics.horizontalAdvance(_(c.title)) + 4 * char,  # and the sort arrow
                     cells.horizontalAdvance(c.sample()) + 2 * char if c.sample else 0)
                 for c in columns]
        weights = [c.width for c in columns]
        least[0] = max(least[0], min(NAME_CHARS * char, available * weights[0] // sum(weights)))
        others = sum(least[1:])
        if least[0] + others > available and others:
            # Too narrow for every title whole: the others are cut (and read on hover).
            room = max(available - least[0], 0)
            least[1:] = [max(3 * char, w * room // others) for w in least[1:]]
        sizes = share(available, weights, least)
        overflow = sum(sizes) - available
        if overflow > 0:
            sizes[0] = max(sizes[0] - overflow, 3 * char)
        self._fitting = True
        try:
            for number, size in zip(shown, sizes):
                header.resizeSection(number, size)
        finally:
            self._fitting = False

    def _section_resized(self, *_args) -> None:
        # A column the person drags (the last one also stretches by itself, and the
        # window's own fitting resizes them all): from then on the widths are theirs.
        if not self._fitting and self._header_pressed.down:
            self.widths_chosen = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.columns_fitted:
            QTimer.singleShot(0, self.fit_columns)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        # Until the person sets widths of their own, the columns follow the window.
        if self.columns_fitted and not self.widths_chosen and not self._refit_pending:
            self._refit_pending = True
            QTimer.singleShot(0, self, self._refit)

    def _refit(self) -> None:
        self._refit_pending = False
        self.fit_columns()

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
        # A filter finds records by any text of theirs, a facet by records around them:
        # while one is on, any change may add or remove rows.
        if not changes.concern(self.shown) and not self.model.narrowed():
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
        if row is None and self.model.narrowed():
            self.filter.blockSignals(True)
            self.filter.clear()
            self.filter.blockSignals(False)
            self.model.set_filter("")
            self.facet_bar.set_chosen((), quiet=True)
            self.model.set_facets(())
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
        if len(self.selected_rows()) > 1:
            return self.actions.delete_selection()
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
        self._keep_current()

    def _apply_facets(self) -> None:
        self.model.set_facets(self.facet_bar.chosen())
        self._keep_current()

    def _keep_current(self) -> None:
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

    # -- chosen rows -------------------------------------------------------------------

    def selected_rows(self) -> list[int]:
        return sorted(index.row() for index in self.view.selectionModel().selectedRows())

    def selected_ids(self) -> list[str]:
        """The ids of the chosen rows, in the list's order (the editor's record if no row
        is chosen)."""
        ids = [record_id for row in self.selected_rows()
               if (record_id := self.model.id_at(row)) is not None]
        if not ids and self.editor.current_id() is not None:
            ids = [self.editor.current_id()]
        return ids

    def _row_menu(self, position) -> None:
        index = self.view.indexAt(position)
        if index.isValid() and not self.view.selectionModel().isRowSelected(index.row()):
            self.view.setCurrentIndex(index)  # a click outside the selection chooses that row
        if not self.selected_ids():
            return
        menu = self.actions.menu()
        menu.popup(self.view.viewport().mapToGlobal(position))

    # -- saved views (views_menu) -------------------------------------------------------

    def current_view(self, name: str) -> SavedView:
        """What the list shows now, as a view called `name`."""
        return current_view(self, name)

    def apply_view(self, view: SavedView) -> None:
        """Show the list as `view` says: its columns, order, facets and filter."""
        apply_view(self, view)

    def set_filter_text(self, text: str) -> None:
        """Filter by `text` at once, as if typed and the pause waited out."""
        self.filter.blockSignals(True)
        self.filter.setText(text)
        self.filter.blockSignals(False)
        self._filter_timer.stop()
        self._apply_filter()

    def export_list(self):
        """File → Export this list…: the records the filter and facets leave, in the
        list's order."""
        from coordinator_app.ui.export_actions import export_list

        return export_list(self, self.context, self.kind, ids=self.model.all_ids())

    def _column_menu(self, position) -> None:
        header = self.view.horizontalHeader()
        menu = QMenu(self)
        menu.setObjectName("columns")
        columns = self.model.spec.columns
        for number, column in enumerate(columns):
            action = menu.addAction(_(column.title))
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(number))
            # The first column names the record: it stays.
            action.setEnabled(number != 0)
            action.toggled.connect(lambda shown, number=number: self.show_column(number, shown))
        menu.popup(header.mapToGlobal(position))

    def show_column(self, number: int, shown: bool) -> None:
        """Show or hide a column of the list (from the header's menu)."""
        header = self.view.horizontalHeader()
        header.setSectionHidden(number, not shown)
        if shown and header.sectionSize(number) < 4 * self.view.fontMetrics().averageCharWidth():
            header.resizeSection(number, self.model.spec.columns[number].width
                                 * self.view.fontMetrics().averageCharWidth())

    def _keep_indicator_true(self, column: int, _order: Qt.SortOrder) -> None:
        # A column that cannot be sorted must not show an arrow the rows do not follow.
        if not self.model.spec.columns[column].sortable:
            header = self.view.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(*self.model.sort_state())
            header.blockSignals(False)

    def _show_total(self, total: int) -> None:
        filtered = self.model.narrowed()
        if total > COUNT_LIMIT:
            total = COUNT_LIMIT
            text = (ngettext("More than {count} record matches",
                             "More than {count} records match", total) if filtered
                    else ngettext("More than {count} record", "More than {count} records",
                                  total))
        elif filtered:
            text = ngettext("{count} record matches", "{count} records match", total)
        else:
            text = ngettext("{count} record", "{count} records", total)
        self.count_label.setText(text.format(count=format_number(total)))


class _Pressed(QObject):
    """Whether a mouse button is down on `widget` (a header being dragged)."""

    def __init__(self, widget: QWidget):
        super().__init__(widget)
        self.down = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.MouseButtonPress:
            self.down = True
        elif event.type() == QEvent.Type.MouseButtonRelease:
            self.down = False
        return False
