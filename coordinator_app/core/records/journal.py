"""What happens to every record written through a session, whoever writes it.

Before each flush: strings become NFC, records get their UTC stamps and this
device's id, and each changed field is written to the change journal in the same
transaction, and handed to the recorder the session names (sync keeps each row as
an operation). Nothing here knows about screens or commands.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.attributes import get_history, instance_state
from sqlalchemy.orm.exc import StaleDataError

from coordinator_app.core.records import bulk, edit_index, registry
from coordinator_app.core.errors import CoordinatorError
from coordinator_app.core.records.change_labels import readable
from coordinator_app.core.records.ids import new_id, ordered_id, utcnow
from coordinator_app.core.records.journal_actions import CREATE_SET
from coordinator_app.core.records.models import Change, Entity
from coordinator_app.core.search import search_index
from coordinator_app.core.store import session_hooks
from coordinator_app.core.store.driver import Driver
from coordinator_app.core.text.normal import clean
from coordinator_app.i18n import _
from coordinator_app.core.records import languages, sort_keys

#: Stamps written by this module; journaling them again would only add noise.
#: (The sort keys are derived from the name, which is journaled.)
STAMP_FIELDS = frozenset({"created_at", "updated_at", "device_id", *sort_keys.DERIVED})
#: The session info key of what is called with every batch of rows written.
RECORDER = "journal_recorder"
#: ... and of what is called (session, kind's model, row number, count) with the
#: records a bulk create wrote set-wise, the `count` rows of its table after that row
#: number, which are journaled as one `CREATE_SET` (`insert_created`).
CREATED_RECORDER = "journal_created_recorder"
#: The session info key of {(kind, record id, field): (action, old, new)}: the row the
#: next change of that field is journaled as, instead of an update (see `note`).
NOTED = "journal_noted"
#: Actions of a conflict's resolution and of its undoing (sync reads them as
#: operations: one superseding every current version, one per version made again).
RESOLVE, REOPEN = "resolve", "reopen"


def plain(value: Any) -> Any:
    """A value as JSON can hold it: dates and times become ISO 8601 text."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


#: json.dumps(…, ensure_ascii=False) makes an encoder each call; this one is made once.
_json = json.JSONEncoder(ensure_ascii=False).encode


def encode(value: Any) -> str | None:
    return None if value is None else _json(plain(value))


def decode(entity: type[Entity], field: str, raw: str | None) -> Any:
    if raw is None:
        return None
    value = json.loads(raw)
    python_type = inspect(entity).columns[field].type.python_type
    if python_type is datetime:
        return datetime.fromisoformat(value)
    if python_type is date:
        return date.fromisoformat(value)
    return value


@lru_cache(maxsize=None)
def _journaled(cls: type[Entity]) -> tuple[str, ...]:
    return tuple(attr.key for attr in inspect(cls).column_attrs
                 if attr.key not in STAMP_FIELDS and attr.key not in cls.UNJOURNALED)


def journaled_columns(cls: type[Entity]) -> list[str]:
    """The columns of a kind of record that the journal copies."""
    return list(_journaled(cls))


def _holds_text(column) -> bool:
    try:
        return column.type.python_type is str
    except NotImplementedError:
        return True  # a type that does not say: its values are looked at one by one


@lru_cache(maxsize=None)
def _columns(cls: type[Entity]) -> tuple[tuple[tuple[str, bool], ...], bool]:
    """((key, kept upper case) of each column of text, whether it keeps a sort key) of
    a kind: asked for every record normalised, so asked of the mapper once. Columns of
    dates and numbers hold no text once coerced (core.records.values), and the sort
    keys are made anew below, so neither is looked at."""
    mapper = inspect(cls)
    texts = tuple((attr.key, attr.key in cls.UPPER_CASE) for attr in mapper.column_attrs
                  if attr.key not in sort_keys.DERIVED and _holds_text(attr.columns[0]))
    return texts, "sort_key" in mapper.columns


