"""People and organisations as vCard 3.0, the version phones and Outlook read best."""

from __future__ import annotations

from sqlalchemy.orm import Session

from coordinator_app.core.records.models import ContactPoint, Organization, Person
from coordinator_app.interchange.export import _org_names, contacts_of, positions_of

#: ContactPoint labels as vCard TYPE values.
_TYPES = {"mobile": "CELL", "work": "WORK", "home": "HOME", "fax": "FAX"}


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """Lines of at most 75 octets, continued with a space (RFC 6350 3.2)."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _split_name(full_name: str) -> tuple[str, str]:
    """(family, given) for N: the last word is the family name ("Ігор Терехов")."""
    words = full_name.split()
    if len(words) < 2:
        return full_name, ""
    return words[-1], " ".join(words[:-1])


def _contact_lines(contacts: list[ContactPoint]) -> list[str]:
    lines = []
    for contact in contacts:
        label = _TYPES.get((contact.label or "").lower())
        if contact.kind == "email":
            lines.append("EMAIL;TYPE=INTERNET" + (f",{label}" if label else "") + ":"
                         + _escape(contact.value))
        elif contact.kind == "phone":
            lines.append("TEL;TYPE=" + (label or "VOICE") + ":" + _escape(contact.value))
        elif contact.kind in ("telegram", "signal", "whatsapp", "viber"):
            lines.append(f"X-SOCIALPROFILE;TYPE={contact.kind}:" + _escape(contact.value))
    return lines


def vcards(session: Session, kind: str, objs: list) -> bytes:
    ids = [o.id for o in objs]
    cards: list[str] = []
    if kind == "person":
        contacts = contacts_of(session, ContactPoint.person_id, ids)
        positions = positions_of(session, ids)
        names = _org_names(session, {a.organization_id for held in positions.values()
                                     for a in held})
    else:
        contacts = contacts_of(session, ContactPoint.organization_id, ids)
    for obj in objs:
        lines = ["BEGIN:VCARD", "VERSION:3.0", f"UID:urn:uuid:{obj.id}"]
        if isinstance(obj, Person):
            family, given = _split_name(obj.full_name)
            lines += [f"FN:{_escape(obj.full_name)}",
                      f"N:{_escape(family)};{_escape(given)};;;"]
            if obj.latin_name:
                # No vCard property holds a second spelling; phones ignore this one.
                lines.append(f"X-LATIN-NAME:{_escape(obj.latin_name)}")
            if obj.other_names:
                lines.append("NICKNAME:" + ",".join(
                    _escape(n) for n in obj.other_names.split("\n") if n))
            held = positions.get(obj.id, [])
            if held:
                lines.append(f"ORG:{_escape(names.get(held[0].organization_id, ''))}")
                if held[0].position:
                    lines.append(f"TITLE:{_escape(held[0].position)}")
        else:
            assert isinstance(obj, Organization)
            lines += [f"FN:{_escape(obj.name)}", "N:;;;;", f"ORG:{_escape(obj.name)}",
                      "X-ABShowAs:COMPANY"]
            if obj.website:
                lines.append(f"URL:{_escape(obj.website)}")
            if obj.address:
                lines.append(f"ADR;TYPE=WORK:;;{_escape(obj.address)};;;;{obj.country or ''}")
        lines += _contact_lines(contacts.get(obj.id, []))
        if obj.notes:
            lines.append(f"NOTE:{_escape(obj.notes)}")
        lines.append("END:VCARD")
        cards.append("\r\n".join(_fold(line) for line in lines))
    return ("\r\n".join(cards) + "\r\n").encode("utf-8")
