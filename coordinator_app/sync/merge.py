"""Applying operations from other devices: the merge is a function of the set of
operations, so copies holding the same operations show the same data, whatever the
order and repetition in which they arrived.

For each record an operation touches, every operation on it is read and, per field:
its versions are the operations touching the field, its current versions those no
other version lists as a base; the value is the current version with the highest
(clock, origin, sequence), and current versions with different values are an open
conflict (the others stay visible, coordinator_app.sync.conflicts). The record's life
is the field `deleted_at` like any other, and every edit says "alive", so an edit
concurrent with a deletion is a conflict too. The record is then written through the
journal (history and undo see an import like any change set) without being recorded
again as this device's operations.

Foreign keys may arrive before the records they name (a project's lead created on
another laptop in the same bundle): checks of foreign keys wait for the end of the
transaction. Operations on kinds or fields this version does not know are kept and
applied once an upgrade knows them. Each origin's operations must follow on from the
ones held, without a gap: anything else is refused whole and nothing is written.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field as dc_field
from datetime import date, datetime
from functools import lru_cache
from itertools import groupby
from operator import attrgetter
from typing import Any

from sqlalchemy import insert, inspect, literal_column, select, update
from sqlalchemy.orm import Session

from coordinator_app.core.records import current_country, registry
from coordinator_app.core.records.change_labels import Label
from coordinator_app.core.errors import CoordinatorError
from coordinator_app.core.records.journal import journaled_columns, normalise
from coordinator_app.core.records.models import Entity, SyncOperation
from coordinator_app.core.records.service import Workspace, insert_records
from coordinator_app.core.records.values import filled
from coordinator_app.core.store.driver import Driver
from coordinator_app.core.store.engine import WRITE, bulk_cache
from coordinator_app.i18n import N_, _
from coordinator_app.sync import amounts, clock, indexes, merges
from coordinator_app.sync import countries as countries_of
from coordinator_app.sync.bulk import made_in_bulk
from coordinator_app.sync.operations import (
    CREATE,
    LIFE,
    Operation,
    OpId,
    by_record,
    from_row,
    insert_stored,
    stored_rows,
    vector_of,
)
from coordinator_app.sync.record import (
    APPLYING,
    add_heads,
    last_stamp,
    seed,
    set_state,
    write_heads,
)

#: Records read back and written per step: bounded memory for a first bundle of 100,000.
CHUNK = 2000


class OutOfSequence(CoordinatorError):
    """Operations that do not follow on from the ones held; nothing was written."""


@dataclass
class Applied:
    """What applying a set of operations did."""

    received: int = 0
    new: int = 0
    records: int = 0
    #: Operations kept for a kind or field this version does not know yet.
    waiting: int = 0
    #: Open conflicts among the records touched, after applying.
    conflicts: int = 0
    #: Milliseconds by which the latest foreign clock was ahead of this laptop's, when far off.
    clock_ahead_ms: int | None = None
    change_set: str | None = None
    origins: dict[str, int] = dc_field(default_factory=dict)


@dataclass(frozen=True)
class FieldState:
    """A field's current versions, newest first, and whether they disagree."""

    heads: tuple[Operation, ...]
    conflict: bool

    @property
    def winner(self) -> Operation:
        return self.heads[0]


def order_key(op: Operation) -> tuple[int, str, int]:
    return (op.hlc, op.origin, op.seq)


def meaning(field: str, value: Any) -> Any:
    # Two deletions at different moments agree that the record is deleted.
    return value is not None if field == LIFE else json.dumps(value, sort_keys=True)


def field_states(ops: Sequence[Operation]) -> dict[str, FieldState]:
    """Each touched field's current versions, from all the operations on one record."""
    versions: dict[str, list[Operation]] = {}
    for op in ops:
        for name in op.touches():
            versions.setdefault(name, []).append(op)
    states = {}
    for name, touching in versions.items():
        superseded = {base for op in touching for base in op.bases}
        heads = sorted((op for op in touching if op.id not in superseded),
                       key=order_key, reverse=True)
        # One current version cannot disagree with itself (most fields of most records).
        conflict = len(heads) > 1 and len({meaning(name, op.value_of(name)) for op in heads}) > 1
        states[name] = FieldState(tuple(heads), conflict)
    return states


def compact_heads(states: dict[str, FieldState]) -> dict[str, set[OpId]]:
    """The heads as stored: fields whose only current version is the creation share
    one entry (field "")."""
    creations = {op.id for state in states.values() for op in state.heads if op.field == CREATE}
    stored: dict[str, set[OpId]] = {}
    shared = next(iter(creations)) if len(creations) == 1 else None
    if shared is not None:
        stored[CREATE] = {shared}
    for name, state in states.items():
        ids = {op.id for op in state.heads}
        if ids != {shared}:
            stored[name] = ids
    return stored


