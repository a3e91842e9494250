"""Ctrl+Z in a field: undo the typing there first, then the last change.

A text box takes Ctrl+Z for itself whenever it can be edited, even with nothing
typed to take back, so the window's Undo never heard the key while the cursor
was in a field. The rule now: in a field with typing to undo, Ctrl+Z undoes that
typing (the field then saves what it shows again); anywhere else, and in a field
with nothing typed, it undoes the last change in the journal. Redo follows the
same rule. The Edit menu offers both, so neither is hidden behind the other.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

TEXT_INPUTS = (QLineEdit, QPlainTextEdit, QTextEdit)


def _editable(widget: QWidget | None) -> bool:
    return isinstance(widget, TEXT_INPUTS) and not widget.isReadOnly()


def can_undo_typing(widget: QWidget | None) -> bool:
    if not _editable(widget):
        return False
    if isinstance(widget, QLineEdit):
        return widget.isUndoAvailable()
    return widget.document().isUndoAvailable()


def can_redo_typing(widget: QWidget | None) -> bool:
    if not _editable(widget):
        return False
    if isinstance(widget, QLineEdit):
        return widget.isRedoAvailable()
    return widget.document().isRedoAvailable()


def typing_field(window: QWidget) -> QWidget | None:
    """The text box of `window` the cursor is in (or was in before a menu opened)."""
    widget = window.focusWidget()
    return widget if _editable(widget) else None


class TypingFirst(QObject):
    """Lets a focused text box have Ctrl+Z (and the redo keys) only while it has
    typing to undo (redo); otherwise the key goes on to the window's action.

    It watches only the widget that has the focus, moving with it, rather than
    every event of the application."""

    def __init__(self, undo_keys: list[QKeySequence], redo_keys: list[QKeySequence],
                 parent: QObject | None = None):
        super().__init__(parent)
        self.undo_keys = [key for key in undo_keys if not key.isEmpty()]
        self.redo_keys = [key for key in redo_keys if not key.isEmpty()]
        self._watched: QWidget | None = None
        app = QApplication.instance()
        app.focusChanged.connect(self._focus_moved)
        self._focus_moved(None, app.focusWidget())

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self._watched is not None:
            try:
                self._watched.removeEventFilter(self)
            except RuntimeError:  # the widget has gone already
                pass
            self._watched = None
        if _editable(new):
            new.installEventFilter(self)
            self._watched = new

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.ShortcutOverride:
            return False
        combination = QKeySequence(event.keyCombination())
        if any(combination.matches(key) == QKeySequence.SequenceMatch.ExactMatch
               for key in self.undo_keys):
            return not can_undo_typing(watched)  # True: the text box never sees the key
        if any(combination.matches(key) == QKeySequence.SequenceMatch.ExactMatch
               for key in self.redo_keys):
            return not can_redo_typing(watched)
        return False
