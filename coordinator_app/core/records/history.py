"""A record's history, read from the change journal: its own changes and those of the
records it owns (a commitment of an agreement), oldest first."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coordinator_app.core.records import registry
from coordinator_app.core.records.change_labels import readable
from coordinator_app.core.records.journal import plain
from coordinator_app.core.records.models import Change, Entity


def _decoded(raw: str | None) -> Any:
    return None if raw is None else json.loads(raw)


def history(session: Session, obj: Entity) -> list[dict[str, Any]]:
    """Every journal line of `obj` and of what it owns, as plain data."""
    ids = {obj.id}
    for child, fk in registry.spec(obj.KIND).owned:
        ids.update(session.scalars(select(child.id).where(getattr(child, fk) == obj.id)))
    rows = session.scalars(
        select(Change).where(Change.entity_id.in_(sorted(ids))).order_by(Change.seq))
    return [
        {"seq": row.seq, "at": plain(row.at), "change_set": row.change_set,
         "label": readable(row.label), "action": row.action, "kind": row.entity, "id": row.entity_id,
         "field": row.field, "old": _decoded(row.old), "new": _decoded(row.new),
         "device_id": row.device_id}
        for row in rows
    ]


def changed_kinds(session: Session, change_sets: list[str]) -> frozenset[str]:
    """The kinds of record these change sets wrote (what a screen asks to know
    whether it shows any of it)."""
    return frozenset(session.scalars(
        select(Change.entity).where(Change.change_set.in_(change_sets)).distinct()))


def last_change_set(session: Session) -> str | None:
    """The change set of the newest journal line: what `undo` takes back."""
    return session.scalar(select(Change.change_set).order_by(Change.seq.desc()).limit(1))
