"""Writing a plan: a backup first, then every record in one edit (one change set,
one undo), or nothing at all if a rule refuses a row or the person cancels."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import select

from coordinator_app.core.records import languages
from coordinator_app.core.records.change_labels import Label
from coordinator_app.core.views.duplicates import name_key
from coordinator_app.core.errors import ValidationError
from coordinator_app.core.records.service import Edit, Workspace
from coordinator_app.i18n import N_, _
from coordinator_app.interchange.fields import fields_of, organization_links, record_links
from coordinator_app.interchange.incoming import Incoming
from coordinator_app.interchange.plan import (
    BAD,
    MERGED,
    NEW,
    POSSIBLE,
    UNCHANGED,
    UPDATE,
    MODELS,
    Entry,
    Plan,
    changes,
    contact_key,
    held_positions,
    linked_ids,
    missing_contacts,
    missing_positions,
    stored_contacts,
)
from coordinator_app.interchange.problems import Cancelled, Problem

#: Entries written by one call of Edit.create_many per kind: progress and cancel
#: are looked at between two.
BATCH = 500


@dataclass
class Outcome:
    change_set: str | None
    created: int
    updated: int
    organizations: int
    skipped: int
    backup: str | None


class RowRefused(ValidationError):
    """A rule refused a row: the message says which file, row and field."""


def _decided(entry: Entry) -> tuple[str, str | None]:
    """What to do with an entry: (new | update | skip, the record to update)."""
    if entry.action == NEW:
        return NEW, None
    if entry.action in (UPDATE, UNCHANGED):
        return UPDATE, entry.target_id
    if entry.action == POSSIBLE:
        choice = entry.choice or "skip"
        if choice == "new":
            return NEW, None
        if choice == "skip":
            return "skip", None
        return UPDATE, choice
    return "skip", None


class Writer:
    """Turns a plan's entries into rows for Edit.create_many, a batch at a time."""

    def __init__(self, edit: Edit, plan: Plan):
        self.edit = edit
        self.plan = plan
        #: Organisation name key -> id, for links and positions.
        self.org_ids: dict[str, str] = dict(plan.organization_ids)
        #: Entry index -> the id its record has (new or updated).
        self.ids: dict[int, str] = {}
        self.created = self.updated = self.organizations = 0
        #: (record, column) -> the organisation a new record was linked to when made.
        self._linked: dict[tuple[str, str], str] = {}

    def _refused(self, item: Incoming | None, exc: ValidationError, source: str = "",
                 row: int | None = None) -> RowRefused:
        where = Problem(item.source if item else source, item.row if item else row,
                        exc.field, exc.message)
        return RowRefused(str(where), entity=exc.entity, field=exc.field)

    def create(self, kind: str, rows: list[tuple[Incoming | None, dict]]) -> list[str]:
        """Records of `kind`, one for each (the row it came from, its values)."""
        if not rows:
            return []
        try:
            return self.edit.create_many(kind, [values for _item, values in rows])
        except ValidationError as exc:
            item = rows[exc.row][0] if exc.row is not None else None
            raise self._refused(item, exc) from None

    def new_organizations(self) -> None:
        orgs = list(self.plan.new_organizations.items())
        try:
            ids = self.edit.create_many("organization", [
                {"name": org.name, "country": org.country} for _key, org in orgs])
        except ValidationError as exc:
            org = orgs[exc.row or 0][1]
            raise self._refused(None, exc, org.source, org.row) from None
        for (key, _org), org_id in zip(orgs, ids):
            self.org_ids[key] = org_id
        for alias, key in self.plan.organization_aliases.items():
            self.org_ids[alias] = self.org_ids[key]
        self.organizations += len(ids)

    def record_id(self, kind: str, name: str) -> str | None:
        """The id of the record of `kind` a row names by its title: stored, or made by
        a row of the file."""
        key = (kind, name_key(name))
        if key in self.plan.record_ids:
            return self.plan.record_ids[key]
        row = self.plan.record_rows.get(key)
        return self.ids.get(row) if row is not None else None

    def records(self, batch: list[tuple[int, Entry]]) -> None:
        """The entries' own records: created together, or updated with what changed."""
        fresh: dict[str, list[tuple[int, Incoming, dict]]] = {}
        updates: list[tuple[int, Entry, str]] = []
        for index, entry in batch:
            item = entry.item
            what, target = _decided(entry)
            if what == NEW:
                values = languages.from_file(MODELS[item.kind], {
                    k: v for k, v in item.values.items() if k in _columns(item.kind)})
                # An organisation known already is linked at once (a need cannot be
                # without its community); one made by a row of this batch, after it.
                for spec in organization_links(item.kind):
                    names = item.links.get(spec.key)
                    target = self.org_ids.get(name_key(names[0])) if names else None
                    if target:
                        values[spec.column] = target
                for spec in record_links(item.kind):
                    names = item.records.get(spec.key)
                    target = self.record_id(spec.target, names[0]) \
                        if names and spec.type == "record" else None
                    if target:
                        values[spec.column] = target
                fresh.setdefault(item.kind, []).append((index, item, values))
            elif what == UPDATE:
                updates.append((index, entry, target))
                self.ids[index] = target
                if item.kind == "organization":
                    self.org_ids.setdefault(name_key(item.label), target)
        self._update(updates)
        for kind, rows in fresh.items():
            ids = self.create(kind, [(item, values) for _i, item, values in rows])
            for (index, item, values), record_id in zip(rows, ids):
                self.ids[index] = record_id
                for spec in (*organization_links(kind), *record_links(kind)):
                    if spec.column is not None and spec.column in values:
                        self._linked[(record_id, spec.column)] = values[spec.column]
                if kind == "organization":
                    self.org_ids.setdefault(name_key(item.label), record_id)
            self.created += len(ids)

    def _update(self, updates: list[tuple[int, Entry, str]]) -> None:
        """The stored records of `updates` (entry index, entry, record id) given what
        the file changes, a kind at a time in one Edit.update_many."""
        by_kind: dict[str, list[tuple[Entry, str]]] = {}
        for _index, entry, target in updates:
            by_kind.setdefault(entry.item.kind, []).append((entry, target))
        session = self.edit.session
        for kind, targets in by_kind.items():
            objs = self.edit.get_many(kind, [target for _entry, target in targets])
            pending: list[tuple[Incoming, str, dict]] = []
            waiting: set[str] = set()  # the records of `pending`
            for entry, target in targets:
                obj = objs[target]
                if obj.id in waiting:
                    # A second row for the same record compares with what the first
                    # made of it, as when each row was written in turn.
                    self._write_updates(kind, pending)
                    pending, waiting = [], set()
                changed = changes(session, obj, entry.item)
                if changed:
                    pending.append((entry.item, obj.id,
                                    {k: new for k, (_old, new) in changed.items()}))
                    waiting.add(obj.id)
                if changed or entry.new_contacts or entry.action == UPDATE:
                    self.updated += 1
            self._write_updates(kind, pending)

    def _write_updates(self, kind: str, pending: list[tuple[Incoming, str, dict]]) -> None:
        if not pending:
            return
        try:
            self.edit.update_many(kind, [(record_id, values)
                                         for _item, record_id, values in pending])
        except ValidationError as exc:
            item = pending[exc.row][0] if exc.row is not None else None
            raise self._refused(item, exc) from None

    def parts(self, batch: list[tuple[int, Entry]]) -> None:
        """Contacts, positions and links of the entries (or of the rows they repeat)."""
        rows: dict[str, list[tuple[Incoming, dict]]] = {}
        #: What this batch gives each record already: a row repeating another (or its
        #: twin in the same batch) adds nothing twice, though neither is written yet.
        given: set[tuple] = set()
        stored = self._stored(batch)
        for index, entry in batch:
            self._parts(index, entry, rows, given, stored)
        for kind, kind_rows in rows.items():
            self.create(kind, kind_rows)

    def _owner(self, index: int, entry: Entry) -> tuple[str | None, str, bool]:
        """(the record the entry's parts belong to, its kind, whether this import made
        it from this very row)."""
        merged = entry.action == MERGED
        owner = self.ids.get(entry.twin if merged else index)
        kind = self.plan.entries[entry.twin].item.kind if merged else entry.item.kind
        return owner, kind, not merged and _decided(entry)[0] == NEW

    def _stored(self, batch: list[tuple[int, Entry]]) -> dict[str, tuple[dict, dict, dict]]:
        """What the records of a batch that are stored already hold, read a kind at a
        time rather than a record at a time: kind -> ({id: record}, {id: contact keys},
        {id: positions held})."""
        owners: dict[str, set[str]] = {}
        for index, entry in batch:
            owner, kind, fresh = self._owner(index, entry)
            if owner is not None and not fresh:
                owners.setdefault(kind, set()).add(owner)
        session = self.edit.session
        found = {}
        for kind, ids in owners.items():
            ids = sorted(ids)
            cls = MODELS[kind]
            records = {}
            for start in range(0, len(ids), BATCH):
                records.update((obj.id, obj) for obj in session.scalars(
                    select(cls).where(cls.id.in_(ids[start:start + BATCH]))))
            found[kind] = (records, stored_contacts(session, kind, ids),
                           held_positions(session, ids) if kind == "person" else {})
        return found

    def _parts(self, index: int, entry: Entry, rows: dict[str, list], given: set[tuple],
               stored: dict[str, tuple[dict, dict, dict]]) -> None:
        item = entry.item
        owner, kind, fresh = self._owner(index, entry)
        if owner is None:
            return
        session = self.edit.session
        if fresh:
            # Nothing of a record made in this import is stored yet: no need to ask.
            contacts = item.contacts
            positions = [(name_key(n), p) for n, p in item.affiliations]
            obj = None
        else:
            records, contact_keys, held = stored[kind]
            obj = records[owner]
            contacts = missing_contacts(contact_keys.get(owner, set()), item)
            positions = missing_positions(held.get(owner, set()), self.org_ids, item) \
                if kind == "person" else []
        for contact in contacts:
            key = (owner, contact_key(contact))
            if key not in given:
                given.add(key)
                column = "person_id" if kind == "person" else "organization_id"
                rows.setdefault("contact_point", []).append((item, {
                    column: owner, "kind": contact.kind, "value": contact.value,
                    "label": contact.label}))
        if kind == "person":
            for key, position in positions:
                if (owner, key, position) in given:
                    continue
                given.add((owner, key, position))
                rows.setdefault("affiliation", []).append((item, {
                    "person_id": owner, "organization_id": self.org_ids[key],
                    "position": position}))
        singles = [(spec, self.org_ids.get(name_key(item.links[spec.key][0]))
                    if item.links.get(spec.key) else None) for spec in organization_links(kind)]
        singles += [(spec, self.record_id(spec.target, item.records[spec.key][0])
                     if item.records.get(spec.key) else None)
                    for spec in record_links(kind) if spec.type == "record"]
        for spec, target in singles:
            if target is None:
                continue
            current = getattr(obj, spec.column) if obj is not None else \
                self._linked.get((owner, spec.column))
            if current != target:
                try:
                    self.edit.update(kind, owner, **{spec.column: target})
                except ValidationError as exc:
                    raise self._refused(item, exc) from None
        for spec in fields_of(kind):
            if spec.type == "organizations":
                targets = [self.org_ids.get(name_key(n)) for n in item.links.get(spec.key, ())]
                target_column = "organization_id"
            elif spec.type == "records":
                targets = [self.record_id(spec.target, n) for n in item.records.get(spec.key, ())]
                target_column = spec.target_column
            else:
                continue
            if not targets:
                continue
            model, column = spec.link
            if not fresh:
                given.update((owner, spec.key, linked) for linked in linked_ids(
                    session, owner, spec.link, target_column))
            # A pledge is of the need's own quantity (see fields.Field.copies).
            copied = {key: item.values.get(key) if obj is None else getattr(obj, key)
                      for key in spec.copies}
            for target in targets:
                if target and (owner, spec.key, target) not in given:
                    rows.setdefault(model.KIND, []).append((item, {
                        column: owner, target_column: target, **copied}))
                    given.add((owner, spec.key, target))


