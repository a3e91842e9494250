"""This copy's edits become operations as the journal writes them, in the same flush.

The journal (core.records.journal) hands every row it writes here. Each becomes an operation
of this device with the next sequence number, a clock stamp above everything seen,
and as bases the current versions of the fields it touches: so an edit made after
reading another laptop's change supersedes it, and one made without it is a
conflict. Operations applied from other devices (merge) are journaled for history
and undo but are not recorded again as this device's.

Records made before this copy kept operations (an older database, a file copied
from a colleague) become one creating operation each the first time anything is
recorded (`seed`), so they travel too.

A record created in a private edit (`keep_private`) is one the association keeps to
itself: its operations, and those of every later edit of it on any laptop, are
numbered in the device's private stream (operations.private_origin), which the
office server shows to the association's devices alone.
"""

from __future__ import annotations

import json
from functools import lru_cache, partial
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coordinator_app.core.records import registry
from coordinator_app.core.records.journal import REOPEN, journaled_columns, plain, snapshot_sql
from coordinator_app.core.records.models import Entity
from coordinator_app.core.store.driver import Driver
from coordinator_app.sync import amounts, clock
from coordinator_app.sync.operations import (
    CREATE,
    Operation,
    OpId,
    insert_stored,
    is_private_origin,
    made as made_operation,
    private_origin,
    stored_values,
    vector_of,
)

#: Set in a session's info while it applies operations from other devices.
APPLYING = "sync_applying"
#: In a session's info: {(kind, record id, field)} whose next edit leaves the field's
#: current versions standing beside it (a conflict), instead of superseding them.
CONCURRENT = "sync_concurrent"
#: Set in a session's info by `keep_private`: the records it creates stay in the association.
PRIVATE = "sync_private"
#: Records an edit changes (none created) up to which `record` looks up their privacy
#: and its streams' numbers one by one instead of reading the whole version vector.
FEW_RECORDS = 8


def keep_private(edit) -> None:
    """The records `edit` (a core Edit) creates are kept to this laptop's association."""
    edit.session.info[PRIVATE] = True


def _any_private(session: Session) -> bool:
    """Whether this copy holds a private stream at all: without one no record is
    private, and nothing needs looking up record by record."""
    return any(map(is_private_origin, vector_of(session)))


def private_ids(session: Session, kind: str, ids: list[str]) -> set[str]:
    """Those of `ids` (records of `kind`) that their association keeps to itself: a
    list marks them, an editor says so."""
    if not _any_private(session):
        return set()  # every page of every list asks: half the opening of a list
    return {record_id for _kind, record_id in
            _private_records(session, {(kind, record_id) for record_id in ids})}