def known(op: Operation) -> bool:
    """Whether this version knows every field the operation gives a value."""
    columns = _known_columns(op.kind)
    if columns is None:
        return False
    if op.field == CREATE:
        return isinstance(op.value, dict) and columns.issuperset(op.value)
    return op.field in columns


@lru_cache(maxsize=None)
def _known_columns(kind: str) -> frozenset[str] | None:
    spec = registry.BY_NAME.get(kind)
    return None if spec is None else frozenset(journaled_columns(spec.model))


def new_operations(vector: dict[str, int], ops: Iterable[Operation]) -> list[Operation]:
    """The operations not held yet; refused whole if an origin's do not follow on."""
    by_origin: dict[str, dict[int, Operation]] = {}
    # A bundle holds each origin's operations in runs: keyed a run at a time, in C
    # (zip, map), each repeated one once.
    for origin, run in groupby(ops, attrgetter("origin")):
        run = list(run)
        by_origin.setdefault(origin, {}).update(zip(map(attrgetter("seq"), run), run))
    fresh = []
    for origin, found in sorted(by_origin.items()):
        held = vector.get(origin, 0)
        seqs = sorted(seq for seq in found if seq > held)
        if seqs != list(range(held + 1, held + 1 + len(seqs))):
            expected, first = next((expected, seq) for expected, seq in enumerate(seqs, held + 1)
                                   if seq != expected)
            raise OutOfSequence(_(
                "These changes skip some made on another laptop (this copy holds up to "
                "number {held} of that laptop, the file starts at {first}). Nothing was "
                "read. Write a new file on the laptop that made it after it has read "
                "changes from this one.").format(held=expected - 1, first=first))
        fresh.extend(map(found.__getitem__, seqs))
    return fresh


@lru_cache(maxsize=None)
def _readers(cls: type[Entity]) -> tuple[tuple[str, ...], tuple[tuple[str, Any], ...]]:
    """(the columns operations set on a record of `cls`, and (column, parse) of those
    whose values travel as ISO 8601 text: dates and times). Asked once a kind: a first
    bundle reads every field of every record through them."""
    columns = tuple(name for name in journaled_columns(cls) if name != "id")
    types = {column.key: column.type.python_type for column in inspect(cls).columns}
    parsers = {datetime: datetime.fromisoformat, date: date.fromisoformat}
    return columns, tuple((name, parsers[types[name]]) for name in columns
                          if types[name] in parsers)


def _record_values(cls: type[Entity], values: dict[str, Any]) -> dict[str, Any]:
    """The columns of a record of `cls` as operations' `values` give them, in Python's
    types (fields operations did not touch are left out)."""
    columns, temporal = _readers(cls)
    found = {name: values[name] for name in columns if name in values}
    for name, parse in temporal:
        value = found.get(name)
        if value.__class__ is str:
            found[name] = parse(value)
    return found


def _ops_of(session: Session, keys: list[tuple[str, str]],
           given: dict[tuple[str, str], list[Operation]]) -> dict[tuple[str, str], list[Operation]]:
    """Every operation on these records: those in `given` are all there are on theirs
    (taken as they are), the others read."""
    found: dict[tuple[str, str], list[Operation]] = {}
    unread = []
    for key in keys:
        if key in given:
            found[key] = given[key]
        else:
            found[key] = []
            unread.append(key)
    # By kind, then ids: the index (kind, record_id) serves each part.
    for kind, ids in _by_kind(unread).items():
        for start in range(0, len(ids), 400):
            for row in session.execute(select(*SyncOperation.__table__.c).where(
                    SyncOperation.kind == kind,
                    SyncOperation.record_id.in_(ids[start:start + 400]))):
                found[(row.kind, row.record_id)].append(from_row(row))
    return found


def _with_operations(session: Session, keys: list[tuple[str, str]], held: int
                     ) -> set[tuple[str, str]]:
    """Those of these records on which this copy holds operations (`held` of them)."""
    if held < len(keys):
        # Fewer operations held than records asked about (a first bundle into a new
        # copy): one pass over those held, not a query per few hundred records.
        wanted = set(keys)
        return {key for key in map(tuple, session.execute(
            select(SyncOperation.kind, SyncOperation.record_id).distinct())) if key in wanted}
    found = set()
    for kind, ids in _by_kind(keys).items():
        for start in range(0, len(ids), 400):
            found.update((kind, record_id) for record_id in session.scalars(
                select(SyncOperation.record_id).distinct().where(
                    SyncOperation.kind == kind,
                    SyncOperation.record_id.in_(ids[start:start + 400]))))
    return found


