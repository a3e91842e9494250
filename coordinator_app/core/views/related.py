"""The live records shown around one in its editor: rows of a relation table, files,
linked priority areas, an agreement's parties, an organisation's members, the
agreements, projects and meetings an organisation or a person takes part in; and
the choices of a report's chooser. The screens read through these, so the tombstone
rule is applied here, once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, or_, select, union
from sqlalchemy.orm import Session

from coordinator_app.core.records import languages, registry, sort_keys
from coordinator_app.core.records.models import (
    Activity,
    ActivityParticipant,
    Agreement,
    AgreementParty,
    Attachment,
    ContactPoint,
    Entity,
    Organization,
    PriorityArea,
    Project,
    ProjectPartner,
    Signatory,
)
from coordinator_app.core.records.tombstones import alive, live, shown
from coordinator_app.i18n import current_language


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


def load_referenced(session: Session, rows: list[Entity],
                    references: dict[str, str]) -> list[Entity]:
    """Read into `session`, one query a kind, the records `rows` refer to through
    `references` ({column: kind}): the names of a table's chosen records (an
    organisation's people) are then found there, not asked for row by row. The
    session holds its records weakly: keep what this returns while they are wanted."""
    found: list[Entity] = []
    wanted: dict[str, set[str]] = {}
    for column, kind in references.items():
        wanted.setdefault(kind, set()).update(
            value for row in rows if (value := getattr(row, column, None)))
    for kind, ids in wanted.items():
        model = registry.model(kind)
        # Already in the session: not read again (session.get finds it there too).
        missing = [record_id for record_id in ids
                   if session.identity_map.get(session.identity_key(model, record_id)) is None]
        for start in range(0, len(missing), 500):
            found += session.scalars(select(model).where(
                model.id.in_(missing[start:start + 500]))).all()
    return found


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
    lang = current_language()
    return [(row[0], languages.reader_name(row[1:], lang)) for row in session.execute(
        select(Organization.id, *languages.name_columns(Organization, lang))
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
    lang = current_language()
    found = [(row[0], languages.reader_name(row[1:], lang)) for row in session.execute(
        select(Organization.id, *languages.name_columns(Organization, lang)).where(*where)
        .order_by(sort_keys.order_column(Organization, lang)).limit(limit))]
    total = len(found)
    if total == limit:
        total = session.scalar(select(func.count()).select_from(Organization).where(*where))
    return found, total


def choices(session: Session, kind: str, text: str, limit: int) -> list[tuple[str, str]]:
    """(id, name) of live records of `kind` in alphabetical order, those `text` finds
    (as a list's filter does) when it is given."""
    from coordinator_app.core.search.query import filter_clause

    model = registry.model(kind)
    lang = current_language()
    query = select(model.id, *languages.name_columns(model, lang)).where(alive(model))
    if text.strip():
        query = query.where(filter_clause(model, text.strip()))
    query = query.order_by(sort_keys.order_column(model, lang)).limit(limit)
    return [(row[0], languages.reader_name(row[1:], lang)) for row in session.execute(query)]


def name_of(session: Session, kind: str, record_id: str) -> str | None:
    """The name or title of a record that may be shown, or None."""
    obj = shown(session.get(registry.model(kind), record_id))
    return None if obj is None else languages.label_for_reader(obj, current_language())


# -- what a record takes part in ------------------------------------------------------------

#: Records of one relation listed at most; the count says how many there are in all.
RELATED_LIMIT = 100


@dataclass(frozen=True)
class Link:
    """A record around the one shown, and how it is related: what opens on a click."""

    kind: str
    id: str
    title: str
    #: A code of the relation or the record (a status, a role, a kind of meeting), or
    #: text such as a position; the screen translates codes from core.records.vocab.
    detail: str | None = None
    when: date | None = None


def _capped(session: Session, query, limit: int) -> tuple[list, int]:
    rows = list(session.execute(query.limit(limit + 1)))
    if len(rows) <= limit:
        return rows, len(rows)
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    return rows[:limit], total


def _links(session: Session, kind: str, query, limit: int,
           lang: str) -> tuple[list[Link], int]:
    """Links from rows of (id, detail, when, the name's columns): each named as a reader
    of `lang` sees it (core.records.languages.name_columns)."""
    rows, total = _capped(session, query, limit)
    return [Link(kind, row[0], languages.reader_name(row[3:], lang), row[1], row[2])
            for row in rows], total


def agreements_of(session: Session, organization_id: str,
                  limit: int = RELATED_LIMIT) -> tuple[list[Link], int]:
    """Agreements the organisation is a party to or signed for, latest signed first;
    the detail is the agreement's status."""
    as_party = select(AgreementParty.agreement_id.label("id")).where(
        AgreementParty.organization_id == organization_id, alive(AgreementParty))
    as_signer = select(Signatory.agreement_id.label("id")).where(
        Signatory.organization_id == organization_id, alive(Signatory))
    ids = union(as_party, as_signer).subquery()
    lang = current_language()
    query = (select(Agreement.id, Agreement.status, Agreement.signed_on,
                    *languages.name_columns(Agreement, lang))
             .where(Agreement.id.in_(select(ids.c.id)), alive(Agreement))
             .order_by(Agreement.signed_on.is_(None), Agreement.signed_on.desc(),
                       sort_keys.order_column(Agreement, lang)))
    return _links(session, "agreement", query, limit, lang)


def agreements_signed_by(session: Session, person_id: str,
                         limit: int = RELATED_LIMIT) -> tuple[list[Link], int]:
    """Agreements the person signed, latest first; the detail is the title they signed
    with."""
    lang = current_language()
    query = (select(Agreement.id, Signatory.title_at_signing, Agreement.signed_on,
                    *languages.name_columns(Agreement, lang))
             .join(Signatory, Signatory.agreement_id == Agreement.id)
             .where(Signatory.person_id == person_id, alive(Signatory))
             .order_by(Agreement.signed_on.is_(None), Agreement.signed_on.desc(),
                       sort_keys.order_column(Agreement, lang)))
    return _links(session, "agreement", query, limit, lang)


def projects_of(session: Session, organization_id: str,
                limit: int = RELATED_LIMIT) -> tuple[list[Link], int]:
    """Projects the organisation leads, hosts or is a partner in, latest started
    first; the detail is the project's status."""
    partner = select(ProjectPartner.project_id).where(
        ProjectPartner.organization_id == organization_id, alive(ProjectPartner))
    lang = current_language()
    query = (select(Project.id, Project.status, Project.start_on,
                    *languages.name_columns(Project, lang))
             .where(alive(Project), or_(Project.lead_id == organization_id,
                                        Project.location_id == organization_id,
                                        Project.id.in_(partner)))
             .order_by(Project.start_on.is_(None), Project.start_on.desc(),
                       sort_keys.order_column(Project, lang)))
    return _links(session, "project", query, limit, lang)


def activities_of(session: Session, kind: str, record_id: str,
                  limit: int = RELATED_LIMIT) -> tuple[list[Link], int]:
    """Meetings, calls and visits a person or an organisation took part in, latest
    first; the detail is the kind of activity."""
    column = (ActivityParticipant.person_id if kind == "person"
              else ActivityParticipant.organization_id)
    took_part = select(ActivityParticipant.activity_id).where(
        column == record_id, alive(ActivityParticipant))
    lang = current_language()
    query = (select(Activity.id, Activity.kind, Activity.occurs_on,
                    *languages.name_columns(Activity, lang))
             .where(Activity.id.in_(took_part), alive(Activity))
             .order_by(Activity.occurs_on.desc(), sort_keys.order_column(Activity, lang)))
    return _links(session, "activity", query, limit, lang)
