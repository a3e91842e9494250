"""The History panel under an editor: every step that changed the record (and what
it owns), newest first, from the journal (core.records.history): when, what, the values
before and after, and on which computer. "Revert this change" takes a step back as
a new change, through the service, that Undo takes back in its turn.

The panel is folded until opened, so showing a record reads no journal unless asked.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from coordinator_app.core.records.change_labels import Label, label_of
from coordinator_app.core.records.field_titles import field_title
from coordinator_app.core.errors import CoordinatorError, message_of
from coordinator_app.core.text.formatting import format_datetime
from coordinator_app.i18n import N_, _
from coordinator_app.ui.context import UiContext

STEP_ROLE = Qt.ItemDataRole.UserRole + 1
#: Steps listed at most; older ones stay in the journal (`coordinator history`).
SHOWN = 200
VISIBLE_LINES = 10


def computer_of(device_id: str, this_device: str) -> str:
    """"This computer", or another laptop by the start of its device id."""
    if device_id == this_device:
        return _("This computer")
    return _("Another computer ({id})").format(id=device_id[:8])


def field_line(change, titles: dict[tuple[str, str], str],
               choices: dict[tuple[str, str], dict[str, str]] | None = None) -> str:
    """"Signed: 10.02.2026 → 11.02.2026"; a created or deleted row says so. A code of a
    row's vocabulary the journal could not name (a milestone's status) reads as the
    form's choice shows it."""
    if change.action in ("delete", "restore") or change.field is None:
        return ""
    title = field_title(change.kind, change.field, titles)
    labels = (choices or {}).get((change.kind, change.field), {})
    old, new = labels.get(change.old, change.old), labels.get(change.new, change.new)
    return _("{field}: {old} → {new}").format(
        field=title, old=old or _("(empty)"), new=new or _("(empty)"))


class HistoryPanel(QWidget):
    """A fold-out list of a record's steps with "Revert this change"."""

    def __init__(self, context: UiContext, kind: str, titles, parent: QWidget | None = None,
                 choices=None):
        super().__init__(parent)
        self.context = context
        self.kind = kind
        #: () -> {(kind, field): title}: the editor's names of its fields, translated.
        self.titles = titles
        #: () -> {(kind, field): {code: label}}: the choices of the editor's fields.
        self.choices = choices or dict
        self.record_id: str | None = None
        self.toggle = QToolButton(self)
        self.toggle.setObjectName("history_toggle")
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setAutoRaise(True)
        self.toggle.setText(_("History"))  # its Alt+letter: the editor's (ui.mnemonics)
        self.toggle.setAccessibleName(_("History"))
        self.toggle.setToolTip(_("Who changed what, when, and on which computer"))
        font = self.toggle.font()
        font.setBold(True)
        self.toggle.setFont(font)
        self.toggle.toggled.connect(self._folded)

        self.tree = QTreeWidget(self)
        self.tree.setObjectName("history")
        self.tree.setAccessibleName(_("History"))
        self.tree.setHeaderLabels([_("When"), _("Change"), _("Computer")])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(lambda *_args: self._enable())
        self.revert_button = QPushButton(_("&Revert this change"), self)
        self.revert_button.setObjectName("revert_change")
        self.revert_button.setToolTip(_("Put back the values from before this change, as a "
                                        "new change (Undo takes it back)"))
        self.revert_button.clicked.connect(self.revert_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 10, 0, 0)
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.tree)
        layout.addLayout(buttons)
        self._folded(False)

    def _folded(self, opened: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if opened else Qt.ArrowType.RightArrow)
        self.tree.setVisible(opened)
        self.revert_button.setVisible(opened)
        if opened:
            with self.context.workspace.read() as session:
                self._fill(session)

    def reload(self, session: Session, record_id: str | None) -> None:
        self.record_id = record_id
        if self.toggle.isChecked():
            self._fill(session)
        else:
            self.tree.clear()
        self._enable()

    def _fill(self, session: Session) -> None:
        from coordinator_app.core.records import history, registry

        self.tree.clear()
        if self.record_id is None:
            self._enable()
            return
        obj = session.get(registry.model(self.kind), self.record_id)
        if obj is None:
            return
        titles = self.titles()
        choices = self.choices()
        this_device = self.context.db.device_id
        for step in history.steps(session, obj, SHOWN):
            item = QTreeWidgetItem([format_datetime(step.at), step.label,
                                    computer_of(step.device_id, this_device)])
            item.setData(0, STEP_ROLE, (step.change_set, step.label_key))
            item.setToolTip(1, step.label)
            for change in step.fields:
                line = field_line(change, titles, choices)
                if line:
                    child = QTreeWidgetItem(["", line, ""])
                    child.setToolTip(1, line)
                    child.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    item.addChild(child)
            self.tree.addTopLevelItem(item)
        if not self.tree.topLevelItemCount():
            QTreeWidgetItem(self.tree, ["", _("No changes recorded."), ""]).setFlags(
                Qt.ItemFlag.NoItemFlags)
        rows = min(max(self.tree.topLevelItemCount(), 1), VISIBLE_LINES)
        self.tree.setFixedHeight(self.tree.header().sizeHint().height()
                                 + rows * max(self.tree.sizeHintForRow(0),
                                              self.tree.fontMetrics().height() + 4)
                                 + 2 * self.tree.frameWidth() + 4)
        self._enable()

    def _enable(self) -> None:
        item = self.tree.currentItem()
        self.revert_button.setEnabled(item is not None and item.data(0, STEP_ROLE) is not None)

    def selected_step(self) -> tuple[str, str | None] | None:
        item = self.tree.currentItem()
        while item is not None and item.data(0, STEP_ROLE) is None:
            item = item.parent()
        return None if item is None else item.data(0, STEP_ROLE)

    def revert_selected(self) -> bool:
        step = self.selected_step()
        if step is None:
            return False
        change_set, key = step
        label = Label(N_("Revert “{change}”"), change=label_of(key) or Label(N_("Change")))
        try:
            self.context.apply(label, lambda edit: edit.revert(change_set))
        except CoordinatorError as exc:
            QMessageBox.warning(self, _("Revert this change"), message_of(exc))
            return False
        return True