def _by_kind(keys) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for kind, record_id in keys:
        grouped.setdefault(kind, []).append(record_id)
    return grouped


def materialize(session: Session, keys: list[tuple[str, str]],
                blobs: dict[str, bytes] | None = None,
                given: dict[tuple[str, str], list[Operation]] | None = None,
                countries: dict[str, Any] | None = None) -> tuple[int, int]:
    """Write these records as their operations say; returns (records written, conflicts).

    Set-wise, a kind at a time: the records held are read in one query (asking for
    each would flush the one before it, a unit of work, a journal and a search
    refresh per record), edited in place and flushed together; those not held yet
    are written in one INSERT (service.insert_records), as a first bundle brings
    thousands. Either way they end as the operations say, as record by record.
    `given`: records whose every operation is known already (arrived just now, none
    held before), so not read back; `countries`: the current country of people among
    them, written in their rows (sync.countries)."""
    given = given or {}
    written = conflicts = 0
    heads: dict[tuple[str, str], dict[str, set[OpId]]] = {}
    #: Records new here whose one operation is their creation, by kind: most of a
    #: first bundle, written from their creations' values (`_created`).
    created: dict[str, list[Operation]] = {}
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for key, ops in _ops_of(session, keys, given).items():
        if registry.BY_NAME.get(key[0]) is None:
            continue  # an unknown kind
        if len(ops) == 1 and key in given and ops[0].field == CREATE \
                and ops[0].value.__class__ is dict:
            # Made and not edited since: the creation is every field's only version,
            # as field_states would find at many times the cost.
            created.setdefault(key[0], []).append(ops[0])
            continue
        if not any(op.field == CREATE for op in ops):
            continue  # edits whose creation has not arrived
        heads[key], conflicted, found[key] = _versions(ops)
        conflicts += conflicted
    # The values of every record in hand, where an amount's currency is looked up: it
    # may be that of another record of this chunk (sync.amounts).
    batch = {**{(op.kind, op.record_id): op.value for ops in created.values() for op in ops},
             **found} if any(amounts.fields(kind) for kind in {*created, *map(_kind, found)}) \
        else found
    wanted_by_kind: dict[type[Entity], dict[str, dict[str, Any]]] = {}
    for (kind, record_id), values in found.items():
        # Amounts from operations' units to records' (sync.amounts).
        values = amounts.converted(session, kind, record_id, values, amounts.from_operation,
                                   batch)
        cls = registry.BY_NAME[kind].model
        wanted_by_kind.setdefault(cls, {})[record_id] = _record_values(cls, values)
    with session.no_autoflush:
        # Kind after kind in the order of `keys` (the kinds others refer to first).
        for kind in dict.fromkeys(map(_kind, keys)):
            cls = registry.BY_NAME[kind].model if kind in registry.BY_NAME else None
            wanted = wanted_by_kind.get(cls, {})
            # A record this copy holds no operation on is not held either (the seed made
            # one of every record here): only the others are looked for.
            held = _held(session, cls, [record_id for record_id in wanted
                                        if (kind, record_id) not in given]) if wanted else {}
            made = []
            for record_id, values in wanted.items():
                obj = held.get(record_id)
                if obj is None:
                    made.append(_made(cls, record_id, values, blobs))
                    continue
                changed = False
                for name, value in values.items():
                    if getattr(obj, name) != value:
                        setattr(obj, name, value)
                        changed = True
                written += changed
            if kind in created:
                made += _created(session, kind, created[kind], blobs, batch, countries)
            if made:
                session.flush()  # the records' edits first, as the journal orders them
                insert_records(session, cls, made)
                written += len(made)
    session.flush()
    # Records with no operation held before have no stored versions to replace.
    write_heads(session, heads, {key for key in heads if key in given})
    add_heads(session, [(op.kind, op.record_id, CREATE, op.origin, op.seq)
                        for creations in created.values() for op in creations])
    return written, conflicts


def _kind(key: tuple[str, str]) -> str:
    return key[0]


