"""Needs: what a frontline community needs, and the partners' pledges that cover it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from sqlalchemy.orm import Session

from coordinator_app.core.records import vocab
from coordinator_app.core.views import needs
from coordinator_app.core.records.models import Need, Pledge
from coordinator_app.i18n import N_, _
from coordinator_app.ui.editors.base import RecordEditor
from coordinator_app.ui.widgets.dates import DateField
from coordinator_app.ui.widgets.fields import (
    ChoiceField,
    NotesField,
    NumberField,
    TextField,
    UnitField,
)
from coordinator_app.ui.widgets.picker import RecordPicker
from coordinator_app.ui.widgets.relations import Column, RelationTable
from coordinator_app.ui.widgets.translated import text_field


class CoverageLine(QLabel):
    """How far the need shown is covered, read again whenever its pledges change."""

    def reload(self, session: Session, record_id: str | None) -> None:
        found = needs.of_need(session, record_id) if record_id else None
        self.setText(needs.coverage_text(found) if found else "")


class NeedEditor(RecordEditor):
    KIND = "need"
    MODEL = Need
    REQUIRED = ("organization_id", "item", "quantity")
    WHAT = N_("need")
    NEEDS = N_("Choose the community, then type what it needs and how many to create "
               "the need; every field is saved as you go.")

    def build(self) -> None:
        c = self.context
        self.community = self.field(N_("Community"), RecordPicker(
            c, {"organization": "organization_id"}, _("The community that needs it…")))
        self.item = self.field(N_("Item"), text_field(Need, "item", _("e.g. generators")))
        self.quantity = self.field(N_("Quantity"), NumberField("quantity"))
        self.unit = self.field(N_("Unit"), UnitField("unit"))
        self.priority = self.field(N_("Priority"), ChoiceField("priority",
                                                              vocab.NEED_PRIORITIES))
        self.needed_by = self.field(N_("Needed by"), DateField("needed_by"))
        self.status = self.field(N_("Status"), ChoiceField("status", vocab.NEED_STATUSES))
        self.notes = self.field(N_("Notes"), NotesField("notes"))
        self.coverage = self.section(N_("Coverage"), CoverageLine())
        self.pledges = self.section(N_("Pledges"), RelationTable(
            c, Pledge, parent_fk="need_id", columns=[
                Column(N_("Organisation"), lambda: RecordPicker(
                    c, {"organization": "organization_id"})),
                Column(N_("Quantity"), lambda: NumberField("quantity"), stretch=False,
                       chars=8),
                Column(N_("Expected"), lambda: DateField("expected_on"), stretch=False,
                       chars=15),
                Column(N_("Notes"), lambda: TextField("notes"), chars=10),
            ], required=("organization_id", "quantity"), label=N_("pledge"),
            order_by="expected_on"))


EDITOR = NeedEditor