def normalise(obj: Entity) -> None:
    """NFC, trimmed, blank as None; code columns upper case; translatable fields in
    their one shape (core.records.languages)."""
    texts, sorted_by_key = _columns(type(obj))
    values = obj.__dict__
    for key, upper in texts:
        value = values.get(key)
        if isinstance(value, str):
            cleaned = clean(value)
            if cleaned is not None and upper:
                cleaned = cleaned.upper()
            if cleaned != value:
                setattr(obj, key, cleaned)
    languages.settle(obj)
    # Lists order names by this stored key: SQLite's byte order is then the
    # Ukrainian and Lithuanian alphabetical order (core.text.collation). A stored
    # record whose name did not change keeps its keys (a note saved, a phone added):
    # working them out again cost more than the rest of its normalising.
    state = instance_state(obj)
    if sorted_by_key and (state.key is None or not sort_keys.sources(type(obj)).isdisjoint(
            state.committed_state)):
        for name, key in sort_keys.keys(type(obj), lambda field: getattr(obj, field)).items():
            if values.get(name) != key:
                setattr(obj, name, key)


class _Journal:
    def __init__(self, session: Session):
        self.session = session
        info = session.info
        self.device_id: str = info["device_id"]
        if "change_set" not in info:
            info["change_set"] = new_id()
        self.change_set: str = info["change_set"]
        self.label: str | None = info.get("label")
        self.at = utcnow()
        self.rows: list[dict[str, Any]] = []

    def next_seq(self) -> int:
        info = self.session.info
        if "next_seq" not in info:
            # Asked once per edit: straight to the driver (core.store.driver).
            top = Driver.of(self.session).scalar("SELECT max(seq) FROM changes")
            info["next_seq"] = (top or 0) + 1
        seq = info["next_seq"]
        info["next_seq"] = seq + 1
        return seq

    def created_row(self, kind: str, record_id: str, new: str) -> dict[str, Any]:
        """The journal row of a new record's `create`, with all its fields (`new`)."""
        return {"id": ordered_id(), "seq": self.next_seq(), "change_set": self.change_set,
                "label": self.label, "action": "create", "entity": kind,
                "entity_id": record_id, "field": None, "old": None, "new": new,
                "at": self.at, "device_id": self.device_id}

    def write(self, action: str, obj: Entity, field: str | None, old: Any, new: Any) -> None:
        self.rows.append({
            "id": ordered_id(), "seq": self.next_seq(), "change_set": self.change_set,
            "label": self.label, "action": action, "entity": obj.KIND, "entity_id": obj.id,
            "field": field, "old": old, "new": new, "at": self.at,
            "device_id": self.device_id,
        })

    def created(self, cls: type[Entity], after: int, count: int) -> None:
        """Journal the `count` records of `cls` just inserted after its row `after` as one
        `CREATE_SET` row, and hand them to the recorder by their rows."""
        driver = Driver.of(self.session)
        table = cls.__table__
        written = driver.scalar(f"SELECT count(*) FROM {table.name} WHERE rowid > ?", (after,))
        if written != count:
            # Not the rows just written: the recorder would read others, so the edit is
            # undone whole rather than recorded so.
            raise RuntimeError(f"{written} new rows of {table.name} where {count} were written")
        # Straight to the table, not through `save`: this row is no operation of sync's.
        bulk.insert_rows(driver, Change.__table__, [{
            "id": ordered_id(), "seq": self.next_seq(), "change_set": self.change_set,
            "label": self.label, "action": CREATE_SET, "entity": cls.KIND, "entity_id": "",
            "field": None, "old": None, "new": _json({"count": count}), "at": self.at,
            "device_id": self.device_id}])
        recorder = self.session.info.get(CREATED_RECORDER)
        if recorder is not None:
            recorder(self.session, cls, after, count)

    def save(self) -> None:
        # One executemany on the flush's own connection and transaction, past
        # SQLAlchemy's per-row parameters (core.records.bulk): the journal of an import
        # of thousands of records costs one statement, not an object each for the
        # unit of work to track.
        if self.rows:
            bulk.insert_rows(Driver.of(self.session), Change.__table__, self.rows)
            self.recorded()

    def recorded(self) -> None:
        """Hand the rows just written to the recorder, and forget them."""
        # Each row is also an operation other laptops merge (DESIGN.md, Sync): the
        # opener of the database hands the journal sync's recorder (core.store.db).
        recorder = self.session.info.get(RECORDER)
        if recorder is not None:
            recorder(self.session, self.rows)
        self.rows.clear()


@lru_cache(maxsize=None)
def _dated(cls: type[Entity]) -> tuple[str, ...]:
    """The journaled columns of a kind that hold dates or times: the only values
    `plain` changes, as every other column holds text or a number."""
    columns = inspect(cls).columns
    return tuple(key for key in _journaled(cls)
                 if columns[key].type.python_type in (date, datetime))


