"""Tags of a record, typed as a comma-separated list ("energy, Kharkiv oblast").

A tag is shared by every record that carries it; typing a new name creates it,
removing a name removes only this record's link. The whole change is one edit.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coordinator_app.core.errors import CoordinatorError
from coordinator_app.core.models import Tag, TagLink
from coordinator_app.core.service import Edit
from coordinator_app.core.text import clean
from coordinator_app.core.tombstones import alive
from coordinator_app.i18n import _
from coordinator_app.ui.context import UiContext
from coordinator_app.ui.widgets.fields import TextField


def split_tags(text: str) -> list[str]:
    names: list[str] = []
    for part in text.split(","):
        name = clean(part)
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    return names


def tag_names(session: Session, kind: str, record_id: str) -> list[str]:
    return list(session.scalars(
        select(Tag.name).join(TagLink, TagLink.tag_id == Tag.id).where(
            TagLink.entity_kind == kind, TagLink.entity_id == record_id, alive(TagLink),
        ).order_by(TagLink.created_at)))


def set_tags(edit: Edit, kind: str, record_id: str, names: list[str]) -> None:
    session = edit.session
    links = session.execute(
        select(TagLink, Tag).join(Tag, TagLink.tag_id == Tag.id).where(
            TagLink.entity_kind == kind, TagLink.entity_id == record_id,
            alive(TagLink))).all()
    wanted = {name.casefold(): name for name in names}
    for link, tag in links:
        if tag.name.casefold() not in wanted:
            edit.delete(TagLink, link.id)
        else:
            wanted.pop(tag.name.casefold())
    for name in wanted.values():
        tag = session.scalars(select(Tag).where(
            func.lower(Tag.name) == name.lower(), alive(Tag)).limit(1)).first()
        if tag is None:
            tag = edit.create(Tag, name=name)
        edit.create(TagLink, tag_id=tag.id, entity_kind=kind, entity_id=record_id)


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
            self.context.apply(_("Change tags"), self.kind,
                               lambda edit: set_tags(edit, self.kind, self.record_id, names))
        except CoordinatorError as exc:
            self.show_error(str(exc))
            return
        self.stored = names
        self.mark_committed()
