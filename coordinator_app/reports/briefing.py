"""The briefing pack: everything to carry into a meeting or on a visit, on paper.

Cover, contents, organisation profiles, a key contacts sheet (phones and
messengers first: on the road there may be no network for e-mail), the summary
of each agreement, projects with a chart and the aid delivered, the needs of
the communities and the pledges that cover them, and the deadlines coming up. Which records are in it is decided in `scope`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.platypus import Flowable, KeepTogether, PageBreak
from sqlalchemy import select

from coordinator_app.core.records import units, vocab
from coordinator_app.core.text.formatting import format_datetime
from coordinator_app.core.records.ids import utcnow
from coordinator_app.core.records.models import Commitment, Organization, Signatory
from coordinator_app.core.views.needs import Coverage, needs_involving
from coordinator_app.core.records.service import Workspace
from coordinator_app.core.records.tombstones import alive
from coordinator_app.i18n import gettext_in, pgettext_in
from coordinator_app.reports.progress import Progress
from coordinator_app.reports.charts import horizontal_bars
from coordinator_app.reports.contents import Contents, Line
from coordinator_app.reports.document import Heading, ReportInfo, RuledHeading, nfc, write_pdf
from coordinator_app.reports.facts import (
    AgreementFact,
    ContactFact,
    OrganizationFact,
    ProjectFact,
    agreement_facts,
    contacts_for,
    data_as_of,
    organization_facts,
    projects_by_id,
)
from coordinator_app.reports.record_text import joined, markup, reader_text
from coordinator_app.reports.layout import BASE_TABLE_STYLE, HEIGHT, WIDTH, Kit
from coordinator_app.reports.memorandum import PENDING, agreement_story, check_language, due_status
from coordinator_app.reports.scope import Scope, resolve_scope


@dataclass
class Deadline:
    due_on: date
    kind: str  # commitment | milestone | expiry
    what: str
    context: str
    responsible: str | None
    status: str
    labels: dict[str, str]


@dataclass
class Briefing:
    scope: Scope
    today: date
    chosen_names: list[str] = field(default_factory=list)
    organizations: list[OrganizationFact] = field(default_factory=list)
    agreements: list[AgreementFact] = field(default_factory=list)
    projects: list[ProjectFact] = field(default_factory=list)
    contacts: list[ContactFact] = field(default_factory=list)
    needs: list[Coverage] = field(default_factory=list)
    as_of: datetime | None = None

    def deadlines(self) -> list[Deadline]:
        """What falls due in the period (from today without one), and what is overdue."""
        start = self.scope.date_from or self.today
        end = self.scope.date_to

        def wanted(due: date | None, pending: bool) -> bool:
            if due is None:
                return False
            if pending and due < self.today:
                return True  # overdue work is always news at a meeting
            return due >= start and (end is None or due <= end)

        found = []
        for agreement in self.agreements:
            for c in agreement.commitments:
                if wanted(c.due_on, c.status in PENDING):
                    found.append(Deadline(c.due_on, "commitment", c.description, agreement.title,
                                          c.owner or c.party, c.status,
                                          vocab.COMMITMENT_STATUSES))
            if agreement.expires_on and wanted(agreement.expires_on, False):
                found.append(Deadline(agreement.expires_on, "expiry", agreement.title,
                                      "", None, agreement.status,
                                      vocab.AGREEMENT_STATUSES))
        for project in self.projects:
            for m in project.milestones:
                if wanted(m.due_on, m.status in ("planned", "late")):
                    found.append(Deadline(m.due_on, "milestone", m.title, project.title,
                                          project.lead, m.status, vocab.MILESTONE_STATUSES))
        return sorted(found, key=lambda d: (d.due_on, d.what.casefold()))


def gather(workspace: Workspace, lang: str, organization_ids: tuple[str, ...],
           agreement_ids: tuple[str, ...], date_from: date | None, date_to: date | None,
           step) -> Briefing:
    today = date.today()
    with workspace.read() as session:
        scope = resolve_scope(session, organization_ids, agreement_ids, date_from, date_to)
        briefing = Briefing(scope=scope, today=today, as_of=data_as_of(session))
        step(0, len(scope.agreement_ids) + len(scope.organization_ids) + 2)
        briefing.chosen_names = [reader_text(session.get(Organization, i), "name", lang)
                                 for i in scope.chosen_organization_ids]
        briefing.organizations = organization_facts(session, list(scope.organization_ids),
                                                    today, lang)
        step(len(scope.organization_ids))
        briefing.agreements = agreement_facts(session, list(scope.agreement_ids), lang)
        step(len(scope.agreement_ids))
        briefing.projects = projects_by_id(session, scope.project_ids, lang)
        step(1)
        people = set(session.scalars(select(Signatory.person_id).where(
            Signatory.agreement_id.in_(scope.agreement_ids), alive(Signatory))))
        people |= set(session.scalars(select(Commitment.owner_id).where(
            Commitment.agreement_id.in_(scope.agreement_ids), alive(Commitment),
            Commitment.owner_id.is_not(None), Commitment.status.in_(PENDING))))
        briefing.contacts = contacts_for(session, people, set(scope.organization_ids), today,
                                         lang)
        briefing.needs = needs_involving(session, scope.organization_ids, lang)
        step(1)
    return briefing


def _names(kit: Kit, names: list[str]) -> Flowable | None:
    """Names in one line, each in the report's language or with its language's tag."""
    return kit.rich(joined(names), "value") if names else None


def _with_status(kit: Kit, rows: list[tuple[str, str]], labels) -> Flowable | None:
    """Titles one a line, each with its status: "Memorandum … (active)"."""
    if not rows:
        return None
    return kit.rich("<br/>".join(
        f"{markup(title)} ({escape(kit.vocab(labels, status))})" for title, status in rows),
        "value")


def cover(kit: Kit, b: Briefing, generated_at: datetime) -> list[Flowable]:
    lang = kit.lang
    scope = b.scope
    lines = [
        (gettext_in(lang, "Organisations"), _names(kit, b.chosen_names)),
        (gettext_in(lang, "Period"), kit.period(scope.date_from, scope.date_to)),
        (gettext_in(lang, "Agreements"), kit.number(len(b.agreements))),
        (gettext_in(lang, "Organisations profiled"), kit.number(len(b.organizations))),
        (gettext_in(lang, "Projects"), kit.number(len(b.projects))),
        (gettext_in(lang, "Key contacts"), kit.number(len(b.contacts))),
        (gettext_in(lang, "Deadlines and overdue items"), kit.number(len(b.deadlines()))),
        (gettext_in(lang, "Prepared"), format_datetime(generated_at, lang)),
        (gettext_in(lang, "Data as of"), format_datetime(b.as_of, lang) if b.as_of else ""),
    ]
    return [
        kit.gap(40),
        kit.heading(gettext_in(lang, "Briefing pack"), 0, style="cover_title"),
        kit.para(gettext_in(lang, "Partnership of municipalities: agreements, projects, "
                                  "contacts and deadlines"), "cover_line"),
        kit.gap(8),
        kit.facts(lines, label_share=0.34),
        kit.gap(12),
        kit.para(gettext_in(lang, "This pack holds personal contact details. Keep the "
                                  "printout with you and destroy it when it is no longer "
                                  "needed."), "note"),
        PageBreak(),
    ]


def _toc_headings(flowables) -> list[Heading]:
    found = []
    for flowable in flowables:
        if isinstance(flowable, RuledHeading):
            flowable = flowable.heading
        if isinstance(flowable, Heading):
            found += [flowable] if flowable.toc else []
        elif isinstance(flowable, KeepTogether):
            found += _toc_headings(flowable._content)
    return found


def contents(kit: Kit, story: list[Flowable]) -> Contents:
    """The contents of `story`: a line for each heading marked for them."""
    return Contents([Line(h.level, h.contents_text, h.key) for h in _toc_headings(story)],
                    [kit.styles["toc0"], kit.styles["toc1"]],
                    [*BASE_TABLE_STYLE, ("LEFTPADDING", (0, 0), (-1, -1), 0),
                     ("RIGHTPADDING", (0, 0), (-1, -1), 0)])


def _reach(kit: Kit, phones: list[str], messengers: list[tuple[str, str]]) -> tuple[str, str]:
    return ("\n".join(phones),
            "\n".join(f"{kit.vocab(vocab.CONTACT_KINDS, kind)}: {value}"
                      for kind, value in messengers))


def organization_profile(kit: Kit, org: OrganizationFact) -> list[Flowable]:
    lang = kit.lang
    phones, messengers = _reach(kit, org.phones, org.messengers)
    facts = kit.facts([
        (gettext_in(lang, "Kind"), kit.vocab(vocab.ORGANIZATION_KINDS, org.kind)),
        (gettext_in(lang, "Country"), ", ".join(filter(None, [kit.country(org.country),
                                                               org.region]))),
        (gettext_in(lang, "Member of"), org.parent),
        (gettext_in(lang, "Other names"), "; ".join((org.other_names or "").splitlines())),
        (gettext_in(lang, "Phones"), phones),
        (gettext_in(lang, "Messengers"), messengers),
        (gettext_in(lang, "E-mail"), "\n".join(org.emails)),
        (gettext_in(lang, "Website"), org.website),
        (gettext_in(lang, "Address"), org.address),
        (gettext_in(lang, "People"), "\n".join(
            f"{name} — {position}" if position else name for name, position in org.people)),
        (gettext_in(lang, "Agreements"), _with_status(kit, org.agreements,
                                                      vocab.AGREEMENT_STATUSES)),
        (gettext_in(lang, "Projects"), _with_status(kit, org.projects, vocab.PROJECT_STATUSES)),
        (gettext_in(lang, "Members"), _names(kit, org.members)),
        (gettext_in(lang, "Notes"), org.notes),
    ])
    # A short profile stays on one page; a long one still splits.
    return kit.section(kit.heading(org.name, 1, style="h2", toc=True),
                       keep_with=[facts] if facts is not None else [])


def contacts_sheet(kit: Kit, people: list[ContactFact]) -> list[Flowable]:
    lang = kit.lang
    if not people:
        return [kit.nothing(gettext_in(lang, "No contacts for these organisations."))]
    rows = []
    for person in people:
        name = "<b>" + escape(nfc(person.name)) + "</b>"
        if person.latin_name and person.latin_name != person.name:
            name += "<br/>" + escape(nfc(person.latin_name))
        if person.languages:
            name += "<br/><i>" + escape(nfc(person.languages)) + "</i>"
        phones, messengers = _reach(kit, person.phones, person.messengers)
        where = "".join(
            "<br/>" * bool(i) + escape(nfc(f"{position}, {org}" if position else org))
            for i, (position, org) in enumerate(person.positions))
        # E-mail goes last, in the widest column, so that addresses (which wrap badly)
        # usually fit on one line.
        mail = "".join("<br/><i>" + escape(nfc(email)) + "</i>" for email in person.emails)
        rows.append([kit.rich(name, "cell"), phones, messengers,
                     kit.rich((where + mail).removeprefix("<br/>"), "cell")])
    return [kit.table(
        [(pgettext_in(lang, "person", "Name"), 0.19), (gettext_in(lang, "Phone"), 0.18),
         (gettext_in(lang, "Messengers"), 0.25), (gettext_in(lang, "Position and e-mail"),
                                                  0.38)], rows)]


def projects_section(kit: Kit, b: Briefing) -> list[Flowable]:
    lang = kit.lang
    if not b.projects:
        return [kit.nothing(gettext_in(lang, "No projects in this pack."))]
    story: list[Flowable] = [kit.table(
        [(gettext_in(lang, "Project"), 0.27), (gettext_in(lang, "Lead"), 0.16),
         (gettext_in(lang, "Location"), 0.13), (gettext_in(lang, "Status"), 0.11),
         (gettext_in(lang, "Period"), 0.15), (gettext_in(lang, "Budget"), 0.18)],
        [[p.title, p.lead, p.location, kit.vocab(vocab.PROJECT_STATUSES, p.status),
          kit.period(p.start_on, p.end_on), kit.money(p.budget_minor, p.currency)]
         for p in b.projects], right=(5,))]
    areas: Counter[str] = Counter()
    for project in b.projects:
        areas.update(project.areas or [gettext_in(lang, "No priority area")])
    story += [kit.gap(6), *horizontal_bars(
        sorted(areas.items(), key=lambda kv: (-kv[1], kv[0].casefold())), WIDTH,
        gettext_in(lang, "Projects by priority area"), HEIGHT)]

    deliveries = [d for p in b.projects for d in p.deliveries if b.scope.in_range(d.delivered_on)
                  or (d.delivered_on is None and b.scope.date_from is None)]
    deliveries.sort(key=lambda d: (d.delivered_on is None, d.delivered_on or date.min))
    story += kit.section(kit.heading(gettext_in(lang, "Aid deliveries"), 1, style="h2",
                                     toc=True))
    story.append(kit.table(
        [(gettext_in(lang, "Date"), 0.11), (gettext_in(lang, "Item"), 0.22),
         (gettext_in(lang, "Quantity"), 0.11), (gettext_in(lang, "From"), 0.17),
         (gettext_in(lang, "To"), 0.17), (gettext_in(lang, "Project"), 0.22)],
        [[kit.date(d.delivered_on), d.item, " ".join(filter(None, [kit.number(d.quantity),
                                                                    d.unit])),
          d.sender, d.recipient, d.project] for d in deliveries], right=(2,),
    ) if deliveries else kit.nothing(gettext_in(lang, "No aid deliveries recorded.")))
    return story


def needs_section(kit: Kit, b: Briefing) -> list[Flowable]:
    """The needs of the communities in the pack and those their partners pledged to:
    how much is pledged, delivered, and still uncovered."""
    lang = kit.lang
    if not b.needs:
        return [kit.nothing(gettext_in(lang, "No needs recorded for these organisations."))]
    amount = lambda value, unit: " ".join(filter(None, [  # noqa: E731
        kit.number(value), units.label(unit, lang)]))
    return [kit.table(
        [(gettext_in(lang, "Community"), 0.18), (gettext_in(lang, "Need"), 0.2),
         (gettext_in(lang, "Quantity"), 0.1), (gettext_in(lang, "Pledged"), 0.1),
         (gettext_in(lang, "Delivered"), 0.1), (gettext_in(lang, "Still uncovered"), 0.1),
         (gettext_in(lang, "Needed by"), 0.11), (gettext_in(lang, "Status"), 0.11)],
        [[n.community, n.item, amount(n.quantity, n.unit), amount(n.pledged, n.unit),
          amount(n.delivered, n.unit), amount(n.uncovered, n.unit), kit.date(n.needed_by),
          kit.vocab(vocab.NEED_STATUSES, n.status)] for n in b.needs],
        right=(2, 3, 4, 5))]


def deadlines_section(kit: Kit, b: Briefing) -> list[Flowable]:
    lang = kit.lang
    found = b.deadlines()
    if not found:
        return [kit.nothing(gettext_in(lang, "Nothing falls due in this period."))]
    kinds = {"commitment": gettext_in(lang, "Commitment"),
             "milestone": gettext_in(lang, "Milestone"),
             "expiry": gettext_in(lang, "Agreement expires")}
    return [kit.table(
        [(gettext_in(lang, "Due"), 0.11), (gettext_in(lang, "What"), 0.26),
         (gettext_in(lang, "Type"), 0.15), (gettext_in(lang, "Agreement or project"), 0.21),
         (gettext_in(lang, "Responsible"), 0.14), (gettext_in(lang, "Status"), 0.13)],
        [[kit.date(d.due_on), d.what, kinds[d.kind], d.context, d.responsible,
          due_status(kit, d.status, d.due_on, b.today, d.labels)] for d in found])]


def story_of(kit: Kit, b: Briefing, generated_at: datetime) -> list[Flowable]:
    lang = kit.lang

    def part(title: str) -> list[Flowable]:
        return [PageBreak(), kit.heading(title, 0, style="h1", toc=True)]

    story = cover(kit, b, generated_at)
    if not (b.organizations or b.agreements or b.projects or b.contacts or b.deadlines()):
        # Nothing to brief on (an empty database, or a scope nothing falls into): one
        # page that says so, not seven of empty parts.
        story[-1] = kit.nothing(gettext_in(
            lang, "Nothing falls within this pack: there are no organisations, agreements "
                  "or projects to show. Choose other organisations, agreements or another "
                  "period, or enter some records first."))
        return story
    story.append(kit.heading(gettext_in(lang, "Contents"), 0, style="h1"))
    at = len(story)  # the contents go here once the parts after them are built
    story += part(gettext_in(lang, "Organisations"))
    for org in b.organizations:
        story += organization_profile(kit, org)
    if not b.organizations:
        story.append(kit.nothing(gettext_in(lang, "No organisations in this pack.")))
    story += part(gettext_in(lang, "Key contacts")) + contacts_sheet(kit, b.contacts)
    story += part(gettext_in(lang, "Agreements"))
    for i, agreement in enumerate(b.agreements):
        if i:
            story.append(PageBreak())
        story += agreement_story(kit, agreement, b.today, level=1, toc=True)
    if not b.agreements:
        story.append(kit.nothing(gettext_in(lang, "No agreements in this pack.")))
    story += part(gettext_in(lang, "Projects")) + projects_section(kit, b)
    story += part(gettext_in(lang, "Needs and pledges")) + needs_section(kit, b)
    story += part(gettext_in(lang, "Upcoming deadlines")) + deadlines_section(kit, b)
    story.insert(at, contents(kit, story[at:]))
    return story


class _Counter:
    """Turns gathering steps and laid-out flowables into one rising progress figure."""

    def __init__(self, progress: Progress | None):
        self.progress = progress
        self.done = 0
        self.total = 1

    def step(self, n: int, total: int | None = None) -> None:
        if total is not None:
            self.total = total
        self.done = min(self.done + n, self.total - 1)
        if self.progress is not None:
            self.progress(self.done, self.total)

    def finish(self) -> None:
        if self.progress is not None:
            self.progress(self.total, self.total)


def render(workspace: Workspace, path: Path, lang: str, organization_ids: tuple[str, ...],
           agreement_ids: tuple[str, ...], date_from: date | None, date_to: date | None,
           progress: Progress | None) -> Path:
    check_language(lang)
    counter = _Counter(progress)
    briefing = gather(workspace, lang, organization_ids, agreement_ids, date_from, date_to,
                      counter.step)
    kit = Kit(lang)
    now = utcnow()
    story = story_of(kit, briefing, now)
    # Laying out is most of the time: one pass over the story, counted flowable by
    # flowable.
    gathered = counter.done
    counter.total = gathered + len(story) + 1
    title = nfc(gettext_in(lang, "Briefing pack"))
    if briefing.chosen_names:
        title += ": " + "; ".join(briefing.chosen_names)
    info = ReportInfo(title=title, subject=nfc(gettext_in(lang, "Briefing pack")), lang=lang,
                      generated_at=now, data_as_of=briefing.as_of,
                      author=nfc(gettext_in(lang, "Coordinator")))
    written = write_pdf(path, info, story, on_flowable=lambda: counter.step(1))
    counter.finish()
    return written
