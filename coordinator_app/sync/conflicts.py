"""Open conflicts: fields whose current versions disagree, and their resolution.

A conflict is never settled silently: the shown value is the newest version's, and
the others stay listed here until a person keeps one. Keeping one is an edit like
any other (journaled, undoable, synced): an operation whose bases are all the
current versions, so every laptop that reads it sees the conflict resolved.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from coordinator_app.core.records import languages, registry
from coordinator_app.core.records.change_labels import Label
from coordinator_app.core.errors import NotFound, ValidationError
from coordinator_app.core.records.models import SyncHead, SyncOperation
from coordinator_app.core.records.service import Workspace, coerce
from coordinator_app.i18n import N_, _, current_language
from coordinator_app.core.records import journal
from coordinator_app.sync import amounts, clock
from coordinator_app.sync.merge import field_states, meaning
from coordinator_app.sync.operations import LIFE, Operation, from_row


@dataclass(frozen=True)
class Version:
    origin: str
    seq: int
    hlc: int
    value: Any

    @property
    def at(self) -> datetime:
        return datetime.fromtimestamp(clock.millis(self.hlc) / 1000, timezone.utc)


@dataclass(frozen=True)
class Conflict:
    id: str
    kind: str
    record_id: str
    field: str
    label: str
    #: Newest first: the first is the value shown.
    versions: tuple[Version, ...]


def conflict_id(kind: str, record_id: str, field: str) -> str:
    return hashlib.sha1(f"{kind}\0{record_id}\0{field}".encode()).hexdigest()[:10]


def _ops(session: Session, kind: str, record_id: str) -> list[Operation]:
    return [from_row(row) for row in session.scalars(select(SyncOperation).where(
        SyncOperation.kind == kind, SyncOperation.record_id == record_id))]


def _label(session: Session, kind: str, record_id: str) -> str:
    """The record as the interface language's reader sees it in a list (the original
    tagged with its language where that one is missing)."""
    spec = registry.BY_NAME.get(kind)
    obj = session.get(spec.model, record_id) if spec is not None else None
    return languages.label_for_reader(obj, current_language()) if obj is not None else record_id


def conflicts_of(session: Session, kind: str, record_id: str) -> list[Conflict]:
    """The open conflicts of one record (the editor marks these fields)."""
    found = []
    # Asked on every opening of an editor: a record with no field of several current
    # versions (nearly every one) is told from its stored versions alone, without
    # reading and replaying all its operations.
    contested = _contested().where(SyncHead.kind == kind, SyncHead.record_id == record_id)
    if session.execute(contested.limit(1)).first() is None:
        return found
    states = field_states(_ops(session, kind, record_id))
    for name, state in sorted(states.items()):
        if state.conflict:
            versions = []
            seen = set()
            for op in state.heads:
                # As the record would keep it: what is shown, and what keeping it writes.
                value = op.value_of(name)
                if name in amounts.fields(kind):
                    value = amounts.converted(session, kind, record_id, {name: value},
                                              amounts.from_operation)[name]
                if meaning(name, value) in seen:
                    continue  # the same value from two laptops is one version
                seen.add(meaning(name, value))
                versions.append(Version(op.origin, op.seq, op.hlc, value))
            found.append(Conflict(conflict_id(kind, record_id, name), kind, record_id, name,
                                  _label(session, kind, record_id), tuple(versions)))
    return found


def conflicts_within(session: Session, kind: str, record_id: str) -> list[Conflict]:
    """The open conflicts of a record's lines (the records it owns, core.records.registry:
    commitments, contact points, …), deleted lines included: the record's editor marks
    them beside its own."""
    spec = registry.BY_NAME.get(kind)
    owned = spec.owned if spec is not None else ()
    if not owned:
        return []
    # One statement for every kind of line, asked on each opening of an editor: a
    # statement a kind (two, with its lines' ids read first) was most of the marks' time.
    # Deleted lines too: a line deleted here and edited on another laptop is one.
    conflicted = session.execute(
        select(SyncHead.kind, SyncHead.record_id)
        .where(or_(*(and_(SyncHead.kind == model.KIND, SyncHead.record_id.in_(
            select(model.id).where(getattr(model, fk) == record_id)))
            for model, fk in owned)))
        .group_by(SyncHead.kind, SyncHead.record_id, SyncHead.field)
        .having(func.count() > 1))
    order = {model.KIND: number for number, (model, _fk) in enumerate(owned)}
    found = []
    for line_kind, line_id in sorted(set(conflicted), key=lambda row: (order[row[0]], row[1])):
        found += conflicts_of(session, line_kind, line_id)
    return found


def _contested():
    """The (kind, record id) of each field with several current versions: the only
    records that can be in conflict."""
    return (select(SyncHead.kind, SyncHead.record_id)
            .group_by(SyncHead.kind, SyncHead.record_id, SyncHead.field)
            .having(func.count() > 1))


def open_conflicts(session: Session) -> list[Conflict]:
    """Every open conflict, record by record."""
    candidates = session.execute(_contested()).all()
    found = []
    for kind, record_id in sorted(set(candidates)):
        found += conflicts_of(session, kind, record_id)
    return found


def count(session: Session) -> int:
    return len(open_conflicts(session))


def find(session: Session, wanted: str) -> Conflict:
    for conflict in open_conflicts(session):
        if conflict.id == wanted:
            return conflict
    raise NotFound(_("no open conflict with id {id}").format(id=wanted))


def resolve(workspace: Workspace, wanted: str, keep: int) -> str:
    """Keep version number `keep` (1 is the one shown) of conflict `wanted`; returns
    the change set (undo with workspace.undo: the versions come back, here and, as
    operations, on the other laptops)."""
    # Merges bring the duplicate finder and its libraries (phonenumbers, rapidfuzz),
    # which counting conflicts, as the status bar does at start-up, never needs.
    from coordinator_app.sync import merges

    with workspace.read() as session:
        conflict = find(session, wanted)
    if not 1 <= keep <= len(conflict.versions):
        raise ValidationError(_("choose a version from 1 to {count}").format(
            count=len(conflict.versions)))
    value = conflict.versions[keep - 1].value
    cls = registry.model(conflict.kind)
    with workspace.edit(Label(N_("Resolve a conflict"))) as edit:
        obj = edit.get(cls, conflict.record_id, deleted=True)
        if merges.mergeable_field(conflict.kind, conflict.field):
            if value is not None:
                merges.keep_merge(edit.session, conflict.kind, obj.id, value)
            kept = value
        elif conflict.field == LIFE:
            if value is None and obj.deleted_at is not None:
                edit.restore(cls, obj.id)
            elif value is not None and obj.deleted_at is None:
                edit.delete(cls, obj.id)
            kept = obj.deleted_at
        else:
            kept = coerce(cls, conflict.field, value)
        # One journal row even when the kept value is the one shown: the choice is what
        # the other laptops must learn, and what undo takes back.
        journal.note(edit.session, obj, conflict.field, kept, journal.RESOLVE,
                     journal.encode([version.value for version in conflict.versions]),
                     journal.encode(kept))
        edit._check(obj)
    return edit.change_set
