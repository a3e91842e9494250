"""The one way to change data (DESIGN.md, invariant 2).

An `Edit` is one user action: one session, one transaction, one change set in
the journal. Each step is validated as it is made; any failure rolls the whole
edit back, so nothing is ever half-written.

    with workspace.edit("Add memorandum") as edit:
        agreement = edit.create(Agreement, title="…", kind="memorandum")
        edit.create(AgreementParty, agreement_id=agreement.id, organization_id=org_id)
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, nullcontext
from functools import lru_cache
from typing import Any, TypeVar

from sqlalchemy import inspect, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, make_transient_to_detached

from coordinator_app.core.records import current_country, journal, registry, validation
from coordinator_app.core.search import search_index
from coordinator_app.core.records.change_labels import Label, stored
from coordinator_app.core.store.db import Database
from coordinator_app.core.store.driver import Driver, wrapped
from coordinator_app.core.store import session_hooks
from coordinator_app.core.store.engine import BEGUN, WRITE, begin_writing
from coordinator_app.core.store.held import HeldConnection
from coordinator_app.core.errors import CoordinatorError, DatabaseError, NotFound, ValidationError
from coordinator_app.core.records.ids import new_id, ordered_id, utcnow
from coordinator_app.core.records.merged import followed
from coordinator_app.core.records.models import Change, Entity
from coordinator_app.core.records.tombstones import alive, live_sql, shown
# Callers of the service read these from here too (sync's merge and conflicts).
from coordinator_app.core.records.values import (
    PROTECTED,
    apply_defaults,
    assign,
    coerce,
    draft,
)
from coordinator_app.i18n import N_, _

E = TypeVar("E", bound=Entity)
Kind = type[Entity] | str


def entity_class(kind: Kind) -> type[Entity]:
    return registry.model(kind) if isinstance(kind, str) else kind


@lru_cache(maxsize=64)  # a few kinds by the dialect of each engine opened
def _row_reader(cls: type[Entity], dialect) -> tuple[str, tuple[tuple[str, Any], ...]]:
    """(the SELECT of one record by id, (attribute, the conversion of its column's value
    by `dialect` or None) of each column read): every column a query of the record
    loads at once, none that it defers."""
    mapper = inspect(cls)
    attrs = [attr for attr in mapper.column_attrs if not attr.deferred]
    table = cls.__table__
    sql = (f"SELECT {', '.join(attr.columns[0].name for attr in attrs)} FROM {table.name} "
           f"WHERE {table.c.id.name} = ?")
    return sql, tuple((attr.key, attr.columns[0].type._cached_result_processor(dialect, None))
                      for attr in attrs)


def loaded(session: Session, cls: type[E], record_id: str) -> E | None:
    """The record of `cls` with `record_id` in `session`, as session.get gives it (the one
    the session holds already, or None), its row read straight through the driver
    (`stored_record`): SQLAlchemy's loading of a single row cost several times SQLite's
    reading of it, at every edit."""
    mapper = inspect(cls)
    key = mapper.identity_key_from_primary_key((record_id,))
    held = session.identity_map.get(key)
    if held is None and session.autoflush and (session.new or session.deleted
                                               or session.dirty):
        session.flush()  # as a query flushes first: what it reads is then written
        held = session.identity_map.get(key)
    if held is not None:
        return held
    obj = stored_record(session, cls, record_id)
    if obj is not None:
        session.add(obj)
    return obj


def stored_record(session: Session, cls: type[E], record_id: str) -> E | None:
    """The record of `cls` with `record_id` as stored, read in `session`'s transaction
    and converted by its columns' types, detached: a row as a query would have loaded
    it, with no history, its identity key set, and the columns not read (deferred ones)
    and relationships loaded when first used once it is in a session."""
    driver = Driver.of(session)
    sql, columns = _row_reader(cls, driver.dialect)
    row = driver.execute(sql, (record_id,)).fetchone()
    if row is None:
        return None
    obj = inspect(cls).class_manager.new_instance()
    values = obj.__dict__
    for (key, process), value in zip(columns, row):
        values[key] = value if value is None or process is None else process(value)
    make_transient_to_detached(obj)
    return obj


def insert_records(session: Session, cls: type[Entity], objs: list[Entity]) -> None:
    """Write new records of one kind past the unit of work, in one INSERT: stamped and
    journalled as a flush does it, and indexed for search before the commit. They
    are normalised and have their defaults already (Edit.create_many checks them too;
    merging other laptops' records writes them as they were made there)."""
    journal.insert_created(session, cls, objs)
    search_index.note_created(session, objs)
    current_country.note_created(session, objs)


class Edit:
    """One transaction in progress; see the module docstring."""

    def __init__(self, session: Session, change_set: str):
        self.session = session
        self.change_set = change_set

    def get(self, kind: type[E] | str, record_id: str, /, *, deleted: bool = False) -> E:
        cls = entity_class(kind)
        obj = loaded(self.session, cls, record_id)
        if not deleted:
            obj = followed(self.session, obj)  # a merged duplicate reads as its survivor
        if obj is None or (not deleted and shown(obj) is None):
            raise NotFound(_("no {kind} with id {id}").format(kind=cls.KIND, id=record_id))
        return obj

    def create(self, kind: type[E] | str, /, **values: Any) -> E:
        cls = entity_class(kind)
        obj = cls(id=values.pop("id", None) or new_id())
        assign(obj, values)
        apply_defaults(obj)
        self.session.add(obj)
        self._check(obj)
        return obj

    def create_many(self, kind: type[E] | str, rows: Iterable[Mapping[str, Any]], /
                    ) -> list[str]:
        """Create many records of one kind: the bulk path, and the only one (imports,
        generated data). Returns their ids, in the order of `rows`.

        Each row is what `create` takes, and goes through the same steps: values
        coerced, defaults, NFC and sort keys, every rule of core.records.validation, one
        `create` in the journal with all its fields, in this edit's change set. What
        differs is how it is written: one INSERT for all the rows instead of one unit
        of work per record, the records they link to read in a few queries instead of
        one each, and the search index refreshed once, at the next flush or before
        the commit. A refused row raises ValidationError (its `row` says which) and,
        as in any edit, nothing of the edit is written. Rows are checked against what
        is already written, so rows of one call must not refer to each other: people
        in one call, then their contacts in the next."""
        cls = entity_class(kind)
        self.session.flush()  # the rules read what this edit has written so far
        objs: list[Entity] = []
        number = 0
        try:
            for number, values in enumerate(rows):
                obj = draft(cls, values)
                journal.normalise(obj)
                objs.append(obj)
            self.session.info[validation.LIVE_IDS] = _live_links(self.session, cls, objs)
            parties = validation.known_parties(self.session, cls, objs)
            if parties is not None:
                self.session.info[validation.PARTIES] = parties
            with self.session.no_autoflush:
                for number, obj in enumerate(objs):
                    validation.validate(self.session, obj)
        except ValidationError as exc:
            exc.row = number
            raise
        finally:
            self.session.info.pop(validation.LIVE_IDS, None)
            self.session.info.pop(validation.PARTIES, None)
        insert_records(self.session, cls, objs)
        return [obj.id for obj in objs]

    def get_many(self, kind: type[E] | str, record_ids: Iterable[str], /) -> dict[str, E]:
        """{id: record} of these ids, as `get` reads each (a merged duplicate as its
        survivor; NotFound for one that is gone), in a query per 500 ids instead of
        one each."""
        cls = entity_class(kind)
        wanted = list(dict.fromkeys(record_ids))
        found: dict[str, E] = {}
        for start in range(0, len(wanted), 500):
            batch = wanted[start:start + 500]
            found.update((obj.id, obj) for obj in self.session.scalars(
                select(cls).where(cls.id.in_(batch))))
        # A live record that may be shown is itself; any other is asked for alone.
        return {record_id: obj if obj is not None and obj.deleted_at is None
                and shown(obj) is not None else self.get(cls, record_id)
                for record_id, obj in ((i, found.get(i)) for i in wanted)}

    def update_many(self, kind: type[E] | str, rows: Iterable[tuple[str, Mapping[str, Any]]],
                    /) -> list[E]:
        """Update many records of one kind: the bulk path of `update`. Each row is (id,
        what `update` takes), applied in order; the rules then check each record once
        and they are written together past the unit of work (journal.write_updated),
        each changed field journalled (and recorded for sync) as an update would, in
        this edit's change set. A refused row raises ValidationError (its `row` says
        which: the last row that changed the record) and, as in any edit, nothing of
        the edit is written."""
        cls = entity_class(kind)
        rows = list(rows)
        objs = self.get_many(cls, [record_id for record_id, _values in rows])
        # What the edit changed before is written first, by a flush of its own: the
        # bulk write looks at these records alone.
        self.session.flush()
        #: Each record changed, with the last row that changed it.
        changed: dict[str, tuple[Entity, int]] = {}
        number = 0
        try:
            for number, (record_id, values) in enumerate(rows):
                obj = objs[record_id]
                assign(obj, dict(values))
                changed[obj.id] = (obj, number)
            with self.session.no_autoflush:
                for obj, number in changed.values():
                    journal.normalise(obj)
                    validation.validate(self.session, obj)
        except ValidationError as exc:
            exc.row = number
            raise
        journal.write_updated(self.session, [obj for obj, _number in changed.values()])
        return [objs[record_id] for record_id, _values in rows]

    def flush(self) -> None:
        """Write what the session holds now, inside the edit's transaction."""
        self.session.flush()

    def update(self, kind: type[E] | str, record_id: str, /, **values: Any) -> E:
        obj = self.get(entity_class(kind), record_id)
        assign(obj, values)
        self._check(obj)
        return obj

    def _update_alone(self, cls: type[E], record_id: str, values: Mapping[str, Any]) -> E:
        """`update` as the whole of this edit (Workspace.save): a record shown and
        changed alone is read, checked and written past the session, which never holds
        it, as nothing else in the edit may change it again. Adding it to the session
        and letting go of it at the close cost a saved form more than its UPDATE. A
        record that cannot be shown (gone, or merged into another), or one whose change
        only a flush can write, goes the way of `update`."""
        session = self.session
        obj = stored_record(session, cls, record_id)
        if obj is None or shown(obj, session) is None:
            return self.update(cls, record_id, **values)  # which says which
        assign(obj, dict(values))
        journal.normalise(obj)
        validation.validate(session, obj)
        if not journal.write_update(session, obj):
            session.add(obj)
            session.flush()
        return obj

    def delete(self, kind: Kind, record_id: str) -> None:
        """Tombstone the record and what it owns; `restore` or undo brings them back."""
        obj = self.get(kind, record_id)
        with self.session.no_autoflush:
            validation.check_removal(self.session, obj)
        now = utcnow()
        obj.deleted_at = now
        for child_cls, fk in registry.spec(obj.KIND).owned:
            for child in self.session.scalars(select(child_cls).where(
                getattr(child_cls, fk) == obj.id, alive(child_cls, links=False)
            )):
                child.deleted_at = now
        self.session.flush()

    def restore(self, kind: Kind, record_id: str) -> None:
        obj = self.get(kind, record_id, deleted=True)
        stamp = obj.deleted_at
        if stamp is None:
            return
        obj.deleted_at = None
        self._check(obj)
        # Bring back exactly what went with it, not what had been deleted before.
        for child_cls, fk in registry.spec(obj.KIND).owned:
            for child in self.session.scalars(select(child_cls).where(
                getattr(child_cls, fk) == obj.id, child_cls.deleted_at == stamp
            )):
                child.deleted_at = None
                self._check(child)

    def revert(self, change_set: str) -> None:
        """Apply the inverse of an earlier change set, newest step first."""
        changes = self.session.scalars(
            select(Change).where(Change.change_set == change_set).order_by(Change.seq.desc())
        ).all()
        if not changes:
            raise NotFound(_("nothing to undo"))
        touched: list[Entity] = []
        removed: list[Entity] = []
        #: Fields whose conflict this change set settled: the choice undone puts back
        #: every version, so the steps that led to it are not undone one by one.
        chosen: set[tuple[str, str, str]] = set()
        # Every step is read before any is written: a flush per record read (a
        # query flushes what is pending) made undoing a bulk import or generate
        # one flush, with its journal, index and country work, per record.
        with self.session.no_autoflush:
            for change in changes:
                cls = registry.model(change.entity)
                if change.action == journal.CREATE_SET:
                    for obj in journal.created_set(self.session, change):
                        if obj.deleted_at is None:
                            obj.deleted_at = utcnow()
                            removed.append(obj)
                    continue
                obj = self.get(cls, change.entity_id, deleted=True)
                if change.action == "create":
                    if obj.deleted_at is None:
                        obj.deleted_at = utcnow()
                        removed.append(obj)
                    continue
                key = (change.entity, change.entity_id, change.field)
                if key in chosen:
                    continue
                current = journal.encode(getattr(obj, change.field))
                expected = change.new
                if change.action == journal.REOPEN:
                    expected = journal.encode(json.loads(change.new)[0])
                if current != expected:
                    raise CoordinatorError(_(
                        "“{label}” has been changed again since; undo the later change first"
                    ).format(label=obj.label))
                if change.action == journal.RESOLVE:
                    # Undoing a choice between versions brings the versions back, the one
                    # shown before first.
                    chosen.add(key)
                    shown_before = journal.encode(json.loads(change.old)[0])
                    journal.note(self.session, obj, change.field,
                                 journal.decode(cls, change.field, shown_before),
                                 journal.REOPEN, change.new, change.old)
                elif change.action == journal.REOPEN:
                    chosen.add(key)
                    journal.note(self.session, obj, change.field,
                                 journal.decode(cls, change.field, change.old),
                                 journal.RESOLVE, change.new, change.old)
                else:
                    setattr(obj, change.field, journal.decode(cls, change.field, change.old))
                touched.append(obj)
        self.session.flush()
        for obj in touched:
            validation.validate(self.session, obj)
        for obj in removed:
            validation.check_removal(self.session, obj)

    def _check(self, obj: Entity) -> None:
        journal.normalise(obj)
        with self.session.no_autoflush:
            validation.validate(self.session, obj)
        # A record loaded and changed alone (a form saved) is written past the unit of
        # work, as a flush would write it; anything more goes through the flush.
        if inspect(obj).key is None or not journal.write_update(self.session, obj):
            self.session.flush()


def _live_links(session: Session, cls: type[Entity], objs: list[Entity]
                ) -> dict[type[Entity], set[str]]:
    """{model: the ids among those `objs` link to that are live and may be shown}, read in
    batches of ids: the rules then know a link is good without loading its record."""
    found: dict[type[Entity], set[str]] = {}
    for column in inspect(cls).columns:
        for key in column.foreign_keys:
            target = next((m for m in registry.MODELS
                           if m.__table__ is key.column.table), None)
            if target is None:
                continue
            ids = sorted({getattr(obj, column.key) for obj in objs} - {None})
            live = found.setdefault(target, set())
            # Plain SQL to the driver: ten thousand contacts ask for their people in
            # twenty statements, each built by SQLAlchemy anew otherwise.
            query = (f"SELECT x.id FROM {target.__tablename__} x WHERE {live_sql(target, 'x')}"
                     f" AND x.id IN ")
            driver = Driver.of(session)
            for start in range(0, len(ids), 500):
                batch = ids[start:start + 500]
                live.update(row[0] for row in driver.execute(
                    f"{query}({', '.join('?' * len(batch))})", batch))
    return found


@contextmanager
def _own_transaction(session: Session, connection: Connection) -> Iterator[None]:
    """The transaction of an edit on the connection its workspace keeps, begun and
    committed on the connection's driver. SQLAlchemy's transaction machinery (the
    session's, the connection's and their events) cost a saved form more processor
    time than SQLite's BEGIN and COMMIT; a session that wants one all the same (a
    query, a flush) gets it joined to this one (core.store.engine.BEGUN), and commits
    it first, as it always has, with whatever its commit writes. The COMMIT is the
    same durable one: a confirmed edit is on disk when this returns."""
    raw = Driver.adopt(session, connection).raw
    begin_writing(connection)
    try:
        yield
        # The session's own commit only where it has something to do: a transaction on
        # the connection (it queried or flushed), records to flush, derived data noted.
        if (connection.in_transaction() or session.new or session.dirty or session.deleted
                or not session_hooks.settled(session)):
            session.commit()
        if raw.in_transaction:
            try:
                raw.commit()
            except connection.dialect.loaded_dbapi.Error as exc:
                raise wrapped(connection.dialect, "COMMIT", exc) from exc
    except BaseException:
        session.rollback()
        if raw.in_transaction:
            raw.rollback()
        raise
    finally:
        if not connection.invalidated:  # an invalidated one would connect anew to be asked
            connection.info.pop(BEGUN, None)


@contextmanager
def _said_as_edits_say() -> Iterator[None]:
    try:
        yield
    except OperationalError as exc:
        raise DatabaseError(_("the database could not be written: {reason}")
                            .format(reason=exc.orig)) from exc


class Workspace:
    """The services over one open database. Sessions live only inside one call."""

    def __init__(self, db: Database):
        self.db = db
        self.last_change_set: str | None = None
        # Edits of the thread that edits first share one connection (core.store.held).
        self._held = HeldConnection(lambda: self.db.engine)

    @contextmanager
    def edit(self, label: str | None = None, *, change_set: str | None = None,
             connection: Connection | None = None) -> Iterator[Edit]:
        """One edit: one session, one transaction, one change set named `label` (a
        core.records.change_labels.Label is stored as a key, so it reads translated later).

        A long job committed in steps (coordinator generate) gives every step's edit
        the same `change_set`, so one undo takes them all back, and its own
        `connection`, which keeps the job's page cache from one step to the next."""
        change_set = change_set or ordered_id()
        # The connection itself may be made here (the engine's first, or one after the
        # file was let go): kept from the write lock then too, it says so as an edit does.
        with _said_as_edits_say(), \
                self._held.lent() if connection is None else nullcontext(connection) as held:
            bound = {} if held is None else {"bind": held}
            session = self.db.sessions(info={"change_set": change_set, "label": stored(label)},
                                       **bound)
            try:
                if connection is None and held is not None:
                    with _own_transaction(session, held):
                        yield Edit(session, change_set)
                else:
                    with session.begin():
                        session.connection(execution_options={WRITE: True})
                        yield Edit(session, change_set)
            except DBAPIError as exc:
                if connection is None:
                    # Whatever the driver's error left of the kept connection, the next
                    # edit starts on a new one.
                    self._held.release()
                if isinstance(exc, IntegrityError):
                    raise ValidationError(_("the change refers to a record that does not "
                                            "exist or repeats one that must be unique")) from exc
                raise
            finally:
                session.close()
        self.last_change_set = change_set

    @contextmanager
    def read(self) -> Iterator[Session]:
        session = self.db.sessions()
        try:
            with session.begin():
                yield session
        finally:
            session.close()

    def get(self, kind: type[E] | str, record_id: str, /, *, deleted: bool = False) -> E:
        with self.read() as session:
            return Edit(session, "").get(kind, record_id, deleted=deleted)

    def create(self, kind: type[E] | str, /, **values: Any) -> E:
        with self.edit(Label(N_("Add"))) as edit:
            return edit.create(kind, **values)

    def update(self, kind: type[E] | str, record_id: str, /, **values: Any) -> E:
        return self.save(Label(N_("Edit")), kind, record_id, values)

    def save(self, label: str | None, kind: type[E] | str, record_id: str,
             values: Mapping[str, Any], /) -> E:
        """Change fields of one record as an edit of its own named `label` (a form
        saved): what `Edit.update` does, written the shortest way there is for a
        change that is the whole of its edit."""
        with self.edit(label) as edit:
            return edit._update_alone(entity_class(kind), record_id, values)

    def delete(self, kind: Kind, record_id: str, /) -> None:
        with self.edit(Label(N_("Delete"))) as edit:
            edit.delete(kind, record_id)

    def restore(self, kind: Kind, record_id: str, /) -> None:
        with self.edit(Label(N_("Restore"))) as edit:
            edit.restore(kind, record_id)

    def undo(self, change_set: str) -> str:
        """Undo one change set as a new change set; undoing that one is redo."""
        with self.edit(Label(N_("Undo"))) as edit:
            edit.revert(change_set)
        return edit.change_set
