"""Tags of a record, typed as a comma-separated list ("energy, Kharkiv oblast").

A tag is shared by every record that carries it; typing a new name creates it,
removing a name removes only this record's link (core.records.tags). The whole change
is one edit.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from coordinator_app.core.records.change_labels import Label
from coordinator_app.core.errors import CoordinatorError, message_of
from coordinator_app.core.records.tags import set_tags, split_tags, tag_names
from coordinator_app.i18n import N_, _
from coordinator_app.ui.context import UiContext
from coordinator_app.ui.widgets.fields import TextField


class TagsField(TextField):
    def __init__(self, context: UiContext, kind: str, parent=None):
        super().__init__("tags", _("Comma-separated, e.g. energy, Kharkiv oblast"), parent)
        self.context = context
        self.kind = kind
        self.record_id: str | None = None
        self.stored: list[str] = []
        self.committed.connect(self._save)

    def reload(self, session: Session, record_id: str | None) -> None:
        force = record_id != self.record_id
        self.record_id = record_id
        self.stored = tag_names(session, self.kind, record_id) if record_id else []
        self.set_values({"tags": ", ".join(self.stored)}, force=force)

    def values(self) -> dict[str, Any]:
        return {"tags": split_tags(self.edit.text())}

    def _save(self) -> None:
        names = self.values()["tags"]
        same = {n.casefold() for n in names} == {n.casefold() for n in self.stored}
        if self.record_id is None or same:
            self.mark_committed()
            return
        try:
            self.context.apply(Label(N_("Change tags")),
                               lambda edit: set_tags(edit, self.kind, self.record_id, names))
        except CoordinatorError as exc:
            self.show_error(message_of(exc))
            return
        self.stored = names
        self.mark_committed()
