"""The registry of record kinds: one declaration per kind, everything else derived.

Lists, search and its index, subtitles, pickers, the command line, `show`,
deletion of owned records, the dashboard and the editors all read these
declarations (core.records.kind.KindSpec); nothing else keeps a table per kind. The
order of `KINDS` is the order of the navigation and of search results. Adding a
kind: see "Adding a kind of record" in the README.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import aliased

from coordinator_app.core.records import vocab
from coordinator_app.core.records import languages, sort_keys
from coordinator_app.core.records.current_position import current_position, today
from coordinator_app.core.errors import CoordinatorError
from coordinator_app.core.records.facet_kinds import (
    Window,
    child_passed,
    country_name,
    dates,
    held,
    lately,
    linked,
    passed,
    within,
)
from coordinator_app.core.records.kind import (
    Column,
    KindSpec,
    Related,
    SearchDocument,
    Subtitle,
    date_sample,
    money_sample,
    show_date,
    show_amount,
    show_money,
)
# From the models' own modules: the models package loads this registry (see there).
from coordinator_app.core.records.models.activities import Activity, ActivityParticipant
from coordinator_app.core.records.models.agreements import (
    Agreement,
    AgreementParty,
    AgreementPriorityArea,
    Commitment,
    Signatory,
)
from coordinator_app.core.records.models.base import Entity
from coordinator_app.core.records.models.directory import (
    Affiliation,
    ContactPoint,
    Organization,
    Person,
    PriorityArea,
    Tag,
    TagLink,
)
from coordinator_app.core.records.models.documents import Attachment, Source
from coordinator_app.core.records.models.needs import Need, Pledge
from coordinator_app.core.records.models.projects import (
    AidDelivery,
    Milestone,
    Project,
    ProjectAgreement,
    ProjectPartner,
    ProjectPriorityArea,
)
from coordinator_app.core.records.tombstones import alive
from coordinator_app.i18n import N_, _


def _current_position() -> ColumnElement:
    """'Mayor, Kharkiv City Council': the person's current position, by the rule the
    Country facet follows too (core.records.current_position)."""
    return current_position(
        lambda aff, org: func.coalesce(aff.position + ", ", "") + org.name,
        Person.id, today()).correlate(Person)


def _name_of(fk: ColumnElement) -> ColumnElement:
    org = aliased(Organization)
    return select(org.name).where(org.id == fk, alive(org)).limit(1).scalar_subquery()


def _in_language(model: type[Entity], field: str):
    """A list column's SQL for a translatable field of the listed record (Column.translated)."""
    return lambda lang: languages.text_columns(model, field, lang)


def _name_in_language(fk: ColumnElement):
    """A list column's SQL for the name of the organisation `fk` refers to, for a
    reader of a language (Column.translated); only the page's rows are read."""
    # Made once per language: a statement built anew at each read is compiled anew
    # too (its alias is another), which cost a list's page five times its query.
    made: dict[str, tuple[ColumnElement, ...]] = {}

    def read(lang: str) -> tuple[ColumnElement, ...]:
        if lang not in made:
            org = aliased(Organization)
            made[lang] = tuple(
                select(value).where(org.id == fk, alive(org)).limit(1).scalar_subquery()
                for value in languages.name_columns(org, lang))
        return made[lang]

    return read


def _area_name(area: PriorityArea) -> str:
    from coordinator_app.i18n import current_language

    return languages.in_language(area, "name", current_language())


def _priority_areas(link: type[Entity], owner: str):
    return linked("priority_area", N_("Priority area"), link, owner, PriorityArea,
                  "priority_area_id", _area_name)


def _in_languages(alias: str, field: str) -> str:
    """SQL for a translatable field's other languages as one text, for the search index."""
    return " || ' ' || ".join(f"coalesce({alias}.{languages.column(field, lang)}, '')"
                              for lang in languages.LANGUAGES)


