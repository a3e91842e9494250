"""The facets of a list: choices beside its text filter (status, kind, country, tag,
priority area, a window of dates), each answered by a SQL condition.

A kind's facets are derived from its declaration (core.records.registry): every
list column that shows a stored code (status, kind, priority) is a facet of its
codes, every kind can be narrowed by tag, and a declaration adds the facets its
columns do not show (`KindSpec.facets`: a country, priority areas, dates due).
Codes chosen in one facet are alternatives (OR); facets, and the text filter, all
apply (AND). The rows are filtered in SQL like the text filter, so a list of
100,000 is never read into Python; a facet's options are a vocabulary, or a short
DISTINCT query.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, and_
from sqlalchemy.orm import Session

from coordinator_app.core.records import registry
from coordinator_app.core.records.facet_kinds import (
    Chosen,
    Facet,
    Option,
    coded,
    normalised,
    tagged,
)

__all__ = ["Chosen", "Facet", "Option", "condition", "facet", "facets_of", "normalised",
           "options"]


def facets_of(kind: str) -> tuple[Facet, ...]:
    """The facets of the list of `kind`, in the order they are offered."""
    spec = registry.spec(kind)
    found = [coded(column.key, column.title, column.key, column.labels)
             for column in spec.columns if column.labels is not None]
    found.extend(spec.facets)
    found.append(tagged())
    return tuple(found)


def facet(kind: str, key: str) -> Facet | None:
    return next((f for f in facets_of(kind) if f.key == key), None)


def options(session: Session, kind: str, key: str) -> list[Option]:
    """What facet `key` of the list of `kind` offers now."""
    found = facet(kind, key)
    return [] if found is None else found.options(session, registry.model(kind))


def condition(cls, kind: str, chosen: Chosen,
              today: date | None = None) -> ColumnElement[bool] | None:
    """The WHERE condition of the chosen facets (None when nothing is chosen). A key
    this kind has no facet for (a saved view of an older version) is left out."""
    today = today or date.today()
    clauses = []
    for key, codes in chosen:
        found = facet(kind, key)
        if found is not None and codes:
            clauses.append(found.where(cls, codes, today))
    return and_(*clauses) if clauses else None
