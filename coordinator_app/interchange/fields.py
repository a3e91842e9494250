"""What a row of a file can hold for each kind of record, derived from the registry.

A kind's fields are its model's own columns (a date is read as a date, a choice
from the vocabulary its list shows, a link to an organisation by its name), the
parts of the records it owns that a sheet puts in columns (contacts, a person's
organisation and position, an agreement's parties), and, for a person, the parts
of a name. A kind declared in core.records.registry is imported and exported with
no table here; header_words says what people write for each field's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import inspect

from coordinator_app.core.records import languages, registry, sort_keys
from coordinator_app.core.records.field_titles import LABELS
from coordinator_app.core.records.models import Affiliation, ContactPoint
from coordinator_app.core.text.folding import fold
from coordinator_app.i18n import N_, _, gettext_in
from coordinator_app.interchange.header_words import HEADERS

#: Fields that take a list of values (several e-mails in one cell, or several columns).
CONTACT_FIELDS = ("email", "phone", "telegram", "signal", "whatsapp", "viber")
#: Parts of a person's name a sheet may keep in columns of their own.
NAME_PARTS = ("given_name", "middle_name", "family_name")
#: Columns no file sets: stamps, the tombstone and derived keys.
_NOT_FIELDS = frozenset({"id", "created_at", "updated_at", "device_id", "deleted_at",
                         *sort_keys.DERIVED})



@dataclass(frozen=True)
class Field:
    key: str
    label: str  # marked with N_(), translated where shown
    #: Whole headers that name this field (compared folded: case, marks, punctuation).
    headers: tuple[str, ...] = ()
    #: Parts of a header that name it when no whole header does ("mobile phone").
    words: tuple[str, ...] = ()
    #: text, date, number, choice, country, money, organization (one, by name),
    #: organizations (several, each a link record), record (one of another kind, by
    #: its title), records (several, each a link record), contact, position, name part.
    type: str = "text"
    #: The vocabulary of a choice (core.records.vocab): its codes and their labels.
    choices: dict[str, str] | None = None
    #: The model's column it sets (a link's foreign key, an amount's minor units).
    column: str | None = None
    #: For `organizations` and `records`: the owned link model and its column pointing
    #: at the record.
    link: tuple[type, str] | None = None
    #: For `record` and `records`: the kind named, and (records) the link model's
    #: column that points at it.
    target: str | None = None
    target_column: str | None = None
    #: Required columns of the link record that the record itself has: a need's pledge
    #: is of the need's quantity unless a sheet says otherwise.
    copies: tuple[str, ...] = ()
    #: For one language of a translatable field ("title.lt"): that language.
    lang: str | None = None

    def title(self, lang: str | None = None) -> str:
        """The column's header in the interface language (or `lang`): the label, and
        for one language of a field its code ("Назва (lt)")."""
        label = gettext_in(lang, self.label) if lang else _(self.label)
        return f"{label} ({self.lang})" if self.lang else label


def _field(key: str, label: str | None = None, **options) -> Field:
    headers, words = HEADERS.get(key, ((), ()))
    return Field(key, label or LABELS.get(key) or key.replace("_", " ").capitalize(),
                 headers, words, **options)


def _link_table(child: type, fk: str, parent: type) -> tuple[str, str, tuple[str, ...]] | None:
    """(the kind it names, its column naming it, the columns copied from the record) of
    an owned record that only says "this other record is in it" (a party, a partner,
    an agreement a project implements, a partner's pledge): its other columns are
    optional, have a default, or are the record's own (a pledge's quantity)."""
    if child in (Affiliation, ContactPoint):
        return None
    columns = inspect(child).columns
    tables = {spec.model.__tablename__: spec.name for spec in registry.TOP_LEVEL}
    named = [(c.key, tables.get(next(iter(c.foreign_keys)).column.table.name))
             for c in columns if c.foreign_keys and c.key != fk and not c.nullable]
    if not named and "organization_id" in columns:
        named = [("organization_id", "organization")]  # an activity's participants
    if len(named) != 1 or named[0][1] is None:
        return None
    column, target = named[0]
    own = inspect(parent).columns
    copies = tuple(c.key for c in columns if c.key not in _NOT_FIELDS
                   and c.key not in (fk, column) and not c.nullable and c.default is None)
    if any(key not in own for key in copies):
        return None
    return target, column, copies


def derive(spec) -> tuple[Field, ...]:
    """The fields of the kind `spec` declares (see the module docstring)."""
    cls = spec.model
    columns = inspect(cls).columns
    shown = {column.key: column for column in spec.columns}
    refers = {fk: name for name, fk in spec.refers}
    found: list[Field] = []
    translatable = getattr(cls, "TRANSLATABLE", ())
    # The columns a translatable field keeps its languages in are read and written as
    # "title.lt" (core.records.languages), one column of a file per language.
    language_columns = {name for field in translatable for name in languages.columns(field)}
    in_languages: list[Field] = []
    if cls.LABEL_FIELD == "full_name":
        found.append(_field("full_name", shown["full_name"].title if "full_name" in shown
                            else None, column="full_name"))
        found += [_field(part, type="name part") for part in NAME_PARTS]
    for column in columns:
        key = column.key
        if (key in _NOT_FIELDS or key in cls.UNJOURNALED or key == "full_name"
                or key in language_columns):
            continue
        list_column = shown.get(key)
        label = list_column.title if list_column is not None else None
        if column.foreign_keys:
            target = next(iter(column.foreign_keys)).column.table.name
            name = refers.get(key, key.removesuffix("_id"))
            if target == "organizations":
                found.append(_field(name, type="organization", column=key))
            elif target in _TOP_LEVEL_TABLES and key in refers:
                found.append(_field(name, type="record", column=key,
                                    target=_TOP_LEVEL_TABLES[target]))
            continue
        if key.endswith("_minor") and "currency" in columns:
            found.append(_field(key.removesuffix("_minor"), label, type="money", column=key))
            continue
        python_type = column.type.python_type
        if list_column is not None and list_column.labels:
            found.append(_field(key, label, type="choice", choices=list_column.labels,
                                column=key))
        elif key == "country":
            found.append(_field(key, label, type="country", column=key))
        elif python_type.__name__ == "date":
            found.append(_field(key, label, type="date", column=key))
        elif python_type in (int, float):
            found.append(_field(key, label, type="number", column=key))
        else:
            found.append(_field(key, label, column=key))
        if key in translatable:
            base = found[-1]
            in_languages += [Field(f"{key}.{lang}", base.label, type="text", lang=lang)
                             for lang in languages.LANGUAGES]
    for child, fk in spec.owned:
        if child is Affiliation and fk == "person_id":
            found += [_field("organization", type="position"),
                      _field("department", type="position"),
                      _field("position", type="position")]
        elif child is ContactPoint:
            found += [_field(key, type="contact") for key in CONTACT_FIELDS]
            if "country" not in columns:
                # Not kept, but it says where numbers written without + are.
                found.append(_field("country", type="country"))
        elif (linked := _link_table(child, fk, cls)) is not None:
            target, column, copies = linked
            name = next((r.key for r in spec.related if r.model is child), child.__tablename__)
            if target == "organization" and column == "organization_id":
                found.append(_field(name, type="organizations", link=(child, fk), copies=copies))
            elif target != spec.name and not copies:
                found.append(_field(name, type="records", link=(child, fk), target=target,
                                    target_column=column))
    # Notes last, as people keep them in the last column; then the fields' languages,
    # so that a sheet still opens on what it always showed first.
    found.sort(key=lambda f: f.key == "notes")
    return tuple(found + in_languages)


#: Table -> kind, of the kinds with a page of their own: what a row may name by title.
_TOP_LEVEL_TABLES = {spec.model.__tablename__: spec.name for spec in registry.TOP_LEVEL}

#: Kinds a file row can make: the kinds with a page of their own, by the command
#: line's word for each.
KINDS = {spec.name: spec.plural for spec in registry.TOP_LEVEL}
#: What people type for a kind on the command line.
KIND_WORDS = {**{word: spec.name for spec in registry.TOP_LEVEL
                 for word in (spec.plural, *spec.aliases, spec.name)},
              "contacts": "person"}
#: The kinds' names as the preview shows them.
KIND_LABELS = {spec.name: spec.plural_label for spec in registry.TOP_LEVEL}


#: Words in a contact column's header that say which number it is ("Mobile Phone").
LABEL_WORDS = (
    ("mobile", ("mobile", "cell", "моб", "mobil", "сотов")),
    ("work", ("business", "work", "office", "company", "робоч", "службов", "рабоч", "darbo",
              "служб")),
    ("home", ("home", "домашн", "namų", "namu")),
    ("fax", ("fax", "факс", "faks")),
)


@lru_cache(maxsize=None)
def _fields(kind: str) -> tuple[Field, ...]:
    return derive(registry.spec(kind))


def languages_named(code: str, lang: str) -> tuple[str, ...]:
    """What a header may call a language in `lang`: its name (CLDR) and its code."""
    from coordinator_app.core.text.formatting import language_name

    return (language_name(code, lang, alone=False), code)


def fields_of(kind: str) -> tuple[Field, ...]:
    return _fields(kind)


def field(kind: str, key: str) -> Field:
    for candidate in _fields(kind):
        if candidate.key == key:
            return candidate
    raise KeyError(key)


_PUNCT = re.compile(r"[^\w@]+")


def fold_header(text: str) -> str:
    """A header as it is compared: folded, punctuation and numbering gone
    ("E-mail 2 Address" → "e mail address", "Прізвище, ім'я" → "призвище имя")."""
    folded = fold(str(text))
    folded = _PUNCT.sub(" ", folded)
    folded = re.sub(r"\b\d+\b", " ", folded)
    return " ".join(folded.split())


@lru_cache(maxsize=None)
def _folded_headers(kind: str) -> tuple[dict[str, str], list[tuple[str, str]]]:
    exact: dict[str, str] = {}
    partial: list[tuple[str, str]] = []
    from coordinator_app.i18n import LANGUAGES

    # A kind's links to records of other kinds first: on a project's sheet "Agreement"
    # names the agreement it implements, on an agreement's own sheet its title.
    for item in sorted(_fields(kind), key=lambda f: f.type not in ("record", "records")):
        # The labels in every language of the app: what export writes, import reads.
        labels = [item.title(lang) for lang in LANGUAGES]
        if item.lang:
            # "Title (Lithuanian)", "Назва (литовська)", "title_lt" read as "Title (lt)".
            labels += [f"{item.label} {name}" for lang in LANGUAGES for name in (
                languages_named(item.lang, lang))]
            labels += [gettext_in(lang, item.label) + " " + name for lang in LANGUAGES
                       for name in languages_named(item.lang, lang)]
            labels += [item.key.replace(".", " "), item.key.replace(".", "_")]
        for header in (item.key.replace("_", " "), *labels, *(
                () if item.lang else item.headers)):
            exact.setdefault(fold_header(header), item.key)
        for word in item.words:
            partial.append((fold_header(word), item.key))
    return exact, partial


#: Headers of columns that hold nothing a record keeps, though a word in them would
#: match ("Name Prefix", Outlook's "Title" = Mr/Ms, "E-mail Display Name"); and
#: words that name a field only as the whole header ("Manager's Name" is not a name).
IGNORED = frozenset(fold_header(h) for h in (
    "name prefix", "name suffix", "prefix", "suffix", "title", "initials", "file as",
    "phonetic first name", "phonetic middle name", "phonetic last name", "yomi name",
    "given name yomi", "family name yomi", "additional name yomi", "birthday", "gender",
    "photo", "group membership", "labels", "categories", "keywords", "e mail display name",
    "e mail type", "priority", "sensitivity", "private", "№", "n", "nr", "no", "#",
    "дата народження", "день народження", "дата рождения", "gimimo data"))
GENERIC = frozenset(fold_header(w) for w in ("name", "title", "contact", "person", "особа",
                                             "назва", "type", "kind", "value"))


def guess_field(kind: str, header: str) -> str | None:
    """The field a column's header names for `kind`, or None."""
    folded = fold_header(header)
    if not folded:
        return None
    exact, partial = _folded_headers(kind)
    # A whole header a field of this kind has wins ("Priority" is a need's); else a
    # header of what no record keeps is left out before its words are looked at.
    if folded in exact:
        return exact[folded]
    if folded in IGNORED:
        return None
    # "Business Phone", "Контакти телефон", "Phone 1 - Value": a known header among
    # its words, the longest first so "job title" beats "title".
    words = folded.split()
    for size in range(len(words), 0, -1):
        for start in range(len(words) - size + 1):
            part = " ".join(words[start:start + size])
            if part in exact and part not in GENERIC:
                return exact[part]
    for word, key in partial:
        if word and word in folded:
            return key
    return None


