"""Likely duplicates, and merging two records into one.

"Audrius Klisonis" typed on a keyboard without Lithuanian letters and
"Audrius Klišonis" already stored are the same person; so are two people with
the same e-mail address or phone number. `likely_duplicates` is asked before
a person or organisation is created or imported; `merge` then moves every
relation of one record to the other (`repoint`), tombstones it naming the record it
was merged into (so the merge travels to other laptops and the old id reads as the
one that remains), and journals it all as one change set that `workspace.undo`
takes back. `compare` shows two records side by
side, field by field, so that a person can choose which value each field keeps.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from time import monotonic
from typing import Any

from sqlalchemy import func, inspect, literal, select
from sqlalchemy.orm import Session

from coordinator_app.core.records.change_labels import Label
from coordinator_app.core.records import registry
from coordinator_app.core.errors import Cancelled, CoordinatorError, ValidationError
from coordinator_app.core.text.folding import fold, has_cyrillic, to_latin, words
from coordinator_app.core.records.ids import utcnow
from coordinator_app.core.records.models import (
    AgreementParty,
    Attachment,
    ContactPoint,
    Entity,
    Organization,
    Source,
    TagLink,
)
from coordinator_app.core.search.query import Hit, match_expression
from coordinator_app.core.search.search_index import query_index
from coordinator_app.core.search.search_index import PHONE_KINDS
from coordinator_app.core.records.service import Workspace
from coordinator_app.core.search.subtitles import describe_hits
from coordinator_app.core.records.tombstones import alive
from coordinator_app.i18n import N_, _

#: The kinds whose duplicates are looked for and merged (declared in core.records.registry).
MERGEABLE = {spec.name: spec.model for spec in registry.KINDS if spec.mergeable}
#: Name similarity (0-100, on the folded Latin spelling) that counts as "the same name".
SAME_NAME = 90
#: Records that point at their owner by kind and id rather than by a foreign key.
OWNED_BY_KIND = ((TagLink, "entity_kind", "entity_id"), (Attachment, "owner_kind", "owner_id"),
                 (Source, "owner_kind", "owner_id"))
#: What makes two link records the same link (default: all their data columns).
TWIN_KEYS = {AgreementParty: ("agreement_id", "organization_id")}


@lru_cache(maxsize=65536)
def name_key(name: str | None) -> str:
    """A name reduced for comparison: folded, in Latin letters, words sorted
    (so "Klišonis Audrius" and "Audrius Klisonis" compare equal)."""
    if not name:
        return ""
    text = to_latin(name) if has_cyrillic(name) else fold(name)
    return " ".join(sorted(words(text)))


#: Where a number written without its country code is most likely from, after the
#: record's own country: the two countries whose partnerships the app serves.
PHONE_REGIONS = ("UA", "LT")
#: A number written as E.164 already: + and up to fifteen digits.
_E164 = re.compile(r"^\+[1-9]\d{6,14}$")
#: 00 before a number is its international prefix, as + is.
_LEADING_00 = re.compile(r"^\s*00")


def phone_key(value: str, country: str | None = None) -> str:
    """A phone number in E.164 ("+37061234567"), read in `country` or else as a
    Ukrainian or Lithuanian number, so "+370 612 34567" and "8 612 34567" compare
    equal while a Ukrainian and a Polish number that end alike do not. A value no
    region reads as a valid number keys on its digits alone (after its + if it has
    one); "" when too short."""
    text = _LEADING_00.sub("+", value or "").strip()
    if _E164.match(text):
        # As imports store numbers: parsing would give it back unchanged (or, were it
        # no valid number, keep it as + and its digits), and costs most of the time
        # of a search for duplicates among 100,000 people.
        return text
    import phonenumbers  # once a number needs reading: most are E.164 already

    regions = [country.upper()] if country else []
    regions += [region for region in PHONE_REGIONS if region not in regions]
    for region in ([None] if text.startswith("+") else regions):
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    digits = re.sub(r"\D", "", text)
    return ("+" if text.startswith("+") else "") + digits if len(digits) >= 7 else ""


def _index_words(typed: str, key: str) -> set[str]:
    """The index's words for a number ("tel" + its last nine digits, as search_index
    writes them) both as typed and in E.164, so that stored numbers written either
    way come back as candidates for `phone_key` to confirm."""
    found = set()
    for text in (typed, key):
        digits = re.sub(r"\D", "", text)
        if len(digits) >= 7:
            found.add("tel" + digits[-9:])
    return found


def _cls(kind: str) -> type[Entity]:
    if kind not in MERGEABLE:
        raise CoordinatorError(_("only people and organisations can be checked for "
                                 "duplicates, not “{kind}”").format(kind=kind))
    return MERGEABLE[kind]


def _listed(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in re.split(r"[,;\n]", value) if part.strip()]
    return [str(part).strip() for part in value if str(part).strip()]


def _names(kind: str, values: dict[str, Any]) -> list[str]:
    fields = ("full_name", "latin_name") if kind == "person" else ("name",)
    names = [values[f] for f in fields if values.get(f)]
    return names + _listed((values.get("other_names") or "").replace("\n", ";"))


def _by_name(session: Session, kind: str, names: list[str]) -> dict[str, float]:
    """Candidates whose stored names are (nearly) one of `names`: id -> similarity."""
    # Imported by the check, not with the module: merging and a conflict's marks in an
    # editor read this module's relations and never compare names (rapidfuzz: 3.5 MiB).
    from rapidfuzz import fuzz

    from coordinator_app.core.search import fuzzy

    cls = MERGEABLE[kind]
    candidates: set[str] = set()
    for name in names:
        expression = match_expression(name, columns="title names")
        if expression:
            candidates.update(row[1] for row in query_index(
                session, expression, [kind], 200))
        candidates.update(row[1] for row in fuzzy.near_matches(session, name, [kind], 20))
    if not candidates:
        return {}
    fields = ("full_name", "latin_name", "other_names") if kind == "person" else \
        ("name", "other_names")
    found: dict[str, float] = {}
    wanted = [name_key(name) for name in names]
    rows = session.execute(select(cls.id, *(getattr(cls, f) for f in fields)).where(
        cls.id.in_(candidates), alive(cls))).all()
    for record_id, *stored in rows:
        keys = [name_key(n) for text in stored if text for n in text.split("\n")]
        best = max((fuzz.ratio(a, b) for a in wanted for b in keys if a and b), default=0)
        if best >= SAME_NAME:
            found[record_id] = best
    return found


def _indexed(session: Session, kind: str, expression: str) -> list[str]:
    return [row[1] for row in query_index(session, expression, [kind], 200)]


def _by_contact(session: Session, kind: str, values: dict[str, Any]) -> dict[str, str]:
    """Records sharing an e-mail address or phone number: id -> what they share.

    The index holds every contact (phones also as "tel" + last nine digits), so
    candidates come from it; their contact records then confirm the match."""
    owner = ContactPoint.person_id if kind == "person" else ContactPoint.organization_id
    emails = [e.lower() for e in _listed(values.get("emails") or values.get("email"))]
    country = values.get("country")
    typed = list(_listed(values.get("phones") or values.get("phone")))
    for contact in values.get("contact_points") or ():
        value = str(contact.get("value") or "")
        if contact.get("kind") == "email":
            emails.append(value.lower())
        elif contact.get("kind") in PHONE_KINDS:
            typed.append(value)
    phones: list[str] = []
    index_words: set[str] = set()
    for value in typed:
        key = phone_key(value, country)
        if key:
            phones.append(key)
            index_words |= _index_words(value, key)
    candidates: set[str] = set()
    for email in emails:
        tokens = words(fold(email))
        if tokens:
            candidates.update(_indexed(session, kind, '{body} : "%s"' % " ".join(tokens)))
    for word in sorted(index_words):
        candidates.update(_indexed(session, kind, '{body} : "%s"' % word))
    shared: dict[str, str] = {}
    if not candidates:
        return shared
    rows = session.execute(select(owner, ContactPoint.kind, ContactPoint.value).where(
        owner.in_(candidates), alive(ContactPoint))).all()
    for record_id, contact_kind, value in rows:
        if contact_kind == "email" and value.lower() in emails:
            shared[record_id] = _("same e-mail {value}").format(value=value)
        elif contact_kind in PHONE_KINDS and phone_key(value, country) in phones:
            shared.setdefault(record_id, _("same phone {value}").format(value=value))
    return shared


def likely_duplicates(session: Session, kind: str, values: dict[str, Any]) -> list[Hit]:
    """Live records of `kind` that are probably the one described by `values`.

    `values` holds the fields of the record being created or imported (full_name,
    latin_name, other_names / name, other_names), optionally "email"/"emails",
    "phone"/"phones" or "contact_points" ([{"kind", "value"}]), and "id" of the
    record itself when it already exists. Best first; the subtitle says why."""
    _cls(kind)
    by_name = _by_name(session, kind, _names(kind, values))
    by_contact = _by_contact(session, kind, values)
    own = values.get("id")
    found = []
    for record_id in set(by_name) | set(by_contact):
        if record_id == own:
            continue
        score = by_name.get(record_id, 0) / 100 + (1.0 if record_id in by_contact else 0.0)
        found.append((kind, record_id, score))
    found.sort(key=lambda row: -row[2])
    hits = describe_hits(session, found, Hit)
    return [Hit(h.kind, h.id, h.title, "; ".join(filter(None, [
        by_contact.get(h.id), _("similar name") if h.id in by_name else None, h.subtitle])),
        h.score) for h in hits]


#: Seconds of work between two looks at progress and Cancel: a count of rows was
#: no measure of time (2,000 phone numbers parsed took 1.5 s on a busy machine, and
#: the first rows of a query up to 5 s), so Cancel took up to 15 s to be heard.
PACE = 0.1
#: Rows fetched from SQLite at a time: the rows arrive as the query steps through
#: them, rather than all of them read before the first is looked at.
FETCH = 200
#: Records described in one query (their subtitles, for the groups found).
DESCRIBED = 25


class _Pace:
    """Counts the work done, and looks at Cancel and tells progress whenever PACE
    seconds have passed since it last did (and at the end of each part)."""

    def __init__(self, progress: Callable[[int, int], None] | None,
                 cancelled: Callable[[], bool] | None, total: int = 0):
        self.progress, self.cancelled = progress, cancelled
        self.total, self.done = total, 0
        self.last = monotonic()

    def __call__(self, count: int = 1) -> None:
        self.done += count
        if monotonic() - self.last >= PACE:
            self.report()

    def report(self) -> None:
        # Progress first: the app runs its events there, so a Cancel pressed since the
        # last look is seen by this one.
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)
        if self.cancelled is not None and self.cancelled():
            raise Cancelled(_("The search for duplicates was cancelled."))
        self.last = monotonic()


def _group(groups: dict[str, str | set[str]], key: str, record_id: str) -> None:
    """Put the record in the group of `key`. A group of one is its id alone, not a set:
    nearly every key has one record, and 300,000 sets cost seconds of the
    collector's passes and of freeing them at the end."""
    found = groups.get(key)
    if found is None:
        groups[key] = record_id
    elif isinstance(found, str):
        if found != record_id:
            groups[key] = {found, record_id}
    else:
        found.add(record_id)


