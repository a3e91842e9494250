"""Typed text as FTS5 MATCH text, and the condition that keeps the records of a kind
the index finds for it: what search, the list filters and the duplicate finder
share, as plain SQL (no SQLAlchemy, no models), so a list is filtered without them.

Index rows are numbered rowid * SLOTS + slot: each kind's rows apart, and the
record's row read back from the number (`entry_rows`); a kind's slot is declared
with its search document (core.records.kind.SearchDocument) and read here from the
registry's digest.
"""

from __future__ import annotations

from coordinator_app.core.records.kind_digest import KINDS
from coordinator_app.core.text.folding import query_words

#: A single word this short matches only the beginning of names and titles, unranked:
#: ranking every record that has a word starting with "k" is work nobody looks at.
SHORT = 2
SLOTS = 16


def _phrase(forms: list[str], star: str) -> str:
    alternatives = " OR ".join(f'"{form}"{star}' for form in forms)
    return f"({alternatives})" if len(forms) > 1 else alternatives


def match_expression(text: str, *, columns: str = "title names body",
                     prefix: bool = True) -> str | None:
    """The FTS5 MATCH text for typed `text` (each word a prefix, or whole), or None
    when it has no words."""
    terms = query_words(text)
    if not terms:
        return None
    star = "*" if prefix else ""
    return "{%s} : (%s)" % (columns, " AND ".join(_phrase(forms, star) for forms in terms))


def is_short(text: str) -> bool:
    terms = query_words(text)
    return len(terms) == 1 and len(terms[0][0]) <= SHORT


def entry_rows(kind: str, entries: str) -> tuple[str, str]:
    """(the row numbers in its table, the condition keeping `kind`) of index `entries`
    (SQL naming the index's rowid), for a query that reads matches straight into rows."""
    return f"{entries} / {SLOTS}", f"{entries} % {SLOTS} = {KINDS[kind]['slot']}"


def filter_sql(kind: str, text: str, parameter: str = "search_match") -> tuple[str, str] | None:
    """The WHERE condition keeping the records of `kind` that `text` finds (as search
    does), with the MATCH text to bind to `:parameter`; None when `text` has no words.

    It is a `rowid IN (index lookup)`, so the list it filters can still sort and page
    in SQL. Each match's number in the index says its kind and its row, so the rows
    are read from the matches alone: looking each match up by its key and then its
    UUID cost a list filtered by a few letters most of its time. The kind is a
    condition on that number, not on the index's kind column, which would make FTS5
    read the longest list it has."""
    expression = match_expression(text, columns="title" if is_short(text) else
                                  "title names body")
    if expression is None:
        return None
    rows, of_kind = entry_rows(kind, "search_index.rowid")
    return (f"{KINDS[kind]['table']}.rowid IN (SELECT {rows} FROM search_index "
            f"WHERE search_index MATCH :{parameter} AND {of_kind})"), expression
