"""The memorandum summary: one agreement on one or two pages.

The same sections make up each agreement's part of a briefing pack, so the
story is built by `agreement_story` at a given outline level.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.platypus import Flowable

from coordinator_app.core.records import vocab
from coordinator_app.core.errors import CoordinatorError
from coordinator_app.core.records.ids import utcnow
from coordinator_app.core.records.service import Workspace
from coordinator_app.i18n import LANGUAGES, _, gettext_in, pgettext_in
from coordinator_app.reports.document import ReportInfo, nfc, write_pdf
from coordinator_app.reports.facts import AgreementFact, agreement_fact, data_as_of
from coordinator_app.reports.layout import Kit
from coordinator_app.reports.record_text import joined

#: Commitment states that still need someone to act.
PENDING = vocab.COMMITMENTS_PENDING
#: States (of commitments and milestones) in which a past due date means "overdue".
AWAITED = PENDING + ("planned",)


def check_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise CoordinatorError(_("“{lang}” is not a report language; choose one of: {choices}")
                               .format(lang=lang, choices=", ".join(LANGUAGES)))


def _person(name: str, latin: str | None) -> str:
    return f"{name} ({latin})" if latin and latin != name else name


def due_status(kit: Kit, status: str, due_on: date | None, today: date,
               labels: dict[str, str] = vocab.COMMITMENT_STATUSES) -> Flowable | str:
    """A status cell; pending work past its date says so in bold (no colour needed).
    Plain text otherwise, which the table draws without a Paragraph."""
    label = kit.vocab(labels, status)
    if due_on is not None and due_on < today and status in AWAITED:
        text = escape(label) + "<br/><b>" + escape(nfc(gettext_in(kit.lang, "overdue"))) + "</b>"
        return kit.rich(text, "cell")
    return label


def _when(kit: Kit, day: date, today: date) -> Flowable | str:
    """An activity's date; one still to come says so, in bold (latest first, so on top)."""
    if day > today:
        planned = kit.vocab(vocab.PROJECT_STATUSES, "planned")
        return kit.rich(f"<b>{escape(kit.date(day))}</b><br/><i>{escape(planned)}</i>", "cell")
    return kit.date(day)


#: Kinds of agreement that are memoranda; any other is summarised as an agreement
#: (a grant agreement subtitled "Memorandum summary" read as a mistake).
MEMORANDA = ("memorandum", "mou")


def summary_title(kind: str | None, lang: str) -> str:
    if kind in MEMORANDA:
        return gettext_in(lang, "Memorandum summary")
    return gettext_in(lang, "Agreement summary")


