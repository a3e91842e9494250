"""After a person or organisation is created: "is this someone we already have?"

The question never blocks: a notice above the form names the likely duplicates
and offers to merge the new record into the one that was there first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QMessageBox
from sqlalchemy.orm import Session

from coordinator_app.core.records.change_labels import Label
from coordinator_app.core.views import related
from coordinator_app.core.errors import CoordinatorError, message_of
from coordinator_app.i18n import N_, _

if TYPE_CHECKING:
    from coordinator_app.ui.editors.base import RecordEditor


class DuplicateWatch:
    """Asks after a record is created, and again as it gains other names and contacts
    (the same phone number is as telling as the same name), while the editor still
    shows it. Each likely duplicate is offered once."""

    def __init__(self, editor: RecordEditor):
        self.editor = editor
        self.record_id: str | None = None
        self.offered: set[str] = set()

    def started(self, record_id: str) -> None:
        self.record_id, self.offered = record_id, set()
        with self.editor.context.workspace.read() as session:
            self.check(session)

    def check(self, session: Session) -> None:
        if self.record_id is None or self.editor.current_id() != self.record_id:
            self.record_id = None  # another record is shown: this one is no longer new
            return
        from coordinator_app.core.views import duplicates

        values = dict(self.editor.binder.stored, id=self.record_id)
        values["contact_points"] = related.contacts(session, self.editor.KIND, self.record_id)
        hits = [hit for hit in duplicates.likely_duplicates(session, self.editor.KIND, values)
                if hit.id != self.record_id]
        if not {hit.id for hit in hits} - self.offered:
            return
        self.offered |= {hit.id for hit in hits}
        names = ", ".join(hit.title for hit in hits[:3])
        record_id = self.record_id
        self.editor.notice.show_notice(
            _("This may already be in the database: {names}.").format(names=names),
            _("Merge…"), lambda: _merge(self.editor, record_id, hits), kind="duplicates")


def _merge(editor: RecordEditor, record_id: str, hits: list) -> None:
    choices = [f"{hit.title}" + (f" — {hit.subtitle}" if hit.subtitle else "") for hit in hits]
    if len(hits) == 1:
        answer = QMessageBox.question(
            editor, _("Merge records"),
            _("Merge this new record into “{name}”? What you entered here is added to it, "
              "and Undo (Ctrl+Z) separates them again.").format(name=choices[0]))
        if answer != QMessageBox.StandardButton.Yes:
            return
        keep = hits[0]
    else:
        choice, ok = QInputDialog.getItem(
            editor, _("Merge records"),
            _("Merge this new record into which one? Undo (Ctrl+Z) separates them again."),
            choices, 0, False)
        if not ok:
            return
        keep = hits[choices.index(choice)]
    from coordinator_app.core.views import duplicates

    try:
        change_set = duplicates.merge(editor.context.workspace, editor.KIND, keep.id, record_id)
    except CoordinatorError as exc:
        QMessageBox.warning(editor, _("Merge records"), message_of(exc))
        return
    editor.notice.hide_notice()
    editor.duplicates.record_id = None
    editor.context.push_done(Label(N_("Merge into “{name}”"), name=keep.title), change_set)
    editor.show_record(keep.id)
