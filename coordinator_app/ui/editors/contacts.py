"""Ways to reach a person or an organisation: phone, e-mail, messengers."""

from __future__ import annotations

from sqlalchemy.orm import Session

from coordinator_app.core.records import vocab
from coordinator_app.core.records.models import ContactPoint
from coordinator_app.core.views.contact_links import home_country, phone_hint
from coordinator_app.i18n import N_, _
from coordinator_app.ui.context import UiContext
from coordinator_app.ui.widgets.fields import ChoiceField, TextField
from coordinator_app.ui.widgets.relations import Column, RelationTable

#: The column of the number, address or handle.
VALUE = 1


class ContactTable(RelationTable):
    """The contacts of one owner; the number's hint starts with the calling code of
    the owner's country (an organisation's own, a person's organisation's)."""

    def reload(self, session: Session, parent_id: str | None, *,
               keep_limit: bool = False) -> None:
        super().reload(session, parent_id, keep_limit=keep_limit)
        hint = phone_hint(home_country(session, self.parent_fk, parent_id))
        for row in range(len(self.binders)):
            self.cell(row, VALUE).edit.setPlaceholderText(hint)


def contact_table(context: UiContext, *, owner_fk: str) -> RelationTable:
    columns = [
        Column(N_("Kind"), lambda: ChoiceField("kind", vocab.CONTACT_KINDS), stretch=False),
        Column(N_("Number, address or handle"), lambda: TextField("value", phone_hint(None))),
        Column(N_("Label"), lambda: TextField("label", _("e.g. office, mobile"))),
    ]
    return ContactTable(context, ContactPoint, parent_fk=owner_fk, columns=columns,
                        required=("kind", "value"), label=N_("contact"))
