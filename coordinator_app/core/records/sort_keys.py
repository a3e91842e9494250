"""The stored keys lists sort names and titles by, one per language a list is read in.

SQLite's index knows byte order only, so a list's alphabetical order is a key stored
and indexed beside the name (core.text.collation): `sort_key`, of the text as written.
A kind whose name is kept in several languages (an organisation's name, an
agreement's title: core.records.languages) is listed in the interface language, the
original where that language is missing, and sorted by what it shows; so it keeps
`sort_key_uk`, `sort_key_lt` and `sort_key_en` too, each the key of the text a
reader of that language sees, and each list is read from an index in every language.

The keys are derived data: core.records.journal writes them with every change (they
are never journaled or synced), and core.store.derived rebuilds them when stale.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from sqlalchemy import Text
from sqlalchemy.orm import mapped_column

from coordinator_app.core.records import languages
from coordinator_app.core.text.collation import sort_key

#: The key of the text as written (every kind with an alphabetical list has it).
COLUMN = "sort_key"


def column(lang: str) -> str:
    """The key of the text a reader of `lang` sees."""
    return f"{COLUMN}_{lang}"


#: Every column of sort keys, none of them part of a record.
DERIVED = frozenset({COLUMN, *(column(lang) for lang in languages.LANGUAGES)})


def per_language(cls: type) -> bool:
    """Whether the kind's name is kept in several languages and so sorted per language."""
    return (COLUMN in cls.__table__.columns
            and cls.LABEL_FIELD in getattr(cls, "TRANSLATABLE", ()))


def add_columns(cls: type) -> None:
    """Give a kind whose name is translatable its keys per language (core.records.registry
    calls it once its translatable fields are declared)."""
    if not per_language(cls):
        return
    for lang in languages.LANGUAGES:
        if not hasattr(cls, column(lang)):
            setattr(cls, column(lang), mapped_column(
                Text, default="", server_default="", nullable=False, index=True))


def keys(cls: type, get: Callable[[str], Any]) -> dict[str, str]:
    """Each sort key of a record whose columns `get` reads: the original text's, and
    per language the key of that language's text, else of the original's (what the
    list shows a reader of that language). The original's own language column is
    always empty (core.records.languages), so it falls back to the original too."""
    label = get(cls.LABEL_FIELD)
    found = {COLUMN: sort_key(str(label or ""))}
    if per_language(cls):
        for lang in languages.LANGUAGES:
            own = get(languages.column(cls.LABEL_FIELD, lang))
            found[column(lang)] = sort_key(own) if own else found[COLUMN]
    return found


@lru_cache(maxsize=None)
def sources(cls: type) -> frozenset[str]:
    """The columns a kind's sort keys are worked out from (what `keys` reads)."""
    found = {cls.LABEL_FIELD}
    if per_language(cls):
        found.update(languages.column(cls.LABEL_FIELD, lang) for lang in languages.LANGUAGES)
    return frozenset(found)


def order_column(cls: type, lang: str) -> Any:
    """The column a list of `cls` shown in `lang` sorts its names by."""
    return getattr(cls, column(lang) if per_language(cls) else COLUMN)
