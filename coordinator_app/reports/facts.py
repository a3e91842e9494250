"""What a report says, read from the database into plain values.

Reports read everything they print in one short read session and then lay it
out with the session closed (sessions live only inside one call). Values stay
raw (codes, dates, minor units): the layout translates and formats them in the
report's language. Record text kept per language (core.records.languages: titles,
purposes, commitments, organisations' names, priority areas) is chosen here, in
the report's language or as the original with its language named
(reports.record_text).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, literal_column, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from coordinator_app.core.errors import NotFound
from coordinator_app.core.records import units
from coordinator_app.core.records.models import (
    Activity,
    Affiliation,
    Agreement,
    AgreementParty,
    AgreementPriorityArea,
    AidDelivery,
    Attachment,
    Change,
    Commitment,
    ContactPoint,
    Milestone,
    Organization,
    Person,
    PriorityArea,
    Project,
    ProjectAgreement,
    ProjectPartner,
    ProjectPriorityArea,
    Signatory,
    Source,
)
from coordinator_app.core.records.tombstones import alive, live, shown
from coordinator_app.i18n import _
from coordinator_app.reports.record_text import reader_text
from coordinator_app.reports.rows import among, records, records_by_id

#: Ways to reach someone without e-mail or a browser, in the order people try them.
MESSENGERS = ("signal", "telegram", "whatsapp", "viber")
#: How many of an agreement's latest activities its summary lists, and of those to come.
RECENT_ACTIVITIES = 5
UPCOMING_ACTIVITIES = 3


@dataclass
class PartyFact:
    name: str
    country: str | None
    role: str


@dataclass
class SignatoryFact:
    name: str
    latin_name: str | None
    organization: str
    title: str | None


@dataclass
class CommitmentFact:
    description: str
    party: str | None
    owner: str | None
    due_on: date | None
    status: str


@dataclass
class DeliveryFact:
    item: str
    quantity: float
    unit: str | None
    sender: str | None
    recipient: str | None
    delivered_on: date | None
    project: str


@dataclass
class MilestoneFact:
    title: str
    due_on: date | None
    status: str


@dataclass
class ProjectFact:
    id: str
    title: str
    status: str
    lead: str | None
    location: str | None
    start_on: date | None
    end_on: date | None
    budget_minor: int | None
    currency: str | None
    areas: list[str] = field(default_factory=list)
    milestones: list[MilestoneFact] = field(default_factory=list)
    deliveries: list[DeliveryFact] = field(default_factory=list)


@dataclass
class ActivityFact:
    occurs_on: date
    kind: str
    title: str
    location: str | None


@dataclass
class SourceFact:
    title: str
    url: str | None
    publisher: str | None
    published_on: date | None


@dataclass
class AgreementFact:
    id: str
    title: str
    kind: str
    status: str
    signed_on: date | None
    signed_place: str | None
    effective_from: date | None
    expires_on: date | None
    purpose: str | None
    notes: str | None
    parties: list[PartyFact] = field(default_factory=list)
    signatories: list[SignatoryFact] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    commitments: list[CommitmentFact] = field(default_factory=list)
    projects: list[ProjectFact] = field(default_factory=list)
    activities: list[ActivityFact] = field(default_factory=list)
    sources: list[SourceFact] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)


def _name(obj: Organization | Person | None, lang: str) -> str | None:
    """A record's name for the reader: an organisation's in the report's language."""
    obj = shown(obj)
    if obj is None:
        return None
    if obj.TRANSLATABLE and obj.LABEL_FIELD in obj.TRANSLATABLE:
        return reader_text(obj, obj.LABEL_FIELD, lang)
    return obj.label


def data_as_of(session: Session) -> datetime | None:
    """When the data last changed: the newest entry of the change journal."""
    return session.scalar(select(func.max(Change.at)))


def _shown_name(record: Any, lang: str) -> str | None:
    """A live record's name for the reader (reports.rows reads only live ones)."""
    if record is None:
        return None
    if record.LABEL_FIELD in record.TRANSLATABLE:
        return reader_text(record, record.LABEL_FIELD, lang)
    return str(getattr(record, record.LABEL_FIELD) or "")


