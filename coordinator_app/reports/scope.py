"""Which records a briefing pack covers, from what the person chose.

- Chosen agreements are always in.
- A chosen organisation brings the agreements it is a party to and the projects it
  leads, hosts or partners in.
- A date range keeps agreements in force (or being negotiated) during it, projects
  running during it, and the deliveries, activities and deadlines that fall in it;
  it never drops an agreement that was chosen by name.
- With nothing chosen, the pack covers every agreement.

The organisations profiled are the chosen ones first, then the agreements' parties.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from coordinator_app.core.errors import NotFound, ValidationError
from coordinator_app.core.records.models import (
    Agreement,
    AgreementParty,
    Organization,
    Project,
    ProjectAgreement,
    ProjectPartner,
)
from coordinator_app.core.records.tombstones import alive
from coordinator_app.i18n import _


@dataclass
class Scope:
    organization_ids: list[str] = field(default_factory=list)  # profiled, in print order
    chosen_organization_ids: list[str] = field(default_factory=list)
    agreement_ids: list[str] = field(default_factory=list)
    project_ids: list[str] = field(default_factory=list)
    date_from: date | None = None
    date_to: date | None = None

    def in_range(self, day: date | None) -> bool:
        """Whether a dated event belongs in the pack (undated ones only without a range)."""
        if day is None:
            return self.date_from is None and self.date_to is None
        return ((self.date_from is None or day >= self.date_from)
                and (self.date_to is None or day <= self.date_to))


def _existing(session: Session, cls, ids: tuple[str, ...], message: str) -> list[str]:
    found = set(session.scalars(select(cls.id).where(cls.id.in_(ids), alive(cls))))
    missing = [i for i in ids if i not in found]
    if missing:
        raise NotFound(message.format(id=missing[0]))
    return list(dict.fromkeys(ids))


def _overlaps(start_col, end_col, date_from: date | None, date_to: date | None):
    conditions = []
    if date_to is not None:
        conditions.append(or_(start_col.is_(None), start_col <= date_to))
    if date_from is not None:
        conditions.append(or_(end_col.is_(None), end_col >= date_from))
    return conditions


def resolve_scope(session: Session, organization_ids: tuple[str, ...],
                  agreement_ids: tuple[str, ...], date_from: date | None,
                  date_to: date | None) -> Scope:
    if date_from is not None and date_to is not None and date_to < date_from:
        raise ValidationError(_("The period ends ({end}) before it starts ({start}); "
                                "swap the dates.").format(end=date_to, start=date_from))
    orgs = _existing(session, Organization, organization_ids,
                     _("There is no organisation with id {id}; it may have been deleted."))
    chosen = _existing(session, Agreement, agreement_ids,
                       _("There is no agreement with id {id}; it may have been deleted."))

    query = select(Agreement.id).where(alive(Agreement))
    if orgs or chosen:
        query = query.where(Agreement.id.in_(
            select(AgreementParty.agreement_id).where(
                AgreementParty.organization_id.in_(orgs), alive(AgreementParty))))
    start = func.coalesce(Agreement.effective_from, Agreement.signed_on)
    query = query.where(*_overlaps(start, Agreement.expires_on, date_from, date_to))
    found = set(session.scalars(query)) | set(chosen)
    agreements = list(session.scalars(
        select(Agreement.id).where(Agreement.id.in_(found))
        .order_by(Agreement.signed_on.is_(None), Agreement.signed_on.desc(),
                  func.lower(Agreement.title))))
    # Chosen agreements first, in the order chosen.
    agreements = chosen + [a for a in agreements if a not in set(chosen)]

    parties = session.scalars(
        select(AgreementParty.organization_id).join(
            Organization, Organization.id == AgreementParty.organization_id)
        .where(AgreementParty.agreement_id.in_(agreements), alive(AgreementParty))
        .order_by(Organization.sort_key)).all()
    profiled = list(dict.fromkeys([*orgs, *parties]))

    linked = select(ProjectAgreement.project_id).where(
        ProjectAgreement.agreement_id.in_(agreements), alive(ProjectAgreement))
    involved = [Project.id.in_(linked)]
    if orgs:
        involved += [
            Project.lead_id.in_(orgs), Project.location_id.in_(orgs),
            Project.id.in_(select(ProjectPartner.project_id).where(
                ProjectPartner.organization_id.in_(orgs), alive(ProjectPartner))),
        ]
    projects = list(session.scalars(
        select(Project.id).where(alive(Project), or_(*involved),
                                 *_overlaps(Project.start_on, Project.end_on, date_from, date_to))
        .order_by(Project.sort_key)))
    return Scope(organization_ids=profiled, chosen_organization_ids=orgs,
                 agreement_ids=agreements, project_ids=projects,
                 date_from=date_from, date_to=date_to)
