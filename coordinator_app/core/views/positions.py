"""What a person does now: their positions that have not ended, latest first.

A signatory signs for the organisation they hold a position at, with that
position as their title; the agreement form offers these as it fills a new
signatory's row.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_
from sqlalchemy.orm import Session

from coordinator_app.core.records.models import Affiliation
from coordinator_app.core.records.tombstones import live


def current_positions(session: Session, person_id: str,
                      today: date | None = None) -> list[tuple[str, str | None]]:
    """(organisation id, position) of the person's live positions open on `today`."""
    today = today or date.today()
    rows = session.scalars(live(
        Affiliation, Affiliation.person_id == person_id,
        or_(Affiliation.end_on.is_(None), Affiliation.end_on >= today),
        or_(Affiliation.start_on.is_(None), Affiliation.start_on <= today),
    ).order_by(Affiliation.start_on.desc(), Affiliation.created_at.desc()))
    return [(row.organization_id, row.position) for row in rows]
