"""Where facts come from: press releases and news links of any record."""

from __future__ import annotations

from coordinator_app.core.records.models import Source
from coordinator_app.i18n import N_, _
from coordinator_app.ui.context import UiContext
from coordinator_app.ui.widgets.dates import DateField
from coordinator_app.ui.widgets.fields import TextField
from coordinator_app.ui.widgets.relations import Column, RelationTable


def source_table(context: UiContext, *, kind: str) -> RelationTable:
    columns = [
        Column(N_("Title"), lambda: TextField("title", _("e.g. Press release"))),
        Column(N_("Link"), lambda: TextField("url", "https://")),
        Column(N_("Publisher"), lambda: TextField("publisher"), stretch=False, chars=18),
        Column(N_("Published"), lambda: DateField("published_on"), stretch=False, chars=15),
    ]
    return RelationTable(context, Source, parent_fk="owner_id", columns=columns,
                         required=("title",), label=N_("source"), fixed={"owner_kind": kind})
