"""What the first window reads of the registry, worked out as plain data.

The start paints the dashboard with plain sqlite3 before SQLAlchemy and the models
are imported (they take several times as long to load as the window takes to
appear). What it needs of the kinds' declarations (their tables, which records may
be shown, the columns a name is read from in each language, which record owns
which, the pages' titles) is derived here from the registry and written into
core.records.kind_digest, a module of literals that imports nothing.
`scripts/update_kind_digest.py` rewrites it; tests/test_kind_digest.py fails when
it no longer says what the registry does.

The lists (core.views.listing) read their columns from core.records.list_digest,
written here too: the SQL each column is read and sorted by in each language,
compiled from the registry's SQLAlchemy expressions, so a list is read with plain
SQL and the models are not loaded to show it. It is a module of its own, so that
the first window does not load what only the lists read.
"""

from __future__ import annotations

import pprint
from typing import Any

from coordinator_app.core.records import languages, registry, sort_keys
from coordinator_app.core.records.kind import date_sample, money_sample, shown_as
from coordinator_app.core.records.tombstones import live_sql

#: Stands for the row's alias in the digest's SQL conditions (str.format).
ALIAS = "{a}"
#: Stands for today's date in a list column's SQL (a person's current position):
#: a named parameter the list binds each time it reads.
TODAY = ":today"
SAMPLES = {date_sample: "date", money_sample: "money"}


def _sql(expr: Any, model: type) -> str:
    """`expr`, a column of a list of `model`, as SQL text about the row of its table;
    today's date (current_position.today) becomes the parameter TODAY, every other
    value is written in."""
    from sqlalchemy import literal_column, select
    from sqlalchemy.dialects import sqlite
    from sqlalchemy.sql import visitors

    from coordinator_app.core.records import current_position

    def today_named(element: Any) -> Any:
        if getattr(element, "callable", None) is current_position.today_date:
            return literal_column(TODAY)
        return None

    expr = visitors.replacement_traverse(expr, {}, today_named)
    text = str(select(expr.label("v")).select_from(model).compile(
        dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
    head, tail = "SELECT ", f" AS v \nFROM {model.__tablename__}"
    if not (text.startswith(head) and text.endswith(tail)):
        raise ValueError(f"{model.__tablename__}: a list column compiled to {text!r}")
    return " ".join(text[len(head):-len(tail)].split())


def _nullable(expr: Any) -> bool:
    return getattr(getattr(expr, "expression", expr), "nullable", True)


def _list(spec: Any) -> dict[str, Any]:
    """The list of a top-level kind: each column's header and how it is shown, then
    the SQL of what it reads and, when it may be sorted by, what it sorts by (and
    whether that may be NULL) in each language."""
    model = spec.model
    columns = [{"key": column.key, "title": column.title, "sortable": column.sortable,
                "width": column.width, "sample": SAMPLES.get(column.sample),
                "labels": column.labels, "shown": shown_as(column)}
               for column in spec.columns]
    reads, order = {}, {}
    for lang in languages.LANGUAGES:
        reads[lang] = [[_sql(value, model) for value in column.reads(lang)]
                       for column in spec.columns]
        order[lang] = [[_sql(key, model), _nullable(key)] if column.sortable else None
                       for column in spec.columns
                       for key in (column.order_key(model, lang),)]
    return {"columns": columns, "default_sort": spec.default_sort,
            "default_descending": spec.default_descending, "reads": reads, "order": order}


def _owner_columns(model: type) -> list[str] | None:
    """A child that names its owner's kind in a column (an attachment, a tag link)."""
    columns = model.__table__.columns
    for kind_column, id_column in (("owner_kind", "owner_id"), ("entity_kind", "entity_id")):
        if kind_column in columns and id_column in columns:
            return [kind_column, id_column]
    return None


def _owned_by(model: type) -> list[list[str]]:
    """(owner kind, column) in the order the dashboard's recent changes try them."""
    found = [[owner.name, fk] for owner, fk in registry.owners_of(model)]
    if "organization_id" in model.__table__.columns and \
            ["organization", "organization_id"] not in found:
        found.append(["organization", "organization_id"])
    return found


def _kind(spec: Any) -> dict[str, Any]:
    model = spec.model
    name_columns = {lang: [column.key for column in languages.name_columns(model, lang)]
                    for lang in languages.LANGUAGES}
    order = {lang: sort_keys.order_column(model, lang).key for lang in languages.LANGUAGES} \
        if sort_keys.COLUMN in model.__table__.columns else None
    return {
        "table": model.__tablename__,
        "top_level": spec.top_level,
        "plural_label": spec.plural_label if spec.top_level else None,
        "new_label": spec.new_label if spec.top_level else None,
        # `alive(model)`: the record and every record it links are live.
        "live": live_sql(model, ALIAS),
        "name": name_columns,
        "order": order,
        "owner_columns": None if spec.top_level else _owner_columns(model),
        "owned_by": [] if spec.top_level else _owned_by(model),
        # Its number in the search index (core.search.matching.entry_rows).
        "slot": spec.search.slot if spec.search is not None else None,
    }


def build() -> dict[str, dict[str, Any]]:
    """Every kind by name, in the registry's order (top-level ones first)."""
    return {spec.name: _kind(spec) for spec in registry.KINDS}


def build_lists() -> dict[str, dict[str, Any]]:
    """The list of every top-level kind by name, in the registry's order."""
    return {spec.name: _list(spec) for spec in registry.TOP_LEVEL}


def _module(header: str, name: str, value: Any) -> str:
    body = pprint.pformat(value, width=92, sort_dicts=False)
    return (f'"""{header}"""\n\n'
            "# Written by scripts/update_kind_digest.py from core.records.registry: do not edit.\n"
            f"{name} = {body}\n")


def render() -> str:
    """The text of core/records/kind_digest.py."""
    return _module(_HEADER, "KINDS", build())


def render_lists() -> str:
    """The text of core/records/list_digest.py."""
    return _module(_LISTS_HEADER, "LISTS", build_lists())


#: Each module written here (in core/records) and the function that writes its text.
MODULES = {"kind_digest.py": render, "list_digest.py": render_lists}


_HEADER = ("The kinds' declarations as the first window reads them, without SQLAlchemy.\n\n"
           "Derived from core.records.registry by core.records.digest: each kind's table,\n"
           "whether it has a page (and its title), the SQL condition that keeps what may\n"
           "be shown (`{a}` stands for the row's alias), the columns its name is read from\n"
           "and sorted by in each language, the records that own it, and its number in the\n"
           "search index.\n")
_LISTS_HEADER = ("The lists of the kinds that have a page, as core.views.listing reads them\n"
                 "without SQLAlchemy.\n\n"
                 "Derived from core.records.registry by core.records.digest: each column's key,\n"
                 "title, width and how its values are shown, then the SQL of what it reads and\n"
                 "(when it may be sorted by) of what it sorts by, and whether that may be NULL,\n"
                 "in each language. `:today` is today's date, bound when the list is read.\n")
