"""Duplicate merges made on other laptops, settled once their operations are applied.

A merge travels as the fields it sets (core.views.duplicates.merge): the duplicate's
`merged_into` and tombstone, the references it moved, the values the kept record
took. What its operations cannot say is what other laptops did meanwhile:

- a link made to the duplicate elsewhere (a new affiliation of the person merged
  away) arrives pointing at a tombstone: it is moved to the record that remains,
  as an edit of this laptop, so the move travels too;
- A merged into B on one laptop and B into A on another leave no record standing:
  the one with the lowest id remains, on every laptop alike. Its `merged_into` is
  cleared by an operation that does not supersede the merge it undoes, so the field
  has two current versions, "not merged" (shown) and "merged into the other": an
  open conflict a person sees in `conflicts list` and may settle either way
  (`keep_merge` takes the other way).

`settle` runs at the end of every apply (coordinator_app.sync.merge), in its
transaction. Laptops that settle the same merges write edits of the same values,
so they agree without a conflict.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from coordinator_app.core.records.ids import utcnow
from coordinator_app.core.records.merged import survivor_id
from coordinator_app.core.records.tombstones import alive
from coordinator_app.core.views.duplicates import MERGEABLE, OWNED_BY_KIND, references, repoint
from coordinator_app.sync.operations import MERGED_INTO
from coordinator_app.sync.record import APPLYING, CONCURRENT


def circles(merged: dict[str, str]) -> list[tuple[str, ...]]:
    """Every circle of merges in {duplicate: merged into}, lowest id first."""
    found = set()
    for start in merged:
        path = [start]
        while path[-1] in merged and merged[path[-1]] not in path:
            path.append(merged[path[-1]])
        if path[-1] in merged:
            loop = path[path.index(merged[path[-1]]):]
            found.add(tuple(sorted(loop)))
    return sorted(found)


def _referred(session: Session, kind: str, ids: list[str]) -> set[str]:
    """Those of `ids` that a record not itself deleted still refers to."""
    cls = MERGEABLE[kind]
    found: set[str] = set()
    for start in range(0, len(ids), 400):
        part = ids[start:start + 400]
        for ref_cls, key in references(cls):
            column = getattr(ref_cls, key)
            found.update(session.scalars(select(column).where(
                column.in_(part), alive(ref_cls, links=False)).distinct()))
        for ref_cls, kind_field, id_field in OWNED_BY_KIND:
            column = getattr(ref_cls, id_field)
            found.update(session.scalars(select(column).where(
                getattr(ref_cls, kind_field) == kind, column.in_(part),
                alive(ref_cls, links=False)).distinct()))
    return found


def settle(session: Session) -> None:
    """Break circles of merges and move links still made to merged duplicates, as
    edits of this laptop (recorded as its operations)."""
    applying = session.info.get(APPLYING)
    session.info[APPLYING] = False
    try:
        for kind, cls in MERGEABLE.items():
            merged = dict(session.execute(select(cls.id, cls.merged_into).where(
                cls.merged_into.is_not(None))).all())
            if not merged:
                continue
            now = utcnow()
            for survivor, *others in circles(merged):
                _remain(session, cls, survivor)
                for other in others:
                    # Edits another laptop's merge made to it may have kept it alive.
                    obj = session.get(cls, other)
                    if obj.deleted_at is None:
                        obj.deleted_at = now
            session.flush()
            gone = sorted(session.scalars(select(cls.id).where(
                cls.merged_into.is_not(None), cls.deleted_at.is_not(None))))
            for duplicate in sorted(_referred(session, kind, gone)):
                repoint(session, kind, duplicate, survivor_id(session, cls, duplicate), now)
            session.flush()
    finally:
        session.info[APPLYING] = applying


def _remain(session: Session, cls, record_id: str) -> None:
    """The record that remains of a circle of merges: live, merged into nothing, the
    merge it undoes left standing beside as the other version of the field."""
    obj = session.get(cls, record_id)
    session.info.setdefault(CONCURRENT, set()).add((cls.KIND, record_id, MERGED_INTO))
    obj.merged_into = None
    obj.deleted_at = None
    session.flush()
    session.info[CONCURRENT].discard((cls.KIND, record_id, MERGED_INTO))


def keep_merge(session: Session, kind: str, record_id: str, target: str) -> None:
    """Settle a circle of merges the other way: `record_id` merged into `target`, which
    remains (its own merge into `record_id` undone)."""
    cls = MERGEABLE[kind]
    other = session.get(cls, target)
    obj = session.get(cls, record_id)
    now = utcnow()
    if other.merged_into is not None:
        other.merged_into = None
    if other.deleted_at is not None:
        other.deleted_at = None
    obj.merged_into = target
    obj.deleted_at = now
    session.flush()
    repoint(session, kind, record_id, target, now)
    session.flush()


def mergeable_field(kind: str, field: str) -> bool:
    return kind in MERGEABLE and field == MERGED_INTO