def _private_records(session: Session, keys: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """Those of `keys` (kind, record id) created as records an association keeps to itself."""
    found = set()
    by_kind: dict[str, list[str]] = {}
    for kind, record_id in keys:
        by_kind.setdefault(kind, []).append(record_id)
    # Straight to the driver: a saved form asks this of its record at every edit.
    driver = Driver.of(session)
    for kind, ids in by_kind.items():
        for start in range(0, len(ids), 400):
            batch = ids[start:start + 400]
            for record_id, origin in driver.execute(
                    f"SELECT record_id, origin FROM sync_operations WHERE kind = ? AND "
                    f"record_id IN ({', '.join('?' * len(batch))}) AND field = ?",
                    (kind, *batch, CREATE)):
                if is_private_origin(origin):
                    found.add((kind, record_id))
    return found


def _references(kind: str, values: Any) -> set[tuple[str, str]]:
    """The records a new record of `kind` with `values` hangs on: its foreign keys, and
    the owner an attachment or source names."""
    spec = registry.BY_NAME.get(kind)
    if spec is None or not isinstance(values, dict):
        return set()
    kinds = _kinds_by_table()
    found = set()
    for column in spec.model.__table__.columns:
        value = values.get(column.key)
        for key in column.foreign_keys if isinstance(value, str) else ():
            target = kinds.get(key.column.table.name)
            if target is not None:
                found.add((target, value))
    if isinstance(values.get("owner_kind"), str) and isinstance(values.get("owner_id"), str):
        found.add((values["owner_kind"], values["owner_id"]))
    return found


@lru_cache(maxsize=1)
def _kinds_by_table() -> dict[str, str]:
    return {spec.model.__tablename__: spec.name for spec in registry.KINDS}


def _kept_private(session: Session, rows: list[dict[str, Any]], vector: dict[str, int]
                  ) -> set[tuple[str, str]]:
    """The records of `rows` whose operations go to the private stream: those created
    in a private edit, those created as private before, and new ones that hang on a
    private record (a line of a private agreement), which partners could not hold.
    `vector` is this copy's (operations.vector_of)."""
    if not session.info.get(PRIVATE) and not any(map(is_private_origin, vector)):
        # No private stream here, so no private record: an import of ten thousand
        # people need not read each one's references back from its JSON.
        return set()
    keys = {(row["entity"], row["entity_id"]) for row in rows}
    references = {(row["entity"], row["entity_id"]): _references(
        row["entity"], None if row["new"] is None else json.loads(row["new"]))
        for row in rows if row["action"] == "create"}
    created = set(references) if session.info.get(PRIVATE) else set()
    private = created | _private_records(
        session, (keys - created) | {ref for refs in references.values() for ref in refs})
    return private | {key for key, refs in references.items() if refs & private}


# The statements below run at every edit, a handful each: straight to the driver
# (core.store.driver), they cost SQLite's time and little more.


def state(session: Session, name: str) -> str | None:
    return Driver.of(session).scalar("SELECT value FROM sync_state WHERE name = ?", (name,))


def set_state(session: Session, name: str, value: str) -> None:
    driver = Driver.of(session)
    updated = driver.execute("UPDATE sync_state SET value = ? WHERE name = ?", (value, name))
    if updated.rowcount == 0:
        driver.execute("INSERT INTO sync_state (name, value) VALUES (?, ?)", (name, value))


def last_stamp(session: Session) -> int:
    return int(state(session, "hlc") or 0)


def next_stamp(session: Session) -> int:
    stamp = clock.tick(last_stamp(session))
    set_state(session, "hlc", str(stamp))
    return stamp


def _next_seq(session: Session, origin: str) -> int:
    """The next sequence number of `origin`'s stream: one seek along the primary key."""
    top = Driver.of(session).scalar("SELECT max(seq) FROM sync_operations WHERE origin = ?",
                                    (origin,))
    return (top or 0) + 1


def heads_of(session: Session, kind: str, record_id: str) -> dict[str, set[OpId]]:
    """The current versions of a record's fields as stored; field "" stands for every
    field that has no entry of its own."""
    found: dict[str, set[OpId]] = {}
    for field, origin, seq in Driver.of(session).execute(
        "SELECT field, origin, seq FROM sync_heads WHERE kind = ? AND record_id = ?",
        (kind, record_id)
    ):
        found.setdefault(field, set()).add((origin, seq))
    return found


def field_heads(heads: dict[str, set[OpId]], field: str) -> set[OpId]:
    return heads.get(field) or heads.get(CREATE, set())


_INSERT_HEADS = ("INSERT INTO sync_heads (kind, record_id, field, origin, seq) "
                 "VALUES (?, ?, ?, ?, ?)")


def write_heads(session: Session, records: dict[tuple[str, str], dict[str, set[OpId]]],
                fresh: set[tuple[str, str]] = frozenset()) -> None:
    """Replace the stored current versions of these records with the ones given (those
    in `fresh` are new and have none stored)."""
    connection = Driver.of(session)
    by_kind: dict[str, list[str]] = {}
    for kind, record_id in records:
        if (kind, record_id) not in fresh:
            by_kind.setdefault(kind, []).append(record_id)
    # One kind at a time: the primary key (kind, record_id, …) serves each delete, where
    # a row-value IN over (kind, record_id) would read the whole table every time.
    for kind, ids in by_kind.items():
        for start in range(0, len(ids), 400):
            batch = ids[start:start + 400]
            connection.execute(
                f"DELETE FROM sync_heads WHERE kind = ? AND record_id IN "
                f"({', '.join('?' * len(batch))})", (kind, *batch))
    add_heads(session, [(kind, record_id, field, o, s)
                        for (kind, record_id), heads in records.items()
                        for field, ids in heads.items() for o, s in ids])


def _head_rows(records: dict[tuple[str, str], dict[str, set[OpId]]]
               ) -> set[tuple[str, str, str, str, int]]:
    """The rows of sync_heads (kind, record id, field, origin, seq) of these versions."""
    return {(kind, record_id, field, origin, seq)
            for (kind, record_id), heads in records.items()
            for field, versions in heads.items() for origin, seq in versions}


def _remove_heads(session: Session, rows: set[tuple[str, str, str, str, int]]) -> None:
    """Remove these rows of sync_heads, each found by its primary key."""
    if rows:
        Driver.of(session).executemany(
            "DELETE FROM sync_heads WHERE kind = ? AND record_id = ? AND field = ? "
            "AND origin = ? AND seq = ?", sorted(rows))


def add_heads(session: Session, rows: list[tuple[str, str, str, str, int]]) -> None:
    """Store current versions (kind, record id, field, origin, seq) of records that
    have none stored for those fields."""
    if rows:
        # Plain tuples to the driver: a first bundle writes one row per record.
        Driver.of(session).executemany(_INSERT_HEADS, rows)


def _operation(row: dict[str, Any], origin: str, seq: int, stamp: int) -> Operation:
    new = None if row["new"] is None else json.loads(row["new"])
    field = CREATE if row["action"] == "create" else row["field"]
    return Operation(origin=origin, seq=seq, hlc=stamp, kind=row["entity"],
                     record_id=row["entity_id"], field=field, value=new)


def _created(rows: list[dict[str, Any]]) -> amounts.Batch:
    """The values of the records these journal rows create, where some row gives an
    amount: the currency of an amount may be a record created in the same flush."""
    if not any(amounts.fields(row["entity"]) for row in rows):
        return {}
    return {(row["entity"], row["entity_id"]): json.loads(row["new"]) for row in rows
            if row["action"] == "create" and row["new"] is not None}


def _restated(session: Session, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows for operations alone, not journaled: the amounts a currency changed in
    `rows` would make operations read as other sums (sync.amounts.restated), given
    again, unless `rows` give them already."""
    changed = [row for row in rows if row["field"] == "currency" and row["action"] == "update"]
    if not changed:
        return []
    given = {(row["entity"], row["entity_id"], row["field"]) for row in rows}
    found = []
    for row in changed:
        former, code = (None if text is None else json.loads(text)
                        for text in (row["old"], row["new"]))
        for kind, record_id, field, value in amounts.restated(
                session, row["entity"], row["entity_id"], former, code):
            if (kind, record_id, field) not in given:
                found.append({**row, "entity": kind, "entity_id": record_id, "field": field,
                              "old": None, "new": json.dumps(value)})
    return found


def _outgoing(session: Session, kind: str, record_id: str, field: str, value: Any,
              batch: amounts.Batch) -> Any:
    """A value of the record's `field` as operations keep it (sync.amounts)."""
    if field == CREATE:
        if not isinstance(value, dict):
            return value
        return amounts.converted(session, kind, record_id, value, amounts.to_operation, batch)
    if field not in amounts.fields(kind):
        return value
    return amounts.converted(session, kind, record_id, {field: value},
                             amounts.to_operation, batch)[field]


def _is_private(heads: dict[str, set[OpId]]) -> bool:
    """Whether a record with these current versions is private: every operation of a
    private record is in a private stream, and only those are."""
    return any(is_private_origin(origin) for versions in heads.values()
               for origin, _seq in versions)


def _bases(heads: dict[str, set[OpId]], op: Operation) -> set[OpId]:
    """The current versions `op` builds on: those of every field it touches."""
    bases: set[OpId] = set()
    for field in op.touches():
        bases |= field_heads(heads, field)
    return bases


def _replace_heads(session: Session, stored: set,
                   records: dict[tuple[str, str], dict[str, set[OpId]]]) -> None:
    """Only the versions an edit superseded go, and its own come: a saved note leaves
    the record's other fields' versions as they are stored."""
    kept = _head_rows(records)
    _remove_heads(session, stored - kept)
    add_heads(session, sorted(kept - stored))


#: The actions of a saved form's journal rows, which `_record_saved` turns into operations.
_SAVED = frozenset({"update", "delete", "restore"})
#: One statement for what numbering a saved form's operations needs: whether this copy
#: was seeded, its clock, and the next number of the device's two streams.
_SAVED_STATE = ("SELECT (SELECT value FROM sync_state WHERE name = 'seeded'), "
                "(SELECT value FROM sync_state WHERE name = 'hlc'), "
                "(SELECT max(seq) FROM sync_operations WHERE origin = ?), "
                "(SELECT max(seq) FROM sync_operations WHERE origin = ?)")


@lru_cache(maxsize=8)
def _private_of(device: str) -> str:
    return private_origin(device)


def _record_saved(session: Session, rows: list[dict[str, Any]]) -> bool:
    """`record` for the rows of one record's fields changed (a form saved, as most edits
    are), with the fewest statements: the copy's state and both streams' numbers in one,
    the record's current versions in another. False, having written nothing, for
    anything else (a record created, a currency that restates amounts, a version kept
    beside, a private edit, a copy not seeded yet): `record` does those."""
    first = rows[0]
    kind, record_id = first["entity"], first["entity_id"]
    info = session.info
    if (info.get(PRIVATE) or info.get(CONCURRENT) or amounts.fields(kind)
            or any(row["action"] not in _SAVED or row["entity_id"] != record_id
                   or row["entity"] != kind or row["field"] == "currency" for row in rows)):
        return False
    device = info["device_id"]
    hidden = _private_of(device)
    driver = Driver.of(session)
    seeded, hlc, top, hidden_top = driver.execute(_SAVED_STATE, (device, hidden)).fetchone()
    if seeded is None:
        return False
    stamp = clock.tick(int(hlc or 0))
    set_state(session, "hlc", str(stamp))
    records = {(kind, record_id): heads_of(session, kind, record_id)}
    heads = records[kind, record_id]
    stored = _head_rows(records)
    if heads:
        private = _is_private(heads)
    else:  # no versions stored yet: asked after its creation
        private = bool(_private_records(session, {(kind, record_id)}))
    origin, seq = (hidden, (hidden_top or 0) + 1) if private else (device, (top or 0) + 1)
    made_rows = []
    for row in rows:
        new = row["new"]
        value = None if new is None else json.loads(new)
        op = made_operation(origin, seq, stamp, kind, record_id, row["field"], value)
        op = made_operation(origin, seq, stamp, kind, record_id, row["field"], value,
                            tuple(sorted(_bases(heads, op))))
        seq += 1
        made_rows.append(stored_values(op, known=True))
        _supersede(heads, op)
    insert_stored(driver, made_rows)
    _replace_heads(session, stored, records)
    return True


def record(session: Session, rows: list[dict[str, Any]]) -> None:
    """Turn journal rows just written by this device into operations."""
    if session.info.get(APPLYING) or not rows:
        return
    if _record_saved(session, rows):
        return
    # Rows written in bulk (coordinator generate) are in their tables already: the
    # seed must not take them for records made before operations were kept.
    states = dict(Driver.of(session).execute(
        "SELECT name, value FROM sync_state WHERE name IN ('seeded', 'hlc')").fetchall())
    if states.get("seeded") is None:
        seed(session, skip={row["entity_id"] for row in rows if row["action"] == "create"})
        states["hlc"] = state(session, "hlc")
    stamp = clock.tick(int(states.get("hlc") or 0))
    set_state(session, "hlc", str(stamp))
    device = session.info["device_id"]
    rows = [*rows, *_restated(session, rows)]
    keys = {(row["entity"], row["entity_id"]) for row in rows}
    records: dict[tuple[str, str], dict[str, set[OpId]]] = {}
    if (len(keys) <= FEW_RECORDS and not session.info.get(PRIVATE)
            and all(row["action"] != "create" for row in rows)):
        # A form saved, as most edits are: its records' current versions are read first,
        # and say whether each is private (every operation of a private record is in a
        # private stream, and only those are); each stream's next number is a seek,
        # where the version vector walks every origin the copy holds.
        records = {key: heads_of(session, *key) for key in sorted(keys)}
        stored = _head_rows(records)
        private = {key for key, heads in records.items() if _is_private(heads)}
        # A record with no versions stored yet is asked after its creation.
        private |= _private_records(session, {key for key, heads in records.items()
                                              if not heads})
        next_seq = partial(_next_seq, session)
    else:
        stored = None
        # The highest sequence of every stream held, read once: it numbers this edit's
        # operations and says whether the copy has a private stream at all.
        vector = vector_of(session)
        private = _kept_private(session, rows, vector)

        def next_seq(origin: str) -> int:
            return vector.get(origin, 0) + 1
    streams = {device: next_seq(device)}
    batch = _created(rows)
    #: Records this batch creates: none has a stored version to replace.
    fresh: set[tuple[str, str]] = set()
    #: Rows of sync_operations (operations.COLUMNS), as the driver takes them.
    made: list[tuple] = []
    for row in rows:
        key = (row["entity"], row["entity_id"])
        origin = private_origin(device) if key in private else device
        if origin not in streams:
            streams[origin] = next_seq(origin)
        seq = streams[origin]
        streams[origin] += 1
        if row["action"] == "create" and key not in records:
            # A new record builds on nothing, and the journal's JSON is its value as it
            # is: an import creates tens of thousands at once.
            value = row["new"]
            if key in batch and amounts.fields(key[0]):
                value = json.dumps(_outgoing(session, *key, CREATE, batch[key], batch),
                                   ensure_ascii=False)
            made.append((origin, seq, stamp, key[0], key[1], CREATE, value, "[]", 1))
            records[key] = {CREATE: {(origin, seq)}}
            fresh.add(key)
            continue
        op = _operation(row, origin, seq, stamp)
        if amounts.fields(op.kind):
            if row["action"] == REOPEN:
                value = [_outgoing(session, *key, op.field, version, batch)
                         for version in op.value]
            else:
                value = _outgoing(session, *key, op.field, op.value, batch)
            op = Operation(**{**op.__dict__, "value": value})
        if key not in records:
            records[key] = {} if op.field == CREATE else heads_of(session, *key)
        heads = records[key]
        if row["action"] == REOPEN:
            streams[origin] = _reopen(made, heads, op)
            continue
        bases = _bases(heads, op)
        beside = set()
        if (*key, op.field) in session.info.get(CONCURRENT, ()):
            beside = set(field_heads(heads, op.field))
            bases -= beside
        op = Operation(**{**op.__dict__, "bases": tuple(sorted(bases))})
        made.append(stored_values(op, known=True))
        _supersede(heads, op)
        if beside:
            heads[op.field] = beside | {op.id}
    insert_stored(Driver.of(session), made)
    if stored is None:
        write_heads(session, records, fresh)
    else:
        _replace_heads(session, stored, records)


def _converts(driver: Driver, cls: type[Entity], after: int) -> bool:
    """Whether an amount among the records of `cls` after its row `after` (a bulk
    create's) is kept in other units by operations (sync.amounts), asked of the stored
    rows in one statement: `record` looked up a currency through the session for each
    record, a project's for each of a generate's 5,000 project partners (2.1 s at
    100,000 people), when none of them had an amount to convert."""
    found = amounts.stored_conversion(cls.KIND)
    if found is None:
        return False
    join, condition = found
    return driver.scalar(
        f"SELECT 1 FROM {cls.__table__.name} AS x {join} "
        f"WHERE x.rowid > ? AND ({condition}) LIMIT 1", (after,)) is not None


def record_created(session: Session, cls: type[Entity], after: int, count: int) -> None:
    """Turn the `count` records of `cls` after its row `after`, which a bulk create
    wrote set-wise (journal.CREATE_SET), into operations, as `record` would turn their
    `create` rows: one creating operation each, of this device's stream, one clock
    stamp, the JSON of its fields as its value, and each its record's current version.
    Written set-wise from the records' rows; where `record` has more to do (a first
    seed, a private stream, amounts converted) the rows are read and handed to it."""
    if session.info.get(APPLYING):
        return
    driver = Driver.of(session)
    vector = vector_of(session)
    table, snapshot = cls.__table__.name, snapshot_sql(cls)
    if (state(session, "seeded") is None or session.info.get(PRIVATE)
            or any(map(is_private_origin, vector)) or _converts(driver, cls, after)):
        record(session, [
            {"action": "create", "entity": cls.KIND, "entity_id": record_id, "field": None,
             "old": None, "new": new}
            for record_id, new in driver.execute(
                f"SELECT x.id, {snapshot} FROM {table} AS x WHERE x.rowid > ? "
                f"ORDER BY x.rowid", (after,))])
        return
    stamp = next_stamp(session)
    device = session.info["device_id"]
    params = {"origin": device, "start": vector.get(device, 0) + 1 - (after + 1),
              "after": after, "kind": cls.KIND, "create": CREATE, "stamp": stamp}
    driver.execute(
        "INSERT INTO sync_operations (origin, seq, hlc, kind, record_id, field, value, bases, "
        f"known) SELECT :origin, :start + x.rowid, :stamp, :kind, x.id, :create, {snapshot}, "
        f"'[]', 1 FROM {table} AS x WHERE x.rowid > :after ORDER BY x.rowid", params)
    driver.execute(
        "INSERT INTO sync_heads (kind, record_id, field, origin, seq) SELECT :kind, x.id, "
        f":create, :origin, :start + x.rowid FROM {table} AS x WHERE x.rowid > :after "
        "ORDER BY x.rowid", params)


def _reopen(made: list[tuple], heads: dict[str, set[OpId]], op: Operation) -> int:
    """A conflict's resolution undone: each version it settled made again, none
    superseding another, so the field has them all as current versions again (the one
    shown before made last, so it is shown again). Returns the next sequence number."""
    versions = [Operation(**{**op.__dict__, "seq": op.seq + number, "value": value})
                for number, value in enumerate(reversed(op.value))]
    fields = {field for version in versions for field in version.touches()}
    bases = tuple(sorted(set().union(*(field_heads(heads, field) for field in fields))))
    for version in versions:
        made.append(stored_values(Operation(**{**version.__dict__, "bases": bases}),
                                  known=True))
    for field in fields:
        heads[field] = {version.id for version in versions if field in version.touches()}
    return op.seq + len(versions)


def _supersede(heads: dict[str, set[OpId]], op: Operation) -> None:
    """The record's current versions once `op`, made after all of them, is added."""
    if op.field == CREATE and not heads:
        heads[CREATE] = {op.id}
        return
    for field in op.touches():
        heads[field] = {op.id}


def seed(session: Session, skip: set[str] = frozenset()) -> None:
    """Once per copy: every record already here becomes a creating operation of this
    device (those made before sync kept operations, or copied in with the file), but
    those in `skip`, about to be recorded."""
    if state(session, "seeded") is not None:
        return
    set_state(session, "seeded", "1")
    device = session.info["device_id"]
    seq = _next_seq(session, device)
    stamp = next_stamp(session)
    for spec in registry.KINDS:
        cls = spec.model
        columns = journaled_columns(cls)
        table = cls.__table__
        found = session.connection().execute(
            select(*(table.c[name] for name in columns)).order_by(table.c.id)).all()
        found = [values for values in found if values[columns.index("id")] not in skip]
        for start in range(0, len(found), 2000):
            batch = found[start:start + 2000]
            ops, heads = [], []
            for values in batch:
                snapshot = {name: plain(value) for name, value in zip(columns, values)}
                snapshot = _outgoing(session, spec.name, snapshot["id"], CREATE, snapshot, {})
                ops.append(stored_values(Operation(
                    origin=device, seq=seq, hlc=stamp, kind=spec.name,
                    record_id=snapshot["id"], field=CREATE, value=snapshot), known=True))
                heads.append((spec.name, snapshot["id"], CREATE, device, seq))
                seq += 1
            # Tuples to the driver, as `record` writes them: a copy of 100,000 people
            # seeds half a million rows at once.
            insert_stored(session.connection(), ops)
            session.connection().exec_driver_sql(_INSERT_HEADS, heads)


def ensure_seeded(workspace) -> None:
    """Make this copy's records operations now if they are not yet (before a bundle
    is written from a copy that has not been edited since it kept operations)."""
    with workspace.read() as session:
        if state(session, "seeded") is not None:
            return
    with workspace.edit() as edit:
        seed(edit.session)