def _code(table: dict[str, str], code):
    return _(table[code]) if code in table else code


def _position(values, lang):
    """"Position, Organisation" of a person's current position, the organisation as a
    reader of `lang` sees its name; None without one."""
    position, *name = values
    if name[1] is None:
        return None
    organization = languages.reader_name(name, lang)
    return f"{position}, {organization}" if position else organization


def _day(value):
    from datetime import date

    if not value:
        return None
    try:
        return show_date(date.fromisoformat(str(value)[:10]))
    except ValueError:
        return str(value)


ORGANIZATION = KindSpec(
    model=Organization,
    plural="organizations", aliases=("organisations", "organisation", "organization"),
    label=N_("Organisation"), plural_label=N_("Organisations"),
    new_label=N_("New organisation"), add_label=N_("Add a new organisation “{name}”"),
    # An organisation's phone numbers, and the positions people held there, mean
    # nothing without it. Its parts in agreements are guarded instead (check_removal).
    owned=((ContactPoint, "organization_id"), (Affiliation, "organization_id")),
    columns=(
        Column("name", N_("Name"), Organization.name, width=40, sort_by="sort_key",
               translated=_in_language(Organization, "name")),
        Column("kind", N_("Kind"), Organization.kind,
               labels=vocab.ORGANIZATION_KINDS, width=22),
        Column("country", N_("Country"), Organization.country, width=8),
        Column("region", N_("Region"), Organization.region, width=18),
        Column("parent", N_("Member of"), _name_of(Organization.parent_id),
               sortable=False, width=30, translated=_name_in_language(Organization.parent_id)),
    ),
    search=SearchDocument(
        """SELECT x.id, x.name, coalesce(x.other_names, '') || ' ' || """
        + _in_languages("x", "name") + """, x.region, x.address, x.website, x.notes,
          (SELECT p.name FROM organizations p WHERE p.id = x.parent_id AND {live_p}),
          (SELECT group_concat({contact}, ' ') FROM contact_points c
             WHERE c.organization_id = x.id AND {live_c}),
          {tags}
        FROM organizations x WHERE {live_x}""",
        slot=1, aliases={"x": Organization, "p": Organization, "c": ContactPoint},
        names_of=(("organization", "SELECT id FROM organizations WHERE parent_id IN ({ids})"),),
    ),
    subtitle=Subtitle(
        "SELECT x.id, x.name, x.region, x.country, x.kind FROM organizations x "
        "WHERE x.id IN ({ids})",
        lambda row, lang: (_code(vocab.ORGANIZATION_KINDS, row[4]), row[2], row[3])),
    refers=(("parent", "parent_id"),),
    related=(
        Related("members", Organization, "parent_id", (("", "name"),)),
        Related("people", Affiliation, "organization_id",
                (("person", "person_id"), ("position", "position"), ("from", "start_on"),
                 ("to", "end_on"))),
        Related("contacts", ContactPoint, "organization_id",
                (("kind", "kind"), ("value", "value"), ("label", "label"))),
    ),
    editor="organization", mergeable=True, translatable=("name",),
    facets=(held("country", N_("Country"), "country", country_name),),
)

