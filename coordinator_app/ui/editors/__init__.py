"""Editors for each kind of record, hosted by the main window.

`editor_for(kind)` is the editor class of a kind: the kind's declaration
(core.records.registry) names a module here, whose EDITOR it is. An editor is made as
`cls(context, parent)`; `show_record(id)` shows a record (None: a blank form,
created on the first valid commit, then `record_created(id)`);
`delete_current()` asks and tombstones.
"""

from __future__ import annotations

import importlib

from coordinator_app.ui.editors.base import RecordEditor


def editor_for(kind: str) -> type[RecordEditor]:
    from coordinator_app.core.records.registry import spec

    module = importlib.import_module(f"{__name__}.{spec(kind).editor}")
    return module.EDITOR


__all__ = ["RecordEditor", "editor_for"]
