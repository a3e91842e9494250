"""How far each need is covered: what partners pledged, what deliveries brought, and
what is still uncovered; the needs and pledges of one organisation.

The tombstone rule holds throughout: deleted needs, pledges and deliveries, and
pledges of deleted organisations, count for nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from coordinator_app.core.records import languages, units, vocab
from coordinator_app.core.records.models import Need, Organization, Pledge
# Coverage and its texts are their own module's, for the first window to read without
# SQLAlchemy; they are part of this module's interface.
from coordinator_app.core.views.coverage import (  # noqa: F401
    Coverage, coverage_text, uncovered_text)
# One statement says what covers a need, for the dashboard (before SQLAlchemy is loaded)
# and for every other list of needs.
from coordinator_app.core.views.dashboard import coverage, open_needs
from coordinator_app.i18n import current_language


def of_need(session: Session, need_id: str) -> Coverage | None:
    found = coverage(session, "n.id = ?", (need_id,))
    return found[0] if found else None


def in_progress(session: Session, limit: int = 50, lang: str | None = None) -> list[Coverage]:
    """Needs still waiting for pledges or deliveries: most urgent, then soonest, first
    (the dashboard's query, run in `session`)."""
    return open_needs(session, limit=limit, lang=lang)


def of_organization(session: Session, organization_id: str) -> list[Coverage]:
    """The needs a community recorded."""
    return coverage(session, "n.organization_id = ?", (organization_id,))


def needs_involving(session: Session, organization_ids,
                    lang: str | None = None) -> list[Coverage]:
    """Needs of these organisations, and needs any of them pledged to (a briefing pack
    in `lang`)."""
    ids = tuple(sorted(organization_ids))
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    return coverage(session, f"(n.organization_id IN ({marks}) OR n.id IN (SELECT need_id "
                             f"FROM pledges WHERE organization_id IN ({marks}) "
                             "AND deleted_at IS NULL))",
                    ids + ids, "o.sort_key, n.sort_key, n.id", lang)


@dataclass(frozen=True)
class PledgeLine:
    need_id: str
    item: str
    community: str
    quantity: float
    unit: str | None
    expected_on: date | None


def pledged_by(session: Session, organization_id: str) -> list[PledgeLine]:
    """What an organisation pledged, to whom, with the need it answers; the item and
    the community as the interface language's reader reads them."""
    lang = current_language()
    community = aliased(Organization)
    named = (languages.text_columns(Need, "item", lang), languages.name_columns(community, lang))
    rows = session.execute(
        select(Need.id, *(column for columns in named for column in columns),
               Pledge.quantity, Need.unit, Pledge.expected_on)
        .join(Need, Need.id == Pledge.need_id)
        .join(community, community.id == Need.organization_id)
        .where(Pledge.organization_id == organization_id, Pledge.deleted_at.is_(None),
               Need.deleted_at.is_(None), community.deleted_at.is_(None))
        .order_by(Pledge.expected_on.is_(None), Pledge.expected_on, Need.sort_key))
    found = []
    for row in rows:
        (item, name), rest = languages.reader_names(row, named, lang, 1)
        found.append(PledgeLine(row[0], item, name, *row[rest:]))
    return found


def pledge_choices(session: Session) -> list[tuple[str, str]]:
    """(id, "Plungės rajono savivaldybė → Харківська міська рада: Diesel generators 30 kW,
    40 pcs") of the live pledges to needs still waiting for deliveries: what a delivery
    can fulfil, named in the interface language."""
    from coordinator_app.core.text.formatting import format_number

    lang = current_language()
    pledger, community = aliased(Organization), aliased(Organization)
    named = (languages.name_columns(pledger, lang), languages.name_columns(community, lang),
             languages.text_columns(Need, "item", lang))
    rows = session.execute(
        select(Pledge.id, *(column for columns in named for column in columns),
               Pledge.quantity, Need.unit)
        .join(Need, Need.id == Pledge.need_id)
        .join(pledger, pledger.id == Pledge.organization_id)
        .join(community, community.id == Need.organization_id)
        .where(Pledge.deleted_at.is_(None), Need.deleted_at.is_(None),
               pledger.deleted_at.is_(None), community.deleted_at.is_(None),
               Need.status.in_(vocab.NEEDS_IN_PROGRESS))
        .order_by(community.sort_key, Need.sort_key, pledger.sort_key))
    found = []
    for row in rows:
        (giver, taker, item), rest = languages.reader_names(row, named, lang, 1)
        quantity, unit = row[rest:]
        found.append((row[0], f"{giver} → {taker}: {item}, "
                              f"{format_number(quantity)} {units.label(unit)}".strip()))
    return found
