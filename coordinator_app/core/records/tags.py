"""Tags of a record: a tag is shared by every record that carries it.

Setting a record's tags finds each tag by name (any case) or creates it, and
links or unlinks only this record: the one rule the editor, the command line and
an import all follow. Deleted tags and links count for nothing.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coordinator_app.core.records.models import Tag, TagLink
from coordinator_app.core.records.service import Edit
from coordinator_app.core.text.normal import clean
from coordinator_app.core.records.tombstones import alive


def split_tags(text: str) -> list[str]:
    """"energy, Kharkiv oblast, Energy" as ["energy", "Kharkiv oblast"]."""
    names: list[str] = []
    for part in text.split(","):
        name = clean(part)
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    return names


def tag_names(session: Session, kind: str, record_id: str) -> list[str]:
    """The record's tags, in the order they were given."""
    return list(session.scalars(
        select(Tag.name).join(TagLink, TagLink.tag_id == Tag.id).where(
            TagLink.entity_kind == kind, TagLink.entity_id == record_id, alive(TagLink),
        ).order_by(TagLink.created_at)))


def find_or_create(edit: Edit, name: str) -> Tag:
    """The live tag called `name` (any case), made if there is none."""
    tag = edit.session.scalars(select(Tag).where(
        func.lower(Tag.name) == name.lower(), alive(Tag)).limit(1)).first()
    return tag if tag is not None else edit.create(Tag, name=name)


def set_tags(edit: Edit, kind: str, record_id: str, names: list[str]) -> None:
    """Make `names` the record's tags: unlink the others, link the new ones."""
    links = edit.session.execute(
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
        edit.create(TagLink, tag_id=find_or_create(edit, name).id, entity_kind=kind,
                    entity_id=record_id)


def add_tag(edit: Edit, kind: str, record_ids: list[str], name: str) -> int:
    """Put the tag `name` on each record (in the one edit: one undo takes it off them
    all); records that carry it already are left alone. Returns how many got it."""
    name = clean(name) or ""
    if not name:
        from coordinator_app.core.errors import ValidationError
        from coordinator_app.i18n import _

        raise ValidationError(_("a tag needs a name"), entity="tag", field="name")
    tag = find_or_create(edit, name)
    carrying = set()
    for start in range(0, len(record_ids), 500):
        carrying.update(edit.session.scalars(select(TagLink.entity_id).where(
            TagLink.entity_kind == kind, TagLink.tag_id == tag.id, alive(TagLink),
            TagLink.entity_id.in_(record_ids[start:start + 500]))))
    added = 0
    for record_id in dict.fromkeys(record_ids):
        if record_id not in carrying:
            edit.get(kind, record_id)  # a record deleted meanwhile is refused, not tagged
            edit.create(TagLink, tag_id=tag.id, entity_kind=kind, entity_id=record_id)
            added += 1
    return added
