"""Closed vocabularies: stored codes and their display labels (translated where shown).

The two sets read from CLDR (CURRENCIES, COUNTRIES) are made on first use: importing
this module (as every start does) then loads no part of Babel, and a command or a
window that checks no country or currency never makes them.
"""

from __future__ import annotations

from functools import lru_cache

from coordinator_app.i18n import N_

ORGANIZATION_KINDS = {
    "municipality": N_("Municipality / community"),
    "association": N_("Association"),
    "ngo": N_("NGO"),
    "donor": N_("Donor"),
    "ministry": N_("Ministry / government body"),
    "company": N_("Company"),
    "other": N_("Other"),
}

CONTACT_KINDS = {
    "phone": N_("Phone"),
    "email": N_("E-mail"),
    "signal": N_("Signal"),
    "telegram": N_("Telegram"),
    "whatsapp": N_("WhatsApp"),
    "viber": N_("Viber"),
    "other": N_("Other"),
}

AGREEMENT_KINDS = {
    "memorandum": N_("Memorandum of cooperation"),
    "mou": N_("Memorandum of understanding"),
    "twinning": N_("Twinning agreement"),
    "partnership": N_("Partnership agreement"),
    "grant": N_("Grant agreement"),
    "letter_of_intent": N_("Letter of intent"),
}

AGREEMENT_STATUSES = {
    "draft": N_("Draft"),
    "negotiation": N_("In negotiation"),
    "signed": N_("Signed"),
    "active": N_("Active"),
    "expired": N_("Expired"),
    "terminated": N_("Terminated"),
}

PARTY_ROLES = {
    "party": N_("Party"),
    "coordinator": N_("Coordinator"),
    "donor": N_("Donor"),
    "observer": N_("Observer"),
}

COMMITMENT_STATUSES = {
    "open": N_("Open"),
    "in_progress": N_("In progress"),
    "done": N_("Done"),
    "cancelled": N_("Cancelled"),
}

#: Commitments someone still has to act on: past their due date, they are overdue.
COMMITMENTS_PENDING = ("open", "in_progress")

PROJECT_STATUSES = {
    "planned": N_("Planned"),
    "active": N_("Active"),
    "on_hold": N_("On hold"),
    "completed": N_("Completed"),
    "cancelled": N_("Cancelled"),
}

#: Projects not yet finished: past their end date, they are overdue.
PROJECTS_UNDER_WAY = ("planned", "active", "on_hold")

PARTNER_ROLES = {
    "partner": N_("Partner"),
    "donor": N_("Donor"),
    "implementer": N_("Implementer"),
    "beneficiary": N_("Beneficiary"),
}

MILESTONE_STATUSES = {
    "planned": N_("Planned"),
    "done": N_("Done"),
    "late": N_("Late"),
    "cancelled": N_("Cancelled"),
}

#: Milestones still awaited: past their day, they are overdue.
MILESTONES_PENDING = ("planned", "late")

ACTIVITY_KINDS = {
    "meeting": N_("Meeting"),
    "call": N_("Call"),
    "visit": N_("Visit"),
    "signing": N_("Signing"),
    "delivery": N_("Delivery"),
    "other": N_("Other"),
}

NEED_STATUSES = {
    "open": N_("Open"),
    "pledged": N_("Pledged"),
    "partly_delivered": N_("Partly delivered"),
    "delivered": N_("Delivered"),
    "cancelled": N_("Cancelled"),
}
#: Needs still waiting for pledges or deliveries (the dashboard lists these).
NEEDS_IN_PROGRESS = ("open", "pledged", "partly_delivered")

NEED_PRIORITIES = {
    "urgent": N_("Urgent"),
    "high": N_("High"),
    "normal": N_("Normal"),
    "low": N_("Low"),
}

def _currencies() -> frozenset[str]:
    """ISO 4217 currency codes as Unicode's CLDR (through Babel) knows them: today's and
    withdrawn ones, so that a 2014 project budgeted in litas keeps its LTL. Pickers
    offer the ones in use (core.records.currencies)."""
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


def _countries() -> frozenset[str]:
    """Countries by their two-letter ISO 3166 code: the places Unicode's CLDR (through
    Babel) knows people and languages of, which leaves out groupings such as EU and
    UN and the pseudo-regions; ZZ is CLDR's "unknown region"."""
    from babel.core import get_global

    return frozenset(code for code in get_global("territory_languages")
                     if len(code) == 2 and code.isalpha() and code != "ZZ")


_MADE_ON_FIRST_USE = {"CURRENCIES": _currencies, "COUNTRIES": _countries}


def __getattr__(name: str) -> frozenset[str]:
    # Called only while the name is not yet a global of the module: once made, the
    # set is stored as one and read as any other.
    make = _MADE_ON_FIRST_USE.get(name)
    if make is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    made = globals()[name] = make()
    return made


@lru_cache(maxsize=None)
def minor_units(currency: str) -> int:
    """Digits after the decimal point of an amount in `currency`, from CLDR: none for
    yen and forint, three for dinars, two where CLDR knows no other."""
    from babel.numbers import get_currency_precision

    return get_currency_precision(currency)
