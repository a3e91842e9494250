"""What one declaration of a kind of record says (core.records.registry holds the declarations).

A `KindSpec` names a model and everything the rest of the app derives from it:
the command line's names, the labels people read, the records it owns, the
columns of its list, its search document and subtitle, and its editor (by name:
the core never imports Qt, and the UI looks the editor up). Kinds that only live
inside another record (a contact point, a commitment) declare little more than
their model and their owner.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from coordinator_app.core.records import languages, units
from coordinator_app.i18n import _

if TYPE_CHECKING:
    # Only named: the lists read this module through the registry's digest, without
    # SQLAlchemy (core.views.listing).
    from sqlalchemy import ColumnElement


def show_text(value: Any) -> str:
    return "" if value is None else str(value)


def show_date(value: Any) -> str:
    if value is None:
        return ""
    from coordinator_app.core.text.formatting import format_date, format_datetime

    if isinstance(value, str):
        # As plain SQL reads it: SQLite keeps a date as ISO text.
        value = datetime.fromisoformat(value) if len(value) > 10 else date.fromisoformat(value)
    return format_datetime(value) if isinstance(value, datetime) else format_date(value)


def show_label(labels: dict[str, str]) -> Callable[[Any], str]:
    """A stored code shown as its translated label (unknown codes as they are)."""
    def show(value: Any) -> str:
        if value is None:
            return ""
        return _(labels[value]) if value in labels else str(value)

    return show


def show_money(row_values: Sequence[Any]) -> str:
    minor, currency = row_values
    if minor is None:
        return ""
    from coordinator_app.core.text.formatting import format_money

    return format_money(minor, currency or "EUR")


def show_amount(row_values: Sequence[Any]) -> str:
    """A quantity with its unit in the interface language: "40 pcs", "40 шт."."""
    quantity, unit = row_values
    if quantity is None:
        return ""
    from coordinator_app.core.text.formatting import format_number

    return f"{format_number(quantity)} {units.label(unit)}".strip()


def date_sample() -> str:
    return show_date(date(2026, 9, 28))


def money_sample() -> str:
    return show_money((1_250_000_00, "EUR"))


@dataclass(frozen=True)
class Column:
    """One column of a list: its header, the SQL that reads it, and how it is shown."""

    key: str
    title: str  # marked with N_(), translated where shown
    expr: ColumnElement[Any]
    show: Callable[[Any], str] = show_text
    #: Sorting by this column is offered (it is indexed, or the table stays small).
    sortable: bool = True
    #: Extra SQL values the column needs to be shown (money needs its currency).
    extra: tuple[ColumnElement[Any], ...] = ()
    combine: Callable[[Sequence[Any]], str] | None = None
    #: Relative width on screen (characters, roughly): set once, never measured from rows.
    width: int = 20
    #: A typical value, to keep the column wide enough for it (dates, sums of money).
    sample: Callable[[], str] | None = None
    #: A stored, indexed column to order by instead of `expr` (names sort by their
    #: collation key, so "Є" comes after "Е" and "Č" after "C").
    sort_by: str | None = None
    #: The codes the column stores and the labels it shows for them (marked with N_()):
    #: shown translated, and found by the list filter as they read (core.views.list_filter).
    labels: dict[str, str] | None = None
    #: For text kept in several languages: the SQL reading, for a reader of a language,
    #: (that language's text, the original text, the original's stored language); the
    #: list shows the reader's text, else the original tagged with its language
    #: (core.records.languages.reader_name).
    translated: Callable[[str], tuple[ColumnElement[Any], ...]] | None = None

    def order_key(self, cls, lang: str) -> ColumnElement[Any]:
        """What the list sorts by: the stored key of what a reader of `lang` sees
        where the table keeps one per language (core.records.sort_keys)."""
        if self.sort_by is not None and hasattr(cls, self.sort_by):
            if self.translated is not None and hasattr(cls, f"{self.sort_by}_{lang}"):
                return getattr(cls, f"{self.sort_by}_{lang}")
            return getattr(cls, self.sort_by)
        return self.expr

    def reads(self, lang: str) -> tuple[ColumnElement[Any], ...]:
        """The SQL values the column is shown from, for a reader of `lang`."""
        if self.translated is not None:
            return self.translated(lang)
        return (self.expr, *self.extra)


#: How a list's cell is shown from the values its column reads, by name: the lists
#: read the name from the registry's digest (core.records.digest), not the function.
SHOWN: dict[str, Callable[[Sequence[Any]], str]] = {
    "text": lambda values: show_text(values[0]),
    "date": lambda values: show_date(values[0]),
    "money": show_money,
    "amount": show_amount,
}


def shown_as(column: Column) -> str:
    """The name of how `column` is shown: "translated", "label", or one of SHOWN."""
    if column.translated is not None:
        return "translated"
    if column.combine is not None:
        found = [name for name, show in SHOWN.items() if show is column.combine]
    elif column.labels is not None:
        return "label"
    else:
        found = {show_text: ["text"], show_date: ["date"]}.get(column.show, [])
    if not found:
        raise ValueError(f"column {column.key}: shown by a function SHOWN does not name")
    return found[0]


def show_cell(how: str, values: Sequence[Any], lang: str | None,
              labels: dict[str, str] | None = None) -> str:
    """A list's cell: the `values` its column reads, shown as `how` (shown_as) says."""
    if how == "translated":
        return languages.reader_name(values, lang) if lang is not None else show_text(values[0])
    if how == "label":
        return show_label(labels or {})(values[0])
    return SHOWN[how](values)


