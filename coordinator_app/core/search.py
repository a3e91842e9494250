"""Search across every kind of record: what the global search box, pickers and
`coordinator search` call.

This first version matches folded substrings of names and titles; the search
index replaces the matching without changing this interface.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from coordinator_app.core.models import Activity, Agreement, Organization, Person, Project

#: The kinds search looks in, in the order results are grouped.
SEARCHABLE = {
    "organization": (Organization, ("name", "other_names")),
    "person": (Person, ("full_name", "latin_name", "other_names")),
    "agreement": (Agreement, ("title", "purpose")),
    "project": (Project, ("title", "description")),
    "activity": (Activity, ("title", "location")),
}


@dataclass(frozen=True)
class Hit:
    kind: str
    id: str
    title: str
    subtitle: str | None = None
    score: float = 0.0


def search(
    session: Session, text: str, *, kinds: Iterable[str] | None = None, limit: int = 20
) -> list[Hit]:
    """Records whose names or titles contain `text`, best first, grouped by kind."""
    needle = text.strip()
    if not needle:
        return []
    hits: list[Hit] = []
    for kind in kinds or SEARCHABLE:
        cls, fields = SEARCHABLE[kind]
        condition = or_(*(getattr(cls, f).icontains(needle, autoescape=True) for f in fields))
        rows = session.scalars(
            select(cls).where(cls.deleted_at.is_(None), condition).limit(limit)
        )
        for obj in rows:
            starts = obj.label.casefold().startswith(needle.casefold())
            hits.append(Hit(kind, obj.id, obj.label, None, 1.0 if starts else 0.5))
    hits.sort(key=lambda hit: -hit.score)
    return hits[:limit]
