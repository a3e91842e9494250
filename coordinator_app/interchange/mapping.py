"""Which column holds which field, and the rows of a table read through it.

A mapping is guessed from the headers (fields.guess_field), may be changed by
the person or given as JSON, and is remembered per layout of headers (layouts).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from coordinator_app.core.records import languages, registry
from coordinator_app.core.records.validation import EMAIL, PHONE, SIGNAL, TELEGRAM
from coordinator_app.i18n import _
from coordinator_app.interchange import fields, phones, values
from coordinator_app.interchange.incoming import Contact, Incoming
from coordinator_app.interchange.table import Table, cell_text
from coordinator_app.sync.bulk import made_in_bulk


@dataclass
class Mapping:
    """The kind of record each row makes and the field of each column (None: unused)."""

    kind: str
    columns: list[str | None]
    #: Country for numbers written without +, and for organisations a row creates.
    country: str | None = None
    #: Currency of amounts that do not name theirs.
    currency: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self, headers: list[str]) -> dict[str, Any]:
        return {"kind": self.kind, "country": self.country, "currency": self.currency,
                "columns": {header: key for header, key in zip(headers, self.columns) if key}}

    @classmethod
    def from_json(cls, data: dict[str, Any], headers: list[str]) -> Mapping:
        """A mapping saved or written by hand: {"kind": "person", "columns": {"Header":
        "field"}}; the headers are compared folded, so case and accents do not matter."""
        kind = fields.KIND_WORDS.get(str(data.get("kind", "person")))
        if kind is None:
            raise ValueError(_("“{kind}” is not a kind of record that can be imported; "
                               "choose one of: {kinds}").format(
                kind=data.get("kind"), kinds=", ".join(fields.KINDS.values())))
        wanted = {fields.fold_header(h): key for h, key in (data.get("columns") or {}).items()}
        known = {f.key for f in fields.fields_of(kind)}
        for key in wanted.values():
            if key is not None and key not in known:
                raise ValueError(_("“{field}” is not a field of {kind}; the fields are: {fields}")
                                 .format(field=key, kind=fields.KINDS[kind],
                                         fields=", ".join(sorted(known))))
        columns = [wanted.get(fields.fold_header(h)) for h in headers]
        return cls(kind, columns, data.get("country"), data.get("currency"))


def guess_kind(headers: list[str]) -> str:
    """The kind whose fields the headers name most; people on a tie (the usual file)."""
    def score(kind: str) -> tuple[int, int]:
        found = {fields.guess_field(kind, h) for h in headers if not fields.is_label_column(h)}
        found.discard(None)
        return len(found), kind == "person"

    return max(fields.KINDS, key=score)


#: Headers only a Lithuanian sheet has: its numbers are Lithuanian unless it says otherwise.
_LITHUANIAN_HEADERS = frozenset(fields.fold_header(h) for h in (
    "vardas", "pavardė", "įmonė", "pareigos", "telefonas", "el. paštas", "savivaldybė",
    "pavadinimas", "organizacija"))


def guess_mapping(headers: list[str], kind: str | None = None) -> Mapping:
    kind = kind or guess_kind(headers)
    lithuanian = any(fields.fold_header(h) in _LITHUANIAN_HEADERS for h in headers)
    columns: list[str | None] = []
    taken: set[str] = set()
    for header in headers:
        key = None if fields.is_label_column(header) else fields.guess_field(kind, header)
        # A field holds one column unless it takes several values (phones, e-mails).
        if key in taken and key not in fields.CONTACT_FIELDS:
            key = None
        if key:
            taken.add(key)
        columns.append(key)
    return Mapping(kind, columns, country="LT" if lithuanian else None)


def _label_columns(headers: list[str]) -> dict[int, int]:
    """Google's "Phone 1 - Type" beside "Phone 1 - Value": value column -> its label column."""
    by_header = {h.strip().casefold(): i for i, h in enumerate(headers)}
    pairs = {}
    for i, header in enumerate(headers):
        target = fields.is_label_column(header)
        if target and target.casefold() in by_header:
            pairs[by_header[target.casefold()]] = i
    return pairs


def add_contact(item: Incoming, kind: str, text: str, label: str | None, column: str) -> None:
    """A contact of `kind` read from `text`, or a problem with the cell it came from."""
    text = text.strip()
    if kind == "email":
        value = text[7:] if text.lower().startswith("mailto:") else text
        if not EMAIL.match(value):
            item.problem(column, _("“{value}” is not an e-mail address").format(value=value))
            return
        item.contacts.append(Contact("email", value, label))
        return
    if kind in ("phone", "whatsapp", "viber") or (kind in ("telegram", "signal")
                                                  and PHONE.match(text)):
        if phones.shortened(text):
            item.problem(column, _(
                "“{value}” is a number the spreadsheet shortened, and its last digits are "
                "lost: format the column as text in the spreadsheet, type the numbers "
                "again and save the file again").format(value=text))
            return
        guessed = item.country or phones.country_of(
            [item.label, *(name for name, _position in item.affiliations)])
        value, ok = phones.normalise(text, guessed)
        if not ok:
            # Kept as typed rather than lost: "067 123 45 67 (Olena)".
            item.contacts.append(Contact("other", text, label or kind))
            item.notes.append(_("“{value}” is not a phone number; kept as typed").format(
                value=text))
            return
        item.contacts.append(Contact(kind, value, label))
        return
    pattern = TELEGRAM if kind == "telegram" else SIGNAL
    if not pattern.match(text):
        item.problem(column, _("“{value}” is not a {kind} username").format(
            value=text, kind=kind.capitalize()))
        return
    item.contacts.append(Contact(kind, text, label))


