"""The bilingual memorandum summary: Ukrainian and Lithuanian side by side.

A memorandum between a Ukrainian and a Lithuanian party is signed as one document
in two columns, each language beside the other; this summary reads the same way.
Each row holds one thing in both languages (a heading, a party, a commitment), so
the two columns stay level however long either language runs, and rows split
across pages as a table's do.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.platypus import Flowable, Table, TableStyle

from coordinator_app.core.records import vocab
from coordinator_app.core.records.ids import utcnow
from coordinator_app.core.records.service import Workspace
from coordinator_app.i18n import gettext_in, pgettext_in
from coordinator_app.reports.document import ReportInfo, nfc, write_pdf
from coordinator_app.reports.facts import AgreementFact, agreement_fact, data_as_of
from coordinator_app.reports.layout import BASE_TABLE_STYLE, RULE_GREY, WIDTH, Kit
from coordinator_app.reports.memorandum import due_status, summary_title
from coordinator_app.reports.record_text import joined, markup

#: The two languages, left column first, as the parties' signed text sets them.
PAIR = ("uk", "lt")

Cell = Callable[[Kit, AgreementFact], Flowable | list[Flowable] | None]


def _line(kit: Kit, label: str, value_markup: str) -> Flowable:
    return kit.rich(f"<b>{escape(nfc(label))}:</b> {value_markup}", "value")


def _person(name: str, latin: str | None) -> str:
    return f"{name} ({latin})" if latin and latin != name else name


def bilingual_story(kits: list[Kit], facts: list[AgreementFact], today: date) -> list[Flowable]:
    rows: list[list] = []
    styles: list[tuple] = []

    def row(cell: Cell) -> None:
        rows.append([cell(kit, fact) or "" for kit, fact in zip(kits, facts)])

    def heading(message: str) -> None:
        row(lambda kit, _fact: kit.para(gettext_in(kit.lang, message), "h2"))
        styles.append(("LINEBELOW", (0, len(rows) - 1), (-1, len(rows) - 1), 0.6,
                       colors.black))

    row(lambda kit, fact: kit.rich(markup(fact.title), "title"))
    row(lambda kit, fact: kit.para(summary_title(fact.kind, kit.lang), "subtitle"))

    def summary(kit: Kit, fact: AgreementFact) -> list[Flowable]:
        lang = kit.lang
        signed = ", ".join(filter(None, [kit.date(fact.signed_on), fact.signed_place]))
        lines = [
            (gettext_in(lang, "Kind"), escape(kit.vocab(vocab.AGREEMENT_KINDS, fact.kind))),
            (gettext_in(lang, "Status"), escape(kit.vocab(vocab.AGREEMENT_STATUSES, fact.status))),
            (gettext_in(lang, "Signed"), escape(signed or gettext_in(lang, "not signed yet"))),
            (gettext_in(lang, "Valid"), escape(kit.period(fact.effective_from or fact.signed_on,
                                                          fact.expires_on)
                                               or gettext_in(lang, "no dates recorded"))),
            (gettext_in(lang, "Priority areas"), joined(fact.areas)),
        ]
        return [_line(kit, label, value) for label, value in lines if value]

    row(summary)

    heading("Parties")
    for index in range(len(facts[0].parties)):
        row(lambda kit, fact, i=index: kit.rich(
            f"<b>{markup(fact.parties[i].name)}</b><br/>"
            + escape(", ".join(filter(None, [kit.country(fact.parties[i].country),
                                             kit.vocab(vocab.PARTY_ROLES, fact.parties[i].role)]))),
            "value"))

    if facts[0].signatories:
        heading("Signatories")
        for index in range(len(facts[0].signatories)):
            def signatory(kit: Kit, fact: AgreementFact, i=index) -> Flowable:
                s = fact.signatories[i]
                lines = [f"<b>{escape(nfc(_person(s.name, s.latin_name)))}</b>",
                         f"{escape(gettext_in(kit.lang, 'Signed for'))}: {markup(s.organization)}"]
                if s.title:
                    lines.append(f"<i>{escape(nfc(s.title))}</i>")
                return kit.rich("<br/>".join(lines), "value")

            row(signatory)

    heading("Purpose")
    row(lambda kit, fact: kit.para(fact.purpose) if fact.purpose else kit.nothing(
        gettext_in(kit.lang, "No purpose recorded.")))

    heading("Commitments")
    for index in range(len(facts[0].commitments)):
        def commitment(kit: Kit, fact: AgreementFact, i=index) -> list[Flowable]:
            c = fact.commitments[i]
            who = " · ".join(markup(part) for part in (c.party, c.owner,
                                                       kit.date(c.due_on)) if part)
            status = due_status(kit, c.status, c.due_on, today)
            return [kit.rich(f"{i + 1}. {markup(c.description)}", "value"),
                    kit.rich(f"<font size='7.5'>{who}</font>", "value"),
                    kit.para(status, "value") if isinstance(status, str) else status]

        row(commitment)
    if not facts[0].commitments:
        row(lambda kit, _fact: kit.nothing(gettext_in(kit.lang, "No commitments recorded.")))

    table = Table(rows, colWidths=[WIDTH / 2] * 2, splitByRow=1, splitInRow=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        *BASE_TABLE_STYLE,
        # The rule between the languages, as on the signed page.
        ("LINEAFTER", (0, 0), (0, -1), 0.5, RULE_GREY),
        ("LEFTPADDING", (0, 0), (0, -1), 0),
        ("RIGHTPADDING", (0, 0), (0, -1), 8),
        ("LEFTPADDING", (1, 0), (1, -1), 8),
        ("RIGHTPADDING", (1, 0), (1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        *styles,
    ]))
    return [table]


def render(workspace: Workspace, agreement_id: str, path: Path) -> Path:
    with workspace.read() as session:
        facts = [agreement_fact(session, agreement_id, lang) for lang in PAIR]
        as_of = data_as_of(session)
    kits = [Kit(lang) for lang in PAIR]
    now = utcnow()
    info = ReportInfo(
        title=nfc(" / ".join(dict.fromkeys(str(fact.title) for fact in facts))),
        subject=nfc(" / ".join(summary_title(fact.kind, lang)
                               for fact, lang in zip(facts, PAIR))),
        lang=PAIR[0], generated_at=now, data_as_of=as_of,
        author=nfc(gettext_in(PAIR[0], "Coordinator")),
    )
    story = bilingual_story(kits, facts, now.astimezone().date())
    return write_pdf(path, info, story)