def contact_label(header: str) -> str | None:
    """'mobile', 'work', 'home' or 'fax' when a contact column's header says which."""
    folded = fold_header(header)
    for label, words in _folded_label_words():
        if any(word in folded for word in words):
            return label
    return None


@lru_cache(maxsize=1)
def _folded_label_words() -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((label, tuple(fold_header(w) for w in words)) for label, words in LABEL_WORDS)


def is_label_column(header: str) -> str | None:
    """Google's "Phone 1 - Type" / "E-mail 2 - Label": the header of the value column
    ("Phone 1 - Value") this one labels, else None."""
    match = re.match(r"^(.*?)\s*-\s*(type|label)\s*$", str(header).strip(), re.IGNORECASE)
    return f"{match.group(1)} - Value" if match else None


def export_fields(kind: str) -> tuple[Field, ...]:
    """The fields written on export, in order: all but the parts a record keeps whole
    (a person's name, a position's department)."""
    return tuple(f for f in _fields(kind) if f.type != "name part" and f.key != "department"
                 and not (f.type == "country" and f.column is None)
                 and f.type not in ("record", "records") and not f.copies)


def organization_links(kind: str) -> tuple[Field, ...]:
    """The fields naming one organisation the record points at (a lead, a community)."""
    return tuple(f for f in _fields(kind) if f.type == "organization")


def record_links(kind: str) -> tuple[Field, ...]:
    """The fields naming records of other kinds by their titles (an activity's agreement,
    the agreements a project implements)."""
    return tuple(f for f in _fields(kind) if f.type in ("record", "records"))


def required_links(kind: str) -> tuple[Field, ...]:
    """Of those, the ones a record cannot be without: with its name they say which
    record it is (two communities' needs for "generators" are two needs)."""
    columns = inspect(registry.model(kind)).columns
    return tuple(f for f in organization_links(kind) if not columns[f.column].nullable)
