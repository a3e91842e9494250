"""What a single edit written past the unit of work does to the search index.

A form saved (core.records.journal.write_update) re-indexed its record at every save,
whatever it changed: its document read and folded, its row looked up, removed and
written again, its names' terms written again, about a sixth of the edit. The fields
each kind's own document reads are derived here from its SQL (`x.<column>` in
core.search.search_index.DOCUMENTS), so an edit of fields no document reads leaves the
index as it is, and one that leaves the record shown and named as it was rewrites its
one row with one statement, its terms only when its title or other names changed.
Anything else (a record deleted, restored or renamed, whose name others' rows show)
is noted for the search index as a flush notes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from coordinator_app.core.records.models import Entity
from coordinator_app.core.records.tombstones import live_sql
from coordinator_app.core.search import search_index
from coordinator_app.core.store.driver import Driver

#: A column of the record itself in a document's SQL (the record is aliased `x`).
_COLUMN = re.compile(r"\bx\.(\w+)\b")


@dataclass(frozen=True)
class Reads:
    """Attributes of a kind read by its own index row: all of them, those that decide
    whether it is shown, and those of its title and other names (its terms, and the
    names other records' rows show)."""

    indexed: frozenset[str]
    shown: frozenset[str]
    named: frozenset[str]


def _top_level(select_list: str) -> list[str]:
    """The expressions of a SELECT list, split at commas outside parentheses (the last
    runs on into FROM and the rest)."""
    parts, depth, start = [], 0, 0
    for at, char in enumerate(select_list):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(select_list[start:at])
            start = at + 1
    parts.append(select_list[start:])
    return parts


@lru_cache(maxsize=None)
def reads(cls: type[Entity]) -> Reads | None:
    """What the index row of a record of `cls` reads of it; None for a kind without
    rows of its own (its records may still show in others' rows: `kept`)."""
    sql = search_index.DOCUMENTS.get(cls.KIND)
    if sql is None:
        return None
    keys = {attr.columns[0].name: attr.key for attr in inspect(cls).column_attrs}

    def attributes(text: str) -> frozenset[str]:
        return frozenset(keys[name] for name in _COLUMN.findall(text) if name in keys)

    # A SearchDocument selects id, title, other names, then the body.
    _id, title, names, *_body = _top_level(sql[len("SELECT "):])
    # A change of what names it (its original language too) reaches others' rows.
    renames = frozenset(search_index.NAME_FIELDS.get(cls.KIND, ()))
    return Reads(indexed=attributes(sql) | renames, shown=attributes(live_sql(cls, "x")),
                 named=attributes(title) | attributes(names) | renames)


def kept(session: Session, obj: Entity, written: list[str]) -> bool:
    """Bring the index up to date with `written`, the columns of `obj` (a loaded record)
    just written past the unit of work, where it can be done here: True when nothing
    is left for the search index's own hook to note (core.store.session_hooks)."""
    found = reads(type(obj))
    if found is None or found.indexed.isdisjoint(written):
        # Not indexed itself, or a field no row reads: a parent's row (a contact's
        # person) is the hook's to note, and an unread field needs nothing.
        return found is not None
    if not found.shown.isdisjoint(written):
        return False  # shown or hidden now: its row and key come or go
    named = not found.named.isdisjoint(written)
    if named and obj.KIND in search_index.DEPENDENTS:
        return False  # others' rows show its name
    return search_index.write_row(Driver.of(session), obj.KIND, obj.id, named=named)
