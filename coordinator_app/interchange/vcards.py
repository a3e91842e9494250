"""Address books as phones and mail programs export them: vCard 2.1, 3.0 and 4.0.

Android and old Nokias write 2.1 with quoted-printable names split over lines;
iPhones write 3.0 with grouped labels (item1.TEL + item1.X-ABLabel); Outlook,
Thunderbird and Google write 3.0 or 4.0. Once the quoted-printable lines are made
plain, vobject splits each line into group, name, parameters and value; the values
are read here, as exporters write them: a comma the writer did not escape is part
of the text ("Head, Department", Outlook's "Company, The"), where vobject's own
reading keeps only what comes before it. A line that cannot be read is left out
with a note, and the card's other lines still come in.
"""

from __future__ import annotations

import io
import quopri
import re
from typing import NamedTuple

from coordinator_app.core.views.duplicates import name_key
from coordinator_app.i18n import _, ngettext
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
#: In order of precedence when a line has several.
_LABELS = {"fax": "fax", "pager": "pager", "cell": "mobile", "mobile": "mobile",
           "iphone": "mobile", "main": "main", "work": "work", "home": "home", "other": "other"}
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


class _Property(NamedTuple):
    """One line of a card: `value` as written, escapes and all."""
    name: str
    group: str | None
    params: dict[str, list[str]]
    singletons: list[str]
    value: str


def _properties(plain: list[str]) -> tuple[list[_Property], int]:
    """The card's lines between BEGIN and END, unfolded and split; how many could not be
    read."""
    from vobject.base import ParseError, getLogicalLines, parseLine

    found: list[_Property] = []
    skipped = 0
    for line, _number in getLogicalLines(io.StringIO("\r\n".join(plain) + "\r\n")):
        try:
            name, params, value, group = parseLine(line)
        except ParseError:
            # Parameters no standard knows (Samsung's "TEL;X-CUSTOM(CHARSET=UTF-8,
            # ENCODING=QUOTED-PRINTABLE,=D0=A0…):+380…") cost the line its label only.
            head, value = _split_property(line)
            group, _dot, name = head.split(";")[0].rpartition(".")
            if not value or not re.fullmatch(r"[A-Za-z][\w-]*", name):
                skipped += 1
                continue
            params = []
        if name.upper() in ("BEGIN", "END"):
            continue
        named: dict[str, list[str]] = {}
        singletons = []
        for param in params:
            if len(param) == 1:
                singletons.append(param[0])
            else:
                named.setdefault(param[0].upper(), []).extend(param[1:])
        found.append(_Property(name.upper(), group.lower() if group else None, named,
                               singletons, value))
    return found, skipped


def _unescape(raw: str) -> str:
    """RFC 6350 3.4's escapes: "\\n" is a new line, a backslash keeps the next letter."""
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), raw,
                  flags=re.DOTALL)


def _split(raw: str, separator: str) -> list[str]:
    """The parts of a value between separators that are not escaped, unescaped."""
    return [_unescape(part) for part in re.split(rf"(?<!\\){separator}", raw)]


def _text(prop: _Property) -> str:
    return _unescape(prop.value).strip()


def _types(prop: _Property) -> list[str]:
    found = []
    for value in prop.params.get("TYPE", []):
        found.extend(v.strip().strip('"').lower() for v in value.split(","))
    found.extend(p.lower() for p in prop.singletons)
    return found


def _label(prop: _Property, group_labels: dict[str, str]) -> str | None:
    if prop.group and prop.group in group_labels:
        return group_labels[prop.group]
    # "TEL;WORK;FAX" is a fax at work: what the line is comes before where it is.
    types = _types(prop)
    return next((_LABELS[kind] for kind in _LABELS if kind in types), None)