def created_set(session: Session, change: Change) -> list[Entity]:
    """The records a `CREATE_SET` row of the journal stands for: those of its kind
    created at its moment, as many as it says, or an error rather than others."""
    cls = registry.model(change.entity)
    found = session.scalars(select(cls).where(cls.created_at == change.at)).all()
    made = json.loads(change.new)["count"]
    if len(found) != made:
        # Never another set of records than the one made: undo refuses instead.
        raise CoordinatorError(_(
            "“{label}” cannot be undone: not every record it made is found as it was "
            "written").format(label=readable(change.label) or change.entity))
    return found


def _snapshot(cls: type[Entity], values: dict[str, Any]) -> str:
    """A new record's journal value: every journaled field, as JSON."""
    get = values.get
    snapshot = {key: get(key) for key in _journaled(cls)}
    for key in _dated(cls):
        if snapshot[key] is not None:
            snapshot[key] = plain(snapshot[key])
    return _json(snapshot)


@lru_cache(maxsize=None)
def snapshot_sql(cls: type[Entity]) -> str | None:
    """SQL making `_snapshot`'s very text from a stored record `x` of `cls`: text, whole
    numbers and dates are stored as JSON writes them (SQLite's json_quote escapes as
    Python's encoder does, and a date is stored as its ISO text). None for a kind with a
    column of another type (a quantity: SQLite writes 0.3 where Python writes
    0.30000000000000004), whose snapshots Python makes."""
    columns = inspect(cls).columns
    parts = []
    for key in _journaled(cls):
        column = columns[key]
        if key != "deleted_at" and column.type.python_type not in (str, int, date):
            return None
        parts.append(f"'{_json(key)}: ' || json_quote(x.{column.name})")
    return "'{' || " + " || ', ' || ".join(parts) + " || '}'"


def _created(journal: _Journal, obj: Entity) -> None:
    """A new record in the session stamped and journalled as one `create` with all
    its fields."""
    normalise(obj)
    if obj.id is None:
        obj.id = new_id()
    obj.created_at = obj.updated_at = journal.at
    obj.device_id = journal.device_id
    journal.write("create", obj, None, None, _snapshot(type(obj), obj.__dict__))


@lru_cache(maxsize=None)
def _stored_keys(cls: type[Entity]) -> tuple[tuple[str, str], ...]:
    """(attribute, column key) of each column of a kind, for rows written past the ORM."""
    return tuple((attr.key, attr.columns[0].key) for attr in inspect(cls).column_attrs)


def row_layout(cls: type[Entity]) -> tuple[str, ...]:
    """The attributes of every column of a kind, in the order of the values of a row
    written past the ORM (`insert_created`, `insert_made`): the one definition of a
    row, read from the model."""
    return tuple(key for key, _column in _stored_keys(cls))


def insert_created(session: Session, cls: type[Entity], objs: list[Entity]) -> None:
    """Write new records of `cls` that the session does not hold (the service's bulk
    path, Edit.create_many, and sync's first apply): stamped and journalled exactly as
    a flush does it, then inserted with one statement on the session's connection and
    transaction. The records are normalised already (the rules have seen them so)."""
    if not objs:
        return
    journal = _Journal(session)
    at, device = journal.at, journal.device_id
    attributes = row_layout(cls)
    # A tombstone (sync's first apply brings deleted records too) keeps its time of
    # deletion, which is stored otherwise than JSON writes it: Python journals those.
    set_wise = snapshot_sql(cls) is not None and not any(
        obj.__dict__.get("deleted_at") is not None for obj in objs)
    rows = []
    for obj in objs:
        # Stamped in the record's own dict: it is never flushed by the session, so
        # the unit of work has no history of it to keep.
        values = obj.__dict__
        if values.get("id") is None:
            values["id"] = ordered_id()
        values["created_at"] = values["updated_at"] = at
        values["device_id"] = device
        if not set_wise:
            journal.write("create", obj, None, None, _snapshot(cls, values))
        get = values.get
        rows.append([get(key) for key in attributes])
    _insert_journalled(session, journal, cls, rows, set_wise)