def _created(session: Session, kind: str, creations: list[Operation],
             blobs: dict[str, bytes] | None, batch: dict,
             countries: dict[str, Any] | None = None) -> list[Entity]:
    """The records of `kind` that `creations` make, as `_versions`, `_record_values`
    and `_made` would make each (its creation every field's value, its life too), in
    one pass over the kind: a first bundle makes 400,000. People in `countries` are
    given their current country."""
    cls = registry.BY_NAME[kind].model
    columns, temporal = _readers(cls)
    known_fields = _known_columns(kind)
    priced = bool(amounts.fields(kind))
    countries = countries if kind == countries_of.PERSON else None
    found = []
    for op in creations:
        given = op.value
        if priced:
            given = amounts.converted(session, kind, op.record_id,
                                      {**given, LIFE: given.get(LIFE)}, amounts.from_operation,
                                      batch)
        # Its fields as they are when this version knows them all (nearly always):
        # copied in C, where picking them one by one cost as much as the rest.
        values = given.copy() if known_fields.issuperset(given) else {
            name: given[name] for name in columns if name in given}
        for name, parse in temporal:
            value = values.get(name)
            if value.__class__ is str:
                values[name] = parse(value)
        if countries and op.record_id in countries:
            values[current_country.NAME] = countries[op.record_id]
        found.append(_made(cls, op.record_id, values, blobs))
    return found


def _versions(ops: list[Operation]) -> tuple[dict[str, set[OpId]], int, dict[str, Any]]:
    """A record's current versions as stored, how many of its fields are in conflict,
    and the value of each field its operations touch."""
    if len(ops) == 1 and ops[0].field == CREATE and isinstance(ops[0].value, dict):
        # Made and not edited since (most records of a first bundle): the creation is
        # every field's only version, as field_states would find at many times the cost.
        op = ops[0]
        return {CREATE: {op.id}}, 0, {**op.value, LIFE: op.value.get(LIFE)}
    states = field_states(ops)
    return (compact_heads(states), sum(state.conflict for state in states.values()),
            {name: state.winner.value_of(name) for name, state in states.items()})


def _held(session: Session, cls: type[Entity], ids: list[str]) -> dict[str, Entity]:
    found = {}
    for start in range(0, len(ids), 400):
        for obj in session.scalars(select(cls).where(cls.id.in_(ids[start:start + 400]))):
            found[obj.id] = obj
    return found


def _bytes_named(content: bytes | None, sha256: Any) -> bytes | None:
    if content is None or hashlib.sha256(content).hexdigest() != sha256:
        return None
    return content


def _made(cls: type[Entity], record_id: str, values: dict[str, Any],
          blobs: dict[str, bytes] | None) -> Entity:
    """A record not held yet, as the session would insert it (defaults, NFC)."""
    # Straight into the new object's state, as the service's bulk path makes its
    # records (core.records.values.filled): it never joins the session (insert_records
    # writes it past the unit of work), and the ORM's constructor and attribute
    # events cost more than the record's journal and INSERT together.
    values["id"] = record_id
    if blobs is not None and _keeps_content(cls):
        # Bytes not carried, or not those the record names, are "not yet received"
        # (None), fetched by a later sync; never an empty file taken for the real one.
        values["content"] = _bytes_named(blobs.get(record_id), values.get("sha256"))
    obj = filled(cls, values)
    normalise(obj)
    return obj


@lru_cache(maxsize=None)
def _keeps_content(cls: type[Entity]) -> bool:
    return "content" in inspect(cls).columns


