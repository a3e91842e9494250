"""Ways to reach a person or an organisation: phone, e-mail, messengers."""

from __future__ import annotations

from coordinator_app.core.records import vocab
from coordinator_app.core.records.models import ContactPoint
from coordinator_app.i18n import N_, _
from coordinator_app.ui.context import UiContext
from coordinator_app.ui.widgets.fields import ChoiceField, TextField
from coordinator_app.ui.widgets.relations import Column, RelationTable


def contact_table(context: UiContext, *, owner_fk: str) -> RelationTable:
    columns = [
        Column(N_("Kind"), lambda: ChoiceField("kind", vocab.CONTACT_KINDS), stretch=False),
        Column(N_("Number, address or handle"), lambda: TextField("value", "+380 …")),
        Column(N_("Label"), lambda: TextField("label", _("e.g. office, mobile"))),
    ]
    return RelationTable(context, ContactPoint, parent_fk=owner_fk, columns=columns,
                         required=("kind", "value"), label=N_("contact"))
