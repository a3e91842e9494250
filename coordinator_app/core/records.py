"""Reading records for people and scripts: lookup by id or name, and plain dicts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from coordinator_app.core.errors import NotFound
from coordinator_app.core.hooks import plain
from coordinator_app.core.models import (
    Activity,
    Affiliation,
    Agreement,
    AgreementParty,
    AgreementPriorityArea,
    AidDelivery,
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
)
from coordinator_app.core.text import strip_marks
from coordinator_app.i18n import _

#: The record kinds of the command line, by their plural names (DESIGN.md).
LISTABLE: dict[str, type[Entity]] = {
    "organizations": Organization,
    "people": Person,
    "agreements": Agreement,
    "projects": Project,
    "activities": Activity,
}
ALIASES = {"organisations": "organizations", "persons": "people"}


def listable(name: str) -> type[Entity]:
    name = ALIASES.get(name, name)
    if name not in LISTABLE:
        raise NotFound(_("unknown kind “{name}”; choose one of: {kinds}").format(
            name=name, kinds=", ".join(LISTABLE)))
    return LISTABLE[name]


def live(cls: type[Entity]):
    return select(cls).where(cls.deleted_at.is_(None))


def to_dict(obj: Entity) -> dict[str, Any]:
    data: dict[str, Any] = {"id": obj.id, "kind": obj.KIND}
    for attr in inspect(type(obj)).column_attrs:
        if attr.key in obj.UNJOURNALED or attr.key == "id":
            continue
        data[attr.key] = plain(getattr(obj, attr.key))
    data["name" if obj.LABEL_FIELD in ("name", "full_name") else "title"] = obj.label
    return data


def resolve(session: Session, cls: type[Entity], ref: str) -> Entity:
    """A live record by full id, id prefix (8+ characters) or its exact name/title."""
    ref = ref.strip()
    obj = session.get(cls, ref)
    if obj is not None and obj.deleted_at is None:
        return obj
    label = getattr(cls, cls.LABEL_FIELD)
    matches = session.scalars(live(cls).where(func.lower(label) == ref.lower()).limit(2)).all()
    if not matches and len(ref) >= 8:
        matches = session.scalars(live(cls).where(cls.id.startswith(ref)).limit(2)).all()
    if not matches:
        folded = strip_marks(ref).casefold()
        matches = [o for o in session.scalars(live(cls).where(label.icontains(ref[:3])).limit(200))
                   if strip_marks(o.label).casefold() == folded][:2]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise NotFound(_("more than one {kind} is called “{ref}”; use its id").format(
            kind=cls.KIND, ref=ref))
    raise NotFound(_("no {kind} “{ref}”").format(kind=cls.KIND, ref=ref))


def _all(session: Session, cls: type[Entity], **where: Any) -> list[Entity]:
    query = live(cls).filter_by(**where)
    return list(session.scalars(query))


def _name(session: Session, cls: type[Entity], record_id: str | None) -> str | None:
    if record_id is None:
        return None
    obj = session.get(cls, record_id)
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
        data["sources"] = [{"title": s.title, "url": s.url}
                           for s in _all(session, Source, owner_kind="agreement", owner_id=obj.id)]
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
        data["participants"] = [
            person(p.person_id) or org(p.organization_id) for p in obj.participants
        ]
    return data
