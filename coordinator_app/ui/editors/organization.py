"""Organisations: communities, associations, donors, ministries."""

from __future__ import annotations

from sqlalchemy.orm import Session

from coordinator_app.core.records import units, vocab
from coordinator_app.core.records.models import Affiliation, Organization
from coordinator_app.i18n import N_, _
from coordinator_app.ui.editors import related_lines
from coordinator_app.ui.editors.base import RecordEditor
from coordinator_app.ui.editors.contacts import contact_table
from coordinator_app.ui.editors.duplicates import DuplicateWatch
from coordinator_app.ui.widgets.dates import DateField
from coordinator_app.ui.widgets.country import CountryField
from coordinator_app.ui.widgets.fields import ChoiceField, NotesField, TextField
from coordinator_app.ui.widgets.members import MemberList
from coordinator_app.ui.widgets.picker import RecordPicker
from coordinator_app.ui.widgets.record_lines import RecordLines
from coordinator_app.ui.widgets.relations import Column, RelationTable
from coordinator_app.ui.widgets.tags import TagsField
from coordinator_app.ui.widgets.translated import text_field


def need_lines(session: Session, organization_id: str) -> list[tuple[str, str, str]]:
    """"Generators: 60 of 100 pcs still uncovered · Open"."""
    from coordinator_app.core.views.needs import of_organization, uncovered_text

    return [(_("{item}: {uncovered} still uncovered · {status}").format(
                item=need.item, uncovered=uncovered_text(need),
                status=_(vocab.NEED_STATUSES.get(need.status, need.status))),
             "need", need.id) for need in of_organization(session, organization_id)]


def pledge_lines(session: Session, organization_id: str) -> list[tuple[str, str, str]]:
    """"40 pcs generators for Kharkiv, expected 18.12.2025"."""
    from coordinator_app.core.text.formatting import format_date, format_number
    from coordinator_app.core.views.needs import pledged_by

    lines = []
    for pledge in pledged_by(session, organization_id):
        text = _("{quantity} {unit} {item} for {community}").format(
            quantity=format_number(pledge.quantity), unit=units.label(pledge.unit),
            item=pledge.item, community=pledge.community).replace("  ", " ")
        if pledge.expected_on is not None:
            text = _("{pledge}, expected {date}").format(
                pledge=text, date=format_date(pledge.expected_on))
        lines.append((text, "need", pledge.need_id))
    return lines


class OrganizationEditor(RecordEditor):
    KIND = "organization"
    MODEL = Organization
    REQUIRED = ("name",)
    WHAT = N_("organisation")
    NEEDS = N_("Type the organisation's name to create it; every field is saved as you go.")

    def build(self) -> None:
        c = self.context
        self.duplicates = DuplicateWatch(self)
        self.name = self.field(N_("Name"), text_field(Organization, "name", _("e.g. Kharkiv City Council")))
        self.other_names = self.field(N_("Other names"), NotesField("other_names", lines=2))
        self.other_names.setToolTip(_("Other names and spellings, one per line"))
        self.kind = self.field(N_("Kind"), ChoiceField("kind", vocab.ORGANIZATION_KINDS))
        self.country = self.field(N_("Country"), CountryField(
            "country", _("Type a country’s name or code, e.g. Lithuania or LT")))
        self.region = self.field(N_("Region"), TextField("region"))
        self.parent_org = self.field(N_("Member of"), RecordPicker(
            c, {"organization": "parent_id"}, _("Association or parent body…")))
        self.website = self.field(N_("Website"), TextField("website", "https://"))
        self.address = self.field(N_("Address"), NotesField("address", lines=2))
        self.notes = self.field(N_("Notes"), NotesField("notes"))
        self.tags = self.form_row(N_("Tags"), TagsField(c, self.KIND))
        self.contacts = self.section(N_("Contacts"), contact_table(
            c, owner_fk="organization_id"))
        # The same positions a person's editor shows, seen from the organisation.
        self.people = self.section(N_("People"), RelationTable(
            c, Affiliation, parent_fk="organization_id", columns=[
                Column(N_("Person"), lambda: RecordPicker(c, {"person": "person_id"})),
                Column(N_("Position"), lambda: TextField("position", _("e.g. Mayor"))),
                Column(N_("From"), lambda: DateField("start_on"), stretch=False, chars=15),
                Column(N_("To"), lambda: DateField("end_on"), stretch=False, chars=15),
            ], required=("person_id",), label=N_("position"), order_by="start_on"))
        self.members = self.section(N_("Members"), MemberList(c))
        self.agreements = self.section(N_("Agreements"), related_lines.agreements_of(
            c, _("Agreements")))
        self.projects = self.section(N_("Projects"), related_lines.projects_of(
            c, _("Projects")))
        self.activities = self.section(N_("Meetings, calls and visits"),
                                       related_lines.activities_of(
                                           c, self.KIND, _("Meetings, calls and visits")))
        self.needs = self.section(N_("Needs"), RecordLines(
            c, need_lines, _("This community has recorded no needs."), name=_("Needs")))
        self.pledges = self.section(N_("Pledges"), RecordLines(
            c, pledge_lines, _("No pledges from this organisation."), name=_("Pledges")))

    def loaded(self, session: Session, obj) -> None:
        self.duplicates.check(session)

    def after_create(self, record_id: str) -> None:
        self.duplicates.started(record_id)


EDITOR = OrganizationEditor