PERSON = KindSpec(
    model=Person,
    plural="people", aliases=("persons", "person"),
    label=N_("Person"), plural_label=N_("People"),
    new_label=N_("New person"), add_label=N_("Add a new person “{name}”"),
    owned=((Affiliation, "person_id"), (ContactPoint, "person_id")),
    columns=(
        Column("full_name", N_("Full name"), Person.full_name, width=28, sort_by="sort_key"),
        Column("latin_name", N_("Latin spelling"), Person.latin_name, width=24),
        Column("position", N_("Position"), _current_position(), sortable=False, width=44),
        Column("languages", N_("Languages"), Person.languages, sortable=False, width=10),
    ),
    search=SearchDocument(
        """SELECT x.id, x.full_name, coalesce(x.latin_name, '') || ' ' || coalesce(x.other_names, ''),
          x.notes,
          (SELECT group_concat(coalesce(a.position, '') || ' ' || o.name, ' ')
             FROM affiliations a JOIN organizations o ON o.id = a.organization_id
             WHERE a.person_id = x.id AND {live_a}),
          (SELECT group_concat({contact}, ' ') FROM contact_points c
             WHERE c.person_id = x.id AND {live_c}),
          {tags}
        FROM people x WHERE {live_x}""",
        slot=2, aliases={"x": Person, "a": Affiliation, "c": ContactPoint},
        names_of=(("organization",
                   "SELECT person_id FROM affiliations WHERE organization_id IN ({ids})"),),
    ),
    # The current affiliation: open-ended first, then the latest started.
    subtitle=Subtitle(
        # The current position's row found first, then its organisation's name read
        # in the reader's language beside it.
        """SELECT x.id, x.full_name, x.latin_name, pos.position, {name_o}
        FROM people x
        LEFT JOIN affiliations pos ON pos.id = (
            SELECT a.id FROM affiliations a JOIN organizations o ON o.id = a.organization_id
             WHERE a.person_id = x.id AND {live_a}
             ORDER BY a.end_on IS NOT NULL, a.end_on DESC, a.start_on DESC LIMIT 1)
        LEFT JOIN organizations o ON o.id = pos.organization_id
        WHERE x.id IN ({ids})""",
        lambda row, lang: (row[2] if row[2] != row[1] else None, _position(row[3:], lang)),
        aliases={"a": Affiliation, "o": Organization}),
    related=(
        Related("affiliations", Affiliation, "person_id",
                (("organization", "organization_id"), ("position", "position"),
                 ("from", "start_on"), ("to", "end_on"))),
        Related("contacts", ContactPoint, "person_id",
                (("kind", "kind"), ("value", "value"), ("label", "label"))),
    ),
    # That of the organisation of their current position (core.records.current_country).
    facets=(held("country", N_("Country"), "current_country", country_name),),
    editor="person", mergeable=True,
)

