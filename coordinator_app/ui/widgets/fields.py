"""Form fields that commit themselves: no editor ever holds unsaved state.

A `Field` wraps one input widget and says when the user is done with it
(`committed`): on leaving the field, on Enter, on picking a choice, or after a
short pause in typing. The binder that listens writes the value through the
services; when they refuse it, the field shows the message beside itself and
keeps what the user typed so it can be fixed.

Dates and money have modules of their own (dates.py, money.py).
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from coordinator_app.core.errors import ValidationError
from coordinator_app.core.records import units
from coordinator_app.core.text.normal import clean
from coordinator_app.i18n import _
from coordinator_app.ui.widgets.colors import error_color

#: Typing pause after which text is committed without leaving the field.
PAUSE_MS = 800
#: A notes field grows with its text up to this many lines, then scrolls.
MAX_NOTE_LINES = 12

Choices = dict[str, str] | Callable[[], list[tuple[str, str]]]


def as_sentence(message: str) -> str:
    """A rule's message as a form shows it: a sentence. The rules word their messages
    to follow "record.field: " on the command line, so they start in lower case."""
    message = message.strip()
    if not message:
        return message
    if message[0].islower():
        message = message[0].upper() + message[1:]
    return message if message.endswith((".", "!", "?", "…")) else message + "."


def name_cell(field: QWidget, title: str) -> None:
    """Give a field its title (marked with N_()) as the name a screen reader says, on
    each of its inputs not named already: a label beside a form's field names only the
    widget it sits beside, and a table's cell has no label at all."""
    name = _(title)
    field.setAccessibleName(name)
    if hasattr(field, "retitle"):
        field.retitle(name)  # a translatable field names its language buttons after it
    inputs = [child for child in field.findChildren(QWidget)
              if isinstance(child, (QLineEdit, QPlainTextEdit, QComboBox))]
    for child in [field.focusProxy(), *inputs]:
        if child is not None and not child.accessibleName():
            child.setAccessibleName(name)


def mark(widget: QWidget, message: str | None) -> None:
    """Tint an input that holds a refused value, in the palette's own colours (light or
    dark theme), and give the reason to screen readers; None takes the mark off."""
    if message:
        palette = QPalette(widget.palette())
        base = palette.color(QPalette.ColorRole.Base)
        red = error_color(palette)
        tint = QColor.fromRgbF(*(0.82 * a + 0.18 * b for a, b in zip(
            base.getRgbF()[:3], red.getRgbF()[:3])))
        palette.setColor(QPalette.ColorRole.Base, tint)
        widget.setPalette(palette)
        widget.setAccessibleDescription(message)
    elif widget.accessibleDescription():
        widget.setPalette(QPalette())  # back to the palette it inherits
        widget.setAccessibleDescription("")


