"""The live records shown around one in its editor: rows of a relation table, files,
linked priority areas, an agreement's parties, an organisation's members; and the
choices of a report's chooser. The screens read through these, so the tombstone
rule is applied here, once."""

from __future__ import annotations

from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from coordinator_app.core.records import registry
from coordinator_app.core.records.models import (
    AgreementParty,
    Attachment,
    ContactPoint,
    Entity,
    Organization,
    PriorityArea,
)
from coordinator_app.core.records.tombstones import alive, live, shown


def children(session: Session, model: type[Entity], fk: str, parent_id: str, *,
             order_by: str = "created_at", fixed: dict[str, Any] | None = None,
             limit: int | None = None) -> tuple[list[Entity], int]:
    """The live `model` rows pointing at `parent_id` through `fk` (and matching `fixed`),
    dated ones in date order and undated ones last, so a row just added stays at the
    bottom where it was typed; at most `limit`, with how many there are in all."""
    order = getattr(model, order_by)
    where = (getattr(model, fk) == parent_id, alive(model),
             *(getattr(model, name) == value for name, value in (fixed or {}).items()))
    query = select(model).where(*where).order_by(order.is_(None), order, model.created_at)
    if limit is not None:
        query = query.limit(limit + 1)
    found = list(session.scalars(query))
    total = len(found)
    if limit is not None and total > limit:
        total = session.scalar(select(func.count()).select_from(model).where(*where))
        found = found[:limit]
    return found, total


def attachments(session: Session, kind: str, record_id: str) -> list[Attachment]:
    return list(session.scalars(select(Attachment).where(
        Attachment.owner_kind == kind, Attachment.owner_id == record_id,
        alive(Attachment)).order_by(Attachment.created_at)))


def priority_areas(session: Session) -> list[PriorityArea]:
    return list(session.scalars(live(PriorityArea)))


def area_links(session: Session, link: type[Entity], owner_fk: str,
               record_id: str) -> dict[str, str]:
    """{priority area id: link id} of a record's live links to priority areas."""
    return {row.priority_area_id: row.id for row in session.scalars(
        live(link, getattr(link, owner_fk) == record_id))}


def parties(session: Session, agreement_id: str) -> list[tuple[str, str]]:
    """(id, name) of an agreement's live parties, in the order they were added."""
    return [tuple(row) for row in session.execute(
        select(Organization.id, Organization.name)
        .join(AgreementParty, AgreementParty.organization_id == Organization.id)
        .where(AgreementParty.agreement_id == agreement_id, alive(AgreementParty))
        .order_by(AgreementParty.created_at))]


def contacts(session: Session, kind: str, record_id: str) -> list[dict[str, str]]:
    """A person's or an organisation's live contacts as {kind, value}."""
    owner = ContactPoint.person_id if kind == "person" else ContactPoint.organization_id
    return [{"kind": contact_kind, "value": value} for contact_kind, value in session.execute(
        select(ContactPoint.kind, ContactPoint.value).where(
            owner == record_id, alive(ContactPoint)))]


def members(session: Session, organization_id: str, limit: int) -> tuple[list[tuple[str, str]],
                                                                        int]:
    """(id, name) of the first `limit` live members of an organisation in alphabetical
    order, and how many there are in all (an association may have hundreds)."""
    where = (Organization.parent_id == organization_id, alive(Organization))
    found = [tuple(row) for row in session.execute(
        select(Organization.id, Organization.name).where(*where)
        .order_by(Organization.sort_key).limit(limit))]
    total = len(found)
    if total == limit:
        total = session.scalar(select(func.count()).select_from(Organization).where(*where))
    return found, total


def choices(session: Session, kind: str, text: str, limit: int) -> list[tuple[str, str]]:
    """(id, name) of live records of `kind` in alphabetical order, those `text` finds
    (as a list's filter does) when it is given."""
    from coordinator_app.core.search.query import filter_clause

    model = registry.model(kind)
    query = select(model.id, getattr(model, model.LABEL_FIELD)).where(alive(model))
    if text.strip():
        query = query.where(filter_clause(model, text.strip()))
    return [tuple(row) for row in session.execute(query.order_by(model.sort_key).limit(limit))]


def name_of(session: Session, kind: str, record_id: str) -> str | None:
    """The name or title of a record that may be shown, or None."""
    obj = shown(session.get(registry.model(kind), record_id))
    return None if obj is None else getattr(obj, obj.LABEL_FIELD)


def nothing_recorded(session: Session) -> bool:
    """True for a database nobody has started yet: no live record of any top-level kind,
    not even the shared priority areas."""
    for model in [spec.model for spec in registry.TOP_LEVEL] + [PriorityArea]:
        if session.scalar(select(exists().where(alive(model)))):
            return False
    return True
