"""Text kept in several languages: a memorandum's title in Ukrainian, Lithuanian and English.

A kind declares its translatable fields once (core.records.registry, KindSpec.translatable);
`add_columns` gives its model, for a field `title`:

- `title`, the original text, as before (lists sort by it, messages name it);
- `title_lang`, the language the original is written in (uk, lt or en);
- `title_uk`, `title_lt`, `title_en`, the other languages; the original's own one
  stays empty, so that each language has exactly one place.

Each is its own column, so the journal keeps each language's history, undo takes
back one language, and merging copies compares one language at a time. Forms, the
command line and imports name one language as `title.lt` (`title.original` chooses
which language is the original). Nothing here translates: the app is offline.
"""

from __future__ import annotations

import copy
import re
from functools import cache, lru_cache
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

#: The languages a value may be kept in, in the order they are shown (uk · lt · en).
LANGUAGES = ("uk", "lt", "en")
#: The key that names the original's language in `values` and in `title.original`.
ORIGINAL = "original"


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    """detect()'s patterns: Cyrillic, Lithuanian letters, any letter, and English words
    of names and titles (one of them makes a text naming a Lithuanian place, "Plungė
    District Municipality", English where the letters alone say Lithuanian). Compiled
    at first use, not on import: the first window reads this module's names before it
    detects anything."""
    return (re.compile(r"[\u0400-\u04ff]"), re.compile(r"[ąčęėįšųūžĄČĘĖĮŠŲŪŽ]"),
            re.compile(r"[^\W\d_]"), re.compile(
                r"\b(the|of|and|for|with|district|city|town|council|municipality|association"
                r"|region|community|communities|office|department|agency|ministry|foundation"
                r"|fund|project|agreement|memorandum|cooperation|partnership|support|centre"
                r"|center|school|hospital|university|ltd|inc)\b", re.IGNORECASE))