class ErrorLabel(QLabel):
    """A validation message in red-ish text, hidden while there is none."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()
        self._recolour()

    def _recolour(self) -> None:
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, error_color(palette))
        self.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and not getattr(self, "_in_recolour", False):
            self._in_recolour = True
            self._recolour()
            self._in_recolour = False
        super().changeEvent(event)

    def show_message(self, message: str | None) -> None:
        self.setText(message or "")
        self.setVisible(bool(message))


class Field(QWidget):
    """One or more columns of a record behind one input; see the module docstring."""

    committed = Signal()

    def __init__(self, names: tuple[str, ...], parent: QWidget | None = None):
        super().__init__(parent)
        self.names = names
        self.dirty = False
        #: Why the services refused what the field holds (it is kept, unsaved, to be fixed).
        self.refused: str | None = None
        #: Counts the times the user left the field: the saves made while typing and on
        #: leaving are one undo step, and coming back later starts another.
        self.visit = 0
        self._loading = False
        self._box = QVBoxLayout(self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._box.setSpacing(2)
        self._row = QHBoxLayout()
        self._row.setContentsMargins(0, 0, 0, 0)
        self._box.addLayout(self._row)
        self.error = ErrorLabel(self)
        self._box.addWidget(self.error)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PAUSE_MS)
        self._timer.timeout.connect(self._commit)

    # -- what subclasses provide ------------------------------------------------
    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def _show(self, values: dict[str, Any]) -> None:
        raise NotImplementedError

    # -- shared behaviour --------------------------------------------------------
    def set_values(self, values: dict[str, Any], *, force: bool = False) -> None:
        """Show stored values, unless the user is in the middle of changing them."""
        if self.dirty and not force:
            return
        self.refused = None
        if self.in_use() and self.shows(values):
            # The user is in this field and it already says this: rewriting the text
            # would move the cursor (or drop the space just typed) mid-word.
            self._timer.stop()
            self.dirty = False
            return
        self._timer.stop()
        self._loading = True
        try:
            self._show(values)
        finally:
            self._loading = False
        self.dirty = False

    def new_record(self) -> None:
        """Another record is about to be shown: forget what was chosen for the last."""

    def references(self) -> dict[str, str]:
        """{column: kind} of the records this field shows by name (a picker's)."""
        return {}

    def in_use(self) -> bool:
        focused = QApplication.focusWidget()
        return focused is not None and (focused is self or self.isAncestorOf(focused))

    def shows(self, values: dict[str, Any]) -> bool:
        """Whether the field already shows these values."""
        try:
            mine = self.values()
        except ValidationError:
            return False
        return all(mine.get(name) == values.get(name) for name in self.names)

    def show_error(self, message: str | None) -> None:
        message = as_sentence(message) if message else None
        self.error.show_message(message)
        self.setToolTip(message or "")
        mark(self.focusProxy() or self, message)

    def refuse(self, message: str) -> None:
        """The services refused this field's value: keep it, to be fixed or discarded."""
        self.dirty = True
        self.refused = as_sentence(message)

    def mark_committed(self) -> None:
        self.dirty = False
        self.refused = None
        self.show_error(None)

    def _edited(self, *_args: object) -> None:
        if self._loading:
            return
        self.dirty = True
        self._timer.start()

    def _changed_now(self, *_args: object) -> None:
        if self._loading:
            return
        self.dirty = True
        self._commit()

    def _commit(self) -> None:
        # Always offered: the binder writes only what differs from the stored value.
        self._timer.stop()
        self.committed.emit()

    def _left(self) -> None:
        """The user is done with the field (left it, or pressed Enter)."""
        self._commit()
        self.visit += 1

    def add_input(self, widget: QWidget, stretch: int = 1) -> None:
        self._row.addWidget(widget, stretch)
        self.setFocusProxy(widget)


class TextField(Field):
    """A single line of text; commits on Enter, on leaving, or after a pause."""

    def __init__(self, name: str, placeholder: str = "", parent: QWidget | None = None):
        super().__init__((name,), parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(placeholder)
        self.edit.textChanged.connect(self._edited)
        self.edit.editingFinished.connect(self._left)
        self.add_input(self.edit)

    def values(self) -> dict[str, Any]:
        return {self.names[0]: clean(self.edit.text())}

    def _show(self, values: dict[str, Any]) -> None:
        value = values.get(self.names[0])
        text = "" if value is None else str(value)
        cursor = self.edit.cursorPosition()
        self.edit.setText(text)
        # In use (an upper-cased code after a pause): keep the cursor where it was.
        self.edit.setCursorPosition(min(cursor, len(text)) if self.in_use() else 0)
        # Long text in a narrow cell (a commitment, a title at signing) reads whole on hover.
        self.edit.setToolTip(text if len(text) > 30 else "")


class UnitField(TextField):
    """A unit of measure, shown in the interface language and kept as its code where
    the vocabulary has it (core.records.units): "шт." typed in the Ukrainian window
    reads "vnt." in the Lithuanian one. Its units are offered as one types."""

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(name, units.label("pcs"), parent)
        completer = QCompleter(list(units.labels().values()), self.edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.edit.setCompleter(completer)

    def values(self) -> dict[str, Any]:
        return {self.names[0]: units.code(clean(self.edit.text()))}

    def _show(self, values: dict[str, Any]) -> None:
        super()._show({self.names[0]: units.label(values.get(self.names[0])) or None})


class NumberField(TextField):
    """A number typed as text; the services say when it is not one."""

    def values(self) -> dict[str, Any]:
        text = (clean(self.edit.text()) or "").replace(",", ".")
        if not text:
            return {self.names[0]: None}
        try:
            return {self.names[0]: float(text)}
        except ValueError:
            return {self.names[0]: text}

    def _show(self, values: dict[str, Any]) -> None:
        value = values.get(self.names[0])
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        self.edit.setText("" if value is None else str(value))


class FocusOut(QObject):
    """Calls back when the watched widget loses focus (a multi-line input has no
    editingFinished)."""

    def __init__(self, callback: Callable[[], None]):
        super().__init__()
        self.callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.callback()
        return False


class GrowingTextEdit(QPlainTextEdit):
    """Several lines that grow with their text up to MAX_NOTE_LINES, so notes are read
    whole rather than through a slot; Tab moves on rather than typing a tab."""

    def __init__(self, lines: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.lines = lines
        self._fit_lines(lines)
        self.document().documentLayout().documentSizeChanged.connect(
            lambda size: self._fit_lines(int(size.height())))

    def _fit_lines(self, count: int) -> None:
        count = max(self.lines, min(count, MAX_NOTE_LINES))
        height = self.fontMetrics().lineSpacing() * count + 14
        if self.height() != height:
            self.setFixedHeight(height)


class NotesField(Field):
    """Several lines of text; commits on leaving the field or after a pause."""

    def __init__(self, name: str, lines: int = 3, parent: QWidget | None = None):
        super().__init__((name,), parent)
        self.edit = GrowingTextEdit(lines, self)
        self.edit.textChanged.connect(self._edited)
        self._focus_filter = FocusOut(self._left)
        self.edit.installEventFilter(self._focus_filter)
        self.add_input(self.edit)

    def values(self) -> dict[str, Any]:
        return {self.names[0]: clean(self.edit.toPlainText())}

    def _show(self, values: dict[str, Any]) -> None:
        value = values.get(self.names[0])
        self.edit.setPlainText("" if value is None else str(value))


class ChoiceField(Field):
    """One code of a closed vocabulary, shown by its translated label."""

    def __init__(self, name: str, choices: Choices, *, allow_empty: bool = False,
                 parent: QWidget | None = None):
        super().__init__((name,), parent)
        self.choices = choices
        self.allow_empty = allow_empty
        self.combo = QComboBox(self)
        self.combo.activated.connect(self._changed_now)
        self.add_input(self.combo)
        #: The (code, label) choices the box offers now.
        self._filled: list[tuple[str, str]] | None = None
        self._fill()

    def _options(self) -> list[tuple[str, str]]:
        if callable(self.choices):
            return list(self.choices())
        return [(code, _(label)) for code, label in self.choices.items()]

    def _fill(self) -> None:
        options = self._options()
        if options == self._filled and self.combo.count() == len(options) + self.allow_empty:
            # Offered already (and no stray code added): filling the box anew on every
            # load was a tenth of opening an agreement, for choices that rarely change.
            return
        self._filled = options
        current = self.combo.currentData()
        self.combo.clear()
        if self.allow_empty:
            self.combo.addItem("—", None)
        for code, label in options:
            self.combo.addItem(label, code)
        # The list that drops down shows its choices whole, however narrow the box (a
        # cell of a table): "Add a new orga…" and cut names were all one could read.
        view = self.combo.view()
        widest = max((view.fontMetrics().horizontalAdvance(self.combo.itemText(i))
                      for i in range(self.combo.count())), default=0)
        view.setMinimumWidth(widest + 2 * view.frameWidth()
                             + view.verticalScrollBar().sizeHint().width() + 16)
        # What was chosen before stays chosen only while it is still offered: the row
        # may now show another record (a new agreement has none of the old parties).
        if self.combo.findData(current) >= 0:
            self._select(current)

    def _select(self, code: str | None) -> None:
        index = self.combo.findData(code)
        if index < 0 and code is not None:
            # A stored code this list does not offer (e.g. a party since removed).
            self.combo.addItem(str(code), code)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(max(index, 0))

    def values(self) -> dict[str, Any]:
        return {self.names[0]: self.combo.currentData()}

    def shows(self, values: dict[str, Any]) -> bool:
        # Choices read from the record (an agreement's parties) may have changed.
        return not callable(self.choices) and super().shows(values)

    def _show(self, values: dict[str, Any]) -> None:
        self._fill()
        self._select(values.get(self.names[0]))
