"""Pick a related record by typing part of its name (search folds accents and scripts).

The value is the record's id; the text shows its name. Typing opens a list of
matches from `core.search.query.search`; choosing one commits at once. Clearing the
text and leaving the field commits "none".
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QModelIndex, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QToolButton, QWidget
from sqlalchemy.orm import Session

from coordinator_app.core.records.change_labels import Label
from coordinator_app.core.search import query as search
from coordinator_app.core.errors import CoordinatorError, message_of
from coordinator_app.core.records import languages, registry
from coordinator_app.core.records.tombstones import shown
from coordinator_app.i18n import N_, _, current_language
from coordinator_app.ui.context import UiContext
from coordinator_app.ui.widgets.fields import Field

ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
CREATE_ROLE = Qt.ItemDataRole.UserRole + 3
#: Pause after a keystroke before searching, so fast typing runs one query.
SEARCH_DELAY_MS = 120


def popup_rect(completer: QCompleter, model: QStandardItemModel, edit: QLineEdit) -> QRect:
    """Where a list of matches opens: under the field, as wide as its longest line
    (a field in a narrow cell cut "Mindaugas Žukausk…"), up to half the screen."""
    popup = completer.popup()
    metrics = popup.fontMetrics()
    widest = max((metrics.horizontalAdvance(model.item(row).text())
                  for row in range(model.rowCount())), default=0)
    chrome = 2 * popup.frameWidth() + popup.verticalScrollBar().sizeHint().width() + 16
    screen = edit.screen().availableGeometry().width()
    width = max(edit.width(), min(widest + chrome, screen // 2))
    return QRect(0, 0, width, edit.height())


class RecordPicker(Field):
    """`columns` maps each kind it can pick to the column that holds its id,
    e.g. {"organization": "parent_id"} or {"person": "person_id",
    "organization": "organization_id"} for a participant who is either."""

    #: A record was chosen (kind, id), just before the choice is committed: the form
    #: may fill what follows from it (a signatory's organisation and title).
    picked = Signal(str, str)

    def __init__(self, context: UiContext, columns: dict[str, str],
                 placeholder: str | None = None, parent: QWidget | None = None):
        super().__init__(tuple(columns.values()), parent)
        self.context = context
        self.columns = columns
        self.kind: str | None = None
        self.record_id: str | None = None
        self.label = ""
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(placeholder or _("Type to search…"))
        self.model = QStandardItemModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(12)
        self.completer.setWidget(self.edit)
        self.completer.activated[QModelIndex].connect(self._chosen)
        self.edit.textEdited.connect(self._typed)
        self.edit.editingFinished.connect(self._left)
        self.add_input(self.edit)
        self.open_button = QToolButton(self)
        self.open_button.setText("→")
        self.open_button.setToolTip(_("Open the linked record"))
        self.open_button.setAccessibleName(_("Open the linked record"))
        self.open_button.setAutoRaise(True)
        # Narrow: in a table cell every pixel is wanted for the name.
        self.open_button.setFixedWidth(self.open_button.fontMetrics().horizontalAdvance("→") + 12)
        self.open_button.clicked.connect(self._open)
        self.open_button.setEnabled(False)
        self._row.addWidget(self.open_button)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)

    # -- searching -----------------------------------------------------------------
    def _typed(self, _text: str) -> None:
        self.dirty = True
        self._search_timer.start()

    def run_search(self) -> None:
        self._search_timer.stop()
        text = self.edit.text().strip()
        self.model.clear()
        if not text:
            self.completer.popup().hide()
            return
        with self.context.workspace.read() as session:
            hits = search.search(session, text, kinds=list(self.columns), limit=20,
                                 lang=current_language())
        several_kinds = len(self.columns) > 1
        for hit in hits:
            line = hit.title
            if hit.subtitle:
                line = f"{line} — {hit.subtitle}"
            if several_kinds:
                line = f"{line}  [{_(registry.spec(hit.kind).label)}]"
            item = QStandardItem(line)
            item.setData(hit.id, ID_ROLE)
            item.setData(hit.kind, KIND_ROLE)
            item.setEditable(False)
            self.model.appendRow(item)
        # A name shown in another language ends with its tag ("Kaunas · lt").
        typed = text.casefold()
        exact = any(hit.title.casefold() == typed
                    or hit.title.casefold().startswith(typed + languages.TAG_SEPARATOR)
                    for hit in hits)
        for kind in self.columns:
            spec = registry.spec(kind)
            if spec.creatable and not exact:
                # Not there yet: make it from here rather than leave the form to add it.
                item = QStandardItem(_(spec.add_label).format(name=text))
                item.setData(kind, KIND_ROLE)
                item.setData(text, CREATE_ROLE)
                item.setEditable(False)
                self.model.appendRow(item)
        if self.model.rowCount():
            self.completer.complete(popup_rect(self.completer, self.model, self.edit))
            # The best match is current, so typing part of a name and Enter picks it.
            self.completer.popup().setCurrentIndex(self.completer.completionModel().index(0, 0))
        else:
            self.completer.popup().hide()

    def _chosen(self, index: QModelIndex) -> None:
        item = self.model.itemFromIndex(self.completer.completionModel().mapToSource(index))
        if item is None:
            return
        if item.data(CREATE_ROLE):
            self.create(item.data(KIND_ROLE), item.data(CREATE_ROLE))
        else:
            self.choose(item.data(KIND_ROLE), item.data(ID_ROLE))

    def create(self, kind: str, name: str) -> None:
        """Add a record of `kind` named `name` (one undoable edit) and choose it."""
        cls = registry.model(kind)
        try:
            obj = self.context.apply(Label(N_("Add “{name}”"), name=name),
                                     lambda edit: edit.create(cls, **{cls.LABEL_FIELD: name}))
        except CoordinatorError as exc:
            self.show_error(message_of(exc))
            return
        self.choose(kind, obj.id)

    def choose(self, kind: str, record_id: str) -> None:
        """Take this record as the value and commit it."""
        self.kind, self.record_id = kind, record_id
        self.label = self._label_of(kind, record_id)
        # The completer writes the shown text after this slot; put the name back after it.
        QTimer.singleShot(0, self, self._show_label)
        self._show_label()
        self.dirty = True
        self.picked.emit(kind, record_id)
        self._commit()

    def _left(self) -> None:
        if self.completer.popup().isVisible():
            return  # still choosing
        text = self.edit.text().strip()
        if not text:
            if self.record_id is not None:
                self.kind, self.record_id, self.label = None, None, ""
                self.dirty = True
                self._commit()
            else:
                self.mark_committed()
            return
        if text != self.label:
            self.show_error(_("Choose a record from the list that opens while you type."))
        else:
            self.mark_committed()

    def _show_label(self) -> None:
        self.edit.setText(self.label)
        self.edit.setCursorPosition(0)
        self.edit.setToolTip(self.label)  # the whole name, where a narrow cell cuts it
        self.open_button.setEnabled(self.record_id is not None)

    def _open(self) -> None:
        if self.record_id is not None and self.kind is not None:
            self.context.open_record(self.kind, self.record_id)

    def _label_of(self, kind: str, record_id: str) -> str:
        if _shared is not None:
            return _label_in(_shared, kind, record_id)
        with self.context.workspace.read() as session:
            return _label_in(session, kind, record_id)

    # -- Field -------------------------------------------------------------------
    def references(self) -> dict[str, str]:
        return {column: kind for kind, column in self.columns.items()}

    def values(self) -> dict[str, Any]:
        return {column: (self.record_id if kind == self.kind else None)
                for kind, column in self.columns.items()}

    def _show(self, values: dict[str, Any]) -> None:
        self.kind, self.record_id, self.label = None, None, ""
        for kind, column in self.columns.items():
            if values.get(column):
                self.kind, self.record_id = kind, values[column]
                self.label = self._label_of(kind, self.record_id)
                break
        self._show_label()


def _label_in(session: Session, kind: str, record_id: str) -> str:
    obj = session.get(registry.model(kind), record_id)
    if obj is None:
        return record_id[:8]
    # A record deleted since it was chosen shows as no choice, as everywhere else
    # (core.records.tombstones); choosing again replaces it, restoring it brings it back.
    if shown(obj) is None:
        return ""
    return languages.label_for_reader(obj, current_language())


_shared: Session | None = None


@contextmanager
def labels_from(session: Session) -> Iterator[None]:
    """Pickers shown while an editor loads read their names in the editor's session
    instead of opening one each (a project's table of deliveries has dozens)."""
    global _shared
    outer, _shared = _shared, session
    try:
        yield
    finally:
        _shared = outer
