"""What a person does now: the positions they hold today, the current one first
(core.records.current_position).

A signatory signs for the organisation they hold a position at, with that
position as their title; the agreement form offers these as it fills a new
signatory's row.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from coordinator_app.core.records.current_position import held_on, latest_first
from coordinator_app.core.records.models import Affiliation
from coordinator_app.core.records.tombstones import live


def current_positions(session: Session, person_id: str,
                      today: date | None = None) -> list[tuple[str, str | None]]:
    """(organisation id, position) of the person's live positions open on `today`."""
    today = today or date.today()
    rows = session.scalars(live(
        Affiliation, Affiliation.person_id == person_id, held_on(Affiliation, today),
    ).order_by(*latest_first(Affiliation)))
    return [(row.organization_id, row.position) for row in rows]
