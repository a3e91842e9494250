"""A record's history, read from the change journal: its own changes and those of the
records it owns (a commitment of an agreement), oldest first as plain data, or newest
first as the steps a person made, with values as they read (names, not ids) and the
laptop each was made on."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from coordinator_app.core.records import registry
from coordinator_app.core.records.change_labels import readable
from coordinator_app.core.records.journal import (
    CREATE_SET,
    REOPEN,
    RESOLVE,
    journaled_columns,
    plain,
)
from coordinator_app.core.records.models import Change, Entity


def _decoded(raw: str | None) -> Any:
    return None if raw is None else json.loads(raw)


def _own(session: Session, obj: Entity) -> list[tuple[type[Entity], str, datetime]]:
    """(kind's model, id, created_at) of `obj` and of each record it owns."""
    found = [(type(obj), obj.id, obj.created_at)]
    for child, fk in registry.spec(obj.KIND).owned:
        found.extend((child, record_id, at) for record_id, at in session.execute(
            select(child.id, child.created_at).where(getattr(child, fk) == obj.id)))
    return found


def _created_sets(session: Session, own: list[tuple[type[Entity], str, datetime]]
                  ) -> dict[str, Change]:
    """{record id: the journal's CREATE_SET row that made it} of those of `own` a bulk
    create made: the rows of their kinds at their moments of creation."""
    wanted: dict[tuple[str, datetime], list[str]] = {}
    for cls, record_id, at in own:
        wanted.setdefault((cls.KIND, at), []).append(record_id)
    rows = session.scalars(select(Change).where(
        Change.action == CREATE_SET, Change.at.in_({at for _kind, at in wanted})))
    return {record_id: row for row in rows
            for record_id in wanted.get((row.entity, row.at), ())}


def _as_created(session: Session, kind: str, record_id: str, later: list[Change]
                ) -> dict[str, Any]:
    """A record's fields as it was created: its values now, each changed field taken
    back through the journal's later rows of it, newest first (what undo would do)."""
    cls = registry.model(kind)
    obj = session.get(cls, record_id)
    values = {key: plain(getattr(obj, key)) for key in journaled_columns(cls)}
    for row in reversed(later):
        if row.field in values:
            old = _decoded(row.old)
            # A choice between versions keeps the versions it chose among, the one
            # shown before first.
            values[row.field] = old[0] if row.action == RESOLVE and isinstance(old, list) \
                else old
    return values


def history(session: Session, obj: Entity) -> list[dict[str, Any]]:
    """Every journal line of `obj` and of what it owns, as plain data; a record a bulk
    create made has its `create` line too, with the fields it was created with."""
    own = _own(session, obj)
    rows = list(session.scalars(select(Change).where(
        Change.entity_id.in_([record_id for _cls, record_id, _at in own]))
        .order_by(Change.seq)))
    lines = [(row, row.entity_id, _decoded(row.new)) for row in rows]
    for record_id, row in _created_sets(session, own).items():
        later = [line for line in rows if line.entity_id == record_id]
        lines.append((row, record_id, _as_created(session, row.entity, record_id, later)))
    lines.sort(key=lambda line: line[0].seq)
    return [
        {"seq": row.seq, "at": plain(row.at), "change_set": row.change_set,
         "label": readable(row.label), "action": _action(row), "kind": row.entity,
         "id": record_id, "field": row.field, "old": _decoded(row.old), "new": new,
         "device_id": row.device_id}
        for row, record_id, new in lines
    ]


def _action(row: Change) -> str:
    """What a journal line did to its record: a bulk create's row created each."""
    return "create" if row.action == CREATE_SET else row.action


def changed_kinds(session: Session, change_sets: list[str]) -> frozenset[str]:
    """The kinds of record these change sets wrote (what a screen asks to know
    whether it shows any of it)."""
    return frozenset(session.scalars(
        select(Change.entity).where(Change.change_set.in_(change_sets)).distinct()))


def last_change_set(session: Session) -> str | None:
    """The change set of the newest journal line: what `undo` takes back."""
    return session.scalar(select(Change.change_set).order_by(Change.seq.desc()).limit(1))


@dataclass(frozen=True)
class FieldChange:
    """One field of one record in a step: its values as they read."""

    kind: str
    field: str | None
    action: str
    old: str
    new: str


@dataclass(frozen=True)
class Step:
    """One change set that touched a record: what a person did in one action."""

    change_set: str
    at: datetime
    label: str
    #: The label as the journal keeps it (core.records.change_labels), to name a revert after.
    label_key: str | None
    device_id: str
    fields: tuple[FieldChange, ...]


def _reference(cls: type[Entity], field: str) -> type[Entity] | None:
    """The kind a column of `cls` points at, when it is a foreign key to one."""
    column = inspect(cls).columns.get(field)
    if column is None or not column.foreign_keys:
        return None
    (key,) = column.foreign_keys
    for model in registry.MODELS:
        if model.__table__ is key.column.table:
            return model
    return None


def _labels_of(kind: str, field: str) -> dict[str, str] | None:
    spec = registry.BY_NAME.get(kind)
    for column in (spec.columns if spec is not None else ()):
        if column.key == field and column.labels is not None:
            return column.labels
    return None


def readable_value(session: Session, kind: str, field: str | None, raw: str | None) -> str:
    """A journaled value as a person reads it: a linked record by its name (even a
    deleted one: it was that record), a code by its label, a date as dates read."""
    value = _decoded(raw)
    if value is None or field is None:
        return ""
    from coordinator_app.core.text.formatting import format_date
    from coordinator_app.core.records.kind import show_label
    from coordinator_app.i18n import _

    cls = registry.BY_NAME[kind].model if kind in registry.BY_NAME else None
    target = _reference(cls, field) if cls is not None else None
    if field == "merged_into":
        target = cls  # a duplicate names the record of its kind it was merged into
    if target is not None:
        obj = session.get(target, value)
        return _("(unknown)") if obj is None else str(getattr(obj, obj.LABEL_FIELD) or "")
    labels = _labels_of(kind, field)
    if labels is not None:
        return show_label(labels)(value)
    if isinstance(value, str) and len(value) == 10 and value[4:5] == "-" == value[7:8]:
        try:
            return format_date(date.fromisoformat(value))
        except ValueError:
            pass
    return str(value)


def _readable(session: Session, row: Change, raw: str | None) -> str:
    """One side of a journal row as it reads; the versions a conflict's resolution chose
    between (or its undoing brought back) read one after another."""
    if row.action in (RESOLVE, REOPEN) and isinstance(_decoded(raw), list):
        return " / ".join(readable_value(session, row.entity, row.field, json.dumps(value))
                          or "—" for value in _decoded(raw))
    return readable_value(session, row.entity, row.field, raw)


def steps(session: Session, obj: Entity, limit: int = 200) -> list[Step]:
    """The change sets that touched `obj` or what it owns, newest first (at most
    `limit`), each with the fields it changed."""
    own = _own(session, obj)
    ids = [record_id for _cls, record_id, _at in own]
    latest = dict(session.execute(
        select(Change.change_set, func.max(Change.seq)).where(Change.entity_id.in_(ids))
        .group_by(Change.change_set).order_by(func.max(Change.seq).desc()).limit(limit)).all())
    made = _created_sets(session, own)
    for row in made.values():
        latest[row.change_set] = max(latest.get(row.change_set, 0), row.seq)
    sets = sorted(latest, key=latest.__getitem__, reverse=True)[:limit]
    lines: dict[str, list[tuple[int, Change, FieldChange]]] = {}
    for row in session.scalars(select(Change).where(
            Change.change_set.in_(sets), Change.entity_id.in_(ids))):
        lines.setdefault(row.change_set, []).append((row.seq, row, FieldChange(
            row.entity, row.field, row.action, _readable(session, row, row.old),
            _readable(session, row, row.new))))
    for row in made.values():
        if row.change_set in sets:
            lines.setdefault(row.change_set, []).append(
                (row.seq, row, FieldChange(row.entity, None, "create", "", "")))
    grouped = {change_set: sorted(found, key=lambda line: line[0])
               for change_set, found in lines.items()}
    found = []
    for change_set in sets:
        first = grouped[change_set][0][1]
        fields = tuple(field for _seq, _row, field in grouped[change_set])
        found.append(Step(change_set, first.at, readable(first.label) or _action(first),
                          first.label, first.device_id, fields))
    return found