def projects_by_id(session: Session, ids: list[str], lang: str) -> list[ProjectFact]:
    """Projects with everything a report lists about them, in their list's order: one
    query for each kind of row, for all of them at once."""
    if not ids:
        return []
    projects = records(session, Project, among("id", ids), order_by="t.sort_key")
    ids = [p.id for p in projects]
    milestones = _grouped(records(session, Milestone, among("project_id", ids),
                                  order_by="t.due_on"), lambda m: m.project_id)
    deliveries = _grouped(records(session, AidDelivery, among("project_id", ids),
                                  order_by="t.delivered_on"), lambda d: d.project_id)
    links = _grouped(records(session, ProjectPriorityArea, among("project_id", ids),
                             order_by=STORED), lambda link: link.project_id)
    areas = records_by_id(session, PriorityArea, (link.priority_area_id
                                                  for rows in links.values() for link in rows))
    orgs = records_by_id(session, Organization, [
        *(p.lead_id for p in projects), *(p.location_id for p in projects),
        *(d.from_id for rows in deliveries.values() for d in rows),
        *(d.to_id for rows in deliveries.values() for d in rows)])
    facts = []
    for project in projects:
        title = reader_text(project, "title", lang)
        facts.append(ProjectFact(
            id=project.id, title=title, status=project.status,
            lead=_shown_name(orgs.get(project.lead_id), lang),
            location=_shown_name(orgs.get(project.location_id), lang),
            start_on=project.start_on, end_on=project.end_on,
            budget_minor=project.budget_minor, currency=project.currency,
            areas=[reader_text(areas.get(link.priority_area_id), "name", lang)
                   for link in links.get(project.id, [])],
            milestones=[MilestoneFact(reader_text(m, "title", lang), m.due_on, m.status)
                        for m in milestones.get(project.id, [])],
            deliveries=[
                DeliveryFact(reader_text(d, "item", lang), d.quantity, units.label(d.unit, lang),
                             _shown_name(orgs.get(d.from_id), lang),
                             _shown_name(orgs.get(d.to_id), lang), d.delivered_on, title)
                for d in deliveries.get(project.id, [])
            ],
        ))
    return facts


def project_fact(session: Session, project: Project, lang: str) -> ProjectFact:
    """One project with everything a report lists about it."""
    return projects_by_id(session, [project.id], lang)[0]


def agreement_fact(session: Session, agreement_id: str, lang: str) -> AgreementFact:
    """One agreement with its parties, signatories, commitments, projects and sources."""
    return agreement_facts(session, [agreement_id], lang)[0]


#: The order rows were written in: what one agreement's rows came back in when each
#: was read alone.
STORED = "t.rowid"


def _grouped(rows, key) -> dict[str, list]:
    groups: dict[str, list] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    return groups