@lru_cache(maxsize=4096)
def detect(text: str) -> str:
    """The language a text is most likely written in, by its letters: mostly Cyrillic
    is Ukrainian; Latin with Lithuanian letters (more than a name or two would bring
    into a long text) and no English word of names and titles is Lithuanian ("Plungė
    District" is English); else English. A guess that people correct
    (`title.original=lt`), made for text that came with no language."""
    cyrillic_letter, lithuanian, letter, english = _patterns()
    cyrillic = len(cyrillic_letter.findall(text))
    # Read for every row a list shows, so counted by the regex engine, and kept: a
    # list repeats the same names (the association most communities are members of).
    letters = len(letter.findall(text))
    if cyrillic * 2 > letters:
        return "uk"
    if len(lithuanian.findall(text)) >= max(1, letters // 50) and not english.search(text):
        return "lt"
    return "en"


def typed_in(text: str, shown: str) -> str:
    """The language of a field's first text, typed while its switch showed `shown`
    and no language was chosen on it: the one shown, unless the text's letters say
    otherwise (English typed in the Ukrainian window is English, Ukrainian typed in
    the Lithuanian one Ukrainian). Latin letters never turn Lithuanian into English
    or back: a Lithuanian sentence may have no letter only Lithuanian has."""
    written = detect(text)
    if shown == "uk" and written != "uk":
        return written
    if shown != "uk" and written == "uk":
        return "uk"
    return shown


def column(field: str, lang: str) -> str:
    return f"{field}_{lang}"


def lang_column(field: str) -> str:
    return f"{field}_lang"


def columns(field: str) -> tuple[str, ...]:
    """Every column a translatable field adds beside its own."""
    return (lang_column(field), *(column(field, lang) for lang in LANGUAGES))


def add_columns(model: type, fields: Iterable[str]) -> None:
    """Give `model` the columns of its translatable `fields` (see the module docstring);
    each language's column has the type, and so the length limit, of the field's own."""
    # Imported here: the first window reads names through this module (reader_name)
    # before SQLAlchemy is loaded.
    from sqlalchemy import String
    from sqlalchemy.orm import mapped_column

    fields = tuple(fields)
    for field in fields:
        if hasattr(model, lang_column(field)):
            continue
        own = model.__table__.columns[field].type
        setattr(model, lang_column(field), mapped_column(String(2), nullable=True))
        for lang in LANGUAGES:
            if hasattr(model, column(field, lang)):
                continue  # priority areas kept name_uk and name_lt before
            setattr(model, column(field, lang), mapped_column(copy.copy(own), nullable=True))
    model.TRANSLATABLE = fields


def split(key: str) -> tuple[str, str] | None:
    """("title", "lt") for a key naming one language of a field ("title.lt"), or
    ("title", "original"); None for any other key."""
    field, dot, lang = key.rpartition(".")
    if not dot or lang not in (*LANGUAGES, ORIGINAL):
        return None
    return field, lang


def _guess(obj: Any, field: str) -> str:
    """The language the field's text is guessed to be in. A guess never names a
    language that has its own text already (that text is a translation, not a second
    original), unless every language has one."""
    guess = detect(getattr(obj, field))
    free = [lang for lang in LANGUAGES if not getattr(obj, column(field, lang))]
    return guess if guess in free or not free else free[0]


def original(obj: Any, field: str) -> str | None:
    """The language of the field's original text (guessed when not yet stored)."""
    stored = getattr(obj, lang_column(field))
    if stored:
        return stored
    return _guess(obj, field) if getattr(obj, field) else None


def value(obj: Any, field: str, lang: str) -> str | None:
    """The field's text in `lang`, or None where that language is missing."""
    if lang == original(obj, field):
        return getattr(obj, field)
    return getattr(obj, column(field, lang))


def values(obj: Any, field: str) -> dict[str, Any]:
    """{"uk": …, "lt": …, "en": …, "original": "uk"}: how the command line shows it."""
    found: dict[str, Any] = {lang: value(obj, field, lang) for lang in LANGUAGES}
    found[ORIGINAL] = original(obj, field)
    return found


def missing(obj: Any, field: str) -> list[str]:
    """The languages the field has no text in (none when it has no text at all)."""
    if not getattr(obj, field):
        return []
    return [lang for lang in LANGUAGES if not value(obj, field, lang)]


@dataclass(frozen=True)
class Shown:
    """A field's text for a reader of one language: `lang` is None when the text is in
    that language, else the language of the original printed in its place."""

    text: str | None
    lang: str | None = None


def for_reader(obj: Any, field: str, lang: str) -> Shown:
    """The text to print for a reader of `lang`: their language's, or the original
    with its language named, never a silent mix of languages."""
    text = getattr(obj, field)
    if text is None or field not in getattr(type(obj), "TRANSLATABLE", ()):
        return Shown(text)
    own = value(obj, field, lang)
    if own:
        return Shown(own)
    return Shown(text, original(obj, field))


#: Between a text and the language it is written in, where it stands in for another.
TAG_SEPARATOR = " · "


def tagged(shown: Shown) -> str:
    """How a list, a picker or a search result shows a text: "Name · lt" where the
    original stands in for the reader's language (reports tag it the same way)."""
    if shown.text is None:
        return ""
    return shown.text if shown.lang is None else f"{shown.text}{TAG_SEPARATOR}{shown.lang}"


def label_for_reader(obj: Any, lang: str) -> str:
    """A record's name or title as a reader of `lang` sees it in a list, a picker or the
    Conflicts tab; a record named by another it links to (a pledge by its organisation)
    is named as that one is."""
    field = obj.LABEL_FIELD
    if field.endswith("_id"):
        linked = obj.linked_record(field.removesuffix("_id"))
        if linked is not None:
            return label_for_reader(linked, lang)
    if field in getattr(type(obj), "TRANSLATABLE", ()):
        return tagged(for_reader(obj, field, lang))
    # The field itself, not `obj.label`: a contact point has a column of that name.
    return str(getattr(obj, field) or "")


def text_columns(cls: type, field: str, lang: str) -> tuple[Any, ...]:
    """The SQL columns a field is read from for a reader of `lang`: its language's
    text, the original and the original's language where the field is kept in several
    languages, else the field alone (`reader_name` makes the text of them)."""
    if field in getattr(cls, "TRANSLATABLE", ()):
        return (getattr(cls, column(field, lang)), getattr(cls, field),
                getattr(cls, lang_column(field)))
    return (getattr(cls, field),)


def name_columns(cls: type, lang: str) -> tuple[Any, ...]:
    """`text_columns` of a record's name or title."""
    return text_columns(cls, cls.LABEL_FIELD, lang)


def name_sql(cls: type, alias: str, lang: str) -> str:
    """`name_columns` as SQL text about the row called `alias` in a raw query."""
    field = cls.LABEL_FIELD
    if field in getattr(cls, "TRANSLATABLE", ()):
        return f"{alias}.{column(field, lang)}, {alias}.{field}, {alias}.{lang_column(field)}"
    return f"{alias}.{field}"


def reader_name(values: tuple[Any, ...] | list[Any], lang: str) -> str:
    """The text `text_columns` read, as a list or a picker shows it: the reader's
    language's, else the original tagged with its language ("Kaunas · lt"), as
    `tagged(for_reader(…))` gives it from a whole record. Read for every cell of a
    list, so it makes no objects on the way."""
    if len(values) == 1:
        return "" if values[0] is None else str(values[0])
    own, text, stored = values
    if own:
        return own
    if text is None:
        return ""
    written = stored or detect(text)
    return text if written == lang else f"{text}{TAG_SEPARATOR}{written}"


def reader_names(row: tuple[Any, ...], groups: tuple[tuple[Any, ...], ...], lang: str,
                 start: int = 0) -> tuple[list[str], int]:
    """The texts of several `text_columns` read one after the other in `row` from
    `start`, each as `reader_name` gives it, and where the row goes on after them."""
    found = []
    for group in groups:
        found.append(reader_name(row[start:start + len(group)], lang))
        start += len(group)
    return found, start


def in_language(obj: Any, field: str, lang: str) -> str | None:
    """The text for a reader of `lang`, the original where that language is missing."""
    return for_reader(obj, field, lang).text


def from_file(cls: type, values: dict[str, Any]) -> dict[str, Any]:
    """Values as a file row gives them: a translatable field's text (its original) and a
    column per language, the original's language included (export writes them so). The
    language column that repeats the original names the original's language
    (`title.original`) rather than being kept twice; a field given in its languages only
    has the first of them as its original."""
    found = dict(values)
    for field in getattr(cls, "TRANSLATABLE", ()):
        text = found.get(field)
        given = [lang for lang in LANGUAGES if found.get(key_of(field, lang))]
        if not text and given:
            # Only languages: the first is the original, as a form's first text is.
            first = given[0]
            found[field] = found.pop(key_of(field, first))
            found[key_of(field, ORIGINAL)] = first
            continue
        if not text or key_of(field, ORIGINAL) in found:
            continue
        same = [lang for lang in LANGUAGES if found.get(key_of(field, lang)) == text]
        if same:
            found[key_of(field, ORIGINAL)] = same[0]
            for lang in same:
                del found[key_of(field, lang)]
    return found


def key_of(field: str, lang: str) -> str:
    """How forms, the command line and files name one language of a field: title.lt."""
    return f"{field}.{lang}"


def settle(obj: Any) -> None:
    """Keep each translatable field in its one shape (core.records.journal calls it before
    every write): the original's language stored once the field has a translation
    (text in one language only keeps it unstored, guessed when read), and a value
    written to the original's own language column (an import's "title (uk)",
    `--set title.uk=`) taken as the new original text."""
    for field in getattr(type(obj), "TRANSLATABLE", ()):
        lang_key = lang_column(field)
        text = getattr(obj, field)
        if text is None:
            # No original yet (a record made in one language only): the first
            # language given becomes it.
            for lang in LANGUAGES:
                given = getattr(obj, column(field, lang))
                if given:
                    setattr(obj, field, given)
                    setattr(obj, column(field, lang), None)
                    setattr(obj, lang_key, lang)
                    break
            continue
        lang = getattr(obj, lang_key)
        if lang is None:
            free = [other for other in LANGUAGES if not getattr(obj, column(field, other))]
            if len(free) == len(LANGUAGES):
                continue  # text in one language: its language is guessed when read
            # A translation beside it: the original's language is fixed now, so that
            # a later edit of the text cannot make the guess, and the columns, shift.
            # A guess never names a language that has its own text already: that text
            # is a translation, not a second original to write over the first.
            lang = _guess(obj, field)
            setattr(obj, lang_key, lang)
            if lang in free:
                continue
        if lang not in LANGUAGES:
            continue  # refused by core.records.validation, with the field named
        own = getattr(obj, column(field, lang))
        if own is not None:
            setattr(obj, field, own)
            setattr(obj, column(field, lang), None)


def make_original(obj: Any, field: str, lang: str) -> None:
    """Make `lang` the original: its text becomes the field's own and the former
    original moves to its language's column. With no text in `lang`, the original
    text is said to be written in `lang` (a guessed language corrected)."""
    settle(obj)
    current = original(obj, field)
    if lang == current:
        return
    text = getattr(obj, column(field, lang))
    if text:
        setattr(obj, column(field, current), getattr(obj, field))
        setattr(obj, field, text)
        setattr(obj, column(field, lang), None)
    setattr(obj, lang_column(field), lang)