def _name(parts: list[str]) -> str:
    return " ".join(p for p in parts if p)


@dataclass
class _Columns:
    """What is known of each column before any row is read (asked once per file)."""

    headers: list[str]
    labels: list[str | None]
    label_columns: dict[int, int]

    @classmethod
    def of(cls, table: Table, mapping: Mapping) -> _Columns:
        width = max([len(mapping.columns), len(table.headers)])
        headers = [table.headers[i] if i < len(table.headers) and table.headers[i]
                   else _("column {number}").format(number=i + 1) for i in range(width)]
        labels = [fields.contact_label(h) if i < len(mapping.columns)
                  and mapping.columns[i] in fields.CONTACT_FIELDS else None
                  for i, h in enumerate(headers)]
        return cls(headers, labels, _label_columns(table.headers))


def read_row(table: Table, mapping: Mapping, index: int,
             columns: _Columns | None = None) -> Incoming:
    """One data row of `table` as an incoming record, with what is wrong in it."""
    columns = columns or _Columns.of(table, mapping)
    row = table.rows[index]
    item = Incoming(mapping.kind, table.source, table.row_numbers[index])
    item.country = mapping.country
    cells: dict[str, list[tuple[int, Any]]] = {}
    for col, key in enumerate(mapping.columns):
        if key and col < len(row) and cell_text(row[col]):
            cells.setdefault(key, []).append((col, row[col]))

    def header(col: int) -> str:
        return columns.headers[col]

    def first(key: str) -> tuple[int, Any] | None:
        return cells[key][0] if key in cells else None

    if "country" in cells:
        col, raw = cells["country"][0]
        try:
            item.country = values.read_country(raw) or item.country
            if mapping.kind == "organization":
                item.values["country"] = item.country
        except ValueError as exc:
            item.problem(header(col), str(exc))

    for spec in fields.fields_of(mapping.kind):
        key = spec.key
        if key not in cells or key == "country" or key in fields.CONTACT_FIELDS:
            continue
        col, raw = cells[key][0]
        try:
            if spec.type == "date":
                item.values[key] = values.read_date(raw)
            elif spec.type == "choice":
                item.values[key] = values.read_choice(raw, spec.choices or {})
            elif spec.type == "organization":
                item.links[key] = [cell_text(raw)]
            elif spec.type == "organizations":
                item.links[key] = values.split_values(cell_text(raw), commas=False)
            elif spec.type in ("record", "records"):
                item.records[key] = [cell_text(raw)] if spec.type == "record" else \
                    values.split_values(cell_text(raw), commas=False)
                item.record_columns[key] = header(col)
            elif spec.type == "money":
                currency = cell_text(first("currency")[1]).upper() if first("currency") \
                    else mapping.currency
                minor, currency = values.read_money(raw, currency or None)
                item.values[spec.column] = minor
                if currency:
                    item.values["currency"] = currency
            elif spec.type == "number":
                item.values[key] = values.read_number(raw)
            elif spec.type == "text":
                item.values[key] = cell_text(raw)
        except ValueError as exc:
            item.problem(header(col), str(exc))

    if mapping.kind == "person":
        _person(item, cells)
    # A title given only in its languages ("Title (lt)") has its original among them.
    item.values = languages.from_file(registry.model(mapping.kind), item.values)
    labels = columns.label_columns
    for key in fields.CONTACT_FIELDS:
        for col, raw in cells.get(key, ()):
            label = columns.labels[col]
            if col in labels and labels[col] < len(row) and cell_text(row[labels[col]]):
                label = cell_text(row[labels[col]]).lstrip("* ").lower() or label
            for text in _contact_values(key, cell_text(raw)):
                add_contact(item, key, text, label, header(col))

    if not item.label:
        item.problem(None, _("the row has no name") if mapping.kind in ("person", "organization")
                     else _("the row has no title"))
    return item


def _contact_values(key: str, text: str) -> list[str]:
    """The values in one cell. Commas part e-mails always, numbers only when each
    part is a whole number ("067 111 22 33, 044 222 33 44")."""
    if key == "email":
        return values.split_values(text)
    parts = []
    for part in values.split_values(text, commas=False):
        pieces = [p.strip() for p in part.split(",")]
        if len(pieces) > 1 and all(sum(c.isdigit() for c in p) >= 7 for p in pieces):
            parts.extend(pieces)
        else:
            parts.append(part)
    return parts


def _person(item: Incoming, cells: dict[str, list[tuple[int, Any]]]) -> None:
    def text(key: str) -> str:
        return cell_text(cells[key][0][1]) if key in cells else ""

    if not item.values.get("full_name"):
        composed = _name([text("given_name"), text("middle_name"), text("family_name")])
        if composed:
            item.values["full_name"] = composed
    organizations = [o for o in text("organization").split("\n") if o.strip()]
    positions = text("position").split("\n")
    department = text("department")
    for i, organization in enumerate(organizations):
        position = positions[i].strip() if i < len(positions) else ""
        if department and i == 0:
            position = ", ".join(p for p in (position, department) if p)
        item.affiliations.append((organization.strip(), position or None))
    if not organizations and (text("position") or department):
        item.notes.append(_("a position without an organisation is kept in the notes"))
        extra = ", ".join(p for p in (text("position"), department) if p)
        item.values["notes"] = "\n".join(p for p in (item.values.get("notes"), extra) if p)


def read_table(table: Table, mapping: Mapping) -> list[Incoming]:
    columns = _Columns.of(table, mapping)
    # A row makes a record, its lists and dicts: ten thousand rows made Python's cycle
    # collector walk the whole process several times, for no cycle (sync.bulk).
    with made_in_bulk():
        return [read_row(table, mapping, i, columns) for i in range(len(table.rows))]