def apply(workspace: Workspace, ops: Iterable[Operation], *,
          blobs: dict[str, bytes] | None = None, label: str | None = None,
          progress=None, after=None, in_hand: bool = True) -> Applied:
    """Apply operations from other devices in one transaction (DESIGN.md, Sync).

    Operations already held are skipped, so applying the same ones twice changes
    nothing. `progress(done, total)` is called between steps; it may raise to cancel,
    which rolls everything back. `after(session)` runs last, in the same transaction.
    Records this copy held no operation on are written from the operations in hand,
    those made and not edited since straight from their creations (`_created`);
    `in_hand=False` reads every record's operations back and works out its versions
    as for a record held before, the general way, which gives the same records."""
    result = Applied()
    ops = list(ops)
    result.received = len(ops)
    # A connection of its own, so that its page cache is large for this transaction
    # only, the commit's index refreshes included. The cycle collector waits (sync.bulk):
    # a first bundle makes a record, a journal row and a row of versions per operation.
    with made_in_bulk(), \
            workspace.db.engine.connect().execution_options(**{WRITE: True}) as connection, \
            bulk_cache(connection), \
            workspace.edit(label or Label(N_("Read changes from another laptop")),
                           connection=connection) as edit:
        session = edit.session
        # What this copy held before its first exchange becomes its own operations
        # now, before foreign records arrive that must not be taken for its own.
        seed(session)
        session.info[APPLYING] = True
        session.connection().exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        vector = vector_of(session)
        fresh = new_operations(vector, ops)
        result.new = len(fresh)
        # Records this copy had no operation on are written from the operations in hand
        # (all of a first bundle's): reading back what was just inserted is half its cost.
        touched = by_record(fresh)
        arrived = dict(touched) if in_hand else {}
        for key in _with_operations(session, list(arrived), sum(vector.values())):
            del arrived[key]
        rows = stored_rows(fresh, known)
        result.waiting = sum(1 for row in rows if not row[-1])
        insert_stored(session.connection(), rows)
        # Counted and stamped in C over the whole set (map, Counter): a first bundle is
        # hundreds of thousands of operations.
        result.origins.update(Counter(map(attrgetter("origin"), fresh)))
        stamp = last_stamp(session)
        # Each distinct stamp once: a first bundle's operations share a few hundred.
        now = clock.wall_ms()
        for hlc in set(map(attrgetter("hlc"), fresh)):
            ahead = clock.far_off(hlc, now)
            if ahead is not None:
                result.clock_ahead_ms = max(result.clock_ahead_ms or 0, ahead)
            stamp = clock.receive(stamp, hlc, now)
        set_state(session, "hlc", str(stamp))
        keys = _parents_first(touched.keys() | set(_now_known(session)))
        # Their rows written with it, their positions then need not ask for it again.
        countries = countries_of.of_new_people(arrived, keys)
        session.info[current_country.SETTLED] = countries.keys()
        with indexes.built_after(Driver.of(session), _coming(keys)):
            for start in range(0, len(keys), CHUNK):
                if progress is not None:
                    progress(start, len(keys))
                written, conflicts = materialize(session, keys[start:start + CHUNK], blobs,
                                                 arrived, countries)
                result.records += written
                result.conflicts += conflicts
                session.expunge_all()
        del session.info[current_country.SETTLED]
        if progress is not None:
            progress(len(keys), len(keys))
        merges.settle(session)
        if after is not None:
            after(session)
        result.change_set = edit.change_set
    return result


def _coming(keys: list[tuple[str, str]]) -> dict[str, int]:
    """{table: at most how many rows writing these records adds to it}: a row of its
    kind's table each (sync.indexes). The journal is not among them: it keeps one row
    for the records of a kind written together (journal.CREATE_SET)."""
    found = {}
    for kind, count in Counter(map(_kind, keys)).items():
        if kind in registry.BY_NAME:
            found[registry.BY_NAME[kind].model.__tablename__] = count
    return found


def _parents_first(keys: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """`keys` in the order records are written: those of the kinds others refer to
    first, then by kind and id. A record written before the one it refers to is a
    foreign key SQLite counts as unresolved until the end of the transaction, and
    while any is, every record written after it makes SQLite look for the records
    referring to it (the people of a first bundle written after their 300,000
    contacts and affiliations)."""
    order = _creation_order()
    ids = _by_kind(keys)
    # A kind at a time, its ids sorted bare: a key function called for each of the
    # 400,000 records of a first bundle cost more than the sort.
    return [(kind, record_id)
            for kind in sorted(ids, key=lambda kind: (order.get(kind, len(order)), kind))
            for record_id in sorted(ids[kind])]


@lru_cache(maxsize=1)
def _creation_order() -> dict[str, int]:
    # The tables in the order of their foreign keys, as SQLAlchemy sorts them.
    place = {table.name: number for number, table in enumerate(Entity.metadata.sorted_tables)}
    return {spec.name: place[spec.model.__tablename__] for spec in registry.KINDS}


#: Operations kept for a kind or field this version did not know, in the words of their
#: partial index (migration 0022): a bound 0 would leave the choice to the planner.
_WAITING = SyncOperation.known == literal_column("0")


def _now_known(session: Session) -> list[tuple[str, str]]:
    """Records with operations kept from before this version knew their kind or field,
    which it now knows (after an upgrade): applied with the rest."""
    # Written as the index's own condition (known = 0), which holds only these rows.
    waiting = [from_row(row) for row in session.scalars(
        select(SyncOperation).where(_WAITING))]
    now = [op for op in waiting if known(op)]
    if now:
        session.execute(update(SyncOperation).where(
            _WAITING,
            SyncOperation.origin.in_({op.origin for op in now})).values(known=1)
            .execution_options(synchronize_session=False))
        # Only those now known: the rest stay waiting.
        for op in waiting:
            if not known(op):
                session.execute(update(SyncOperation).where(
                    SyncOperation.origin == op.origin, SyncOperation.seq == op.seq
                ).values(known=0).execution_options(synchronize_session=False))
    return [(op.kind, op.record_id) for op in now]
