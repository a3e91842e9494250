"""Reading records for people and scripts: lookup by id or name, and plain dicts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from coordinator_app.core.records import registry
from coordinator_app.core.records import languages, sort_keys
from coordinator_app.core.errors import NotFound
from coordinator_app.core.records.journal import plain
from coordinator_app.core.records.merged import followed
from coordinator_app.core.records.kind import Related
from coordinator_app.core.records.models import Attachment, Entity, Person, Source, Tag, TagLink
from coordinator_app.core.text.normal import strip_marks
from coordinator_app.core.records.tombstones import alive, live, shown
from coordinator_app.i18n import _


def listable(name: str) -> type[Entity]:
    """The model of a top-level kind named as people type it (`people`, `person`)."""
    return registry.from_cli(name).model


#: Columns derived from others for the database's own use; not part of a record.
INTERNAL = sort_keys.DERIVED


def to_dict(obj: Entity) -> dict[str, Any]:
    """The record as plain data. `kind` is the kind of record (DESIGN.md: every JSON
    item has id, kind and name or title); a column called `kind` (an organisation's
    kind, an agreement's kind) goes out as `type`."""
    data: dict[str, Any] = {"id": obj.id, "kind": obj.KIND}
    # A translatable field's languages are one value in `describe`, not four columns.
    languages_of = {name for field in obj.TRANSLATABLE for name in languages.columns(field)}
    for attr in inspect(type(obj)).column_attrs:
        if (attr.key in obj.UNJOURNALED or attr.key in INTERNAL or attr.key == "id"
                or attr.key in languages_of):
            continue
        data["type" if attr.key == "kind" else attr.key] = plain(getattr(obj, attr.key))
    data["name" if obj.LABEL_FIELD in ("name", "full_name") else "title"] = obj.label
    return data


def order_by_name(cls: type[Entity]):
    """The order lists use: the collation key where the table has one."""
    if "sort_key" in inspect(cls).columns:
        return (cls.sort_key, cls.id)
    return (func.lower(getattr(cls, cls.LABEL_FIELD)), cls.id)


#: An id is a UUID in text (36 characters); its first ID_PREFIX characters name it.
ID_LENGTH = 36
ID_PREFIX = 8
#: Characters of a reference repeated in a message.
QUOTED = 80


def resolve(session: Session, cls: type[Entity], ref: str) -> Entity:
    """A live record by full id, id prefix (8+ characters), its exact name/title (any
    case, with or without diacritics), a person's Latin spelling, or failing those the
    one record search finds for `ref`."""
    ref = ref.strip()
    if not ref:
        raise NotFound(_("say which {kind}: give its id or name").format(kind=cls.KIND))
    obj = shown(followed(session, session.get(cls, ref)))
    if obj is not None:
        return obj
    label = getattr(cls, cls.LABEL_FIELD)
    names = [label] + ([Person.latin_name] if cls is Person else [])
    matches: list[Entity] = []
    for column in names:
        matches = list(session.scalars(
            live(cls).where(func.lower(column) == ref.lower()).limit(2)))
        if matches:
            break
    if not matches and ID_PREFIX <= len(ref) <= ID_LENGTH:
        # Escaped: "%" and "_" are LIKE's wildcards, and "%%%%%%%%" would match any id.
        matches = list(session.scalars(
            live(cls).where(cls.id.startswith(ref, autoescape=True)).limit(2)))
    if not matches:
        matches = _found_by_search(session, cls, ref)
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        candidates = "; ".join(f"{o.label} ({o.id[:8]})" for o in matches[:5])
        raise NotFound(_("more than one {kind} matches “{ref}”: {candidates}. Use the id "
                         "or the full name.").format(kind=cls.KIND, ref=_quoted(ref),
                                                     candidates=candidates))
    raise NotFound(_("no {kind} “{ref}”").format(kind=cls.KIND, ref=_quoted(ref)))


def _quoted(ref: str) -> str:
    # Enough to recognise what was typed; a pasted page would bury the message.
    return ref if len(ref) <= QUOTED else ref[:QUOTED - 1] + "…"


def _found_by_search(session: Session, cls: type[Entity], ref: str) -> list[Entity]:
    from coordinator_app.core.search.query import search

    if registry.spec(cls).search is None:
        return []
    hits = search(session, ref, kinds=[cls.KIND], limit=6)
    folded = strip_marks(ref).casefold()
    exact = [h for h in hits if strip_marks(h.title).casefold() == folded]
    chosen = exact or hits
    return [obj for obj in (shown(session.get(cls, h.id)) for h in chosen) if obj is not None]


def _all(session: Session, cls: type[Entity], **where: Any) -> list[Entity]:
    query = live(cls).filter_by(**where)
    # Dated things in date order (undated last), the rest in the order they were made.
    for field in ("due_on", "delivered_on", "start_on"):
        if hasattr(cls, field):
            column = getattr(cls, field)
            query = query.order_by(column.is_(None), column)
    return list(session.scalars(query.order_by(cls.created_at, cls.id)))


def _referred(column) -> type[Entity] | None:
    """The model a foreign-key column points at (None for a plain column)."""
    for key in column.foreign_keys:
        table = key.column.table.name
        for model in registry.MODELS:
            if model.__tablename__ == table:
                return model
    return None


def _value(session: Session, obj: Entity, field: str) -> Any:
    """A field as `show` prints it: a reference as the live record's name."""
    if field in obj.TRANSLATABLE:
        return languages.values(obj, field)
    value = getattr(obj, field)
    target = _referred(inspect(type(obj)).columns[field])
    if target is None or value is None:
        return plain(value)
    referred = shown(session.get(target, value))
    return referred.label if referred is not None else None


def _related(session: Session, obj: Entity, related: Related) -> list[Any]:
    rows = _all(session, related.model, **{related.fk: obj.id})
    if related.fields[0][0] == "":
        names = []
        for row in rows:
            for field in (related.fields[0][1], *related.alternatives):
                name = _value(session, row, field)
                if name is not None:
                    names.append(name)
                    break
        return names
    return [{key: _value(session, row, field) for key, field in related.fields} for row in rows]


def describe(session: Session, obj: Entity) -> dict[str, Any]:
    """A record with the records around it, as `coordinator show` prints it: what its
    kind declares it refers to and lists (core.records.registry), then tags, sources, files.
    A translatable field is {"uk": …, "lt": …, "en": …, "original": "uk"}."""
    data = to_dict(obj)
    for field in obj.TRANSLATABLE:
        data["type" if field == "kind" else field] = languages.values(obj, field)
    spec = registry.spec(obj.KIND)
    for key, field in spec.refers:
        data[key] = _value(session, obj, field)
    for related in spec.related:
        data[related.key] = _related(session, obj, related)
    data["tags"] = sorted(session.scalars(
        select(Tag.name).join(TagLink, TagLink.tag_id == Tag.id).where(
            TagLink.entity_kind == obj.KIND, TagLink.entity_id == obj.id, alive(TagLink))))
    data["sources"] = [
        {"title": s.title, "publisher": s.publisher, "published_on": plain(s.published_on),
         "url": s.url}
        for s in _all(session, Source, owner_kind=obj.KIND, owner_id=obj.id)
    ]
    data["attachments"] = [
        {"id": a.id, "filename": a.filename, "media_type": a.media_type, "size": a.size}
        for a in _all(session, Attachment, owner_kind=obj.KIND, owner_id=obj.id)
    ]
    return data
