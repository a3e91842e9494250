"""The contact sheet: the chosen people or organisations on A4, one row each, with
where they work and every way to reach them, to print before a trip or a round of
calls when the laptop may have no power.

Rows follow the order they were chosen in (the list's order); names are printed
as written and with their Latin spelling, so a Lithuanian reader can say a
Ukrainian name and the other way round.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from coordinator_app.core.records import vocab
from coordinator_app.core.views.contact_links import ContactLine, lines_of
from coordinator_app.core.errors import CoordinatorError
from coordinator_app.core.records.ids import utcnow
from coordinator_app.core.records.models import Affiliation, Organization, Person
from coordinator_app.core.records.service import Workspace
from coordinator_app.core.records.tombstones import alive
from coordinator_app.i18n import _, gettext_in, ngettext_in
from coordinator_app.reports.document import ReportInfo, nfc, write_pdf
from coordinator_app.reports.facts import data_as_of
from coordinator_app.reports.layout import Kit

#: Contact kinds printed in the "Phone" and "E-mail" columns; the rest go to "Other".
PHONE, EMAIL = "phone", "email"


@dataclass(frozen=True)
class Entry:
    name: str
    latin: str | None
    #: "Mayor, Kharkiv City Council" for a person; kind, region and country for an organisation.
    where: list[str]
    lines: list[ContactLine]


def _people(session: Session, ids: list[str], _kit: Kit) -> dict[str, Entry]:
    found: dict[str, Entry] = {}
    lines = lines_of(session, "person", ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        places: dict[str, list[str]] = {}
        for person_id, position, org in session.execute(
                select(Affiliation.person_id, Affiliation.position, Organization.name)
                .join(Organization, Organization.id == Affiliation.organization_id)
                .where(Affiliation.person_id.in_(chunk), Affiliation.end_on.is_(None),
                       alive(Affiliation, links=False), alive(Organization))
                .order_by(Affiliation.start_on.desc(), Affiliation.created_at)):
            places.setdefault(person_id, []).append(", ".join(filter(None, [position, org])))
        for person in session.scalars(select(Person).where(Person.id.in_(chunk), alive(Person))):
            latin = person.latin_name if person.latin_name != person.full_name else None
            found[person.id] = Entry(person.full_name, latin, places.get(person.id, []),
                                     lines[person.id])
    return found


def _organizations(session: Session, ids: list[str], kit: Kit) -> dict[str, Entry]:
    found: dict[str, Entry] = {}
    lines = lines_of(session, "organization", ids)
    for start in range(0, len(ids), 500):
        for org in session.scalars(select(Organization).where(
                Organization.id.in_(ids[start:start + 500]), alive(Organization))):
            where = [kit.vocab(vocab.ORGANIZATION_KINDS, org.kind),
                     ", ".join(filter(None, [org.region, kit.country(org.country)]))]
            found[org.id] = Entry(org.name, None, [w for w in where if w], lines[org.id])
    return found


def _cell(kit: Kit, lines: list[ContactLine], *, named: bool) -> str:
    """Contact lines one per line; with `named`, each says its kind (Signal: …)."""
    shown = []
    for line in lines:
        text = nfc(line.value)
        if named:
            kind = (kit.vocab(vocab.CONTACT_KINDS, line.kind) if line.kind in vocab.CONTACT_KINDS
                    else {"address": gettext_in(kit.lang, "Address"),
                          "website": gettext_in(kit.lang, "Website")}[line.kind])
            text = f"{kind}: {text}"
        if line.label:
            text += f" ({nfc(line.label)})"
        shown.append(text)
    return "\n".join(shown)


def render(workspace: Workspace, kind: str, record_ids: list[str], out_path: Path, lang: str,
           progress: Callable[[int, int], None] | None = None) -> Path:
    """Print the contact sheet of `record_ids` (people or organisations) to `out_path`."""
    from coordinator_app.reports.memorandum import check_language

    check_language(lang)
    if kind not in ("person", "organization"):
        raise CoordinatorError(_("A contact sheet lists people or organisations."))
    kit = Kit(lang)
    with workspace.read() as session:
        read = _people if kind == "person" else _organizations
        entries = read(session, list(record_ids), kit)
        as_of = data_as_of(session)
    chosen = [entries[i] for i in record_ids if i in entries]
    if not chosen:
        raise CoordinatorError(_("None of the chosen records is there any more."))
    title = nfc(gettext_in(lang, "Contact sheet"))
    story = [kit.heading(title, 0, style="title"),
             kit.para((ngettext_in(lang, "{count} person", "{count} people", len(chosen))
                       if kind == "person" else
                       ngettext_in(lang, "{count} organisation", "{count} organisations",
                                   len(chosen))).format(count=kit.number(len(chosen))),
                      "subtitle")]
    rows = []
    for number, entry in enumerate(chosen, start=1):
        name = f"<b>{_escaped(entry.name)}</b>"
        if entry.latin:
            name += f"<br/>{_escaped(entry.latin)}"
        rows.append([kit.rich(name, "cell"), ";\n".join(entry.where),
                     _cell(kit, [l for l in entry.lines if l.kind == PHONE], named=False),
                     _cell(kit, [l for l in entry.lines if l.kind == EMAIL], named=False),
                     _cell(kit, [l for l in entry.lines if l.kind not in (PHONE, EMAIL)],
                           named=True)])
        if progress is not None:
            progress(number, len(chosen))
    where_title = (gettext_in(lang, "Position") if kind == "person"
                   else gettext_in(lang, "Kind and place"))
    story.append(kit.table([(gettext_in(lang, "Name"), 0.22), (where_title, 0.24),
                            (gettext_in(lang, "Phone"), 0.16), (gettext_in(lang, "E-mail"), 0.18),
                            (gettext_in(lang, "Other ways to reach"), 0.20)], rows))
    info = ReportInfo(title=title, subject=title, lang=lang, generated_at=utcnow(),
                      data_as_of=as_of, author=nfc(gettext_in(lang, "Coordinator")))
    return write_pdf(out_path, info, story)


def _escaped(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(nfc(text))
