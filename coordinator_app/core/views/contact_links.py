"""The ways to reach a person or organisation, each with the link a program on the
computer can open: `mailto:` for an e-mail, `tel:` for a phone, Signal's and
Telegram's own links for their handles, WhatsApp's and Viber's for theirs.

Whether a program answers a link is the desktop's business (the app asks it and
says so when nothing does); this module only writes the links, from what the
record holds, and lists the lines of a record in one order for menus and the
contact sheet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from sqlalchemy import select
from sqlalchemy.orm import Session

from coordinator_app.core.records.models import ContactPoint, Organization, Person
from coordinator_app.core.records.tombstones import alive

#: The order lines are offered in: the quickest way to reach someone first.
ORDER = ("phone", "email", "signal", "telegram", "whatsapp", "viber", "other")
_NOT_DIAL = re.compile(r"[^\d+]")
_HANDLE = re.compile(r"^@?([A-Za-z][A-Za-z0-9_]{3,31})$")


@dataclass(frozen=True)
class ContactLine:
    #: The contact kind (core.records.vocab.CONTACT_KINDS), or "address" and "website".
    kind: str
    value: str
    label: str | None = None
    #: The link a program may open, or None (an address, a handle that is no link).
    url: str | None = None


def _digits(value: str) -> str | None:
    """A phone number as dialled: "+380 67 000-11-22" → "+380670001122"."""
    dial = _NOT_DIAL.sub("", value)
    if dial.count("+") > 1 or "+" in dial[1:]:
        return None
    return dial if len(dial.lstrip("+")) >= 5 else None


def link(kind: str, value: str) -> str | None:
    """The link that opens `value` of contact `kind` in the program made for it."""
    value = value.strip()
    if kind == "email":
        return f"mailto:{quote(value, safe='@.+-_')}" if "@" in value else None
    if kind == "website":
        return value if re.match(r"^https?://", value) else f"https://{value}"
    number = _digits(value)
    handle = _HANDLE.match(value)
    if kind == "phone":
        return f"tel:{number}" if number else None
    if kind == "signal":
        return f"sgnl://signal.me/#p/{number}" if number and number.startswith("+") else None
    if kind == "telegram":
        if handle and value.startswith("@") or handle and not number:
            return f"tg://resolve?domain={handle.group(1)}"
        return f"tg://resolve?phone={number.lstrip('+')}" if number else None
    if kind == "whatsapp":
        return f"whatsapp://send?phone={number.lstrip('+')}" if number else None
    if kind == "viber":
        return f"viber://chat?number={quote(number)}" if number else None
    return None


def _line(contact: ContactPoint) -> ContactLine:
    return ContactLine(contact.kind, contact.value, contact.label,
                       link(contact.kind, contact.value))


def _ordered(lines: list[ContactLine]) -> list[ContactLine]:
    rank = {kind: number for number, kind in enumerate(ORDER)}
    return sorted(lines, key=lambda line: rank.get(line.kind, len(ORDER)))


def lines_of(session: Session, kind: str, record_ids: list[str]) -> dict[str, list[ContactLine]]:
    """The contact lines of each record (people or organisations), best first; an
    organisation's address and website come last."""
    found: dict[str, list[ContactLine]] = {record_id: [] for record_id in record_ids}
    if kind not in ("person", "organization"):
        return found
    column = ContactPoint.person_id if kind == "person" else ContactPoint.organization_id
    for start in range(0, len(record_ids), 500):
        chunk = record_ids[start:start + 500]
        for contact in session.scalars(select(ContactPoint).where(
                column.in_(chunk), alive(ContactPoint, links=False))
                .order_by(ContactPoint.created_at, ContactPoint.id)):
            found[getattr(contact, column.key)].append(_line(contact))
        if kind == "organization":
            for org_id, address, website in session.execute(
                    select(Organization.id, Organization.address, Organization.website)
                    .where(Organization.id.in_(chunk))):
                if address:
                    found[org_id].append(ContactLine("address", address))
                if website:
                    found[org_id].append(ContactLine("website", website, None,
                                                     link("website", website)))
    return {record_id: _ordered(lines) for record_id, lines in found.items()}


def reachable(kind: str) -> bool:
    """Whether records of `kind` have ways to reach them."""
    return kind in (Person.KIND, Organization.KIND)


def home_country(session: Session, owner_fk: str, owner_id: str | None) -> str | None:
    """The country a contact of this owner is most likely dialled in: an organisation's
    own, or that of the organisation a person holds a position at now (the latest),
    which each person keeps (core.records.current_country). The owner is in the
    session already when its editor asks, so this reads nothing more."""
    if owner_id is None:
        return None
    owner = session.get(Organization if owner_fk == "organization_id" else Person, owner_id)
    if owner is None:
        return None
    return owner.country if isinstance(owner, Organization) else owner.current_country


def phone_hint(country: str | None) -> str:
    """How a number of `country` begins, as a field's hint: "+370 …" for Lithuania,
    "+ …" where the country, or its calling code, is unknown."""
    import phonenumbers

    code = phonenumbers.country_code_for_region(country.upper()) if country else 0
    return f"+{code} …" if code else "+ …"