@dataclass(frozen=True)
class Related:
    """Records shown with another in `coordinator show`: the live `model` rows whose
    `fk` is the record's id. `fields` maps each output key to a column (a column ending
    in `_id` shows the referred record's name); with one unnamed field (key ""), each
    row is just that name, the first of `alternatives` that is set."""

    key: str
    model: type
    fk: str
    fields: tuple[tuple[str, str], ...]
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True)
class SearchDocument:
    """How the search index reads a kind: `sql` selects id, title, names, then any
    text for the body, over live records aliased `x` ({tags} and {contact} are filled
    in by core.search.search_index). Each table alias it reads is kept to what may be shown
    by a {live_ALIAS} condition, for the model `aliases` gives it (core.records.tombstones).
    `names_of` lists, per kind whose names the document shows, the SQL giving the ids
    of this kind's records that show the names of the records with ids {ids}:
    renaming, deleting or restoring one re-indexes these. `slot` is the kind's own
    number in the index (1 to 15, never reused): a record's index row is numbered
    from its row in its table and this slot (core.search.search_index)."""

    sql: str
    aliases: dict[str, type]
    slot: int
    names_of: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Subtitle:
    """The second line of a search hit: `sql` selects (id, title, ...) for the ids
    {ids}; `parts(row, lang)` picks the pieces shown, joined by " · ", for a reader of
    `lang`. Another record it names is kept to what may be shown by {live_ALIAS}, and
    its name is read by {name_ALIAS} (the columns core.records.languages.reader_name
    makes the reader's text of), for the model `aliases` gives."""

    sql: str
    parts: Callable[[tuple, str], Sequence[Any]]
    aliases: dict[str, type] | None = None


@dataclass(frozen=True)
class KindSpec:
    model: type
    #: The command line's name (plural, DESIGN.md) and other spellings people type.
    plural: str | None = None
    aliases: tuple[str, ...] = ()
    #: Labels, marked with N_(): "Organisation", "Organisations", "New organisation".
    label: str | None = None
    plural_label: str | None = None
    new_label: str | None = None
    #: A picker may add one by name alone, offering this ("Add a new organisation “{name}”").
    add_label: str | None = None
    #: Records that belong to this one and go (and come back) with it: (model, fk).
    owned: tuple[tuple[type, str], ...] = ()
    #: The list on its page.
    columns: tuple[Column, ...] = ()
    default_sort: int = 0
    default_descending: bool = False
    search: SearchDocument | None = None
    subtitle: Subtitle | None = None
    #: What `show` prints beside the record's own fields: ("parent", "parent_id") names
    #: one referred record; Related lists records around it.
    refers: tuple[tuple[str, str], ...] = ()
    related: tuple[Related, ...] = ()
    #: The module under coordinator_app.ui.editors whose EDITOR edits this kind.
    editor: str | None = None
    #: Duplicates of it can be found and merged (people, organisations).
    mergeable: bool = False
    #: Facets of its list beyond those its columns of codes give and tags (core.facets).
    facets: tuple[Any, ...] = ()
    #: Text fields kept in Ukrainian, Lithuanian and English, one language marked as
    #: the original (core.records.languages adds their columns to the model).
    translatable: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.model.KIND

    @property
    def top_level(self) -> bool:
        """It has its own page and list; every other kind opens the record it belongs to."""
        return self.plural is not None

    @property
    def creatable(self) -> bool:
        return self.add_label is not None
