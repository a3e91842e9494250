"""Projects as IATI activity XML 2.03, the standard donors and municipal partners
report aid in: identifiers, organisations and their roles, sectors, budget,
transactions and locations where the database knows them.

An activity's identifier is the reporting organisation's IATI identifier and the
project's id. Coordinator keeps no registered identifiers of organisations, so
the reporting organisation's is given by the person publishing (the default is
a private one, "XI-COORDINATOR-…", which the IATI registry does not accept).
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal
from xml.etree import ElementTree as etree

from sqlalchemy import select
from sqlalchemy.orm import Session

from coordinator_app.core.records.models import (
    Organization,
    PriorityArea,
    Project,
    ProjectPartner,
    ProjectPriorityArea,
)
from coordinator_app.core.records.vocab import minor_units

VERSION = "2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: IATI ActivityStatus codes.
STATUS = {"planned": "1", "active": "2", "on_hold": "6", "completed": "3", "cancelled": "5"}
#: IATI OrganisationType codes for the kinds of organisation.
ORG_TYPE = {"municipality": "11", "association": "15", "ngo": "22", "donor": "10",
            "ministry": "10", "company": "70", "other": "90"}
#: IATI OrganisationRole codes: 1 funding, 2 accountable, 3 extending, 4 implementing.
ROLE = {"donor": "1", "partner": "2", "implementer": "4"}
#: OECD DAC 5-digit sectors (vocabulary 1) for the shared priority areas.
SECTORS = {
    "european integration": "15112",  # decentralisation and subnational government
    "infrastructure recovery": "73010",  # reconstruction relief and rehabilitation
    "energy resilience": "23110",  # energy policy and administrative management
    "modern city services": "43030",  # urban development and management
    "long-term community development": "43030",
    "safety and critical infrastructure": "74020",  # multi-hazard response preparedness
    "medicine and rehabilitation": "12191",  # medical services
    "internally displaced people": "72010",  # material relief assistance and services
    "human potential": "11330",  # vocational training
    "small and medium business": "32130",  # SME development
}


def default_reporting_ref(project: Project) -> str:
    return "XI-COORDINATOR-" + (project.lead_id or project.id)[:8].upper()


def _narrative(parent, text: str, lang: str | None = None):
    element = etree.SubElement(parent, "narrative")
    element.text = text
    if lang:
        element.set(XML_LANG, lang)
    return element


def _org(parent, tag: str, org: Organization | None, *, ref: str | None = None,
         role: str | None = None, name: str | None = None):
    element = etree.SubElement(parent, tag)
    if ref:
        element.set("ref", ref)
    if role:
        element.set("role", role)
    if org is not None:
        element.set("type", ORG_TYPE.get(org.kind, "90"))
    _narrative(element, name or (org.name if org else ""))
    return element


def _amount(minor: int, currency: str) -> str:
    return format(Decimal(minor).scaleb(-minor_units(currency)), "f")


def _date_element(parent, tag: str, day: date, **attributes):
    element = etree.SubElement(parent, tag, **attributes)
    element.set("iso-date", day.isoformat())
    return element


def activity(session: Session, project: Project, reporting_ref: str,
             reporting_name: str | None = None) -> etree.Element:
    get = lambda org_id: session.get(Organization, org_id) if org_id else None  # noqa: E731
    lead = get(project.lead_id)
    location = get(project.location_id)
    stamp = (project.updated_at or datetime.now(timezone.utc)).replace(microsecond=0)
    element = etree.Element("iati-activity")
    element.set("last-updated-datetime", stamp.isoformat())
    element.set(XML_LANG, "en")
    if project.currency:
        element.set("default-currency", project.currency)
    etree.SubElement(element, "iati-identifier").text = f"{reporting_ref}-{project.id}"
    _org(element, "reporting-org", lead, ref=reporting_ref,
         name=reporting_name or (lead.name if lead else reporting_ref))
    _narrative(etree.SubElement(element, "title"), project.title)
    description = etree.SubElement(element, "description", type="1")
    _narrative(description, project.description or project.title)

    partners = session.execute(select(ProjectPartner, Organization).join(
        Organization, Organization.id == ProjectPartner.organization_id).where(
        ProjectPartner.project_id == project.id, ProjectPartner.deleted_at.is_(None),
        Organization.deleted_at.is_(None)).order_by(ProjectPartner.created_at)).all()
    if lead is not None:
        _org(element, "participating-org", lead, role="4")
    for partner, org in partners:
        if partner.role in ROLE and org.id != project.lead_id:
            _org(element, "participating-org", org, role=ROLE[partner.role])
    if lead is None and not any(p.role in ROLE for p, _o in partners):
        _org(element, "participating-org", None, ref=reporting_ref, role="2",
             name=reporting_name or reporting_ref)

    etree.SubElement(element, "activity-status", code=STATUS.get(project.status, "1"))
    started = project.status in ("active", "on_hold", "completed")
    first = project.start_on or project.created_at.date()
    _date_element(element, "activity-date", first, type="2" if started else "1")
    if project.end_on:
        _date_element(element, "activity-date", project.end_on,
                      type="4" if project.status == "completed" else "3")
    if location is not None and location.country:
        etree.SubElement(element, "recipient-country", code=location.country,
                         percentage="100")
    if location is not None:
        place = etree.SubElement(element, "location")
        _narrative(etree.SubElement(place, "name"), location.name)
        if location.region:
            _narrative(etree.SubElement(place, "description"), location.region)

    areas = session.scalars(select(PriorityArea).join(
        ProjectPriorityArea, ProjectPriorityArea.priority_area_id == PriorityArea.id).where(
        ProjectPriorityArea.project_id == project.id, ProjectPriorityArea.deleted_at.is_(None),
        PriorityArea.deleted_at.is_(None)).order_by(PriorityArea.name)).all()
    codes = sorted({SECTORS[a.name.lower()] for a in areas if a.name.lower() in SECTORS})
    for code in codes:
        share = format(Decimal(100) / len(codes), ".2f") if len(codes) > 1 else "100"
        etree.SubElement(element, "sector", vocabulary="1", code=code, percentage=share)

    if project.budget_minor is not None and project.currency and project.start_on \
            and project.end_on:
        budget = etree.SubElement(element, "budget", type="1", status="1")
        _date_element(budget, "period-start", project.start_on)
        _date_element(budget, "period-end", project.end_on)
        value = etree.SubElement(budget, "value", currency=project.currency)
        value.set("value-date", project.start_on.isoformat())
        value.text = _amount(project.budget_minor, project.currency)
    for partner, org in partners:
        if partner.contribution_minor is None or not project.currency:
            continue
        transaction = etree.SubElement(element, "transaction")
        etree.SubElement(transaction, "transaction-type", code="11")  # incoming commitment
        _date_element(transaction, "transaction-date", first)
        value = etree.SubElement(transaction, "value", currency=project.currency)
        value.set("value-date", first.isoformat())
        value.text = _amount(partner.contribution_minor, project.currency)
        provider = _org(transaction, "provider-org", org)
        provider.attrib.pop("role", None)
    return element


def activities_bytes(session: Session, projects: list[Project], *,
                     reporting_ref: str | None = None,
                     reporting_name: str | None = None) -> bytes:
    root = etree.Element("iati-activities", version=VERSION)
    root.set("generated-datetime",
             datetime.now(timezone.utc).replace(microsecond=0).isoformat())
    for project in projects:
        root.append(activity(session, project, reporting_ref or default_reporting_ref(project),
                             reporting_name))
    etree.indent(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