def _insert_journalled(session: Session, journal: _Journal, cls: type[Entity],
                       rows: list[list[Any]], set_wise: bool) -> None:
    """INSERT `rows` (in `row_layout` order, stamped) and journal them: set-wise from
    the stored rows, or the rows `journal` holds already."""
    table = cls.__table__
    # The new records take the rows after the last one (SQLite numbers a row one past
    # the highest), in order: the journal finds them by their rows.
    after = Driver.of(session).scalar(f"SELECT max(rowid) FROM {table.name}") or 0
    bulk.insert_values(session.connection(), table,
                       [column for _key, column in _stored_keys(cls)], rows)
    if set_wise:
        journal.created(cls, after, len(rows))
    else:
        journal.save()


def insert_made(session: Session, cls: type[Entity], rows: list[list[Any]]) -> None:
    """Write new records of `cls` that this program made itself, as rows of values in
    `row_layout` order (`coordinator generate`): stamped, given their sort keys and
    journalled as `insert_created` writes records, without a record object each.

    Each row holds every column but the stamps and sort keys, with its id, in Python's
    types, in the shape normalising gives (NFC, trimmed, blank as None, defaults
    filled), and meets the rules: made so by its maker, not checked here, for a row
    a person or a file gave goes through Edit.create_many instead."""
    if not rows:
        return
    journal = _Journal(session)
    at, device = journal.at, journal.device_id
    place = {key: index for index, key in enumerate(row_layout(cls))}
    created, updated, by = place["created_at"], place["updated_at"], place["device_id"]
    derived = [(name, place[name]) for name in sort_keys.DERIVED if name in place]
    sources = [place[key] for key in sorted(sort_keys.sources(cls))] if derived else []
    # Names repeat (some thousands among a million generated people): each one's keys
    # are worked out once a call.
    known: dict[tuple, dict[str, str]] = {}
    for row in rows:
        row[created] = row[updated] = at
        row[by] = device
        if derived:
            source = tuple(row[index] for index in sources)
            found = known.get(source)
            if found is None:
                found = known[source] = sort_keys.keys(cls, lambda key: row[place[key]])
            for name, index in derived:
                row[index] = found[name]
    set_wise = snapshot_sql(cls) is not None
    if not set_wise:
        attributes = row_layout(cls)
        for row in rows:
            values = dict(zip(attributes, row))
            journal.rows.append(journal.created_row(cls.KIND, values["id"],
                                                    _snapshot(cls, values)))
    _insert_journalled(session, journal, cls, rows, set_wise)


def note(session: Session, obj: Entity, field: str, value: Any, action: str,
         old: str | None, new: str | None) -> None:
    """Set `field` of `obj` to `value`, journaled as one row (action, old, new) even when
    the field held that value already: a choice a person made between versions may
    change nothing in the record, yet it must be kept, sent to other laptops and undone."""
    key = (obj.KIND, obj.id, field)
    session.info.setdefault(NOTED, {})[key] = (action, old, new)
    setattr(obj, field, value)
    session.flush()
    pending = session.info[NOTED].pop(key, None)
    if pending is not None:
        journal = _Journal(session)
        journal.write(action, obj, field, old, new)
        journal.save()


def _changes(obj: Entity) -> list[tuple[str, Any, Any]]:
    """(field, old, new) of each journaled field of a loaded record that changed."""
    state = inspect(obj)
    committed = state.committed_state
    changes = []
    for key in _journaled(type(obj)):
        if key not in committed:
            continue  # unchanged since loaded: asking its history costs more than this
        history = state.attrs[key].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old != new:
            changes.append((key, old, new))
    return changes


def _updated(journal: _Journal, obj: Entity, changes: list[tuple[str, Any, Any]]) -> None:
    """A loaded record's `changes` stamped and journalled, one row a field."""
    obj.updated_at = journal.at
    obj.device_id = journal.device_id
    noted = journal.session.info.get(NOTED, {})
    for key, old, new in changes:
        action = "update"
        if key == "deleted_at":
            action = "delete" if new is not None else "restore"
        action, old, new = noted.pop((obj.KIND, obj.id, key), None) or (
            action, encode(old), encode(new))
        journal.write(action, obj, key, old, new)


def _before_flush(session: Session, _context, _instances) -> None:
    journal = _Journal(session)
    for obj in list(session.new):
        if isinstance(obj, Entity):
            _created(journal, obj)

    for obj in list(session.dirty):
        if not isinstance(obj, Entity) or not session.is_modified(obj):
            continue
        normalise(obj)
        changes = _changes(obj)
        if changes:
            _updated(journal, obj, changes)
    journal.save()


