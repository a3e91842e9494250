"""A record list as a window onto SQL: rows are read a page at a time as the view
scrolls (canFetchMore/fetchMore), and sorting or filtering re-runs the query.

The model never holds more rows than the user has scrolled past, and never a
database session: each page is one short read through the workspace. Of the rows
scrolled past it keeps only their ids (what selection, export and finding a record
need) and where each page ends; what the rows show is kept for the last few pages
read, and a page scrolled back to is read again from where the page before it ended.
A row's text and sort value cost some 800 bytes: scrolled to the end of 100,000
people, the list held 77 MiB of them, and read them all again after every edit.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from coordinator_app.core.views import listing
from coordinator_app.core.views.listing import ListQuery, Row
from coordinator_app.i18n import _, current_language

if TYPE_CHECKING:
    from coordinator_app.core.records.facet_kinds import Chosen
    from coordinator_app.core.records.service import Workspace

Index = QModelIndex | QPersistentModelIndex

#: Rows read per page; a screenful is ~40, so scrolling stays smooth with few reads.
BATCH = 200
#: How far past the loaded rows a record may lie for the list to page on to it.
#: Further than that, the editor shows the record and the list keeps its place.
MAX_JUMP = 5000
#: Pages whose text is kept (the last ones read): several screenfuls either way of
#: the rows in view, so scrolling to and fro reads nothing again.
KEPT_PAGES = 10
#: Rows read by one statement when many are wanted at once (a list read again after
#: an edit with 100,000 rows scrolled past): only their ids are kept, so this bounds
#: what a read holds on its way.
READ_ROWS = 10_000

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
        self._held = LoadedRows()
        self._exhausted = True
        #: Nothing is read until the list is first shown (`reload`): a window with five
        #: lists opens with one query, not five, and order set meanwhile costs nothing.
        self._loaded = False
        self.total = 0
        #: Pages read since the last reset (lets tests see that rows come page by page).
        self.reads = 0
        #: Pages read again to be shown, their text having been let go.
        self.rereads = 0

    # -- what the view asks -------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._held.ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.spec.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._held.ids):
            return None
        record_id = self._held.ids[index.row()]
        private = index.column() == 0 and record_id in self._held.private
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells(index.row())[index.column()]
        if role == Qt.ItemDataRole.DecorationRole and private:
            from coordinator_app.ui.lock_icon import lock_icon

            return lock_icon()
        if role == PRIVATE_ROLE:
            return record_id in self._held.private
        if role == Qt.ItemDataRole.ToolTipRole:
            cells = self._cells(index.row())
            if private:
                return _("{name}\nPrivate to our association: partner associations never "
                         "receive it.").format(name=cells[0])
            return cells[index.column()]
        if role == ID_ROLE:
            return record_id
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
        self._reset(max(BATCH, len(self._held.ids)))

    def id_at(self, row: int) -> str | None:
        return self._held.ids[row] if 0 <= row < len(self._held.ids) else None

    def row_of(self, record_id: str, *, load: bool = True) -> int | None:
        """The row showing `record_id`, paging on to it if it lies not too far ahead."""
        try:
            return self._held.ids.index(record_id)
        except ValueError:
            pass
        if not load or self._exhausted:
            return None
        with self.workspace.read() as session:
            position = listing.position_of(session, self.query, record_id)
        if position is None or position - len(self._held.ids) > MAX_JUMP:
            return None
        self._fetch(position + 1 - len(self._held.ids) + BATCH // 2)
        return position if self.id_at(position) == record_id else None

    def rows_kept(self) -> int:
        """How many rows' text the list holds now (the rest it holds as ids)."""
        return self._held.rows_kept()

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
        # The rows of before are let go before they are read again, not held beside
        # their new reading (twice 9 MiB of ids, 100,000 rows scrolled past); the view
        # asks nothing meanwhile, and is left empty should the reading fail.
        self.beginResetModel()
        self._held = held = LoadedRows()
        self._exhausted = True
        try:
            with self.workspace.read() as session:
                rows, total = listing.first_page(session, self.query, min(wanted, BATCH))
                held.take(rows, self._private_of(session, rows))
                exhausted = len(rows) < min(wanted, BATCH)
                # The rows loaded before, of which only the ids and the pages' ends are
                # kept: read many to a statement without what they show (a page
                # shown is read whole then).
                while not exhausted and len(held.ids) < wanted:
                    more = min(READ_ROWS, wanted - len(held.ids))
                    rows = listing.page(session, self.query, len(held.ids), more,
                                        after=held.last_mark, shown=False)
                    held.take(rows, self._private_of(session, rows))
                    exhausted = len(rows) < more
            self._exhausted = exhausted
            self.reads = 1
        except BaseException:
            self._held = LoadedRows()
            raise
        finally:
            self.endResetModel()
        self.total = total
        self.total_changed.emit(total)

    def _fetch(self, wanted: int) -> None:
        held = self._held
        with self.workspace.read() as session:
            rows = listing.page(session, self.query, len(held.ids), wanted,
                                after=held.last_mark)
            private = self._private_of(session, rows)
        self._exhausted = len(rows) < wanted
        self.reads += 1
        if not rows:
            return
        first = len(held.ids)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        held.take(rows, private)
        self.endInsertRows()

    def _cells(self, row: int) -> tuple[str, ...]:
        """What row `row` shows: from the pages kept, or its page read again."""
        held = self._held
        page, place = divmod(row, BATCH)
        cells = held.kept(page)
        if cells is None or place >= len(cells):
            with self.workspace.read() as session:
                rows = listing.page(session, self.query, page * BATCH,
                                    min(BATCH, len(held.ids) - page * BATCH),
                                    after=held.end_before(page))
            self.rereads += 1
            cells = held.read_again(page, rows)
        return cells[place] if place < len(cells) else ("",) * len(self.spec.columns)

    def _private_of(self, session, rows: list[Row]) -> set[str]:
        from coordinator_app.sync.record import private_ids

        return private_ids(session, self.query.kind, [row.id for row in rows]) if rows else set()


