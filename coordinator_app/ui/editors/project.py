"""Projects: budget, partners, milestones and the aid actually delivered."""

from __future__ import annotations

from sqlalchemy.orm import Session

from coordinator_app.core.records import vocab
from coordinator_app.core.views import needs
from coordinator_app.core.records.models import (
    AidDelivery,
    Milestone,
    Project,
    ProjectAgreement,
    ProjectPartner,
    ProjectPriorityArea,
)
from coordinator_app.i18n import N_, _
from coordinator_app.ui.editors.base import RecordEditor
from coordinator_app.ui.widgets.checklist import PriorityAreaList
from coordinator_app.ui.widgets.dates import DateField
from coordinator_app.ui.widgets.fields import (
    ChoiceField,
    NotesField,
    NumberField,
    TextField,
    UnitField,
)
from coordinator_app.ui.widgets.money import MoneyField
from coordinator_app.ui.widgets.picker import RecordPicker
from coordinator_app.ui.widgets.relations import Column, RelationTable
from coordinator_app.ui.widgets.translated import text_field


class _Pledges:
    """The pledges a delivery can fulfil, read first on each load."""

    def __init__(self) -> None:
        self.choices: list[tuple[str, str]] = []

    def reload(self, session: Session, record_id: str | None) -> None:
        # A blank form shows no deliveries: their choices are read once it is a project.
        self.choices = needs.pledge_choices(session) if record_id is not None else []

    def __call__(self) -> list[tuple[str, str]]:
        return self.choices


class ProjectEditor(RecordEditor):
    KIND = "project"
    MODEL = Project
    REQUIRED = ("title",)
    WHAT = N_("project")
    NEEDS = N_("Type the project's title to create it; every field is saved as you go.")

    def build(self) -> None:
        c = self.context
        self.title = self.field(N_("Title"), text_field(Project, "title"))
        self.description = self.field(N_("Description"), text_field(Project, "description", lines=3))
        self.status = self.field(N_("Status"), ChoiceField("status", vocab.PROJECT_STATUSES))
        self.lead = self.field(N_("Lead organisation"), RecordPicker(
            c, {"organization": "lead_id"}))
        self.location = self.field(N_("Location"), RecordPicker(
            c, {"organization": "location_id"}, _("The community where the work happens…")))
        self.start_on = self.field(N_("Starts"), DateField("start_on"))
        self.end_on = self.field(N_("Ends"), DateField("end_on"))
        self.budget = self.field(N_("Budget"), MoneyField("budget_minor", "currency"))
        self.funding_sources = self.field(N_("Funding sources"), NotesField(
            "funding_sources", lines=2))
        self.beneficiaries = self.field(N_("Beneficiaries"), NotesField("beneficiaries", lines=2))
        self.progress_notes = self.field(N_("Progress notes"), NotesField("progress_notes"))

        currency = lambda: self.binder.stored.get("currency") or "EUR"  # noqa: E731
        self.pledges_source = _Pledges()
        self.sections.append(self.pledges_source)
        self.partners = self.section(N_("Partners"), RelationTable(
            c, ProjectPartner, parent_fk="project_id", columns=[
                Column(N_("Organisation"), lambda: RecordPicker(
                    c, {"organization": "organization_id"})),
                Column(N_("Role"), lambda: ChoiceField("role", vocab.PARTNER_ROLES),
                       stretch=False),
                Column(N_("Contribution"), lambda: MoneyField(
                    "contribution_minor", currency_of=currency), stretch=False, chars=14),
            ], required=("organization_id",), label=N_("partner")))
        self.agreements = self.section(N_("Agreements it implements"), RelationTable(
            c, ProjectAgreement, parent_fk="project_id", columns=[
                Column(N_("Agreement"), lambda: RecordPicker(c, {"agreement": "agreement_id"})),
            ], required=("agreement_id",), label=N_("linked agreement")))
        self.priority_areas = self.section(N_("Priority areas"), PriorityAreaList(
            c, ProjectPriorityArea, owner_fk="project_id"))
        self.milestones = self.section(N_("Milestones"), RelationTable(
            c, Milestone, parent_fk="project_id", columns=[
                Column(N_("Milestone"), lambda: text_field(Milestone, "title", compact=True)),
                Column(N_("Due"), lambda: DateField("due_on"), stretch=False, chars=15),
                Column(N_("Done"), lambda: DateField("done_on"), stretch=False, chars=15),
                Column(N_("Status"), lambda: ChoiceField("status", vocab.MILESTONE_STATUSES),
                       stretch=False),
            ], required=("title",), label=N_("milestone"), order_by="due_on"))
        self.deliveries = self.section(N_("Aid deliveries"), RelationTable(
            c, AidDelivery, parent_fk="project_id", columns=[
                # Two lines: what, how much and when above; from whom, to whom and
                # why below, each pair of columns alike in width.
                Column(N_("Item"), lambda: text_field(AidDelivery, "item", _("e.g. generators"),
                                                      compact=True),
                       span=2),
                Column(N_("Quantity"), lambda: NumberField("quantity"), stretch=False,
                       chars=8),
                Column(N_("Unit"), lambda: UnitField("unit"), stretch=False,
                       chars=6),
                Column(N_("From"), lambda: RecordPicker(c, {"organization": "from_id"}),
                       chars=22, line=1),
                Column(N_("To"), lambda: RecordPicker(c, {"organization": "to_id"}),
                       chars=22, line=1),
                Column(N_("Date"), lambda: DateField("delivered_on"), stretch=False, chars=15),
                Column(N_("Notes"), lambda: TextField("notes"), chars=10, line=1, span=2),
                Column(N_("Fulfils pledge"), lambda: ChoiceField(
                    "pledge_id", self.pledges_source, allow_empty=True), chars=16, line=1),
            ], required=("item", "quantity"), label=N_("aid delivery"),
            order_by="delivered_on"))


EDITOR = ProjectEditor
