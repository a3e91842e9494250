"""Records as rows of fields for the writers: any list, with its filter, or a selection."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coordinator_app.core.records import languages
from coordinator_app.core.views import records
from coordinator_app.core.records.models import (
    Affiliation,
    ContactPoint,
    Organization,
)
from coordinator_app.core.records.vocab import minor_units
from coordinator_app.i18n import _
from coordinator_app.interchange.fields import export_fields
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
    chosen = export_fields(kind)
    types = {f.type for f in chosen}
    contacts: dict[str, list[ContactPoint]] = {}
    positions: dict[str, list[Affiliation]] = {}
    if "contact" in types:
        owner = ContactPoint.person_id if kind == "person" else ContactPoint.organization_id
        contacts = contacts_of(session, owner, ids)
    if "position" in types:
        positions = positions_of(session, ids)
    links = {f.key: _links(session, f.link[0], f.link[1], ids)
             for f in chosen if f.type == "organizations"}
    org_ids = {i for found in links.values() for values in found.values() for i in values}
    org_ids |= {a.organization_id for held in positions.values() for a in held}
    for obj in objs:
        org_ids |= {getattr(obj, f.column) for f in chosen if f.type == "organization"}
    names = _org_names(session, org_ids)
    out = []
    for obj in objs:
        row: dict[str, Any] = {}
        for spec in chosen:
            key = spec.key
            if spec.type == "contact":
                row[key] = "\n".join(c.value for c in contacts.get(obj.id, ()) if c.kind == key)
            elif spec.type == "position":
                held = positions.get(obj.id, ())
                row[key] = "\n".join(names.get(a.organization_id, "") if key == "organization"
                                     else a.position or "" for a in held)
            elif spec.type == "organization":
                row[key] = names.get(getattr(obj, spec.column), "")
            elif spec.type == "organizations":
                row[key] = "\n".join(names.get(i, "") for i in links[key].get(obj.id, ()))
            elif spec.type == "money":
                minor = getattr(obj, spec.column)
                row[key] = None if minor is None else \
                    Decimal(minor).scaleb(-minor_units(getattr(obj, "currency", None) or "EUR"))
            elif spec.lang is not None:
                row[key] = languages.value(obj, key.partition(".")[0], spec.lang)
            elif spec.column is None:
                row[key] = None  # kept nowhere (a person's country of numbers)
            else:
                row[key] = getattr(obj, spec.column)
            if row[key] is None:
                row[key] = ""
        out.append(row)
    return out


def headers(kind: str) -> list[str]:
    """The column headers, in the interface language; import reads them back."""
    return [spec.title() for spec in export_fields(kind)]


def plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return value
