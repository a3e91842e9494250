"""People: names in both scripts, positions held over time, ways to reach them."""

from __future__ import annotations

import uklatn
from PySide6.QtWidgets import QPushButton
from sqlalchemy.orm import Session

from coordinator_app.core.text.folding import has_cyrillic
from coordinator_app.core.records.models import Affiliation, Person
from coordinator_app.i18n import N_, _
from coordinator_app.ui.editors import related_lines
from coordinator_app.ui.editors.base import RecordEditor
from coordinator_app.ui.editors.contacts import contact_table
from coordinator_app.ui.editors.duplicates import DuplicateWatch
from coordinator_app.ui.widgets.dates import DateField
from coordinator_app.ui.widgets.fields import NotesField, TextField
from coordinator_app.ui.widgets.picker import RecordPicker
from coordinator_app.ui.widgets.relations import Column, RelationTable
from coordinator_app.ui.widgets.tags import TagsField


class PersonEditor(RecordEditor):
    KIND = "person"
    MODEL = Person
    REQUIRED = ("full_name",)
    WHAT = N_("person")
    NEEDS = N_("Type the person's name to create them; every field is saved as you go.")

    def build(self) -> None:
        c = self.context
        self.duplicates = DuplicateWatch(self)
        self.full_name = self.field(N_("Full name"), TextField(
            "full_name", _("As written natively, e.g. Ігор Терехов")))
        self.latin_name = self.field(N_("Latin spelling"), TextField(
            "latin_name", _("e.g. Ihor Terekhov")))
        self.use_latin = QPushButton(self.latin_name)
        self.use_latin.clicked.connect(self.use_suggested_latin)
        self.latin_name._row.addWidget(self.use_latin)
        self.use_latin.hide()
        self.other_names = self.field(N_("Other names"), NotesField("other_names", lines=2))
        self.languages = self.field(N_("Languages"), TextField(
            "languages", _("ISO codes, e.g. uk, en, lt")))
        self.notes = self.field(N_("Notes"), NotesField("notes"))
        self.tags = self.form_row(N_("Tags"), TagsField(c, self.KIND))
        self.affiliations = self.section(N_("Positions"), RelationTable(
            c, Affiliation, parent_fk="person_id", columns=[
                Column(N_("Organisation"), lambda: RecordPicker(
                    c, {"organization": "organization_id"})),
                Column(N_("Position"), lambda: TextField("position", _("e.g. Mayor"))),
                Column(N_("From"), lambda: DateField("start_on"), stretch=False, chars=15),
                Column(N_("To"), lambda: DateField("end_on"), stretch=False, chars=15),
            ], required=("organization_id",), label=N_("position"), order_by="start_on"))
        self.contacts = self.section(N_("Contacts"), contact_table(
            c, owner_fk="person_id"))
        self.signed = self.section(N_("Agreements signed"), related_lines.agreements_signed_by(
            c, _("Agreements signed")))
        self.activities = self.section(N_("Meetings, calls and visits"),
                                       related_lines.activities_of(
                                           c, self.KIND, _("Meetings, calls and visits")))

    def after_create(self, record_id: str) -> None:
        self.duplicates.started(record_id)

    def suggested_latin(self) -> str | None:
        """The official Ukrainian transliteration (KMU 2010) of a Cyrillic name that
        has no Latin spelling yet; partners abroad write to "Ihor Terekhov"."""
        stored = self.binder.stored
        name = stored.get("full_name")
        if not name or stored.get("latin_name") or not has_cyrillic(name):
            return None
        return uklatn.encode(name, uklatn.KMU_55)

    def loaded(self, session: Session, obj) -> None:
        self.duplicates.check(session)
        suggestion = self.suggested_latin()
        self.use_latin.setVisible(suggestion is not None)
        if suggestion:
            self.use_latin.setText(_("Use “{name}”").format(name=suggestion))

    def use_suggested_latin(self) -> None:
        suggestion = self.suggested_latin()
        if suggestion:
            self.latin_name.edit.setText(suggestion)
            self.latin_name.edit.editingFinished.emit()
            self.use_latin.hide()


EDITOR = PersonEditor