def duplicate_groups(session: Session, kind: str, *,
                     progress: Callable[[int, int], None] | None = None,
                     cancelled: Callable[[], bool] | None = None) -> list[list[Hit]]:
    """Groups of live records that share a name (folded, either script) or a contact.

    `progress(done, total)` is told how far the reading is (names, then contacts,
    then the groups' descriptions); when `cancelled()` turns true, Cancelled is raised
    (nothing is written: this only reads). Both are asked at least every PACE
    seconds of work."""
    cls = _cls(kind)
    label = getattr(cls, cls.LABEL_FIELD)
    owner = ContactPoint.person_id if kind == "person" else ContactPoint.organization_id
    names = select(cls.id, label).where(alive(cls))
    # An organisation's numbers are read in its country; a person's in UA or LT.
    country = Organization.country if kind == "organization" else literal(None)
    contacts = select(owner, ContactPoint.kind, ContactPoint.value, country).where(
        owner.is_not(None), alive(ContactPoint))
    if kind == "organization":
        contacts = contacts.join(Organization, Organization.id == owner)
    # How far it is only needs the tables' sizes (deleted rows too), which SQLite
    # counts from an index.
    step = _Pace(progress, cancelled, sum(session.scalar(select(func.count()).select_from(
        model)) for model in (cls, ContactPoint)))
    step.report()
    streamed = {"yield_per": FETCH}

    groups: dict[str, str | set[str]] = {}
    for record_id, name in session.execute(names, execution_options=streamed):
        _group(groups, "n:" + name_key(name), record_id)
        step()
    step.report()
    for record_id, contact_kind, value, where in session.execute(
            contacts, execution_options=streamed):
        key = value.lower() if contact_kind == "email" else (
            phone_key(value, where) if contact_kind in PHONE_KINDS else "")
        if key:
            _group(groups, f"c:{key}", record_id)
        step()
    step.report()
    shared = [sorted(members) for members in groups.values() if isinstance(members, set)]
    groups.clear()  # freeing 300,000 keys is a pause of its own: before the next look
    step.report()
    # Every group's records described together, DESCRIBED ids a query, rather than
    # a query a group: 100,000 generated people make over 6,000 groups.
    wanted = sorted({record_id for members in shared for record_id in members})
    step.total += len(wanted)
    step.report()
    hits: dict[str, Hit] = {}
    for start in range(0, len(wanted), DESCRIBED):
        batch = wanted[start:start + DESCRIBED]
        hits.update((hit.id, hit) for hit in describe_hits(
            session, [(kind, m, 1.0) for m in batch], Hit))
        step(len(batch))
    step.report()
    result = [[hits[m] for m in members if m in hits] for members in shared]
    result.sort(key=lambda group: (-len(group), group[0].title if group else ""))
    return [group for group in result if len(group) > 1]