@lru_cache(maxsize=None)
def _column_names(cls: type[Entity]) -> dict[str, tuple[str, Any]]:
    """{attribute: (its column's name, its column type)} of a kind's columns."""
    return {attr.key: (attr.columns[0].name, attr.columns[0].type)
            for attr in inspect(cls).column_attrs}


@lru_cache(maxsize=64)  # a few kinds by the dialect of each engine opened
def _journal_insert(dialect) -> tuple[str, tuple[str, ...], tuple[Any, ...]]:
    """(the INSERT of journal rows, the keys of a row in its order, each column's
    conversion or None) for `dialect`: a single edit writes its one or two rows with
    them, where working them out anew cost more than SQLite's insert."""
    columns = Change.__table__.columns
    return (f"INSERT INTO {Change.__table__.name} ({', '.join(c.name for c in columns)}) "
            f"VALUES ({', '.join('?' * len(columns))})", tuple(c.key for c in columns),
            tuple(c.type._cached_bind_processor(dialect) for c in columns))


def _save_edit(journal: _Journal, driver: Driver) -> None:
    """Write a single edit's few journal rows, as `_Journal.save` writes any (sync's
    recorder hears of them the same way)."""
    sql, keys, processors = _journal_insert(driver.dialect)
    driver.executemany(sql, [
        tuple(value if value is None or process is None else process(value)
              for value, process in zip([row[key] for key in keys], processors))
        for row in journal.rows])
    journal.recorded()


@lru_cache(maxsize=None)
def _journal_order(cls: type[Entity]) -> dict[str, int]:
    """{journaled attribute: its place among them}: a record's changes are journalled
    in its columns' order, whichever was set first."""
    return {key: place for place, key in enumerate(_journaled(cls))}


def write_update(session: Session, obj: Entity) -> bool:
    """Write the changes of `obj`, a record loaded in `session` and normalised already
    (the rules have seen it so), as a flush writes them (stamps, journal, sync's
    operations, search index and derived data), with one UPDATE of its changed columns
    straight to the driver. Returns False, having written nothing, where only a flush
    can: the session holds anything else new, deleted or changed, a relationship of
    `obj` changed, or a change is noted (`note`).

    A single edit through the unit of work spent more of its time in SQLAlchemy's
    flush (ordering, per-statement set-up, bookkeeping of every object) than SQLite
    spent writing the record."""
    state = instance_state(obj)
    if (state.key is None or state.deleted or session.new or session.deleted
            or session.info.get(NOTED)
            or any(other is not obj for other in session.dirty)):
        return False
    cls = type(obj)
    columns = _column_names(cls)
    committed = state.committed_state
    if any(key not in columns for key in committed):
        return False
    values = obj.__dict__
    order = _journal_order(cls)
    # Each column set is asked its history once: the columns to write, and the journaled
    # ones among them with their former and new values.
    written: list[str] = []
    changes: list[tuple[str, Any, Any]] = []
    for key in committed:
        # Asked of the attribute alone: the state's `attrs` makes one of every attribute.
        history = get_history(obj, key)
        if not history.has_changes():
            continue
        written.append(key)
        if key in order:
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if old != new:
                changes.append((key, old, new))
    driver = Driver.of(session)
    journal = None
    if changes:
        changes.sort(key=lambda change: order[change[0]])
        journal = _Journal(session)
        # The stamps go straight into the record's dict, as the record's history is
        # cleared below: through its attributes they were history to ask again.
        for key, stamp in (("updated_at", journal.at), ("device_id", journal.device_id)):
            if values.get(key) != stamp:
                values[key] = stamp
                if key not in written:
                    written.append(key)
    if written:
        # The row first: what the recorder reads of the record through the session (an
        # amount's currency) is then its new values, whether the session holds the
        # record (and gives it) or not (and reads the row: Workspace.save).
        sql, processors = _update_statement(cls, tuple(written), driver.dialect)
        params = [values.get(key) for key in written]
        params = [value if value is None or process is None else process(value)
                  for value, process in zip(params, processors)]
        params.append(obj.id)
        cursor = driver.execute(sql, params)
        if cursor.rowcount != 1:
            raise StaleDataError(f"UPDATE of {cls.__table__.name} matched {cursor.rowcount} rows")
    if journal is not None:
        for key, old, new in changes:
            action = "update"
            if key == "deleted_at":
                action = "delete" if new is not None else "restore"
            journal.write(action, obj, key, encode(old), encode(new))
        # What the recorder reads (which records are private, amounts' units) must not
        # flush `obj` by the unit of work meanwhile: this is that flush.
        with session.no_autoflush:
            _save_edit(journal, driver)
    if written:
        # Its index row is rewritten here, or left, where what changed allows it.
        indexed = edit_index.kept(session, obj, written)
        session_hooks.note_updated(session, obj, but=search_index.NOTE if indexed else None)
    # What the unit of work does to a record it has flushed: its values are now the
    # stored ones, and the session holds nothing to flush. SQLAlchemy has no public call
    # for it: taking the record out of the session and adding it back as loaded
    # (make_transient, make_transient_to_detached, add) does the same, at about 0.08 ms
    # of processor time an edit against a few microseconds, as the session's add walks
    # every relationship of the record. tests/test_single_edit.py checks the state left.
    state._commit_all(values, session.identity_map)
    if written:
        session_hooks.apply_noted(session)
    return True


