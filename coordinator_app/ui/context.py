"""What every window and editor shares: the workspace, the undo stack, and signals.

Widgets never hold a database session. They call `UiContext.apply()`, which runs
one edit (one transaction, one change set), puts it on the undo stack and tells
every list and editor that data changed.

The app makes its context over the open file (`UiContext(db=…)`) and the workspace,
with SQLAlchemy and the models, when something first asks for it: what the window
reads before that (the dashboard, the welcome check, the status bar's word on sync)
is plain SQL through `db.reading()`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from coordinator_app.core.records.change_labels import Label
from coordinator_app.core.errors import CoordinatorError, message_of
from coordinator_app.i18n import N_, _

if TYPE_CHECKING:
    from coordinator_app.core.records.models import Entity
    from coordinator_app.core.records.service import Edit, Workspace
    from coordinator_app.core.store.db import Database

T = TypeVar("T")
E = TypeVar("E", bound="Entity")


@dataclass(frozen=True)
class Changes:
    """What an edit changed, as `data_changed` tells every screen: the kinds of record it
    wrote. Each screen refreshes only when it shows one of them (empty: anything may
    have changed, as after loading the demo)."""

    kinds: frozenset[str] = frozenset()

    def concern(self, shown: frozenset[str]) -> bool:
        return not self.kinds or bool(self.kinds & shown)


EVERYTHING = Changes()


#: QUndoCommand.id() of commands that may merge; which ones do is decided by their key.
MERGING_ID = 1


class JournalCommand(QUndoCommand):
    """Edits already applied; undo and redo replay their inverse through the journal.

    A command with a `merge_key` (one field of one record, see Binder) absorbs the
    next command with the same key pushed right after it: saving while the user
    types would otherwise make Ctrl+Z take back a word at a time."""

    def __init__(self, context: UiContext, label: str, change_set: str,
                 merge_key: Hashable | None = None, reveal: tuple[str, str] | None = None):
        super().__init__(label)
        self.context = context
        #: Its name (a change_labels.Label is named again when the language changes).
        self.label = label
        self.merge_key = merge_key
        #: (kind, id) of a record to show once undo or redo has brought it back.
        self.reveal = reveal
        #: The change sets whose effect is now in the database, oldest first.
        self.in_effect = [change_set]
        #: After an undo: the one change set that reverted them all.
        self.inverse: str | None = None
        self._pushed = False

    def id(self) -> int:
        return MERGING_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        # QUndoStack asks only the command on top, and only while it is in effect.
        if not isinstance(other, JournalCommand) or other.merge_key != self.merge_key:
            return False
        if self.inverse is not None or other.inverse is not None:
            return False
        self.in_effect += other.in_effect
        return True

    def redo(self) -> None:
        if not self._pushed:  # QUndoStack.push calls redo(); the edit is already applied
            self._pushed = True
            return
        if self.inverse is not None:
            done = self._revert([self.inverse])
            if done is not None:
                self.in_effect, self.inverse = [done], None

    def undo(self) -> None:
        self.inverse = self._revert(self.in_effect)

    def _revert(self, change_sets: list[str]) -> str | None:
        """Revert `change_sets` newest first, in one transaction: a merged step comes
        back whole or not at all. Returns the change set that did it."""
        try:
            if len(change_sets) == 1:
                result = self.context.workspace.undo(change_sets[0])
            else:
                with self.context.workspace.edit(Label(N_("Undo"))) as edit:
                    for change_set in reversed(change_sets):
                        edit.revert(change_set)
                result = edit.change_set
        except CoordinatorError as exc:
            self.context.error.emit(message_of(exc))
            return None
        self.context.announce([result])
        if self.reveal is not None and self.context.is_live(*self.reveal):
            # Undoing a delete shows what came back, rather than leave it to be found.
            self.context.open_record(*self.reveal)
        return result


class UiContext(QObject):
    #: Records changed: a Changes saying which kinds.
    data_changed = Signal(object)
    #: Someone asked to show a record: kind, id.
    open_requested = Signal(str, str)
    #: ...and within it a line it owns (a commitment of the agreement just opened).
    item_requested = Signal(str, str)
    #: A message for the user that is not tied to one field.
    error = Signal(str)

    def __init__(self, workspace: Workspace | None = None, parent: QObject | None = None, *,
                 db: Database | None = None):
        """Over `workspace`, or over `db` with the workspace made when first used."""
        super().__init__(parent)
        self._workspace = workspace
        self.db: Database = workspace.db if workspace is not None else db
        # The workspace may first be asked for by a worker thread (the conflicts' count).
        self._making = threading.Lock()
        self.undo_stack = QUndoStack(self)

    @property
    def workspace(self) -> Workspace:
        """The services over the file (SQLAlchemy and the models are loaded with it)."""
        with self._making:
            if self._workspace is None:
                from coordinator_app.core.records.service import Workspace

                self._workspace = Workspace(self.db)
            return self._workspace

    def apply(self, label: str, action: Callable[[Edit], T], *,
              merge_key: Hashable | None = None, reveal: tuple[str, str] | None = None) -> T:
        """Run `action` as one undoable edit. Errors (ValidationError…) reach the caller
        with nothing written, so an editor can show them beside the field.

        Edits with the same `merge_key` in a row are one undo step. The record
        `reveal` (kind, id) is shown whenever undoing or redoing the edit leaves it there."""
        with self.workspace.edit(label) as edit:
            result = action(edit)
        self._done(label, edit.change_set, merge_key, reveal)
        return result

    def save(self, label: str, kind: type[E], record_id: str, values: dict[str, Any], *,
             merge_key: Hashable | None = None) -> E:
        """Change fields of one record as one undoable edit of its own (a form's field
        committed): `Workspace.save`, the shortest way a change is written, on the undo
        stack as `apply` puts an edit. Errors reach the caller as `apply`'s do."""
        obj = self.workspace.save(label, kind, record_id, values)
        self._done(label, self.workspace.last_change_set, merge_key, None)
        return obj

    def _done(self, label: str, change_set: str, merge_key: Hashable | None,
              reveal: tuple[str, str] | None) -> None:
        self.undo_stack.push(JournalCommand(self, label, change_set, merge_key, reveal))
        self.announce([change_set])

    def push_done(self, label: str, change_set: str) -> None:
        """Put a change set a service already wrote (a merge) on the undo stack."""
        self.undo_stack.push(JournalCommand(self, label, change_set))
        self.announce([change_set])

    def announce(self, change_sets: list[str]) -> None:
        """Tell every screen which kinds of record these change sets wrote."""
        from coordinator_app.core.records.history import changed_kinds

        with self.workspace.read() as session:
            kinds = changed_kinds(session, change_sets)
        self.data_changed.emit(Changes(kinds) if kinds else EVERYTHING)

    def open_record(self, kind: str, record_id: str) -> None:
        self.open_requested.emit(kind, record_id)

    def show_item(self, kind: str, record_id: str) -> None:
        """After open_record: put the focus on this line of the record shown."""
        self.item_requested.emit(kind, record_id)

    def is_live(self, kind: str, record_id: str) -> bool:
        try:
            self.workspace.get(kind, record_id)
        except CoordinatorError:
            return False
        return True