def references(cls: type[Entity]) -> list[tuple[type[Entity], str]]:
    """(record class, column) of every foreign key that points at `cls`."""
    table = cls.__table__
    found = []
    for other in registry.MODELS:
        for column in other.__table__.columns:
            if any(fk.column.table is table for fk in column.foreign_keys):
                found.append((other, inspect(other).get_property_by_column(column).key))
    return found


def _twin(session: Session, obj: Entity, key: str, keep_id: str) -> Entity | None:
    """A live record that would be the same link as `obj` once it points at keep_id."""
    cls = type(obj)
    fields = TWIN_KEYS.get(cls) or tuple(
        attr.key for attr in inspect(cls).column_attrs
        if attr.key not in {"id", "created_at", "updated_at", "device_id", "deleted_at"}
        and attr.key not in cls.UNJOURNALED)
    if key not in fields:
        return None
    query = select(cls).where(alive(cls, links=False), cls.id != obj.id)
    for field in fields:
        value = keep_id if field == key else getattr(obj, field)
        query = query.where(getattr(cls, field).is_(None) if value is None
                            else getattr(cls, field) == value)
    return session.scalars(query.limit(1)).first()


def repoint(session: Session, kind: str, merge_id: str, keep_id: str, now) -> list[Entity]:
    """Move every reference to `merge_id` (a record of `kind`) to `keep_id`: foreign keys
    and records owned by kind and id. A link the kept record already has is deleted
    instead of doubled. Returns the records moved."""
    cls = MERGEABLE[kind]
    touched: list[Entity] = []
    with session.no_autoflush:
        for ref_cls, key in references(cls):
            column = getattr(ref_cls, key)
            # Every row not itself deleted moves, whatever else it links.
            rows = session.scalars(select(ref_cls).where(
                column == merge_id, alive(ref_cls, links=False))).all()
            if ref_cls is cls:  # members of the merged organisation
                rows = [r for r in rows if r.id != keep_id]
            touched += _move(session, rows, key, keep_id, now)
        for ref_cls, kind_field, id_field in OWNED_BY_KIND:
            rows = session.scalars(select(ref_cls).where(
                getattr(ref_cls, kind_field) == kind, getattr(ref_cls, id_field) == merge_id,
                alive(ref_cls, links=False))).all()
            touched += _move(session, rows, id_field, keep_id, now)
    return touched


