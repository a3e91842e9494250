"""What every window and editor shares: the workspace, the undo stack, and signals.

Widgets never hold a database session. They call `UiContext.apply()`, which runs
one edit (one transaction, one change set), puts it on the undo stack and tells
every list and editor that data changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from coordinator_app.core.errors import CoordinatorError
from coordinator_app.core.service import Edit, Workspace

T = TypeVar("T")


class JournalCommand(QUndoCommand):
    """An edit already applied; undo and redo replay its inverse through the journal."""

    def __init__(self, context: UiContext, label: str, change_set: str, kind: str):
        super().__init__(label)
        self.context = context
        self.kind = kind
        self.in_effect = change_set  # the change set whose effect is now in the database
        self.inverse: str | None = None
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:  # QUndoStack.push calls redo(); the edit is already applied
            self._pushed = True
            return
        if self.inverse is not None:
            self.in_effect = self._revert(self.inverse) or self.in_effect

    def undo(self) -> None:
        self.inverse = self._revert(self.in_effect)

    def _revert(self, change_set: str) -> str | None:
        try:
            result = self.context.workspace.undo(change_set)
        except CoordinatorError as exc:
            self.context.error.emit(str(exc))
            return None
        self.context.data_changed.emit(self.kind)
        return result


class UiContext(QObject):
    #: Records of this kind changed ("" when it could be any kind).
    data_changed = Signal(str)
    #: Someone asked to show a record: kind, id.
    open_requested = Signal(str, str)
    #: A message for the user that is not tied to one field.
    error = Signal(str)

    def __init__(self, workspace: Workspace, parent: QObject | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.undo_stack = QUndoStack(self)

    def apply(self, label: str, kind: str, action: Callable[[Edit], T]) -> T:
        """Run `action` as one undoable edit. Errors (ValidationError…) reach the caller
        with nothing written, so an editor can show them beside the field."""
        with self.workspace.edit(label) as edit:
            result = action(edit)
        self.undo_stack.push(JournalCommand(self, label, edit.change_set, kind))
        self.data_changed.emit(kind)
        return result

    def push_done(self, label: str, kind: str, change_set: str) -> None:
        """Put a change set a service already wrote (a merge) on the undo stack."""
        self.undo_stack.push(JournalCommand(self, label, change_set, kind))
        self.data_changed.emit(kind)

    def open_record(self, kind: str, record_id: str) -> None:
        self.open_requested.emit(kind, record_id)
