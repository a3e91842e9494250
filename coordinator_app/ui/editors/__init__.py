"""Editors for each kind of record, hosted by the main window.

`EDITORS[kind](context, parent)` makes an editor; `show_record(id)` shows a
record (None: a blank form, created on the first valid commit, then
`record_created(id)`); `delete_current()` asks and tombstones.
"""

from __future__ import annotations

from coordinator_app.ui.editors.base import RecordEditor
from coordinator_app.ui.editors.organization import OrganizationEditor

EDITORS: dict[str, type[RecordEditor]] = {
    "organization": OrganizationEditor,
}

__all__ = ["EDITORS", "RecordEditor"]
