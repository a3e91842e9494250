"""What an import would do, before it does it: each incoming record matched.

A person or organisation is looked for with the duplicate finder (any
alphabet, same e-mail or phone): the same name, or a shared contact with a
similar name, is "the same record" and is updated with what the file adds; a
similar name alone is a "possible duplicate" the person decides about. Rows that
repeat an earlier row of the file go into it. Organisations named in a row (an
employer, a party, a lead) are found by name or created once. Importing the
same file twice therefore creates nothing the second time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coordinator_app.core.records import languages, registry
from coordinator_app.core.search.subtitles import describe_hits
from coordinator_app.core.views.duplicates import name_key, phone_key
from coordinator_app.core.records.models import (
    Affiliation,
    ContactPoint,
    Person,
)
from coordinator_app.core.search.query import Hit
from coordinator_app.core.search.search_index import PHONE_KINDS
from coordinator_app.core.text.normal import clean
from coordinator_app.i18n import _
from coordinator_app.interchange.directory import Directory, spelled_alike
from coordinator_app.interchange.fields import record_links, required_links
from coordinator_app.interchange.incoming import Contact, Incoming
from coordinator_app.interchange.problems import Cancelled, Problem
from coordinator_app.sync.bulk import made_in_bulk

#: Kinds a file can bring, by name: those with a page of their own in the registry.
MODELS = {spec.name: spec.model for spec in registry.TOP_LEVEL}

#: What the plan does with an incoming record.
NEW, UPDATE, UNCHANGED, POSSIBLE, MERGED, BAD = (
    "new", "update", "unchanged", "possible", "merged", "bad")


@dataclass
class Entry:
    item: Incoming
    action: str = NEW
    #: The existing record it is (update, unchanged) or the chosen one (possible).
    target_id: str | None = None
    target_label: str | None = None
    candidates: list[Hit] = field(default_factory=list)
    #: An earlier entry of the same file this row repeats.
    twin: int | None = None
    #: For an update: field -> (stored, incoming).
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    new_contacts: list[Contact] = field(default_factory=list)
    #: For a possible duplicate: "new", "skip", or the id of the record to update.
    choice: str | None = None

    def describe(self) -> str:
        """"new", "same as …" or "possible duplicate of …", for the preview."""
        if self.action == NEW:
            return _("new")
        if self.action == UPDATE:
            return _("same as “{name}” (update)").format(name=self.target_label)
        if self.action == UNCHANGED:
            return _("same as “{name}” (no change)").format(name=self.target_label)
        if self.action == POSSIBLE:
            names = "; ".join(f"“{hit.title}”" for hit in self.candidates[:3])
            return _("possible duplicate of {names} (choose)").format(names=names)
        if self.action == MERGED:
            return _("same as row {row} of the file").format(row=self.twin_row)
        return _("not imported: {problems}").format(
            problems="; ".join(p.message for p in self.item.problems))

    twin_row: int | None = None


@dataclass
class NewOrganization:
    name: str
    country: str | None
    #: Where it was named first (file, row), to say why it is created.
    source: str
    row: int


@dataclass
class Plan:
    kind: str
    entries: list[Entry]
    #: Organisations rows name that the database does not have, by name key.
    new_organizations: dict[str, NewOrganization] = field(default_factory=dict)
    #: Name key -> id of an existing organisation rows name.
    organization_ids: dict[str, str] = field(default_factory=dict)
    #: Name key -> the key of a new organisation it names in another spelling or
    #: alphabet (Плунге, Plungė): one organisation is made for both.
    organization_aliases: dict[str, str] = field(default_factory=dict)
    #: (kind, title key) -> id of a stored record rows name by its title (an agreement).
    record_ids: dict[tuple[str, str], str] = field(default_factory=dict)
    #: (kind, title key) -> index of the entry of the file that makes the record named.
    record_rows: dict[tuple[str, str], int] = field(default_factory=dict)

    @property
    def problems(self) -> list[Problem]:
        return [p for e in self.entries for p in e.item.problems]

    def counts(self) -> dict[str, int]:
        counts = {NEW: 0, UPDATE: 0, UNCHANGED: 0, POSSIBLE: 0, MERGED: 0, BAD: 0}
        for entry in self.entries:
            counts[entry.action] += 1
        counts["new_organizations"] = len(self.new_organizations)
        return counts

    def summary(self) -> str:
        c = self.counts()
        return _("New: {new}, to update: {update}, unchanged: {unchanged}, possible "
                 "duplicates: {possible}, repeated in the file: {merged}, with problems: "
                 "{bad}; new organisations named in rows: {orgs}.").format(
            new=c[NEW], update=c[UPDATE], unchanged=c[UNCHANGED], possible=c[POSSIBLE],
            merged=c[MERGED], bad=c[BAD], orgs=c["new_organizations"])


@lru_cache(maxsize=65536)
def contact_key(contact: Contact) -> str:
    if contact.kind == "email":
        return "email:" + contact.value.lower()
    if contact.kind in PHONE_KINDS and phone_key(contact.value):
        return f"{contact.kind}:" + phone_key(contact.value)
    return f"{contact.kind}:" + contact.value.strip().lower()


def _names(item: Incoming) -> list[str]:
    names = [item.values.get("full_name") or item.values.get("name"),
             item.values.get("latin_name"), *(item.values.get("other_names") or "").split("\n")]
    return [n for n in names if n]


def _identity(item: Incoming) -> str:
    """A record that is not a person or organisation, as a file names it: its title and
    the organisations it cannot be without."""
    return "\n".join([name_key(item.label), *(
        name_key((item.links.get(f.key) or [""])[0]) for f in required_links(item.kind))])


class Planner:
    """Matches incoming records with the database and with each other."""

    def __init__(self, session: Session, kind: str):
        self.session = session
        self.plan = Plan(kind, [])
        #: Within the file: (kind, name key) / (kind, contact key) -> entry index.
        self.by_name: dict[tuple[str, str], int] = {}
        self.by_contact: dict[tuple[str, str], int] = {}
        self.titles: dict[str, dict[str, str]] = {}
        self._empty: dict[str, bool] = {}
        #: Organisation rows of the file by name key: a person's employer may be one.
        self.org_rows: dict[str, int] = {}
        self.directories: dict[str, Directory] = {}
        #: Spelling key of a new organisation's name -> its name key.
        self.new_alike: dict[str, str] = {}
        #: Entry index -> (kind, id, score) of its likely duplicates, described at the end.
        self.likely: dict[int, list[tuple[str, str, float]]] = {}
        self.reasons: dict[int, tuple[dict[str, str], set[str]]] = {}
        #: Kind -> title key (in any of its languages) -> id of its live records.
        self.stored_titles: dict[str, dict[str, str]] = {}

    def empty(self, kind: str) -> bool:
        """No live record of `kind` yet: nothing to look for (an import's usual start)."""
        if kind not in self._empty:
            cls = MODELS[kind]
            self._empty[kind] = self.session.scalar(
                select(cls.id).where(cls.deleted_at.is_(None)).limit(1)) is None
        return self._empty[kind]

    # --- organisations named in rows ---------------------------------------------

    def organization(self, name: str, item: Incoming) -> None:
        key = name_key(name)
        if not key or key in self.plan.organization_ids or key in self.plan.new_organizations \
                or key in self.plan.organization_aliases or key in self.org_rows:
            return
        found = None
        if not self.empty("organization"):
            stored = self.directory("organization")
            found = stored.find([name]) or stored.alike(name)
        if found is not None:
            self.plan.organization_ids[key] = found
            return
        alike = spelled_alike(key)
        if alike in self.new_alike:
            self.plan.organization_aliases[key] = self.new_alike[alike]
            return
        self.new_alike[alike] = key
        self.plan.new_organizations[key] = NewOrganization(
            clean(name) or name, item.country, item.source, item.row)

    # --- one incoming record -----------------------------------------------------

    def add(self, item: Incoming) -> Entry:
        entry = Entry(item)
        index = len(self.plan.entries)
        self.plan.entries.append(entry)
        for name in [n for n, _p in item.affiliations] + [
                n for names in item.links.values() for n in names]:
            if not name_key(name):
                item.problem(None, _("“{name}” is not the name of an organisation").format(
                    name=name))
        for spec in record_links(item.kind):
            for name in item.records.get(spec.key, ()):
                self._record(item, spec, name)
        if item.problems:
            entry.action = BAD
            return entry
        for organization, _position in item.affiliations:
            self.organization(organization, item)
        for names in item.links.values():
            for name in names:
                self.organization(name, item)
        twin = self._twin(item)
        if twin is not None:
            entry.action, entry.twin = MERGED, twin
            entry.twin_row = self.plan.entries[twin].item.row
            return entry
        self._remember(item, index)
        if registry.spec(item.kind).mergeable:
            self._match_directory(entry, index)
        else:
            self._match_title(entry)
        return entry

    def _record(self, item: Incoming, spec, name: str) -> None:
        """Find the record of another kind a row names by its title, or say why not."""
        key = (spec.target, name_key(name))
        if key in self.plan.record_ids or key in self.plan.record_rows:
            return
        found = self._titles(spec.target).get(key[1]) if key[1] else None
        if found is not None:
            self.plan.record_ids[key] = found
            return
        item.problem(item.record_columns.get(spec.key), _(
            "no record of the kind “{kind}” is called “{name}”: add it first (or import "
            "its file first), or correct the name").format(
            kind=_(registry.spec(spec.target).label), name=name))

    def _titles(self, kind: str) -> dict[str, str]:
        """Title key -> id of the live records of `kind`, by their title in every
        language it is kept in, read once per import."""
        if kind not in self.stored_titles:
            cls = MODELS[kind]
            label = cls.LABEL_FIELD
            columns = [getattr(cls, label)] + [
                getattr(cls, f"{label}_{lang}") for lang in ("uk", "lt", "en")
                if hasattr(cls, f"{label}_{lang}")]
            found: dict[str, str] = {}
            for record_id, *titles in self.session.execute(
                    select(cls.id, *columns).where(cls.deleted_at.is_(None))
                    .order_by(cls.created_at)):
                for title in titles:
                    if title:
                        found.setdefault(name_key(title), record_id)
            self.stored_titles[kind] = found
        return self.stored_titles[kind]

    def _twin(self, item: Incoming) -> int | None:
        key = name_key(item.label)
        if not registry.spec(item.kind).mergeable:
            return self.by_name.get((item.kind, _identity(item)))
        for contact in item.contacts:
            earlier = self.by_contact.get((item.kind, contact_key(contact)))
            if earlier is not None and name_key(self.plan.entries[earlier].item.label) == key:
                return earlier
        earlier = self.by_name.get((item.kind, key))
        if earlier is None:
            return None
        # Two people of one name are one only if nothing they give disagrees.
        mine = {c.kind: contact_key(c) for c in item.contacts if c.kind == "email"}
        theirs = {c.kind: contact_key(c) for c in self.plan.entries[earlier].item.contacts
                  if c.kind == "email"}
        if mine and theirs and not set(mine.values()) & set(theirs.values()):
            return None
        return earlier

    def _remember(self, item: Incoming, index: int) -> None:
        self.plan.record_rows.setdefault((item.kind, name_key(item.label)), index)
        if not registry.spec(item.kind).mergeable:
            self.by_name.setdefault((item.kind, _identity(item)), index)
            return
        self.by_name.setdefault((item.kind, name_key(item.label)), index)
        for contact in item.contacts:
            self.by_contact.setdefault((item.kind, contact_key(contact)), index)
        if item.kind == "organization":
            self.org_rows.setdefault(name_key(item.label), index)

    def directory(self, kind: str) -> Directory:
        """The stored names and contacts of `kind`, read once per import: a file is
        matched by lookups in memory, not a search per row."""
        if kind not in self.directories:
            self.directories[kind] = Directory(self.session, kind)
        return self.directories[kind]

    def _match_directory(self, entry: Entry, index: int) -> None:
        item = entry.item
        if self.empty(item.kind):
            return
        stored = self.directory(item.kind)
        found = stored.find(_names(item))
        if found is not None:
            self._same(entry, found)
            return
        by_name = stored.similar(_names(item))
        by_contact = stored.sharing((c.kind, c.value) for c in item.contacts)
        if not by_name and not by_contact:
            return
        found_ids = set(by_name) | set(by_contact)
        scores = {record_id: by_name.get(record_id, 0) / 100
                  + (1.0 if record_id in by_contact else 0.0) for record_id in found_ids}
        # A contact in common and a similar name (see core.views.duplicates): the same.
        best = max(found_ids, key=lambda record_id: (scores[record_id], record_id))
        if scores[best] >= 1.9:
            self._same(entry, best)
            return
        entry.action = POSSIBLE
        self.likely[index] = sorted(((item.kind, record_id, scores[record_id])
                                     for record_id in found_ids), key=lambda row: -row[2])
        self.reasons[index] = (by_contact, set(by_name))

    def describe_likely(self) -> None:
        """The possible duplicates' candidates as the preview names them, read together."""
        found = [row for rows in self.likely.values() for row in rows]
        hits: dict[str, Hit] = {}
        for start in range(0, len(found), 500):
            hits.update((hit.id, hit) for hit in describe_hits(
                self.session, found[start:start + 500], Hit))
        for index, rows in self.likely.items():
            by_contact, by_name = self.reasons[index]
            self.plan.entries[index].candidates = [
                Hit(kind, record_id, hits[record_id].title, "; ".join(filter(None, [
                    by_contact.get(record_id), _("similar name") if record_id in by_name
                    else None, hits[record_id].subtitle])), round(score, 4))
                for kind, record_id, score in rows if record_id in hits]

    def _match_title(self, entry: Entry) -> None:
        """A record known by its title (and the organisation it cannot be without)."""
        kind = entry.item.kind
        cls = MODELS[kind]
        links = [f.column for f in required_links(kind)]
        if kind not in self.titles:
            titles = self.titles[kind] = {}
            for record_id, title, *linked in self.session.execute(
                    select(cls.id, getattr(cls, cls.LABEL_FIELD),
                           *(getattr(cls, c) for c in links)).where(cls.deleted_at.is_(None))):
                titles.setdefault((name_key(title), *linked), record_id)
        linked = [self.plan.organization_ids.get(name_key((entry.item.links.get(f.key) or [""])[0]))
                  for f in required_links(kind)]
        found = self.titles[kind].get((name_key(entry.item.label), *linked))
        if found is not None:
            self._same(entry, found)

    def _same(self, entry: Entry, record_id: str) -> None:
        """The entry is the record `record_id`; what it changes is found by `compare`,
        for all such entries at once."""
        entry.target_id = record_id
        entry.action = UNCHANGED

    def compare(self) -> None:
        """What each entry matched with a stored record changes: the records, their
        contacts and positions read in a few queries for all of them, not three a row."""
        matched = [e for e in self.plan.entries if e.target_id and e.action == UNCHANGED]
        by_kind: dict[str, list[Entry]] = {}
        for entry in matched:
            by_kind.setdefault(entry.item.kind, []).append(entry)
        for kind, entries in by_kind.items():
            cls = MODELS[kind]
            ids = sorted({e.target_id for e in entries})
            records = {}
            for batch in _batches(ids):
                records.update((o.id, o) for o in self.session.scalars(
                    select(cls).where(cls.id.in_(batch))))
            contacts = stored_contacts(self.session, kind, ids)
            positions = held_positions(self.session, ids) if kind == "person" else {}
            for entry in entries:
                obj = records[entry.target_id]
                entry.target_label = obj.label
                entry.changes = changes(self.session, obj, entry.item)
                entry.new_contacts = missing_contacts(contacts.get(obj.id, set()), entry.item)
                missing = missing_positions(positions.get(obj.id, set()),
                                            self.plan.organization_ids, entry.item)
                if entry.changes or entry.new_contacts or missing:
                    entry.action = UPDATE


#: Fields that name the record: matched, never overwritten (see changes).
NAME_FIELDS = ("full_name", "name", "title", "latin_name")


def changes(session: Session, obj, item: Incoming) -> dict[str, tuple[Any, Any]]:
    """Fields the file gives a different value for; a blank in the file changes nothing.

    The record keeps its name: "Ігор Терехов" matched with "Ihor Terekhov" is kept
    as another spelling, so search finds either and nobody's typing is lost."""
    found = {}
    spellings = [n for n in (obj.other_names or "").split("\n") if n] \
        if hasattr(obj, "other_names") else []
    known = {name_key(n) for n in spellings} | {name_key(obj.label)}
    if isinstance(obj, Person) and obj.latin_name:
        known.add(name_key(obj.latin_name))
    added = list(spellings)
    for key, value in item.values.items():
        incoming = clean(value) if isinstance(value, str) else value
        named = languages.split(key)
        if named is not None and named[0] in type(obj).TRANSLATABLE:
            # One language of a field: a blank leaves it, and the original's own
            # language is the record's name, kept as the name is (below).
            field, lang = named
            stored = (languages.original(obj, field) if lang == languages.ORIGINAL
                      else languages.value(obj, field, lang))
            if (incoming is not None and stored != incoming and not (
                    field in NAME_FIELDS and lang == languages.original(obj, field))):
                found[key] = (stored, incoming)
            continue
        if incoming is None or not hasattr(obj, key):
            continue
        stored = getattr(obj, key)
        if key in NAME_FIELDS or key == "other_names":
            if stored is None and key == "latin_name":
                found[key] = (stored, incoming)
                known.add(name_key(incoming))
                continue
            for name in incoming.split("\n"):
                if name_key(name) not in known and hasattr(obj, "other_names"):
                    added.append(name)
                    known.add(name_key(name))
            continue
        if stored != incoming:
            found[key] = (stored, incoming)
    if added != spellings:
        found["other_names"] = (obj.other_names, "\n".join(added))
    return found


def _batches(ids: list[str], size: int = 500):
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def stored_contacts(session: Session, kind: str, ids: list[str]) -> dict[str, set[str]]:
    """Record id -> the contact keys it has (live contacts of people or organisations)."""
    owner = ContactPoint.person_id if kind == "person" else ContactPoint.organization_id
    found: dict[str, set[str]] = {}
    for batch in _batches(ids):
        for record_id, kind_, value in session.execute(
                select(owner, ContactPoint.kind, ContactPoint.value).where(
                    owner.in_(batch), ContactPoint.deleted_at.is_(None))):
            found.setdefault(record_id, set()).add(contact_key(Contact(kind_, value)))
    return found


def held_positions(session: Session, ids: list[str]) -> dict[str, set[tuple[str, str]]]:
    """Person id -> (organisation id, position folded) of each live position held."""
    found: dict[str, set[tuple[str, str]]] = {}
    for batch in _batches(ids):
        for person_id, org_id, position in session.execute(select(
                Affiliation.person_id, Affiliation.organization_id, Affiliation.position).where(
                Affiliation.person_id.in_(batch), Affiliation.deleted_at.is_(None))):
            found.setdefault(person_id, set()).add((org_id, (position or "").casefold()))
    return found


def missing_contacts(stored: set[str], item: Incoming) -> list[Contact]:
    """The contacts of `item` that are not among the `stored` contact keys of its record."""
    return [c for c in item.contacts if contact_key(c) not in stored]


def missing_positions(held: set[tuple[str, str]], organization_ids: dict[str, str],
                      item: Incoming) -> list[tuple[str, str | None]]:
    """(organisation name key, position) of `item` that the person does not hold
    (`held`: see held_positions)."""
    missing = []
    for name, position in item.affiliations:
        key = name_key(name)
        org_id = organization_ids.get(key)
        if org_id is None or (org_id, (position or "").casefold()) not in held:
            missing.append((key, position))
    return missing


def linked_ids(session: Session, record_id: str, link: tuple[type, str],
               target_column: str = "organization_id") -> set[str]:
    """Records already linked to a record through `link` (model, its column pointing at
    the record): an agreement's parties, a project's partners or agreements."""
    model, column = link
    return set(session.scalars(select(getattr(model, target_column)).where(
        getattr(model, column) == record_id, model.deleted_at.is_(None))))


def make_plan(session: Session, kind: str, items: list[Incoming], *,
              progress: Callable[[int, int], None] | None = None,
              cancelled: Callable[[], bool] | None = None) -> Plan:
    planner = Planner(session, kind)
    total = len(items)
    # Organisation rows first: a person's employer may be a row further down.
    ordered = sorted(items, key=lambda item: item.kind != "organization")
    # The stored names' keys and blocks and an entry per row are tens of thousands of
    # sets, tuples and strings, none in a cycle (sync.bulk).
    with made_in_bulk():
        for number, item in enumerate(ordered, start=1):
            planner.add(item)
            if number % 100 == 0 or number == total:
                if cancelled is not None and cancelled():
                    raise Cancelled(_("The import was cancelled; nothing was written."))
                if progress is not None:
                    progress(number, total)
        planner.describe_likely()
        planner.compare()
    return planner.plan