AGREEMENT = KindSpec(
    model=Agreement,
    plural="agreements", aliases=("agreement",),
    label=N_("Agreement"), plural_label=N_("Agreements"),
    new_label=N_("New agreement"), add_label=N_("Add a new agreement “{name}”"),
    owned=(
        (AgreementParty, "agreement_id"), (Signatory, "agreement_id"),
        (Commitment, "agreement_id"), (AgreementPriorityArea, "agreement_id"),
        (ProjectAgreement, "agreement_id"),
    ),
    columns=(
        Column("title", N_("Title"), Agreement.title, width=44, sort_by="sort_key",
               translated=_in_language(Agreement, "title")),
        Column("kind", N_("Kind"), Agreement.kind, labels=vocab.AGREEMENT_KINDS, width=24),
        Column("status", N_("Status"), Agreement.status,
               labels=vocab.AGREEMENT_STATUSES, width=12),
        Column("signed_on", N_("Signed"), Agreement.signed_on, show_date, width=15,
               sample=date_sample),
        Column("expires_on", N_("Expires"), Agreement.expires_on, show_date, width=15,
               sample=date_sample),
    ),
    search=SearchDocument(
        "SELECT x.id, x.title, " + _in_languages("x", "title") + ", x.purpose, "
        + _in_languages("x", "purpose") + """, x.signed_place, x.notes,
          (SELECT group_concat(c.description || ' ' || """ + _in_languages("c", "description")
        + """, ' ') FROM commitments c
             WHERE c.agreement_id = x.id AND {live_c}),
          (SELECT group_concat(o.name, ' ') FROM agreement_parties a
             JOIN organizations o ON o.id = a.organization_id
             WHERE a.agreement_id = x.id AND {live_a}),
          (SELECT group_concat(p.full_name || ' ' || coalesce(p.latin_name, ''), ' ')
             FROM signatories s JOIN people p ON p.id = s.person_id
             WHERE s.agreement_id = x.id AND {live_s}),
          {tags}
        FROM agreements x WHERE {live_x}""",
        slot=3, aliases={"x": Agreement, "c": Commitment, "a": AgreementParty, "s": Signatory},
        names_of=(
            ("organization",
             "SELECT agreement_id FROM agreement_parties WHERE organization_id IN ({ids})"),
            ("organization",
             "SELECT agreement_id FROM signatories WHERE organization_id IN ({ids})"),
            ("person", "SELECT agreement_id FROM signatories WHERE person_id IN ({ids})"),
        ),
    ),
    subtitle=Subtitle(
        "SELECT x.id, x.title, x.status, x.signed_on, x.signed_place FROM agreements x "
        "WHERE x.id IN ({ids})",
        lambda row, lang: (_code(vocab.AGREEMENT_STATUSES, row[2]), _day(row[3]), row[4])),
    related=(
        Related("parties", AgreementParty, "agreement_id",
                (("organization", "organization_id"), ("role", "role"))),
        Related("signatories", Signatory, "agreement_id",
                (("person", "person_id"), ("organization", "organization_id"),
                 ("title", "title_at_signing"))),
        Related("commitments", Commitment, "agreement_id",
                (("description", "description"), ("party", "party_id"), ("owner", "owner_id"),
                 ("due_on", "due_on"), ("status", "status"))),
        Related("priority_areas", AgreementPriorityArea, "agreement_id",
                (("", "priority_area_id"),)),
        Related("projects", ProjectAgreement, "agreement_id", (("", "project_id"),)),
    ),
    editor="agreement", translatable=("title", "purpose", "notes"),
    facets=(
        _priority_areas(AgreementPriorityArea, "agreement_id"),
        dates("dates", N_("Dates"), (
            Window("expires_30", N_("Expires in the next 30 days"), within("expires_on", 30)),
            Window("expires_90", N_("Expires in the next 90 days"), within("expires_on", 90)),
            Window("overdue", N_("Commitments overdue"),
                   child_passed(Commitment, "agreement_id", "due_on", "status",
                                vocab.COMMITMENTS_PENDING)),
        )),
    ),
)

