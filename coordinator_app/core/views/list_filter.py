"""The text filter of a list: each typed word must be found in the record, either by
the search index (names, notes…) or in a label the list shows for a stored code
(a status shown as "Active", a kind shown as "Municipality / community").

Labels are matched as they read in the interface's language, because that is
what the person filtering sees: "active" found nothing while three rows said
Active, and "Municipality" found only the councils with the word in their name.
The labels are a few dozen strings, matched here; the rows are filtered in SQL
by the codes they stand for, so a list of 100,000 is never read into Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from coordinator_app.core.search.matching import filter_sql
from coordinator_app.core.text.folding import APOSTROPHES, has_cyrillic, query_words, to_latin
from coordinator_app.core.text.folding import fold, words
from coordinator_app.i18n import _

#: (the SQL of the stored column, its codes and their labels marked with N_()).
Coded = tuple[str, dict[str, str]]

_DROP = str.maketrans("", "", APOSTROPHES)


def _label_words(label: str) -> list[str]:
    found = words(fold(label))
    if has_cyrillic(label):
        found += words(to_latin(label))
    return found


def codes_shown_as(labels: dict[str, str], forms: Sequence[str]) -> list[str]:
    """The codes whose label, in the interface's language, has a word beginning with
    one of `forms` (the folded forms of one typed word)."""
    return [code for code, label in labels.items()
            if any(word.startswith(form) for word in _label_words(_(label)) for form in forms)]


def list_filter(kind: str, text: str,
                coded: Sequence[Coded] = ()) -> tuple[str, dict[str, Any]]:
    """The WHERE condition (plain SQL, with its named parameters) of a list of `kind`
    filtered by `text`; see the module docstring. Words no label has go to the index
    together, as search sends them."""
    typed = words(text.translate(_DROP))
    parameters: dict[str, Any] = {}

    def found(words_typed: str) -> str:
        name = f"filter_match_{len(parameters)}"
        matched = filter_sql(kind, words_typed, name)
        if matched is None:
            return "1 = 1"
        parameters[name] = matched[1]
        return matched[0]

    def among(column: str, codes: list[str]) -> str:
        names = []
        for code in codes:
            names.append(f":filter_code_{len(parameters)}")
            parameters[names[-1][1:]] = code
        return f"{column} IN ({', '.join(names)})"

    plain: list[str] = []
    either: list[str] = []
    for word in typed:
        forms = [form for group in query_words(word) for form in group]
        shown = [among(column, codes) for column, labels in coded
                 if (codes := codes_shown_as(labels, forms))]
        if shown:
            either.append(f"({' OR '.join([found(word), *shown])})")
        else:
            plain.append(word)
    conditions = [found(" ".join(plain))] if plain else []
    return " AND ".join([*conditions, *either]) or "1 = 1", parameters