class LoadedRows:
    """The rows a list has loaded: every one's id, where each page of BATCH rows ends,
    and what the rows of the last KEPT_PAGES pages used show."""

    def __init__(self) -> None:
        #: The id of every row loaded, in the list's order.
        self.ids: list[str] = []
        #: Those of them their association keeps to itself (a lock marks them).
        self.private: set[str] = set()
        #: Where each whole page ends (Row.mark of its last row), by page number: page
        #: n + 1 is read again from the end of page n.
        self._ends: list[tuple[Any, int]] = []
        #: Where the last row loaded stands in the order: the next page starts after it.
        self.last_mark: tuple[Any, int] | None = None
        #: What the rows of the pages kept show, by page number, least recently used first.
        self._pages: OrderedDict[int, list[tuple[str, ...]]] = OrderedDict()

    def take(self, rows: list[Row], private: set[str]) -> None:
        """Add `rows`, read right after the last row loaded."""
        if not rows:
            return
        self.private |= private
        for number, row in enumerate(rows, len(self.ids)):
            page, place = divmod(number, BATCH)
            cells = self._pages.setdefault(page, []) if place == 0 else self._pages.get(page)
            # A page begun by an earlier read and let go since, or read without what
            # it shows, is read again whole when it is shown.
            if cells is not None and len(cells) == place and row.cells:
                cells.append(row.cells)
                self._pages.move_to_end(page)
            else:
                self._pages.pop(page, None)
            if place == BATCH - 1:
                self._ends.append(row.mark)
        self.ids.extend(row.id for row in rows)
        self.last_mark = rows[-1].mark
        self._let_go()

    def kept(self, page: int) -> list[tuple[str, ...]] | None:
        cells = self._pages.get(page)
        if cells is not None:
            self._pages.move_to_end(page)
        return cells

    def end_before(self, page: int) -> tuple[Any, int] | None:
        """Where page `page` starts from: the end of the page before it."""
        return self._ends[page - 1] if page else None

    def read_again(self, page: int, rows: list[Row]) -> list[tuple[str, ...]]:
        """Keep what page `page`, read again, shows."""
        first = page * BATCH
        # Should the records have changed since the page was first read and the list
        # not been read again yet (it is, once shown), the page shows them as they are.
        self.ids[first:first + len(rows)] = [row.id for row in rows]
        cells = self._pages[page] = [row.cells for row in rows]
        self._let_go()
        return cells

    def rows_kept(self) -> int:
        return sum(len(cells) for cells in self._pages.values())

    def _let_go(self) -> None:
        while len(self._pages) > KEPT_PAGES:
            self._pages.popitem(last=False)