PROJECT = KindSpec(
    model=Project,
    plural="projects", aliases=("project",),
    label=N_("Project"), plural_label=N_("Projects"),
    new_label=N_("New project"), add_label=N_("Add a new project “{name}”"),
    owned=(
        (ProjectPartner, "project_id"), (Milestone, "project_id"), (AidDelivery, "project_id"),
        (ProjectPriorityArea, "project_id"), (ProjectAgreement, "project_id"),
    ),
    columns=(
        Column("title", N_("Title"), Project.title, width=40, sort_by="sort_key",
               translated=_in_language(Project, "title")),
        Column("status", N_("Status"), Project.status,
               labels=vocab.PROJECT_STATUSES, width=12),
        Column("lead", N_("Lead organisation"), _name_of(Project.lead_id),
               sortable=False, width=28, translated=_name_in_language(Project.lead_id)),
        Column("start_on", N_("Start"), Project.start_on, show_date, width=15,
               sample=date_sample),
        Column("end_on", N_("End"), Project.end_on, show_date, width=15, sample=date_sample),
        Column("budget", N_("Budget"), Project.budget_minor, extra=(Project.currency,),
               combine=show_money, width=16, sample=money_sample),
    ),
    search=SearchDocument(
        "SELECT x.id, x.title, " + _in_languages("x", "title") + ", x.description, "
        + _in_languages("x", "description") + """, x.beneficiaries, x.funding_sources,
          x.progress_notes,
          (SELECT group_concat(o.name, ' ') FROM organizations o
             WHERE o.id IN (x.lead_id, x.location_id) AND {live_o}),
          (SELECT group_concat(o.name, ' ') FROM project_partners pp
             JOIN organizations o ON o.id = pp.organization_id
             WHERE pp.project_id = x.id AND {live_pp}),
          (SELECT group_concat(m.title || ' ' || """ + _in_languages("m", "title") + """, ' ')
             FROM milestones m
             WHERE m.project_id = x.id AND {live_m}),
          (SELECT group_concat(d.item || ' ' || """ + _in_languages("d", "item") + """
                                || ' ' || coalesce(d.notes, ''), ' ') FROM aid_deliveries d
             WHERE d.project_id = x.id AND {live_d}),
          {tags}
        FROM projects x WHERE {live_x}""",
        slot=4, aliases={"x": Project, "o": Organization, "pp": ProjectPartner, "m": Milestone,
                 "d": AidDelivery},
        names_of=(
            ("organization",
             "SELECT id FROM projects WHERE lead_id IN ({ids}) OR location_id IN ({ids})"),
            ("organization",
             "SELECT project_id FROM project_partners WHERE organization_id IN ({ids})"),
        ),
    ),
    subtitle=Subtitle(
        """SELECT x.id, x.title, x.status, {name_o} FROM projects x
          LEFT JOIN organizations o ON o.id = x.location_id AND {live_o}
          WHERE x.id IN ({ids})""",
        lambda row, lang: (_code(vocab.PROJECT_STATUSES, row[2]),
                           languages.reader_name(row[3:], lang)),
        aliases={"o": Organization}),
    refers=(("lead", "lead_id"), ("location", "location_id")),
    related=(
        Related("partners", ProjectPartner, "project_id",
                (("organization", "organization_id"), ("role", "role"))),
        Related("agreements", ProjectAgreement, "project_id", (("", "agreement_id"),)),
        Related("priority_areas", ProjectPriorityArea, "project_id",
                (("", "priority_area_id"),)),
        Related("milestones", Milestone, "project_id",
                (("title", "title"), ("due_on", "due_on"), ("status", "status"))),
        Related("deliveries", AidDelivery, "project_id",
                (("item", "item"), ("quantity", "quantity"), ("unit", "unit"),
                 ("from", "from_id"), ("to", "to_id"), ("delivered_on", "delivered_on"))),
    ),
    editor="project", translatable=("title", "description"),
    facets=(
        _priority_areas(ProjectPriorityArea, "project_id"),
        dates("dates", N_("Dates"), (
            Window("ends_30", N_("Ends in the next 30 days"), within("end_on", 30)),
            Window("overdue", N_("Past its end, not completed"),
                   passed("end_on", "status", vocab.PROJECTS_UNDER_WAY)),
            Window("milestones_overdue", N_("Milestones overdue"),
                   child_passed(Milestone, "project_id", "due_on", "status",
                                vocab.MILESTONES_PENDING)),
        )),
    ),
)

