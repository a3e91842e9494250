"""The first page: what needs attention today. Every line opens its record
(double-click or Enter), at the line the item is about (a commitment of an agreement,
a milestone of a project); lines whose date has passed are drawn in the palette's
red. The queries are in core.views.dashboard.

The page can be filled before the database is open for editing (`DashboardPage(None)`,
then `fill()` with what the start read through plain sqlite3): this module imports
nothing that loads SQLAlchemy. A line activated before the window has its context
opens its record once it has (`attach()`).

Nor does that first filling touch Qt's namespace (Qt.ItemDataRole, Qt.AlignmentFlag…):
the first of its enums named builds every one of them, some 30 ms of the first window
with data. Roles are named by their numbers, sections keep to the top of their cells
with a stretch below them, and a group heading is made unselectable once the page is
attached, before any click can reach it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coordinator_app.core.views import dashboard as queries
from coordinator_app.core.records import vocab
from coordinator_app.core.views.coverage import uncovered_text
from coordinator_app.core.store.backup import backup_health
from coordinator_app.core.text.formatting import format_date, format_datetime, format_number
from coordinator_app.i18n import _
from coordinator_app.ui.widgets.colors import error_color

if TYPE_CHECKING:
    from coordinator_app.ui.context import UiContext

#: Opens a record (kind, id) at a line inside it (kind, id), or at its top (None).
Opener = Callable[[str, str, "tuple[str, str] | None"], None]

#: Qt's item data roles, by the numbers Qt gives them (Qt::UserRole and so on).
RECORD_ROLE = 256
FOREGROUND_ROLE = 9
ACCESSIBLE_TEXT_ROLE = 11
#: Lines a section lists at most (the rest are a click on their agreement away).
LIMIT = 50
#: Lines shown per section before it scrolls.
VISIBLE_LINES = 12


def _when(value: date | datetime | None) -> str:
    if value is None:
        return ""
    return format_datetime(value) if isinstance(value, datetime) else format_date(value)


class Section(QWidget):
    """A heading and a short list of records; activating a line opens its record."""

    def __init__(self, name: str, heading: str, columns: list[str], opener: Opener,
                 stretch: tuple[int, ...] | None = None, counted: bool = True):
        super().__init__()
        self.setObjectName(name)
        self.counted = counted
        #: The lines that head a group ("Active (3)"), and whether they are made
        #: unselectable yet (see settle()).
        self.headings: list[QTreeWidgetItem] = []
        self.settled = False
        #: Columns that share the width; the others fit their text (dates, labels).
        self.stretch = stretch if stretch is not None else tuple(range(len(columns) - 1))
        self.opener = opener
        self.heading = QLabel(heading)
        font = QFont(self.heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.heading.setFont(font)
        self.empty = QLabel()
        self.empty.setObjectName("empty")
        self.empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.tree = QTreeWidget()
        self.tree.setObjectName("items")
        self.tree.setAccessibleName(heading)
        self.heading.setBuddy(self.tree)
        self.tree.setHeaderLabels(columns)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.itemActivated.connect(self._open)
        #: How many lines the section holds, beside its heading.
        self.count = QLabel()
        self.count.setObjectName("count")
        self.count.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addWidget(self.count)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree)
        # Keeps the section at the top of a taller cell of the page's grid (as the grid's
        # own top alignment would, which needs Qt's namespace).
        layout.addStretch(1)

    def fill(self, rows: list[tuple[list[str], queries.Item | None]], empty_text: str,
             tree_like: bool = False, today: date | None = None) -> None:
        """`today`: lines dated before it are marked late (in red, and said so)."""
        self.headings = []
        self.tree.clear()
        # A colour, not a QBrush, which Qt's views take as well: the first QBrush made
        # builds the enums of its class and QGradient's (some 40 ms of the first window).
        late = error_color(self.palette())
        parent: QTreeWidgetItem | None = None
        for cells, item in rows:
            line = QTreeWidgetItem(cells)
            if item is None:  # a group heading ("Active (3)")
                font = line.font(0)
                font.setBold(True)
                line.setFont(0, font)
                self.headings.append(line)
                self.tree.addTopLevelItem(line)
                line.setFirstColumnSpanned(True)
                parent = line
                continue
            line.setData(0, RECORD_ROLE, (item.kind, item.id, item.at))
            line.setToolTip(0, cells[0])
            if today is not None and item.late(today):
                # Colour is not the only sign: the tooltip and screen readers say it.
                for column in range(len(cells)):
                    line.setData(column, FOREGROUND_ROLE, late)
                line.setToolTip(0, _("{what} (overdue)").format(what=cells[0]))
                line.setData(0, ACCESSIBLE_TEXT_ROLE,
                             _("{what} (overdue)").format(what=cells[0]))
            if tree_like and parent is not None:
                parent.addChild(line)
            else:
                self.tree.addTopLevelItem(line)
        if self.settled:
            self.settle()
        self.tree.setRootIsDecorated(tree_like)
        if tree_like:
            # Only a tree with groups: expandAll() lays every line out at once, some 2 ms
            # a section of the first window even with nothing to expand.
            self.tree.expandAll()
        lines = sum(1 for _cells, item in rows if item is not None)
        if self.counted and lines:
            # The queries stop at LIMIT lines; say so rather than undercount.
            more = "+" if lines >= LIMIT else ""
            self.count.setText(format_number(lines) + more)
        else:
            self.count.setText("")
        self.empty.setText(empty_text)
        self.empty.setVisible(not rows)
        self.tree.setVisible(bool(rows))
        lines = min(max(len(rows), 1), VISIBLE_LINES)
        row_height = self.tree.sizeHintForRow(0) if rows else 0
        row_height = max(row_height, self.tree.fontMetrics().height() + 2)
        self.tree.setFixedHeight(self.tree.header().sizeHint().height() + lines * row_height
                                 + 2 * self.tree.frameWidth() + 2)
        # A section holds a few dozen lines at most, so measuring them is cheap.
        header = self.tree.header()
        header.setStretchLastSection(False)
        for column in range(self.tree.columnCount()):
            mode = (QHeaderView.ResizeMode.Stretch if column in self.stretch
                    else QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(column, mode)

    def settle(self) -> None:
        """Make the group headings enabled but unselectable, now and at every fill."""
        from PySide6.QtCore import Qt

        self.settled = True
        for line in self.headings:
            line.setFlags(Qt.ItemFlag.ItemIsEnabled)

    def _open(self, line: QTreeWidgetItem, _column: int) -> None:
        target = line.data(0, RECORD_ROLE)
        if target:
            self.opener(*target)


class DashboardPage(QWidget):
    def __init__(self, context: UiContext | None, parent: QWidget | None = None, *,
                 db_path: Path | None = None):
        """The page over `context`; or, with None, a page that `fill()` fills with what
        the start read of `db_path` before the context was made (see `attach`)."""
        super().__init__(parent)
        self.setObjectName("page_dashboard")
        self.context = None
        self.db_path = db_path
        self._stale = True
        #: A line activated before the context came: opened when it comes.
        self._waiting: tuple[str, str, tuple[str, str] | None] | None = None
        opener = self._open_record

        self.title = QLabel(_("What needs attention"))
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.backup_warning = QLabel()
        self.backup_warning.setObjectName("backup_warning")
        self.backup_warning.setWordWrap(True)
        self.backup_warning.setFrameShape(QFrame.Shape.StyledPanel)
        self.backup_warning.setMargin(6)
        self.backup_warning.setAutoFillBackground(True)
        self.backup_warning.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.backup_warning.setForegroundRole(QPalette.ColorRole.ToolTipText)

        what, agreement, due = _("What"), _("Agreement"), _("Due")
        self.overdue = Section("overdue", _("Commitments overdue"), [what, agreement, due],
                               opener)
        self.due_soon = Section("due_soon", _("Commitments due in the next 30 days"),
                                [what, agreement, due], opener)
        self.meetings = Section("meetings", _("Meetings in the next 30 days"),
                                [_("Meeting"), _("Kind"), _("Date")], opener)
        self.milestones = Section("milestones", _("Milestones due"),
                                  [_("Milestone"), _("Project"), _("Due")], opener)
        self.expiring = Section("expiring", _("Agreements expiring in the next 90 days"),
                                [_("Agreement"), _("Expires")], opener)
        self.projects = Section("projects", _("Projects by status"),
                                [_("Project"), _("Ends")], opener, counted=False)
        self.needs = Section("needs", _("Open needs"),
                             [_("Need"), _("Community"), _("Still uncovered"), _("Needed by")],
                             opener, stretch=(0, 1))
        self.recent = Section("recent", _("Recent changes"),
                              [_("Record"), _("Change"), _("When")], opener, stretch=(0,),
                              counted=False)
        self.sections = (self.overdue, self.due_soon, self.meetings, self.milestones,
                         self.expiring, self.projects, self.needs, self.recent)

        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(14)
        grid.addWidget(self.overdue, 0, 0)
        grid.addWidget(self.due_soon, 0, 1)
        grid.addWidget(self.meetings, 1, 0)
        grid.addWidget(self.milestones, 1, 1)
        grid.addWidget(self.expiring, 2, 0)
        grid.addWidget(self.projects, 2, 1)
        grid.addWidget(self.needs, 3, 0, 1, 2)
        grid.addWidget(self.recent, 4, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.addWidget(self.title)
        layout.addWidget(self.backup_warning)
        layout.addLayout(grid)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        if context is not None:
            self.attach(context)

    def attach(self, context: UiContext) -> None:
        """Work over `context` from now on: refreshed when its data change, and the line
        activated while it was being made (if any) opened now."""
        self.context = context
        self.db_path = context.db.path
        for section in self.sections:
            section.settle()
        context.data_changed.connect(self._on_data_changed)
        if self._waiting is not None:
            waiting, self._waiting = self._waiting, None
            self._open_record(*waiting)

    def _open_record(self, kind: str, record_id: str, at: tuple[str, str] | None) -> None:
        if self.context is None:
            self._waiting = (kind, record_id, at)
            return
        self.context.open_record(kind, record_id)
        if at is not None:
            self.context.show_item(*at)

    def activate(self) -> None:
        if self._stale:
            self.refresh()

    def _on_data_changed(self, _changes) -> None:
        self._stale = True
        if self.isVisible():
            QTimer.singleShot(0, self.activate)

    def refresh(self, today: date | None = None) -> None:
        today = today or date.today()
        with self.context.db.reading() as connection:
            found = queries.read(connection, today, limit=LIMIT)
        self.fill(found, today)

    def fill(self, found: queries.Dashboard, today: date) -> None:
        """Fill the sections with what was read for `today`."""
        self._stale = False
        commitments = lambda items: [([i.title, i.detail, _when(i.when)], i)  # noqa: E731
                                     for i in items]
        self.overdue.fill(commitments(found.overdue), _("No commitment is overdue."), today=today)
        self.due_soon.fill(commitments(found.due_soon), _("Nothing is due in the next 30 days."))
        self.meetings.fill([([i.title, _(vocab.ACTIVITY_KINDS.get(i.detail, i.detail)),
                              _when(i.when)], i) for i in found.meetings],
                           _("No meeting, call or visit in the next 30 days."))
        self.milestones.fill(commitments(found.milestones),
                             _("No milestone is due in the next 30 days."), today=today)
        self.expiring.fill([([i.title, _when(i.when)], i) for i in found.expiring],
                           _("No agreement expires in the next 90 days."))
        rows: list[tuple[list[str], queries.Item | None]] = []
        for group in found.projects:
            label = _(vocab.PROJECT_STATUSES.get(group.status, group.status))
            rows.append(([_("{status} ({count})").format(status=label, count=group.count)],
                         None))
            rows.extend(([i.title, _when(i.when)], i) for i in group.items)
        self.projects.fill(rows, _("There are no projects yet."), tree_like=True)
        self.needs.fill([([n.item, n.community, uncovered_text(n), _when(n.needed_by)],
                          queries.Item("need", n.id, n.item, n.community, n.needed_by))
                         for n in found.needs], _("No need is waiting for pledges."), today=today)
        self.recent.fill([([i.title, i.detail, _when(i.when)], i)
                          for i in found.recent], _("Nothing has been changed yet."))
        self._show_backup_health()

    def _show_backup_health(self) -> None:
        health = backup_health(self.db_path)
        self.backup_warning.setText(health.warning or "")
        self.backup_warning.setVisible(bool(health.warning))

    def first_section_with_items(self) -> Section | None:
        for section in self.sections:
            if section.tree.topLevelItemCount():
                return section
        return None