def agreement_facts(session: Session, agreement_ids: list[str], lang: str
                    ) -> list[AgreementFact]:
    """Agreements with their parties, signatories, commitments, projects and sources,
    in the order given: each kind of row is read for all of them in one query, as
    rows (reports.rows), and the organisations, people and priority areas they name
    in one more each."""
    agreements = records_by_id(session, Agreement, agreement_ids)
    for agreement_id in agreement_ids:
        if agreement_id not in agreements:
            raise NotFound(_("There is no agreement with id {id}; it may have been deleted.")
                           .format(id=agreement_id))
    ids = list(agreements)
    in_agreements = among("agreement_id", ids)
    parties = _grouped(records(session, AgreementParty, in_agreements, order_by=STORED),
                       lambda p: p.agreement_id)
    signatories = _grouped(records(session, Signatory, in_agreements, order_by=STORED),
                           lambda s: s.agreement_id)
    commitments = _grouped(records(
        session, Commitment, in_agreements,
        order_by="t.due_on IS NULL, t.due_on, t.created_at"), lambda c: c.agreement_id)
    area_links = _grouped(records(session, AgreementPriorityArea, in_agreements,
                                  order_by=STORED), lambda a: a.agreement_id)
    project_links = _grouped(records(session, ProjectAgreement, in_agreements,
                                     order_by=STORED), lambda link: link.agreement_id)
    project_ids = {link.project_id for rows in project_links.values() for link in rows}
    projects = projects_by_id(session, list(project_ids), lang)  # in their list's order
    by_agreement_sql, agreement_params = in_agreements
    by_project_sql, project_params = among("project_id", sorted(project_ids))
    activities = records(session, Activity, (f"({by_agreement_sql} OR {by_project_sql})",
                                             agreement_params + project_params),
                         order_by="t.occurs_on")
    by_agreement = _grouped(activities, lambda a: a.agreement_id)
    by_project = _grouped(activities, lambda a: a.project_id)
    of_agreements = ("t.owner_kind = 'agreement'", ()), among("owner_id", ids)
    sources = _grouped(records(
        session, Source, *of_agreements,
        order_by="t.published_on IS NULL, t.published_on, t.title"), lambda s: s.owner_id)
    attachments = _grouped(records(session, Attachment, *of_agreements,
                                   order_by="t.filename"), lambda a: a.owner_id)
    every = [row for groups in (parties, signatories, commitments) for rows in groups.values()
             for row in rows]
    orgs = records_by_id(session, Organization, [
        *(getattr(row, "organization_id", None) for row in every),
        *(getattr(row, "party_id", None) for row in every)])
    people = records_by_id(session, Person, [
        *(getattr(row, "person_id", None) for row in every),
        *(getattr(row, "owner_id", None) for row in every)])
    areas = records_by_id(session, PriorityArea, (link.priority_area_id
                                                  for rows in area_links.values()
                                                  for link in rows))
    today = date.today()
    facts = []
    for agreement_id in agreement_ids:
        agreement = agreements[agreement_id]
        linked = [link.project_id for link in project_links.get(agreement_id, [])]
        related = {a.id: a for a in by_agreement.get(agreement_id, [])}
        for project_id in linked:
            related.update((a.id, a) for a in by_project.get(project_id, []))
        related = sorted(related.values(), key=lambda a: a.occurs_on)
        upcoming = [a for a in related if a.occurs_on > today][:UPCOMING_ACTIVITIES]
        recent = [a for a in reversed(related) if a.occurs_on <= today][:RECENT_ACTIVITIES]
        facts.append(AgreementFact(
            id=agreement.id, title=reader_text(agreement, "title", lang), kind=agreement.kind,
            status=agreement.status, signed_on=agreement.signed_on,
            signed_place=agreement.signed_place, effective_from=agreement.effective_from,
            expires_on=agreement.expires_on, purpose=reader_text(agreement, "purpose", lang),
            notes=reader_text(agreement, "notes", lang),
            parties=[PartyFact(_shown_name(orgs[p.organization_id], lang),
                               orgs[p.organization_id].country, p.role)
                     for p in parties.get(agreement_id, [])],
            signatories=[SignatoryFact(people[s.person_id].full_name,
                                       people[s.person_id].latin_name,
                                       _shown_name(orgs[s.organization_id], lang),
                                       s.title_at_signing)
                         for s in signatories.get(agreement_id, [])],
            areas=[reader_text(areas[link.priority_area_id], "name", lang)
                   for link in area_links.get(agreement_id, [])],
            commitments=[CommitmentFact(reader_text(c, "description", lang),
                                        _shown_name(orgs.get(c.party_id), lang),
                                        _shown_name(people.get(c.owner_id), lang),
                                        c.due_on, c.status)
                         for c in commitments.get(agreement_id, [])],
            projects=[p for p in projects if p.id in linked],
            activities=[ActivityFact(a.occurs_on, a.kind, reader_text(a, "title", lang),
                                     a.location)
                        for a in [*reversed(upcoming), *recent]],
            sources=[SourceFact(s.title, s.url, s.publisher, s.published_on)
                     for s in sources.get(agreement_id, [])],
            attachments=[a.filename for a in attachments.get(agreement_id, [])],
        ))
    return facts


@dataclass
class ContactFact:
    """A person as the key contacts sheet prints them: how to reach them first."""

    name: str
    latin_name: str | None
    positions: list[tuple[str | None, str]] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    messengers: list[tuple[str, str]] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    languages: str | None = None


def _reach(points: list[ContactPoint]) -> tuple[list[str], list[tuple[str, str]], list[str]]:
    phones = [p.value for p in points if p.kind == "phone"]
    messengers = sorted(((p.kind, p.value) for p in points if p.kind in MESSENGERS),
                        key=lambda kv: MESSENGERS.index(kv[0]))
    emails = [p.value for p in points if p.kind == "email"]
    return phones, messengers, emails


def contacts_for(session: Session, person_ids: set[str], org_ids: set[str],
                 today: date, lang: str) -> list[ContactFact]:
    """The people given, and everyone currently holding a position at the organisations."""
    current = or_(Affiliation.end_on.is_(None), Affiliation.end_on >= today)
    if org_ids:
        person_ids = person_ids | set(session.scalars(select(Affiliation.person_id).where(
            Affiliation.organization_id.in_(org_ids), alive(Affiliation), current)))
    if not person_ids:
        return []
    people = session.scalars(
        live(Person, Person.id.in_(person_ids))
        .options(selectinload(Person.contact_points),
                 selectinload(Person.affiliations).joinedload(Affiliation.organization))
    ).all()
    chosen = {_name(org, lang) for org in session.scalars(
        select(Organization).where(Organization.id.in_(org_ids)))}
    facts = []
    for person in people:
        phones, messengers, emails = _reach(person.contact_points)
        positions = [(a.position, _name(a.organization, lang)) for a in person.affiliations
                     if a.end_on is None or a.end_on >= today]
        # The organisations of this briefing first: that is why the person is listed.
        positions.sort(key=lambda pos: pos[1] not in chosen)
        facts.append(ContactFact(person.full_name, person.latin_name, positions, phones,
                                 messengers, emails, person.languages))
    facts.sort(key=lambda c: (c.positions[0][1].casefold() if c.positions else "\uffff",
                              c.name.casefold()))
    return facts