ACTIVITY = KindSpec(
    model=Activity,
    plural="activities", aliases=("activity",),
    label=N_("Activity"), plural_label=N_("Activities"), new_label=N_("New activity"),
    owned=((ActivityParticipant, "activity_id"),),
    columns=(
        Column("occurs_on", N_("Date"), Activity.occurs_on, show_date, width=15,
               sample=date_sample),
        Column("title", N_("Title"), Activity.title, width=44, sort_by="sort_key",
               translated=_in_language(Activity, "title")),
        Column("kind", N_("Kind"), Activity.kind, labels=vocab.ACTIVITY_KINDS, width=12),
        Column("location", N_("Place"), Activity.location, width=24),
    ),
    default_descending=True,
    search=SearchDocument(
        """SELECT x.id, x.title, NULL, x.location, x.notes, x.follow_ups,
          (SELECT group_concat(coalesce(p.full_name || ' ' || coalesce(p.latin_name, ''), o.name),
                  ' ')
             FROM activity_participants ap LEFT JOIN people p ON p.id = ap.person_id
             LEFT JOIN organizations o ON o.id = ap.organization_id
             WHERE ap.activity_id = x.id AND {live_ap}),
          {tags}
        FROM activities x WHERE {live_x}""",
        slot=5, aliases={"x": Activity, "ap": ActivityParticipant},
        names_of=(
            ("organization", "SELECT activity_id FROM activity_participants"
                             " WHERE organization_id IN ({ids})"),
            ("person",
             "SELECT activity_id FROM activity_participants WHERE person_id IN ({ids})"),
        ),
    ),
    subtitle=Subtitle(
        "SELECT x.id, x.title, x.occurs_on, x.location, x.kind FROM activities x "
        "WHERE x.id IN ({ids})",
        lambda row, lang: (_code(vocab.ACTIVITY_KINDS, row[4]), _day(row[2]), row[3])),
    refers=(("agreement", "agreement_id"), ("project", "project_id")),
    related=(
        Related("participants", ActivityParticipant, "activity_id",
                (("", "person_id"),), alternatives=("organization_id",)),
    ),
    editor="activity", translatable=("title",),
    facets=(dates("dates", N_("Dates"), (
        Window("next_30", N_("In the next 30 days"), within("occurs_on", 30)),
        Window("last_30", N_("In the last 30 days"), lately("occurs_on", 30)),
    )),),
)

NEED = KindSpec(
    model=Need,
    plural="needs", aliases=("need",),
    label=N_("Need"), plural_label=N_("Needs"), new_label=N_("New need"),
    owned=((Pledge, "need_id"),),
    columns=(
        Column("item", N_("Item"), Need.item, width=30, sort_by="sort_key",
               translated=_in_language(Need, "item")),
        Column("community", N_("Community"), _name_of(Need.organization_id),
               sortable=False, width=30, translated=_name_in_language(Need.organization_id)),
        Column("quantity", N_("Quantity"), Need.quantity, extra=(Need.unit,),
               combine=show_amount, width=14),
        Column("priority", N_("Priority"), Need.priority,
               labels=vocab.NEED_PRIORITIES, width=10),
        Column("needed_by", N_("Needed by"), Need.needed_by, show_date, width=15,
               sample=date_sample),
        Column("status", N_("Status"), Need.status, labels=vocab.NEED_STATUSES, width=16),
    ),
    search=SearchDocument(
        "SELECT x.id, x.item, " + _in_languages("x", "item") + """, x.unit, x.notes,
          (SELECT o.name FROM organizations o WHERE o.id = x.organization_id AND {live_o}),
          (SELECT group_concat(o.name || ' ' || coalesce(p.notes, ''), ' ') FROM pledges p
             JOIN organizations o ON o.id = p.organization_id
             WHERE p.need_id = x.id AND {live_p}),
          {tags}
        FROM needs x WHERE {live_x}""",
        slot=6, aliases={"x": Need, "o": Organization, "p": Pledge},
        names_of=(
            ("organization", "SELECT id FROM needs WHERE organization_id IN ({ids})"),
            ("organization", "SELECT need_id FROM pledges WHERE organization_id IN ({ids})"),
        ),
    ),
    subtitle=Subtitle(
        """SELECT x.id, x.item, x.status, x.needed_by, {name_o} FROM needs x
          LEFT JOIN organizations o ON o.id = x.organization_id AND {live_o}
          WHERE x.id IN ({ids})""",
        lambda row, lang: (_code(vocab.NEED_STATUSES, row[2]),
                           languages.reader_name(row[4:], lang), _day(row[3])),
        aliases={"o": Organization}),
    refers=(("organization", "organization_id"),),
    related=(
        Related("pledges", Pledge, "need_id",
                (("organization", "organization_id"), ("quantity", "quantity"),
                 ("expected_on", "expected_on"), ("notes", "notes"))),
    ),
    editor="need", translatable=("item",),
    facets=(dates("dates", N_("Dates"), (
        Window("needed_30", N_("Needed in the next 30 days"), within("needed_by", 30)),
        Window("overdue", N_("Overdue"), passed("needed_by", "status", vocab.NEEDS_IN_PROGRESS)),
    )),),
)