@lru_cache(maxsize=256)  # kinds by the sets of columns a form saves, by dialect
def _update_statement(cls: type[Entity], written: tuple[str, ...], dialect
                      ) -> tuple[str, tuple[Any, ...]]:
    """(the UPDATE of `written` columns of one record of `cls` by its id, each column's
    conversion for `dialect` or None)."""
    columns = _column_names(cls)
    return (f"UPDATE {cls.__table__.name} SET "
            f"{', '.join(f'{columns[key][0]} = ?' for key in written)} "
            f"WHERE {columns['id'][0]} = ?",
            tuple(columns[key][1]._cached_bind_processor(dialect) for key in written))


def write_updated(session: Session, objs: list[Entity]) -> None:
    """Write records loaded in `session` and changed by an edit (the service's bulk path
    of updates, Edit.update_many) past the unit of work, as a flush writes them: stamped
    and journalled (sync's operations with them), noted for the search index and the
    other derived data, then their changed columns written with one UPDATE statement
    per kind and set of columns, straight to the driver. The derived data are brought
    up to date once for the whole edit, at its next flush or its commit, not once per
    call. The records are normalised already (the rules have seen them so), and the
    session holds nothing else to flush (Edit.update_many flushes first)."""
    journal = _Journal(session)
    statements: dict[tuple[type[Entity], tuple[str, ...]], list[Entity]] = {}
    states = []
    for obj in objs:
        if not session.is_modified(obj):
            continue
        changes = _changes(obj)
        if changes:
            _updated(journal, obj, changes)
        state = inspect(obj)
        columns = _column_names(type(obj))
        written = tuple(key for key in state.committed_state
                        if key in columns and state.attrs[key].history.has_changes())
        if written:
            statements.setdefault((type(obj), written), []).append(obj)
            session_hooks.note_updated(session, obj)
        states.append(state)
    # What the recorder reads (which records are private) must not flush the records
    # by the unit of work meanwhile, which would journal them again (see write_update).
    with session.no_autoflush:
        journal.save()
    if statements:
        driver = Driver.of(session)
        dialect = driver.dialect
        for (cls, written), group in statements.items():
            columns = _column_names(cls)
            processors = [columns[key][1]._cached_bind_processor(dialect) for key in written]
            rows = []
            for obj in group:
                values = obj.__dict__
                rows.append((*(value if value is None or process is None else process(value)
                               for value, process in zip((values.get(key) for key in written),
                                                         processors)), obj.id))
            driver.executemany(
                f"UPDATE {cls.__table__.name} SET "
                f"{', '.join(f'{columns[key][0]} = ?' for key in written)} "
                f"WHERE {columns['id'][0]} = ?", rows)
    identity = session.identity_map
    for state in states:
        # As write_update leaves a record: its values are the stored ones.
        state._commit_all(state.dict, identity)


def _after_rollback(session: Session) -> None:
    # A rolled-back flush leaves the next sequence number stale: the next attempt
    # asks again.
    session.info.pop("next_seq", None)


def install(sessions: sessionmaker[Session]) -> None:
    from coordinator_app.core.records import current_country

    event.listen(sessions, "before_flush", _before_flush)
    event.listen(sessions, "after_soft_rollback", lambda session, _tx: _after_rollback(session))
    # The search index is written on the same connection, inside the same transaction.
    search_index.install(sessions)
    # So is each person's current country, derived from their positions.
    current_country.install(sessions)
