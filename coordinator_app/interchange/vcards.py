"""Address books as phones and mail programs export them: vCard 2.1, 3.0 and 4.0.

Android and old Nokias write 2.1 with quoted-printable names split over lines;
iPhones write 3.0 with grouped labels (item1.TEL + item1.X-ABLabel); Outlook,
Thunderbird and Google write 3.0 or 4.0. vobject parses each card once the
quoted-printable lines are made plain; a card it cannot read is reported by its
line and the others still come in.
"""

from __future__ import annotations

import quopri
import re
from typing import Any

from coordinator_app.core.views.duplicates import name_key
from coordinator_app.i18n import _
from coordinator_app.interchange.csv_reader import decode
from coordinator_app.interchange.incoming import Incoming
from coordinator_app.interchange.mapping import add_contact
from coordinator_app.interchange.problems import UnreadableFile

SUFFIXES = (".vcf", ".vcard")
_BEGIN = re.compile(r"^BEGIN:VCARD\s*$", re.IGNORECASE)
_END = re.compile(r"^END:VCARD\s*$", re.IGNORECASE)
#: Binary properties: left out, with a note (the app keeps no photos of people).
_BINARY = ("PHOTO", "LOGO", "SOUND", "KEY")
#: Type parameters that name a contact's label, as phones and Outlook write them.
_LABELS = {"cell": "mobile", "mobile": "mobile", "iphone": "mobile", "work": "work",
           "home": "home", "fax": "fax", "main": "main", "pager": "pager", "other": "other"}
#: Messenger services as IMPP schemes, X-SERVICE-TYPE or X-SOCIALPROFILE types.
_MESSENGERS = {"telegram": "telegram", "signal": "signal", "whatsapp": "whatsapp",
               "viber": "viber", "tg": "telegram", "sgnl": "signal"}


