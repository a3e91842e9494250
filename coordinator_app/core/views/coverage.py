"""How far a need is covered, as the dashboard and the editors show it: the need, what
partners pledged and deliveries brought, and the texts that say what is uncovered.
(The queries are core.views.needs' and core.views.dashboard's; this module imports
no database code, so the first window reads it before SQLAlchemy is loaded.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from coordinator_app.core.records import units
from coordinator_app.i18n import _


@dataclass(frozen=True)
class Coverage:
    """One need and how far it is covered, in the need's unit."""

    id: str
    item: str
    community: str
    quantity: float
    unit: str | None
    priority: str
    needed_by: date | None
    status: str
    pledged: float
    delivered: float

    @property
    def uncovered(self) -> float:
        return max(0.0, self.quantity - self.pledged)


def uncovered_text(need: Coverage, lang: str | None = None) -> str:
    """"60 of 100 pcs": what no partner has pledged yet, of the whole need."""
    from coordinator_app.core.text.formatting import format_number

    return _("{uncovered} of {quantity} {unit}").format(
        uncovered=format_number(need.uncovered, lang), quantity=format_number(need.quantity, lang),
        unit=units.label(need.unit, lang)).strip()


def coverage_text(need: Coverage) -> str:
    """"Pledged 40 pcs, delivered 40 pcs; still uncovered: 20 of 60 pcs"."""
    from coordinator_app.core.text.formatting import format_number

    amount = lambda value: f"{format_number(value)} {units.label(need.unit)}".strip()  # noqa: E731
    return _("Pledged {pledged}, delivered {delivered}; still uncovered: {uncovered}").format(
        pledged=amount(need.pledged), delivered=amount(need.delivered),
        uncovered=uncovered_text(need))