def _move(session: Session, rows: Iterable[Entity], key: str, keep_id: str, now) -> list:
    moved = []
    for obj in list(rows):
        if _twin(session, obj, key, keep_id) is not None:
            obj.deleted_at = now  # the kept record already has this very link
        else:
            setattr(obj, key, keep_id)
            moved.append(obj)
    return moved


#: Fields whose values are not chosen but joined: every other name of both records.
JOINED = frozenset({"other_names"})


def compared_fields(kind: str) -> list[str]:
    """The fields a person chooses between when merging two records of `kind`."""
    from coordinator_app.core.records.journal import journaled_columns

    return [field for field in journaled_columns(_cls(kind))
            if field not in JOINED and field not in {"id", "deleted_at", "merged_into"}]


def compare(session: Session, kind: str, first_id: str,
            second_id: str) -> list[tuple[str, str, str]]:
    """(field, first record's value, second's) as they read, for every compared field."""
    from coordinator_app.core.records.history import readable_value
    from coordinator_app.core.records.journal import encode

    from coordinator_app.core.records.tombstones import shown

    cls = _cls(kind)
    first, second = shown(session.get(cls, first_id)), shown(session.get(cls, second_id))
    if first is None or second is None:
        raise CoordinatorError(_("one of the two records no longer exists"))
    return [(field, readable_value(session, kind, field, encode(getattr(first, field))),
             readable_value(session, kind, field, encode(getattr(second, field))))
            for field in compared_fields(kind)]


