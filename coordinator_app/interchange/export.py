"""Records as rows of fields for the writers: any list, with its filter, or a selection."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coordinator_app.core.views import records
from coordinator_app.core.records.models import (
    Affiliation,
    AgreementParty,
    ContactPoint,
    Organization,
    ProjectPartner,
)
from coordinator_app.core.records.vocab import minor_units
from coordinator_app.i18n import _
from coordinator_app.interchange.fields import CONTACT_FIELDS, EXPORT_COLUMNS, field
from coordinator_app.interchange.plan import MODELS


def select_records(session: Session, kind: str, *, text: str = "",
                   ids: Iterable[str] | None = None) -> list[Any]:
    """Live records of `kind` in list order: those the filter `text` finds, or `ids`."""
    cls = MODELS[kind]
    query = records.live(cls)
    if text.strip():
        from coordinator_app.core.search.query import filter_clause

        query = query.where(filter_clause(cls, text))
    if ids is not None:
        wanted = list(ids)
        found = {o.id: o for start in range(0, len(wanted), 500) for o in session.scalars(
            query.where(cls.id.in_(wanted[start:start + 500])))}
        return [found[i] for i in wanted if i in found]
    return list(session.scalars(query.order_by(*records.order_by_name(cls))))


def _org_names(session: Session, ids: set[str]) -> dict[str, str]:
    names: dict[str, str] = {}
    wanted = [i for i in ids if i]
    for start in range(0, len(wanted), 500):
        names.update(session.execute(select(Organization.id, Organization.name).where(
            Organization.id.in_(wanted[start:start + 500]))).all())
    return names


def contacts_of(session: Session, column, ids: list[str]) -> dict[str, list[ContactPoint]]:
    found: dict[str, list[ContactPoint]] = {}
    for start in range(0, len(ids), 500):
        for contact in session.scalars(select(ContactPoint).where(
                column.in_(ids[start:start + 500]), ContactPoint.deleted_at.is_(None))
                .order_by(ContactPoint.created_at, ContactPoint.id)):
            found.setdefault(getattr(contact, column.key), []).append(contact)
    return found


def positions_of(session: Session, ids: list[str]) -> dict[str, list[Affiliation]]:
    found: dict[str, list[Affiliation]] = {}
    for start in range(0, len(ids), 500):
        for link in session.scalars(select(Affiliation).where(
                Affiliation.person_id.in_(ids[start:start + 500]),
                Affiliation.deleted_at.is_(None), Affiliation.end_on.is_(None))
                .order_by(Affiliation.created_at, Affiliation.id)):
            found.setdefault(link.person_id, []).append(link)
    return found


def _links(session: Session, model, parent: str, ids: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    column = getattr(model, parent)
    for start in range(0, len(ids), 500):
        for owner, org in session.execute(select(column, model.organization_id).where(
                column.in_(ids[start:start + 500]), model.deleted_at.is_(None))
                .order_by(model.created_at, model.id)):
            found.setdefault(owner, []).append(org)
    return found


def rows(session: Session, kind: str, objs: list[Any]) -> list[dict[str, Any]]:
    """Each record as {field key: value}: text, dates as dates, amounts as Decimal,
    several values (phones, parties) one per line."""
    ids = [o.id for o in objs]
    contacts: dict[str, list[ContactPoint]] = {}
    if kind == "person":
        contacts = contacts_of(session, ContactPoint.person_id, ids)
        positions = positions_of(session, ids)
    elif kind == "organization":
        contacts = contacts_of(session, ContactPoint.organization_id, ids)
    links = {}
    if kind == "agreement":
        links = _links(session, AgreementParty, "agreement_id", ids)
    elif kind == "project":
        links = _links(session, ProjectPartner, "project_id", ids)
    org_ids = {i for values in links.values() for i in values}
    if kind == "person":
        org_ids |= {a.organization_id for held in positions.values() for a in held}
    for obj in objs:
        org_ids |= {getattr(obj, c, None) for c in ("parent_id", "lead_id", "location_id")}
    names = _org_names(session, org_ids)
    out = []
    for obj in objs:
        row: dict[str, Any] = {}
        for key in EXPORT_COLUMNS[kind]:
            if key in CONTACT_FIELDS:
                row[key] = "\n".join(c.value for c in contacts.get(obj.id, ()) if c.kind == key)
            elif key == "organization":
                row[key] = "\n".join(names.get(a.organization_id, "")
                                     for a in positions.get(obj.id, ()))
            elif key == "position":
                row[key] = "\n".join(a.position or "" for a in positions.get(obj.id, ()))
            elif key in ("parent", "lead", "location"):
                row[key] = names.get(getattr(obj, f"{key}_id"), "")
            elif key in ("parties", "partners"):
                row[key] = "\n".join(names.get(i, "") for i in links.get(obj.id, ()))
            elif key == "budget":
                minor = obj.budget_minor
                row[key] = None if minor is None else \
                    Decimal(minor).scaleb(-minor_units(obj.currency or "EUR"))
            else:
                row[key] = getattr(obj, key)
            if row[key] is None:
                row[key] = ""
        out.append(row)
    return out


def headers(kind: str) -> list[str]:
    """The column headers, in the interface language; import reads them back."""
    return [_(field(kind, key).label) for key in EXPORT_COLUMNS[kind]]


def plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return value