def _card(source: str, start: int, lines: list[str], country: str | None) -> Incoming:
    plain, photo = _plain(lines)
    item = Incoming("person", source, start, country=country)
    props, skipped = _properties(plain)
    if photo:
        item.notes.append(_("the photo was left out"))
    if skipped:
        item.notes.append(ngettext("{n} line of the card could not be read and was left out",
                                   "{n} lines of the card could not be read and were left out",
                                   skipped).format(n=skipped))
    by_name: dict[str, list[_Property]] = {}
    group_labels: dict[str, str] = {}
    for prop in props:
        by_name.setdefault(prop.name, []).append(prop)
        if prop.name == "X-ABLABEL" and prop.group:
            # iPhone labels: "_$!<Mobile>!$_" for its own, plain text for the person's.
            label = re.sub(r"^_\$!<(.*)>!\$_$", r"\1", _text(prop)).lower()
            group_labels[prop.group] = _LABELS.get(label, label)

    def first(name: str) -> str:
        return _text(by_name[name][0]) if name in by_name else ""

    name = first("FN")
    if "N" in by_name:
        # family; given; additional; prefixes; suffixes, each a list of its own.
        parts = _split(by_name["N"][0].value, ";") + [""] * 3
        composed = " ".join(" ".join(p.strip() for p in part.split(",") if p.strip())
                            for part in (parts[1], parts[2], parts[0]) if part.strip())
        name = name or composed
    organization, position = "", first("TITLE") or first("ROLE")
    if "ORG" in by_name:
        units = [unit.strip() for unit in _split(by_name["ORG"][0].value, ";")]
        organization = units[0]
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
            item.values["address"] = _address(by_name["ADR"][0])
    else:
        item.values["full_name"] = name
        if organization:
            item.affiliations.append((organization, position or None))
        elif position:
            item.values["notes"] = position
    if item.kind == "person":
        nicknames = [n.strip() for prop in by_name.get("NICKNAME", [])
                     for n in _split(prop.value, ",")]
        # The same name written again in another language or script (FN;ALTID=1;
        # LANGUAGE=ja:山田太郎) is another spelling of it, kept with the nicknames.
        spellings = [_text(prop) for prop in by_name.get("FN", [])[1:]]
        others = [n for n in dict.fromkeys([*spellings, *nicknames]) if n and n != name]
        if others:
            item.values["other_names"] = "\n".join(others)
        if "X-LATIN-NAME" in by_name:
            item.values["latin_name"] = first("X-LATIN-NAME")
    note = "\n".join(_text(prop) for prop in by_name.get("NOTE", []))
    if note:
        item.values["notes"] = "\n".join(p for p in (item.values.get("notes"), note) if p)
    for prop in by_name.get("EMAIL", []):
        if _text(prop):
            add_contact(item, "email", _text(prop), _label(prop, group_labels), "EMAIL")
    for prop in by_name.get("TEL", []):
        text = _text(prop)
        if text:
            add_contact(item, "phone", text[4:] if text.lower().startswith("tel:") else text,
                        _label(prop, group_labels), "TEL")
    for kind in ("IMPP", "X-SOCIALPROFILE"):
        for prop in by_name.get(kind, []):
            _messenger(item, prop)
    if not item.label:
        item.problem(None, _("the card has no name"))
    return item


def _messenger(item: Incoming, prop: _Property) -> None:
    value = _text(prop)
    scheme, _sep, rest = value.partition(":")
    service = (prop.params.get("X-SERVICE-TYPE", [""])[0] or "").lower()
    service = service or next((t for t in _types(prop) if t in _MESSENGERS), "") or scheme.lower()
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
    add_contact(item, kind, handle, None, prop.name)


def _address(prop: _Property) -> str:
    """Street, town, region, postcode and country (the post box and the extended
    address, RFC 6350 6.3.1's first two parts, are left out)."""
    lines = [line.strip() for part in _split(prop.value, ";")[2:7] for line in part.splitlines()]
    return ", ".join(line for line in lines if line)


def read_vcards(data: bytes, source: str, *, encoding: str | None = None,
                country: str | None = None) -> list[Incoming]:
    text, _encoding = decode(data, source, encoding)
    # A file whose line ends were converted to CRLF twice reads as a blank line after
    # every line, which would end a photo's folded block early.
    cards = _cards(text.replace("\r\r\n", "\r\n"))
    if not cards:
        raise UnreadableFile(source, _("the file holds no vCard (BEGIN:VCARD … END:VCARD)"))
    return [_card(source, start, lines, country) for start, lines in cards]