def _absorb(keep: Entity, gone: Entity, take: Iterable[str] = ()) -> None:
    """Take the chosen fields from the other record and fill the kept record's blanks
    from it; keep every name either had as another spelling, so searching for it still
    finds the one that remains."""
    names = [keep.label, gone.label, *(keep.other_names or "").split("\n"),
             *(gone.other_names or "").split("\n")]
    for field in take:
        setattr(keep, field, getattr(gone, field))
    skip = {"id", "created_at", "updated_at", "device_id", "deleted_at", "parent_id",
            "merged_into"}
    for attr in inspect(type(keep)).column_attrs:
        if attr.key not in skip and getattr(keep, attr.key) in (None, ""):
            setattr(keep, attr.key, getattr(gone, attr.key))
    spellings: list[str] = []
    known = {name_key(keep.label)}
    for name in names:
        if name and name_key(name) not in known:
            spellings.append(name)
            known.add(name_key(name))
    keep.other_names = "\n".join(spellings) or None


def merge(workspace: Workspace, kind: str, keep_id: str, merge_id: str,
          take: Iterable[str] = (), label: str | None = None) -> str:
    """Make `merge_id` part of `keep_id`, its values of the fields in `take` replacing
    the kept record's; returns the change set (undo with workspace.undo)."""
    cls = _cls(kind)
    if keep_id == merge_id:
        raise ValidationError(_("a record cannot be merged with itself"))
    take = list(take)
    unknown = sorted(set(take) - set(compared_fields(kind)))
    if unknown:
        raise ValidationError(_("a merge cannot choose the field “{field}”").format(
            field=unknown[0]))
    with workspace.edit(label or Label(N_("Merge"))) as edit:
        session = edit.session
        keep = edit.get(cls, keep_id)
        gone = edit.get(cls, merge_id)
        if keep.id == gone.id:
            raise ValidationError(_("the two records are one already: one was merged "
                                    "into the other"))
        now = utcnow()
        touched = repoint(session, kind, merge_id, keep_id, now)
        with session.no_autoflush:
            if getattr(keep, "parent_id", None) == merge_id:
                keep.parent_id = gone.parent_id if gone.parent_id != keep_id else None
            if "parent_id" in take and gone.parent_id == keep_id:
                take.remove("parent_id")  # a record cannot be a member of itself
            _absorb(keep, gone, take)
            gone.deleted_at = now
            # Named, so the merge travels as such and reads of the old id follow it.
            gone.merged_into = keep_id
        session.flush()
        for obj in [keep, *touched]:
            edit._check(obj)
    return edit.change_set
