"""Records merged into others: an old id reads as the record it became.

A merge tombstones the duplicate and names the record it was merged into
(`merged_into`, models.base.Mergeable). A link made to the duplicate on another
laptop, a bookmark, a window remembered from yesterday still name the old id:
reading it follows the chain to the record that remains. Two laptops may merge
each other's way (A into B here, B into A there): the chain then turns in a
circle, and the record with the lowest id is the one that remains, on every laptop
alike, whatever order the merges arrived in (coordinator_app.sync.merges repairs the
records and shows the conflict).
"""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from coordinator_app.core.records.models.base import Entity

E = TypeVar("E", bound=Entity)


def survivor_id(session: Session, cls: type[Entity], record_id: str) -> str:
    """The id `record_id` reads as: itself unless it was merged into another."""
    if not hasattr(cls, "merged_into"):
        return record_id
    path = [record_id]
    while True:
        target = session.scalar(select(cls.merged_into).where(cls.id == path[-1]))
        if target is None:
            return path[-1]
        if target in path:
            return min(path[path.index(target):])
        path.append(target)


def followed(session: Session, obj: E | None) -> E | None:
    """The record a deleted duplicate was merged into (itself when it was not)."""
    if obj is None or obj.deleted_at is None or getattr(obj, "merged_into", None) is None:
        return obj
    cls = type(obj)
    return session.get(cls, survivor_id(session, cls, obj.id))
