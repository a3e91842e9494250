"""Editors for each kind of record, hosted by the main window.

`EDITORS[kind](context, parent)` makes an editor; `show_record(id)` shows a
record (None: a blank form, created on the first valid commit, then
`record_created(id)`); `delete_current()` asks and tombstones.
"""

from __future__ import annotations

from coordinator_app.ui.editors.activity import ActivityEditor
from coordinator_app.ui.editors.agreement import AgreementEditor
from coordinator_app.ui.editors.base import RecordEditor
from coordinator_app.ui.editors.organization import OrganizationEditor
from coordinator_app.ui.editors.person import PersonEditor
from coordinator_app.ui.editors.project import ProjectEditor

EDITORS: dict[str, type[RecordEditor]] = {
    "organization": OrganizationEditor,
    "person": PersonEditor,
    "agreement": AgreementEditor,
    "project": ProjectEditor,
    "activity": ActivityEditor,
}

__all__ = ["EDITORS", "RecordEditor"]
