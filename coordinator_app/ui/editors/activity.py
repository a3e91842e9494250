"""Activities: meetings, calls, visits and signings, who took part, what follows."""

from __future__ import annotations

from coordinator_app.core.records import vocab
from coordinator_app.core.records.models import Activity, ActivityParticipant
from coordinator_app.i18n import N_, _
from coordinator_app.ui.editors.base import RecordEditor
from coordinator_app.ui.widgets.dates import DateField
from coordinator_app.ui.widgets.fields import ChoiceField, NotesField, TextField
from coordinator_app.ui.widgets.picker import RecordPicker
from coordinator_app.ui.widgets.relations import Column, RelationTable
from coordinator_app.ui.widgets.translated import text_field


class ActivityEditor(RecordEditor):
    KIND = "activity"
    MODEL = Activity
    REQUIRED = ("title", "occurs_on")
    WHAT = N_("activity")
    NEEDS = N_("Type a title and a date to create the activity; every field is saved "
               "as you go.")

    def build(self) -> None:
        c = self.context
        self.title = self.field(N_("Title"), text_field(Activity, "title"))
        self.kind = self.field(N_("Kind"), ChoiceField("kind", vocab.ACTIVITY_KINDS))
        self.occurs_on = self.field(N_("Date"), DateField("occurs_on"))
        self.location = self.field(N_("Location"), TextField("location"))
        self.agreement = self.field(N_("Agreement"), RecordPicker(
            c, {"agreement": "agreement_id"}))
        self.project = self.field(N_("Project"), RecordPicker(c, {"project": "project_id"}))
        self.notes = self.field(N_("Notes"), NotesField("notes"))
        self.follow_ups = self.field(N_("Follow-ups"), NotesField("follow_ups"))
        self.participants = self.section(N_("Participants"), RelationTable(
            c, ActivityParticipant, parent_fk="activity_id", columns=[
                Column(N_("Person or organisation"), lambda: RecordPicker(
                    c, {"person": "person_id", "organization": "organization_id"})),
            ], required=(), label=N_("participant")))


EDITOR = ActivityEditor
