"""A country, picked by typing the start of its name in any language or its code.

The value is the ISO code (UA, LT); the field shows the country's name in the
interface's language. Typing opens the countries whose name or code begins with
what was typed (core.records.countries), and choosing one commits at once. A
whole name or code typed and left (or Enter) is taken too; anything else is
offered to the services, which refuse it with a message beside the field."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from coordinator_app.core.records import countries, vocab
from coordinator_app.core.text.normal import clean
from coordinator_app.ui.widgets.fields import Field
from coordinator_app.ui.widgets.picker import ID_ROLE, SEARCH_DELAY_MS, popup_rect


class CountryField(Field):
    """The ISO code of a country, in column `name`."""

    def __init__(self, name: str, placeholder: str = "", parent: QWidget | None = None):
        super().__init__((name,), parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(placeholder)
        self.model = QStandardItemModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(12)
        self.completer.setWidget(self.edit)
        self.completer.activated[QModelIndex].connect(self._chosen)
        self.edit.textChanged.connect(self._edited)
        self.edit.textEdited.connect(self._typed)
        self.edit.editingFinished.connect(self._left)
        self.add_input(self.edit)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)

    def _edited(self, *args: object) -> None:
        # The start of a name ("Lit") is not saved after a pause, which would only
        # earn a refusal while the list of matches is still open; a whole one is.
        if self._loading:
            return
        super()._edited(*args)
        if self._code() is None:
            self._timer.stop()

    def _typed(self, _text: str) -> None:
        self._search_timer.start()

    def run_search(self) -> None:
        self._search_timer.stop()
        self.model.clear()
        text = self.edit.text().strip()
        found = countries.matching(text) if text else []
        for code, name in found:
            item = QStandardItem(f"{name} — {code}")
            item.setData(code, ID_ROLE)
            item.setEditable(False)
            self.model.appendRow(item)
        if found:
            self.completer.complete(popup_rect(self.completer, self.model, self.edit))
            # The best match is current, so the start of a name and Enter picks it.
            self.completer.popup().setCurrentIndex(self.completer.completionModel().index(0, 0))
        else:
            self.completer.popup().hide()

    def _chosen(self, index: QModelIndex) -> None:
        item = self.model.itemFromIndex(self.completer.completionModel().mapToSource(index))
        if item is None:
            return
        code = item.data(ID_ROLE)
        # The completer writes the chosen line after this slot; put the name back after it.
        QTimer.singleShot(0, self, lambda: self._put(code))
        self._put(code)
        self.dirty = True
        self._commit()

    def _put(self, code: str) -> None:
        self._loading = True
        try:
            self._show({self.names[0]: code})
        finally:
            self._loading = False

    def _left(self) -> None:
        if self.completer.popup().isVisible():
            return  # still choosing
        super()._left()

    def _code(self) -> str | None:
        text = clean(self.edit.text())
        if not text:
            return None
        shown = {name: code for code, name in countries.listed()}
        return shown.get(text) or countries.code_of(text.rpartition(" — ")[2]
                                                    if " — " in text else text)

    # -- Field -------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        # What names no country goes to the services as typed, to be refused there.
        return {self.names[0]: self._code() or clean(self.edit.text())}

    def _show(self, values: dict[str, Any]) -> None:
        code = values.get(self.names[0])
        text = "" if code is None else (
            countries.name_of(code) if code in vocab.COUNTRIES else str(code))
        self.edit.setText(text)
        self.edit.setCursorPosition(0)
        self.edit.setToolTip(code or "")
