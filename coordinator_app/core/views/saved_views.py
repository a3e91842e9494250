"""Saved views of a list: a name for a filter, the facets chosen, the columns shown in
their order, and the sort order ("Lithuanian partners, by country").

A view is kept as JSON text (the desktop app keeps it in its settings). Reading
one back checks it against the list's declaration (core.records.registry), so a view
saved by an older version, naming a column or facet that is gone, still opens:
what is unknown is left out rather than refused.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from coordinator_app.core.views import facets
from coordinator_app.core.records.facet_kinds import Chosen
from coordinator_app.core.text.normal import clean

#: A view's name is a menu entry: this long at most.
NAME_LIMIT = 80


@dataclass(frozen=True)
class SavedView:
    name: str
    text: str = ""
    facets: Chosen = ()
    #: Keys of the columns shown, in their order on screen (the first column always).
    columns: tuple[str, ...] = field(default_factory=tuple)
    #: The key of the column the rows are sorted by, and the direction.
    sort: str | None = None
    descending: bool = False

    def to_dict(self) -> dict:
        return {"name": self.name, "text": self.text,
                "facets": {key: list(codes) for key, codes in self.facets},
                "columns": list(self.columns), "sort": self.sort,
                "descending": self.descending}


def from_dict(kind: str, data: object) -> SavedView | None:
    """A view of the list of `kind` from its stored form; None if it is not one."""
    from coordinator_app.core.views.listing import SPECS

    if not isinstance(data, dict) or not isinstance(data.get("name"), str):
        return None
    name = (clean(data["name"]) or "")[:NAME_LIMIT]
    if not name:
        return None
    keys = [column.key for column in SPECS[kind].columns]
    known = {facet.key for facet in facets.facets_of(kind)}
    stored = data.get("facets") if isinstance(data.get("facets"), dict) else {}
    chosen = facets.normalised(
        (key, [str(code) for code in codes]) for key, codes in stored.items()
        if key in known and isinstance(codes, list))
    columns = [key for key in data.get("columns") or () if key in keys]
    columns = list(dict.fromkeys(columns))
    if columns and columns[0] != keys[0]:
        columns = [keys[0], *(key for key in columns if key != keys[0])]
    sort = data.get("sort") if data.get("sort") in keys else None
    text = data.get("text") if isinstance(data.get("text"), str) else ""
    return SavedView(name, text, chosen, tuple(columns), sort, bool(data.get("descending")))


def to_text(views: list[SavedView]) -> str:
    return json.dumps([view.to_dict() for view in views], ensure_ascii=False)


def from_text(kind: str, text: object) -> list[SavedView]:
    """The views of a list from their stored text; damaged text gives none."""
    try:
        found = json.loads(text) if isinstance(text, str) and text else []
    except ValueError:
        return []
    views = [view for item in (found if isinstance(found, list) else [])
             if (view := from_dict(kind, item)) is not None]
    return list({view.name.casefold(): view for view in views}.values())


def replaced(views: list[SavedView], view: SavedView) -> list[SavedView]:
    """The views with `view` added, or put in place of the one of the same name."""
    others = [v for v in views if v.name.casefold() != view.name.casefold()]
    return sorted([*others, view], key=lambda v: v.name.casefold())
