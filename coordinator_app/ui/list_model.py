"""A record list as a window onto SQL: rows are read a page at a time as the view
scrolls (canFetchMore/fetchMore), and sorting or filtering re-runs the query.

The model never holds more rows than the user has scrolled past, and never a
database session: each page is one short read through the workspace.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from coordinator_app.core.views import listing
from coordinator_app.core.records.facet_kinds import Chosen
from coordinator_app.core.views.listing import ListQuery, Row
from coordinator_app.core.records.service import Workspace
from coordinator_app.i18n import _, current_language

Index = QModelIndex | QPersistentModelIndex

#: Rows read per page; a screenful is ~40, so scrolling stays smooth with few reads.
BATCH = 200
#: How far past the loaded rows a record may lie for the list to page on to it.
#: Further than that, the editor shows the record and the list keeps its place.
MAX_JUMP = 5000

ID_ROLE = Qt.ItemDataRole.UserRole
#: Whether the row's record is kept to our association (a padlock marks its name).
PRIVATE_ROLE = Qt.ItemDataRole.UserRole + 1


class RecordListModel(QAbstractTableModel):
    #: The number of records matching the filter (all of them, not just those loaded),
    #: counted up to listing.COUNT_LIMIT + 1, which stands for "more than the limit".
    total_changed = Signal(int)

    def __init__(self, workspace: Workspace, kind: str, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.query = ListQuery(kind)
        self.spec = listing.SPECS[kind]
        self._rows: list[Row] = []
        #: Those of the loaded rows their association keeps to itself (a lock marks them).
        self._private: set[str] = set()
        self._exhausted = True
        #: Nothing is read until the list is first shown (`reload`): a window with five
        #: lists opens with one query, not five, and order set meanwhile costs nothing.
        self._loaded = False
        self.total = 0
        #: Pages read since the last reset (lets tests see that rows come page by page).
        self.reads = 0

    # -- what the view asks -------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.spec.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        private = index.column() == 0 and row.id in self._private
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[index.column()]
        if role == Qt.ItemDataRole.DecorationRole and private:
            from coordinator_app.ui.lock_icon import lock_icon

            return lock_icon()
        if role == PRIVATE_ROLE:
            return row.id in self._private
        if role == Qt.ItemDataRole.ToolTipRole:
            if private:
                return _("{name}\nPrivate to our association: partner associations never "
                         "receive it.").format(name=row.cells[0])
            return row.cells[index.column()]
        if role == ID_ROLE:
            return row.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.spec.columns):
            return None
        column = self.spec.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return _(column.title)
        if role == Qt.ItemDataRole.ToolTipRole and not column.sortable:
            return _("This column cannot be sorted.")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if parent.isValid() or self._exhausted:
            return
        self._fetch(BATCH)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.spec.columns) or not self.spec.columns[column].sortable:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self._set_query(replace(self.query, sort_column=column, descending=descending))

    # -- what the page asks -------------------------------------------------------------

    def sort_state(self) -> tuple[int, Qt.SortOrder]:
        column, descending = self.query.order()
        return column, (Qt.SortOrder.DescendingOrder if descending
                        else Qt.SortOrder.AscendingOrder)

    def set_filter(self, text: str) -> None:
        if text.strip() == self.query.text.strip():
            return
        self._set_query(replace(self.query, text=text))

    def filter_text(self) -> str:
        return self.query.text

    def set_facets(self, chosen: Chosen) -> None:
        if chosen != self.query.facets:
            self._set_query(replace(self.query, facets=chosen))

    def narrowed(self) -> bool:
        """Whether the filter or a facet hides some records."""
        return bool(self.query.text.strip() or self.query.facets)

    def all_ids(self) -> list[str]:
        """Every record the list shows (not only the rows loaded), in its order."""
        with self.workspace.read() as session:
            return listing.ids(session, self.query)

    def reload(self) -> None:
        """Read again after a change, keeping as many rows loaded as before."""
        self._reset(max(BATCH, len(self._rows)))

    def id_at(self, row: int) -> str | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, record_id: str, *, load: bool = True) -> int | None:
        """The row showing `record_id`, paging on to it if it lies not too far ahead."""
        for number, row in enumerate(self._rows):
            if row.id == record_id:
                return number
        if not load or self._exhausted:
            return None
        with self.workspace.read() as session:
            position = listing.position_of(session, self.query, record_id)
        if position is None or position - len(self._rows) > MAX_JUMP:
            return None
        self._fetch(position + 1 - len(self._rows) + BATCH // 2)
        return position if self.id_at(position) == record_id else None

    # -- reading ------------------------------------------------------------------------

    def _set_query(self, query: ListQuery) -> None:
        self.query = query
        if self._loaded:
            self._reset(BATCH)

    def _reset(self, wanted: int) -> None:
        self._loaded = True
        # Read in the interface language of now, and page on in the same one: a mark
        # of a row sorted in one language means nothing in another's order.
        self.query = replace(self.query, lang=current_language())
        with self.workspace.read() as session:
            rows, total = listing.first_page(session, self.query, wanted)
            private = self._private_of(session, rows)
        self.beginResetModel()
        self._rows = rows
        self._private = private
        self._exhausted = len(rows) < wanted
        self.reads = 1
        self.endResetModel()
        self.total = total
        self.total_changed.emit(total)

    def _fetch(self, wanted: int) -> None:
        after = self._rows[-1].mark if self._rows else None
        with self.workspace.read() as session:
            rows = listing.page(session, self.query, len(self._rows), wanted, after=after)
            self._private |= self._private_of(session, rows)
        self._exhausted = len(rows) < wanted
        self.reads += 1
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def _private_of(self, session, rows: list[Row]) -> set[str]:
        from coordinator_app.sync.record import private_ids

        return private_ids(session, self.query.kind, [row.id for row in rows]) if rows else set()
