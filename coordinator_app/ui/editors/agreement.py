"""Agreements: who signed what, when, and what each party committed to do."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton
from sqlalchemy.orm import Session

from coordinator_app.core.records import vocab
from coordinator_app.core.views import related
from coordinator_app.core.records.models import (
    Agreement,
    AgreementParty,
    AgreementPriorityArea,
    Commitment,
    ProjectAgreement,
    Signatory,
)
from coordinator_app.core.views.positions import current_positions
from coordinator_app.i18n import N_, _
from coordinator_app.ui.editors.base import RecordEditor
from coordinator_app.ui.editors.sources import source_table
from coordinator_app.ui.widgets.attachments import AttachmentList
from coordinator_app.ui.widgets.binder import Binder
from coordinator_app.ui.widgets.checklist import PriorityAreaList
from coordinator_app.ui.widgets.dates import DateField
from coordinator_app.ui.widgets.fields import ChoiceField, TextField
from coordinator_app.ui.widgets.picker import RecordPicker
from coordinator_app.ui.widgets.relations import Column, RelationTable
from coordinator_app.ui.widgets.translated import text_field


class _Parties:
    """The agreement's parties, read first on each load: signatories and commitments
    offer them as choices."""

    def __init__(self) -> None:
        self.choices: list[tuple[str, str]] = []

    def reload(self, session: Session, record_id: str | None) -> None:
        if record_id is None:
            self.choices = []
            return
        self.choices = related.parties(session, record_id)

    def __call__(self) -> list[tuple[str, str]]:
        return self.choices


class AgreementEditor(RecordEditor):
    KIND = "agreement"
    MODEL = Agreement
    REQUIRED = ("title",)
    WHAT = N_("agreement")
    NEEDS = N_("Type the agreement's title to create it; every field is saved as you go.")

    def build(self) -> None:
        c = self.context
        self.parties_source = _Parties()
        self.sections.append(self.parties_source)
        self.print_button = self.add_action(QPushButton(_("Print summary…"), self))
        self.print_button.clicked.connect(self.print_summary)

        self.title = self.field(N_("Title"), text_field(Agreement, "title"))
        self.kind = self.field(N_("Kind"), ChoiceField("kind", vocab.AGREEMENT_KINDS))
        self.status = self.field(N_("Status"), ChoiceField("status", vocab.AGREEMENT_STATUSES))
        self.signed_on = self.field(N_("Signed on"), DateField("signed_on"))
        self.signed_place = self.field(N_("Signed at"), TextField("signed_place", _("Place")))
        self.effective_from = self.field(N_("Effective from"), DateField("effective_from"))
        self.expires_on = self.field(N_("Expires on"), DateField("expires_on"))
        self.purpose = self.field(N_("Purpose"), text_field(Agreement, "purpose", lines=3))
        self.notes = self.field(N_("Notes"), text_field(Agreement, "notes", lines=3))

        self.parties = self.section(N_("Parties"), RelationTable(
            c, AgreementParty, parent_fk="agreement_id", columns=[
                Column(N_("Organisation"), lambda: RecordPicker(
                    c, {"organization": "organization_id"})),
                Column(N_("Role"), lambda: ChoiceField("role", vocab.PARTY_ROLES),
                       stretch=False),
            ], required=("organization_id",), label=N_("party")))
        self.signatories = self.section(N_("Signatories"), RelationTable(
            c, Signatory, parent_fk="agreement_id", columns=[
                Column(N_("Person"), lambda: RecordPicker(c, {"person": "person_id"})),
                Column(N_("Signs for"), lambda: ChoiceField(
                    "organization_id", self.parties_source), stretch=False, chars=24),
                Column(N_("Title at signing"), lambda: TextField(
                    "title_at_signing", _("e.g. Mayor of Kharkiv"))),
            ], required=("person_id", "organization_id"), label=N_("signatory"),
            on_row=self._signatory_row))
        self.commitments = self.section(N_("Commitments"), RelationTable(
            c, Commitment, parent_fk="agreement_id", columns=[
                # What was committed to runs the whole width, the rest below it.
                Column(N_("What"), lambda: text_field(Commitment, "description",
                                                      compact=True)),
                Column(N_("Party"), lambda: ChoiceField(
                    "party_id", self.parties_source, allow_empty=True), chars=20, line=1),
                Column(N_("Owner"), lambda: RecordPicker(c, {"person": "owner_id"}),
                       chars=18, line=1),
                Column(N_("Due"), lambda: DateField("due_on"), stretch=False, chars=15,
                       line=1),
                Column(N_("Status"), lambda: ChoiceField("status", vocab.COMMITMENT_STATUSES),
                       stretch=False, line=1),
            ], required=("description",), label=N_("commitment"), order_by="due_on"))
        self.priority_areas = self.section(N_("Priority areas"), PriorityAreaList(
            c, AgreementPriorityArea, owner_fk="agreement_id"))
        self.projects = self.section(N_("Projects implementing it"), RelationTable(
            c, ProjectAgreement, parent_fk="agreement_id", columns=[
                Column(N_("Project"), lambda: RecordPicker(c, {"project": "project_id"})),
            ], required=("project_id",), label=N_("linked project")))
        self.attachments = self.section(N_("Attachments"), AttachmentList(c, kind=self.KIND))
        self.sources = self.section(N_("Sources"), source_table(c, kind=self.KIND))

    def _signatory_row(self, binder: Binder) -> None:
        binder.by_name["person_id"].picked.connect(
            lambda _kind, person_id: self._signs_as(binder, person_id))

    def _signs_as(self, binder: Binder, person_id: str) -> None:
        """A person chosen to sign: for the party they hold a position at, with that
        position as their title, unless the row says otherwise already."""
        with self.context.workspace.read() as session:
            positions = current_positions(session, person_id)
        parties = {party_id for party_id, _name in self.parties_source.choices}
        signs_for, title = binder.by_name["organization_id"], binder.by_name["title_at_signing"]
        held = next(((org, position) for org, position in positions if org in parties), None)
        if held is None:
            return
        organization_id, position = held
        if binder.record_id is None:  # a new row: the party is only the first one yet
            signs_for.combo.setCurrentIndex(signs_for.combo.findData(organization_id))
        if position and not title.edit.text().strip():
            title.edit.setText(position)
            if binder.record_id is not None:
                title.dirty = True
                title.committed.emit()

    def loaded(self, session: Session, obj) -> None:
        self.print_button.setEnabled(obj is not None)

    def print_summary(self) -> None:
        if self.current_id() is None:
            return
        # Imported here: the report machinery (ReportLab) loads only when printing.
        from coordinator_app.ui.report_dialogs import print_agreement_summary

        print_agreement_summary(self.context, self.current_id(), self)


EDITOR = AgreementEditor
