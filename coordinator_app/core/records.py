"""Reading records for people and scripts: lookup by id or name, and plain dicts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from coordinator_app.core.errors import NotFound
from coordinator_app.core.journal import plain
from coordinator_app.core.models import (
    Activity,
    ActivityParticipant,
    Affiliation,
    Agreement,
    AgreementParty,
    AgreementPriorityArea,
    AidDelivery,
    Attachment,
    Commitment,
    ContactPoint,
    Entity,
    Milestone,
    Organization,
    Person,
    Project,
    ProjectAgreement,
    ProjectPartner,
    ProjectPriorityArea,
    Signatory,
    Source,
    Tag,
    TagLink,
)
from coordinator_app.core.text import strip_marks
from coordinator_app.core.tombstones import alive, live, shown
from coordinator_app.i18n import _

#: The record kinds of the command line, by their plural names (DESIGN.md).
LISTABLE: dict[str, type[Entity]] = {
    "organizations": Organization,
    "people": Person,
    "agreements": Agreement,
    "projects": Project,
    "activities": Activity,
}
#: Other spellings people type: British English, and the singular (`show person …`).
ALIASES = {"organisations": "organizations", "persons": "people", "organisation": "organizations",
           **{cls.KIND: plural for plural, cls in LISTABLE.items()}}


def listable(name: str) -> type[Entity]:
    name = ALIASES.get(name, name)
    if name not in LISTABLE:
        raise NotFound(_("unknown kind “{name}”; choose one of: {kinds}").format(
            name=name, kinds=", ".join(LISTABLE)))
    return LISTABLE[name]


#: Columns derived from others for the database's own use; not part of a record.
INTERNAL = frozenset({"sort_key"})


def to_dict(obj: Entity) -> dict[str, Any]:
    """The record as plain data. `kind` is the kind of record (DESIGN.md: every JSON
    item has id, kind and name or title); a column called `kind` (an organisation's
    kind, an agreement's kind) goes out as `type`."""
    data: dict[str, Any] = {"id": obj.id, "kind": obj.KIND}
    for attr in inspect(type(obj)).column_attrs:
        if attr.key in obj.UNJOURNALED or attr.key in INTERNAL or attr.key == "id":
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
    obj = shown(session.get(cls, ref))
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
    from coordinator_app.core.search import SEARCHABLE, search

    if cls.KIND not in SEARCHABLE:
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


def _name(session: Session, cls: type[Entity], record_id: str | None) -> str | None:
    if record_id is None:
        return None
    obj = shown(session.get(cls, record_id))
    return obj.label if obj is not None else None


def describe(session: Session, obj: Entity) -> dict[str, Any]:
    """A record with the records around it, as `coordinator show` prints it."""
    data = to_dict(obj)
    org = lambda rid: _name(session, Organization, rid)  # noqa: E731
    person = lambda rid: _name(session, Person, rid)  # noqa: E731
    if isinstance(obj, Organization):
        data["parent"] = org(obj.parent_id)
        data["members"] = [o.name for o in _all(session, Organization, parent_id=obj.id)]
        data["people"] = [
            {"person": person(a.person_id), "position": a.position, "from": plain(a.start_on),
             "to": plain(a.end_on)} for a in _all(session, Affiliation, organization_id=obj.id)
        ]
    elif isinstance(obj, Person):
        data["affiliations"] = [
            {"organization": org(a.organization_id), "position": a.position,
             "from": plain(a.start_on), "to": plain(a.end_on)}
            for a in _all(session, Affiliation, person_id=obj.id)
        ]
        data["contacts"] = [
            {"kind": c.kind, "value": c.value, "label": c.label}
            for c in _all(session, ContactPoint, person_id=obj.id)
        ]
    elif isinstance(obj, Agreement):
        data["parties"] = [{"organization": org(p.organization_id), "role": p.role}
                           for p in _all(session, AgreementParty, agreement_id=obj.id)]
        data["signatories"] = [
            {"person": person(s.person_id), "organization": org(s.organization_id),
             "title": s.title_at_signing} for s in _all(session, Signatory, agreement_id=obj.id)
        ]
        data["commitments"] = [
            {"description": c.description, "party": org(c.party_id), "owner": person(c.owner_id),
             "due_on": plain(c.due_on), "status": c.status}
            for c in _all(session, Commitment, agreement_id=obj.id)
        ]
        data["priority_areas"] = [
            link.priority_area.name
            for link in _all(session, AgreementPriorityArea, agreement_id=obj.id)
        ]
        data["projects"] = [_name(session, Project, link.project_id)
                            for link in _all(session, ProjectAgreement, agreement_id=obj.id)]
    elif isinstance(obj, Project):
        data["lead"] = org(obj.lead_id)
        data["location"] = org(obj.location_id)
        data["partners"] = [{"organization": org(p.organization_id), "role": p.role}
                            for p in _all(session, ProjectPartner, project_id=obj.id)]
        data["agreements"] = [_name(session, Agreement, link.agreement_id)
                              for link in _all(session, ProjectAgreement, project_id=obj.id)]
        data["priority_areas"] = [
            link.priority_area.name
            for link in _all(session, ProjectPriorityArea, project_id=obj.id)
        ]
        data["milestones"] = [{"title": m.title, "due_on": plain(m.due_on), "status": m.status}
                              for m in _all(session, Milestone, project_id=obj.id)]
        data["deliveries"] = [
            {"item": d.item, "quantity": d.quantity, "unit": d.unit, "from": org(d.from_id),
             "to": org(d.to_id), "delivered_on": plain(d.delivered_on)}
            for d in _all(session, AidDelivery, project_id=obj.id)
        ]
    elif isinstance(obj, Activity):
        data["agreement"] = _name(session, Agreement, obj.agreement_id)
        data["project"] = _name(session, Project, obj.project_id)
        data["participants"] = [
            person(p.person_id) or org(p.organization_id)
            for p in _all(session, ActivityParticipant, activity_id=obj.id)
        ]
    if isinstance(obj, Organization):
        data["contacts"] = [
            {"kind": c.kind, "value": c.value, "label": c.label}
            for c in _all(session, ContactPoint, organization_id=obj.id)
        ]
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