@dataclass
class OrganizationFact:
    id: str
    name: str
    other_names: str | None
    kind: str
    country: str | None
    region: str | None
    parent: str | None
    website: str | None
    address: str | None
    notes: str | None
    members: list[str] = field(default_factory=list)
    people: list[tuple[str, str | None]] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    messengers: list[tuple[str, str]] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    agreements: list[tuple[str, str]] = field(default_factory=list)
    projects: list[tuple[str, str]] = field(default_factory=list)


def organization_facts(session: Session, org_ids: list[str], today: date, lang: str
                       ) -> list[OrganizationFact]:
    """Organisations as a briefing pack profiles them, in the order given; each kind of
    row is read for all of them in one query."""
    orgs = {o.id: o for o in session.scalars(
        select(Organization).where(Organization.id.in_(org_ids))
        .options(joinedload(Organization.parent)))}
    ids = list(orgs)
    members = _grouped(session.execute(
        select(Organization.parent_id, Organization)
        .where(Organization.parent_id.in_(ids), alive(Organization))
        .order_by(Organization.sort_key)), lambda row: row[0])
    people = _grouped(session.execute(
        select(Affiliation.organization_id, Person.full_name, Affiliation.position)
        .join(Affiliation, Affiliation.person_id == Person.id)
        .where(Affiliation.organization_id.in_(ids), alive(Affiliation),
               or_(Affiliation.end_on.is_(None), Affiliation.end_on >= today))
        .order_by(Person.sort_key)), lambda row: row[0])
    points = _grouped(session.scalars(
        live(ContactPoint, ContactPoint.organization_id.in_(ids))
        .order_by(literal_column("contact_points.rowid"))), lambda p: p.organization_id)
    agreements = _grouped(session.execute(
        select(AgreementParty.organization_id, Agreement)
        .join(AgreementParty, AgreementParty.agreement_id == Agreement.id)
        .where(AgreementParty.organization_id.in_(ids), alive(AgreementParty))
        .order_by(Agreement.signed_on.desc(), Agreement.title)), lambda row: row[0])
    # A project is an organisation's as its lead, its location or a partner: once each.
    projects: dict[str, dict[str, tuple]] = {}
    project = (Project.id, Project.sort_key, Project)
    for link in (select(Project.lead_id, *project).where(Project.lead_id.in_(ids)),
                 select(Project.location_id, *project).where(Project.location_id.in_(ids)),
                 select(ProjectPartner.organization_id, *project)
                 .join(ProjectPartner, ProjectPartner.project_id == Project.id)
                 .where(ProjectPartner.organization_id.in_(ids), alive(ProjectPartner))):
        for org_id, project_id, key, found in session.execute(link.where(alive(Project))):
            projects.setdefault(org_id, {})[project_id] = (
                key, reader_text(found, "title", lang), found.status)
    facts = []
    for org_id in org_ids:
        org = orgs[org_id]
        phones, messengers, emails = _reach(points.get(org_id, []))
        facts.append(OrganizationFact(
            id=org.id, name=_name(org, lang), other_names=org.other_names, kind=org.kind,
            country=org.country, region=org.region, parent=_name(org.parent, lang),
            website=org.website, address=org.address, notes=org.notes,
            members=[_name(row[1], lang) for row in members.get(org_id, [])],
            people=[(row[1], row[2]) for row in people.get(org_id, [])],
            phones=phones, messengers=messengers, emails=emails,
            agreements=[(reader_text(row[1], "title", lang), row[1].status)
                        for row in agreements.get(org_id, [])],
            projects=[(title, status) for _, title, status in
                      sorted(projects.get(org_id, {}).values(), key=lambda v: v[0])],
        ))
    return facts


def organization_fact(session: Session, org: Organization, today: date,
                      lang: str) -> OrganizationFact:
    """One organisation as a briefing pack profiles it."""
    return organization_facts(session, [org.id], today, lang)[0]