def agreement_story(kit: Kit, fact: AgreementFact, today: date, *, level: int,
                    toc: bool = False) -> list[Flowable]:
    """The summary of one agreement; its title is an outline entry at `level`."""
    lang = kit.lang
    sub = level >= 1  # inside a briefing pack: sections are headings, not bookmarks
    story: list[Flowable] = [
        kit.heading(fact.title, level, style="title", toc=toc),
        kit.para(summary_title(fact.kind, lang), "subtitle"),
    ]
    signed = ", ".join(filter(None, [kit.date(fact.signed_on), fact.signed_place]))
    summary = kit.facts([
        (gettext_in(lang, "Kind"), kit.vocab(vocab.AGREEMENT_KINDS, fact.kind)),
        (gettext_in(lang, "Status"), kit.vocab(vocab.AGREEMENT_STATUSES, fact.status)),
        (gettext_in(lang, "Signed"), signed or gettext_in(lang, "not signed yet")),
        (gettext_in(lang, "Valid"), kit.period(fact.effective_from or fact.signed_on,
                                               fact.expires_on)
         or gettext_in(lang, "no dates recorded")),
        (gettext_in(lang, "Priority areas"),
         kit.rich(joined(fact.areas), "value") if fact.areas else None),
        (gettext_in(lang, "Attachments"), "; ".join(fact.attachments)),
    ])
    if summary is not None:
        story.append(summary)

    def section(title: str, *body: Flowable) -> None:
        heading = kit.heading(title, level + 1, style="h2", outline=not sub)
        story.extend(kit.section(heading))
        story.extend(body)

    section(gettext_in(lang, "Parties"), kit.table(
        [(gettext_in(lang, "Organisation"), 0.55), (gettext_in(lang, "Country"), 0.22),
         (gettext_in(lang, "Role"), 0.23)],
        [[p.name, kit.country(p.country), kit.vocab(vocab.PARTY_ROLES, p.role)]
         for p in fact.parties],
    ) if fact.parties else kit.nothing(gettext_in(lang, "No parties recorded.")))

    section(gettext_in(lang, "Signatories"), kit.table(
        [(pgettext_in(lang, "person", "Name"), 0.32), (gettext_in(lang, "Signed for"), 0.36),
         (gettext_in(lang, "Title at signing"), 0.32)],
        [[_person(s.name, s.latin_name), s.organization, s.title] for s in fact.signatories],
    ) if fact.signatories else kit.nothing(gettext_in(lang, "No signatories recorded.")))

    purpose = [kit.para(fact.purpose)] if fact.purpose else [
        kit.nothing(gettext_in(lang, "No purpose recorded."))]
    if fact.notes:
        purpose.append(kit.para(fact.notes, "note"))
    section(gettext_in(lang, "Purpose"), *purpose)

    section(gettext_in(lang, "Commitments"), kit.table(
        [(gettext_in(lang, "Commitment"), 0.40), (gettext_in(lang, "Party"), 0.20),
         (gettext_in(lang, "Owner"), 0.15), (gettext_in(lang, "Due"), 0.12),
         (gettext_in(lang, "Status"), 0.13)],
        [[c.description, c.party, c.owner, kit.date(c.due_on),
          due_status(kit, c.status, c.due_on, today)] for c in fact.commitments],
    ) if fact.commitments else kit.nothing(gettext_in(lang, "No commitments recorded.")))

    section(gettext_in(lang, "Linked projects"), kit.table(
        [(gettext_in(lang, "Project"), 0.42), (gettext_in(lang, "Status"), 0.14),
         (gettext_in(lang, "Period"), 0.24), (gettext_in(lang, "Budget"), 0.20)],
        [[p.title, kit.vocab(vocab.PROJECT_STATUSES, p.status), kit.period(p.start_on, p.end_on),
          kit.money(p.budget_minor, p.currency)] for p in fact.projects],
        right=(3,),
    ) if fact.projects else kit.nothing(gettext_in(lang, "No linked projects.")))

    section(gettext_in(lang, "Recent activities"), kit.table(
        [(gettext_in(lang, "Date"), 0.14), (gettext_in(lang, "Kind"), 0.14),
         (gettext_in(lang, "Activity"), 0.48), (gettext_in(lang, "Place"), 0.24)],
        [[_when(kit, a.occurs_on, today), kit.vocab(vocab.ACTIVITY_KINDS, a.kind), a.title,
          a.location] for a in fact.activities],
    ) if fact.activities else kit.nothing(gettext_in(lang, "No activities recorded.")))

    section(gettext_in(lang, "Sources"), kit.table(
        [(gettext_in(lang, "Source"), 0.38), (gettext_in(lang, "Publisher"), 0.18),
         (gettext_in(lang, "Published"), 0.12), (gettext_in(lang, "Link"), 0.32)],
        [[s.title, s.publisher, kit.date(s.published_on), s.url] for s in fact.sources],
    ) if fact.sources else kit.nothing(gettext_in(lang, "No sources recorded.")))
    return story


def render(workspace: Workspace, agreement_id: str, path: Path, lang: str) -> Path:
    check_language(lang)
    with workspace.read() as session:
        fact = agreement_fact(session, agreement_id, lang)
        as_of = data_as_of(session)
    kit = Kit(lang)
    now = utcnow()
    info = ReportInfo(
        title=nfc(fact.title),
        subject=nfc(summary_title(fact.kind, lang)),
        lang=lang, generated_at=now, data_as_of=as_of,
        author=nfc(gettext_in(lang, "Coordinator")),
    )
    story = agreement_story(kit, fact, now.astimezone().date(), level=0)
    return write_pdf(path, info, story)