def looks_like_vcard(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf\xff\xfe\x00").upper().replace(b"\x00", b"")
    return head.lstrip().startswith(b"BEGIN:VCARD")


def _cards(text: str) -> list[tuple[int, list[str]]]:
    """Each card's lines with the line number it starts on."""
    cards: list[tuple[int, list[str]]] = []
    current: list[str] | None = None
    start = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if _BEGIN.match(line.strip()):
            current, start = [line.strip()], number
        elif current is not None:
            current.append(line)
            if _END.match(line.strip()):
                cards.append((start, current))
                current = None
    return cards


def _split_property(line: str) -> tuple[str, str]:
    """NAME;PARAMS and the value: the first colon outside double quotes."""
    quoted = False
    for i, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return line[:i], line[i + 1:]
    return line, ""


def _plain(lines: list[str]) -> tuple[list[str], bool]:
    """The card's lines with quoted-printable values decoded and binary properties
    (photos) left out; whether a photo was there."""
    out: list[str] = []
    photo = False
    i = 0
    while i < len(lines):
        line = lines[i].rstrip("\r")
        i += 1
        head, value = _split_property(line)
        name = head.split(";")[0].split(".")[-1].upper()
        if name in _BINARY:
            photo = True
            # Its folded lines (and vCard 2.1's base64 block up to a blank line) go too.
            while i < len(lines) and (lines[i][:1] in (" ", "\t") or (
                    lines[i].strip() and ":" not in lines[i])):
                i += 1
            continue
        params = head.upper()
        if "QUOTED-PRINTABLE" in params:
            while value.endswith("=") and i < len(lines):
                value = value[:-1] + lines[i].rstrip("\r")
                i += 1
            charset = re.search(r"CHARSET=([\w-]+)", head, re.IGNORECASE)
            raw = quopri.decodestring(value.encode("ascii", errors="replace"))
            try:
                value = raw.decode(charset.group(1) if charset else "utf-8")
            except (LookupError, UnicodeDecodeError):
                value = raw.decode("cp1251", errors="replace")
            kept = [p for p in head.split(";")
                    if not re.match(r"(ENCODING|CHARSET)=|QUOTED-PRINTABLE$", p, re.IGNORECASE)]
            value = value.replace("\\", "\\\\").replace("\r\n", "\\n").replace("\n", "\\n")
            out.append(";".join(kept) + ":" + value)
            continue
        if ";" in head:
            kept = [p for p in head.split(";") if not re.match(r"CHARSET=", p, re.IGNORECASE)]
            line = ";".join(kept) + ":" + value
        out.append(line)
    return out, photo


def _types(line) -> list[str]:
    found = []
    for value in line.params.get("TYPE", []):
        found.extend(v.strip().strip('"').lower() for v in value.split(","))
    found.extend(p.lower() for p in getattr(line, "singletonparams", []))
    return found


def _label(line, group_labels: dict[str, str]) -> str | None:
    if line.group and line.group.lower() in group_labels:
        return group_labels[line.group.lower()]
    for kind in _types(line):
        if kind in _LABELS and kind not in ("voice", "internet", "pref"):
            return _LABELS[kind]
    return None


def _text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return " ".join(str(v).strip() for v in value if str(v).strip())
    return str(value or "").strip()


def _card(source: str, start: int, lines: list[str], country: str | None) -> Incoming:
    import vobject

    plain, photo = _plain(lines)
    item = Incoming("person", source, start, country=country)
    try:
        card = vobject.readOne("\r\n".join(plain) + "\r\n", ignoreUnreadable=True)
    except Exception as exc:  # noqa: BLE001 - vobject raises several kinds for bad input
        item.problem(None, _("this card cannot be read ({reason})").format(
            reason=type(exc).__name__))
        return item
    if photo:
        item.notes.append(_("the photo was left out"))
    by_name: dict[str, list] = {}
    group_labels: dict[str, str] = {}
    for line in card.lines():
        by_name.setdefault(line.name.upper(), []).append(line)
        if line.name.upper() == "X-ABLABEL" and line.group:
            # iPhone labels: "_$!<Mobile>!$_" for its own, plain text for the person's.
            label = re.sub(r"^_\$!<(.*)>!\$_$", r"\1", _text(line.value)).lower()
            group_labels[line.group.lower()] = _LABELS.get(label, label)

    def first(name: str) -> str:
        return _text(by_name[name][0].value) if name in by_name else ""

    name = first("FN")
    if "N" in by_name:
        n = by_name["N"][0].value
        parts = [getattr(n, a, "") for a in ("given", "additional", "family")]
        composed = " ".join(_text(p) for p in parts if _text(p))
        name = name or composed
    organization, position = "", first("TITLE") or first("ROLE")
    if "ORG" in by_name:
        org = by_name["ORG"][0].value
        units = [str(u).strip() for u in (org if isinstance(org, (list, tuple)) else [org])]
        organization = units[0] if units else ""
        if len(units) > 1 and any(units[1:]):
            position = ", ".join(p for p in (position, *units[1:]) if p)
    # vCard 4.0 says so with KIND:org (RFC 6350 6.1.4), the iPhone with X-ABShowAs.
    company = first("X-ABSHOWAS").upper() == "COMPANY" or first("KIND").lower() == "org" or (
        not name and organization) or (organization and name == organization and not position)
    if company:
        item.kind = "organization"
        item.values["name"] = organization or name
        if name and organization and name_key(name) != name_key(organization):
            # "ABC Marketing" for the organisation "ABC, Inc.": another name it goes by.
            item.values["other_names"] = name
        if "URL" in by_name:
            item.values["website"] = first("URL")
        if "ADR" in by_name:
            item.values["address"] = _address(by_name["ADR"][0].value)
    else:
        item.values["full_name"] = name
        if organization:
            item.affiliations.append((organization, position or None))
        elif position:
            item.values["notes"] = position
    if item.kind == "person":
        # vobject keeps only the first of "NICKNAME:a,b"; the raw line has them all.
        nicknames = [n.replace("\\,", ",").strip() for line in plain
                     if _split_property(line)[0].split(";")[0].split(".")[-1].upper()
                     == "NICKNAME"
                     for n in re.split(r"(?<!\\),", _split_property(line)[1])]
        # The same name written again in another language or script (FN;ALTID=1;
        # LANGUAGE=ja:山田太郎) is another spelling of it, kept with the nicknames.
        spellings = [_text(line.value) for line in by_name.get("FN", [])[1:]]
        others = [n for n in dict.fromkeys([*spellings, *nicknames]) if n and n != name]
        if others:
            item.values["other_names"] = "\n".join(others)
        if "X-LATIN-NAME" in by_name:
            item.values["latin_name"] = first("X-LATIN-NAME")
    note = "\n".join(_text(line.value) for line in by_name.get("NOTE", []))
    if note:
        item.values["notes"] = "\n".join(p for p in (item.values.get("notes"), note) if p)
    for line in by_name.get("EMAIL", []):
        if _text(line.value):
            add_contact(item, "email", _text(line.value), _label(line, group_labels), "EMAIL")
    for line in by_name.get("TEL", []):
        text = _text(line.value)
        if text:
            add_contact(item, "phone", text[4:] if text.lower().startswith("tel:") else text,
                     _label(line, group_labels), "TEL")
    for prop in ("IMPP", "X-SOCIALPROFILE"):
        for line in by_name.get(prop, []):
            _messenger(item, line)
    if not item.label:
        item.problem(None, _("the card has no name"))
    return item


def _messenger(item: Incoming, line) -> None:
    value = _text(line.value)
    scheme, _sep, rest = value.partition(":")
    service = (line.params.get("X-SERVICE-TYPE", [""])[0] or "").lower()
    service = service or next((t for t in _types(line) if t in _MESSENGERS), "") or scheme.lower()
    kind = _MESSENGERS.get(service)
    if kind is None:
        return
    # "telegram:@name", "x-apple:name", "sgnl://name.07"; a web link keeps its address.
    handle = value if not rest or scheme.lower() in ("http", "https") else rest
    handle = handle.lstrip("/")
    for prefix in ("https://", "http://"):
        handle = handle[len(prefix):] if handle.startswith(prefix) else handle
    if handle.startswith("t.me/"):
        handle = "@" + handle[5:]
    add_contact(item, kind, handle, None, line.name.upper())


def _address(value: Any) -> str:
    parts = [getattr(value, a, "") for a in ("street", "city", "region", "code", "country")]
    return ", ".join(_text(p) for p in parts if _text(p))


def read_vcards(data: bytes, source: str, *, encoding: str | None = None,
                country: str | None = None) -> list[Incoming]:
    text, _encoding = decode(data, source, encoding)
    cards = _cards(text)
    if not cards:
        raise UnreadableFile(source, _("the file holds no vCard (BEGIN:VCARD … END:VCARD)"))
    return [_card(source, start, lines, country) for start, lines in cards]