@lru_cache(maxsize=None)
def _columns(kind: str) -> frozenset[str]:
    from sqlalchemy import inspect

    cls = MODELS[kind]
    return frozenset({attr.key for attr in inspect(cls).column_attrs}
                     | {languages.key_of(field, lang) for field in cls.TRANSLATABLE
                        for lang in (*languages.LANGUAGES, languages.ORIGINAL)})


def apply_plan(workspace: Workspace, plan: Plan, *, skip_bad: bool = False,
               backup: bool = True, label: str | None = None,
               progress: Callable[[int, int], None] | None = None,
               cancelled: Callable[[], bool] | None = None) -> Outcome:
    """Write `plan`; ValidationError (nothing written) if a row is refused, or if rows
    have problems and `skip_bad` is not given; Cancelled if `cancelled()` turns true."""
    bad = [p for e in plan.entries if e.action == BAD for p in e.item.problems]
    if bad and not skip_bad:
        shown = "\n".join(str(p) for p in bad[:20])
        more = len(bad) - 20
        raise ValidationError(_("{count} problems in the file; fix them, or skip the rows "
                                "with problems:\n{problems}").format(count=len(bad),
                                                                     problems=shown)
                              + (("\n" + _("…and {n} more").format(n=more)) if more > 0 else ""))
    entries = list(enumerate(plan.entries))
    if not plan.new_organizations and not any(
            _decided(e)[0] == NEW or e.action in (UPDATE, MERGED)
            or (e.action == POSSIBLE and _decided(e)[0] == UPDATE) for _i, e in entries):
        skipped = sum(1 for _i, e in entries if _decided(e)[0] == "skip")
        return Outcome(None, 0, 0, 0, skipped, None)  # nothing to write, nothing to back up
    made = None
    if backup:
        from coordinator_app.core.store.backup import create_backup

        made = str(create_backup(workspace.db.path, reason="before-import"))
    total = len(entries) * 2
    done = 0

    def stop_if_cancelled() -> None:
        if cancelled is not None and cancelled():
            raise Cancelled(_("The import was cancelled; nothing was written."))

    def step() -> None:
        nonlocal done
        done += 1
        if done % 50 == 0 or done == total:
            stop_if_cancelled()
            if progress is not None:
                progress(done, total)

    stop_if_cancelled()  # while the backup was made

    with workspace.edit(label or Label(N_("Import"))) as edit:
        writer = Writer(edit, plan)
        writer.new_organizations()
        # Organisation rows before the people who work there, and every record before
        # the contacts and links that point at it: a batch of each at a time.
        for start in range(0, len(entries), BATCH):
            batch = entries[start:start + BATCH]
            writer.records(batch)
            for _entry in batch:
                step()
        for start in range(0, len(entries), BATCH):
            batch = entries[start:start + BATCH]
            writer.parts(batch)
            for _entry in batch:
                step()
    skipped = sum(1 for _i, e in entries if _decided(e)[0] == "skip" and e.action != MERGED)
    return Outcome(edit.change_set, writer.created, writer.updated, writer.organizations,
                   skipped, made)