#: Every kind, top-level ones first in navigation order; the rest live inside them.
KINDS: tuple[KindSpec, ...] = (
    ORGANIZATION, PERSON, AGREEMENT, PROJECT, ACTIVITY, NEED, KindSpec(Pledge),
    KindSpec(Affiliation), KindSpec(ContactPoint), KindSpec(Tag), KindSpec(TagLink),
    KindSpec(PriorityArea, translatable=("name",)), KindSpec(AgreementParty),
    KindSpec(Signatory), KindSpec(Commitment, translatable=("description",)),
    KindSpec(AgreementPriorityArea), KindSpec(ProjectPartner), KindSpec(ProjectAgreement),
    KindSpec(ProjectPriorityArea), KindSpec(Milestone, translatable=("title",)),
    KindSpec(AidDelivery, translatable=("item",)), KindSpec(ActivityParticipant), KindSpec(Attachment),
    KindSpec(Source),
)

for _spec in KINDS:
    languages.add_columns(_spec.model, _spec.translatable)
    sort_keys.add_columns(_spec.model)
BY_NAME: dict[str, KindSpec] = {spec.name: spec for spec in KINDS}
#: Kinds with a page, a list, a command-line name and an editor, in navigation order.
TOP_LEVEL: tuple[KindSpec, ...] = tuple(spec for spec in KINDS if spec.top_level)
#: Kinds the search index holds, in the order results are grouped.
SEARCHABLE: tuple[KindSpec, ...] = tuple(spec for spec in KINDS if spec.search is not None)
MODELS: tuple[type[Entity], ...] = tuple(spec.model for spec in KINDS)
_CLI_NAMES: dict[str, KindSpec] = {
    name: spec for spec in TOP_LEVEL for name in (spec.plural, *spec.aliases)}


def spec(kind: str | type[Entity]) -> KindSpec:
    """The declaration of a kind, by its name ("organization") or its model."""
    name = kind if isinstance(kind, str) else kind.KIND
    try:
        return BY_NAME[name]
    except KeyError:
        raise CoordinatorError(_("unknown kind of record: {kind}").format(kind=name)) from None


def model(kind: str) -> type[Entity]:
    return spec(kind).model


def from_cli(name: str, *, any_kind: bool = False) -> KindSpec:
    """A top-level kind by the name a person types: plural, singular, British spelling;
    with `any_kind`, also a kind that lives inside another by its own name (pledge)."""
    name = name.strip().lower()
    found = _CLI_NAMES.get(name) or (BY_NAME.get(name) if any_kind else None)
    if found is None:
        from coordinator_app.core.errors import NotFound

        raise NotFound(_("unknown kind “{name}”; choose one of: {kinds}").format(
            name=name, kinds=", ".join(s.plural for s in TOP_LEVEL)))
    return found


def shown_with(kind: str) -> frozenset[str]:
    """The kinds whose changes can alter how records of `kind` are listed or found: its
    own, the records it owns, those whose names its rows and search document show
    (the names a list column shows are in its search document too), and tags."""
    found = spec(kind)
    kinds = {found.name, "tag", "tag_link"} | {model_.KIND for model_, _fk in found.owned}
    if found.search is not None:
        kinds |= {named for named, _sql in found.search.names_of}
    return frozenset(kinds)


def owners_of(child: type[Entity]) -> Iterator[tuple[KindSpec, str]]:
    """The kinds that own records of `child`, each with the column pointing at them."""
    for owner in KINDS:
        for model_, fk in owner.owned:
            if model_ is child:
                yield owner, fk
