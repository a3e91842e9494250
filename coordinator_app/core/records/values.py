"""Values given to a record, turned into its columns: text from a form, the command
line or a file coerced to each column's type, the columns' defaults, one language
of a translatable field, and new records filled for the bulk path (Edit.create_many).
Nothing here writes: core.records.service does, through the journal.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, datetime
from functools import lru_cache
from typing import Any, TypeVar

from sqlalchemy import inspect
from sqlalchemy.orm.instrumentation import manager_of_class

from coordinator_app.core.errors import ValidationError
from coordinator_app.core.records import journal, languages
from coordinator_app.core.records.ids import ordered_id
from coordinator_app.core.records.models import Entity
from coordinator_app.i18n import _

E = TypeVar("E", bound=Entity)

#: Columns no edit sets by hand: the journal hooks and delete/restore own them.
PROTECTED = frozenset({"id", "created_at", "updated_at", "device_id", "deleted_at",
                       "merged_into"})


@lru_cache(maxsize=None)
def _settable(cls: type[Entity]) -> dict[str, type]:
    """The columns an edit may set, with the Python type of each (asked once a kind)."""
    return {column.key: column.type.python_type for column in inspect(cls).columns
            if column.key not in PROTECTED}


@lru_cache(maxsize=None)
def _defaults(cls: type[Entity]) -> tuple[tuple[str, Any], ...]:
    return tuple((column.key, column.default.arg) for column in inspect(cls).columns
                 if column.key not in PROTECTED and column.default is not None
                 and column.default.is_scalar)


def column_defaults(cls: type[Entity]) -> tuple[tuple[str, Any], ...]:
    """(column, default) of each column of a kind that an edit fills when left empty."""
    return _defaults(cls)


def coerce(cls: type[Entity], field: str, value: Any) -> Any:
    """Turn text from a form, the command line or a file into the column's type."""
    python_type = _settable(cls).get(field)
    if python_type is None:
        raise ValidationError(_("no such field"), entity=cls.KIND, field=field)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if type(value) is python_type:
        return value  # of the column's type already (the bulk path's usual case)
    try:
        if python_type is date and isinstance(value, str):
            return date.fromisoformat(value.strip())
        if python_type is date and isinstance(value, datetime):
            return value.date()
        if python_type is date and not isinstance(value, date):
            raise ValueError(value)
        if python_type is str and not isinstance(value, str):
            return str(value)
        if python_type in (int, float) and isinstance(value, bool):
            raise ValueError(value)  # True is an int to Python, not a quantity to a person
        if python_type is int and not isinstance(value, int):
            return int(str(value).strip())
        if python_type is float and not isinstance(value, float):
            number = float(str(value).strip().replace(",", "."))
            if not math.isfinite(number):
                raise ValueError(value)  # "inf", "nan", "1e400": say what was typed
            return number
    except ValueError:
        message = {
            date: _("“{value}” is not a date (YYYY-MM-DD)"),
            int: _("“{value}” is not a whole number"),
            float: _("“{value}” is not a number"),
        }[python_type]
        raise ValidationError(message.format(value=value), entity=cls.KIND, field=field) from None
    return value


def apply_defaults(obj: Entity) -> None:
    """Fill the columns left empty with their defaults, as an INSERT through the
    session would (it leaves out None, so the column's default applies)."""
    # Rules and the journal see a record before its INSERT, so they need them now.
    for key, default in _defaults(type(obj)):
        if getattr(obj, key) is None:
            setattr(obj, key, default)


@lru_cache(maxsize=None)
def _blank(cls: type[Entity]) -> dict[str, Any]:
    """Every column of a kind empty: what a new record reads before it is given values."""
    return {attr.key: None for attr in inspect(cls).column_attrs}


def blank(cls: type[E]) -> E:
    """A new record of `cls` with every column empty, made without the ORM's
    constructor and attribute events: for records the bulk path writes past the unit
    of work (insert_records), which fills their columns in their dict."""
    obj = manager_of_class(cls).new_instance()
    obj.__dict__.update(_blank(cls))
    return obj


def filled(cls: type[E], values: Mapping[str, Any]) -> E:
    """A new record of `cls` holding `values` (column keys, in Python's types) as they
    are, and the defaults of the columns left empty: `blank`, the values, then
    `apply_defaults`, written in its dict as `draft` does (nothing of it is flushed).
    Sync's first bundle makes hundreds of thousands."""
    obj = manager_of_class(cls).new_instance()
    data = obj.__dict__
    data.update(_blank(cls))
    data.update(values)
    for key, default in _defaults(cls):
        if data[key] is None:
            data[key] = default
    return obj


def draft(cls: type[E], values: Mapping[str, Any]) -> E:
    """A new record of `cls` with `values` (as `create` takes them) and the defaults,
    for the bulk path: its columns are filled in its dict, not through the ORM's
    attribute events, as nothing of it will be flushed (insert_records writes it)."""
    obj = blank(cls)
    settable = _settable(cls)
    data = obj.__dict__
    named = {}
    for key, value in values.items():
        if key == "id":
            continue
        if key not in settable and languages.split(key) is not None:
            named[key] = value
        else:
            data[key] = coerce(cls, key, value)
    data["id"] = values.get("id") or ordered_id()
    if named:
        assign(obj, named)  # one language of a field: set as an edit sets it
    for key, default in _defaults(cls):
        if data[key] is None:
            data[key] = default
    return obj


def assign(obj: Entity, values: dict[str, Any]) -> None:
    """Set `values` on `obj`: a column by its name, one language of a translatable
    field as `title.lt`, and which language is the original as `title.original`
    (applied after the languages given with it, so that one edit can add a
    Lithuanian title and make it the original)."""
    cls = type(obj)
    originals = []
    for key, value in values.items():
        named = languages.split(key)
        if named is None:
            setattr(obj, key, coerce(cls, key, value))
            continue
        field, lang = named
        if field not in cls.TRANSLATABLE:
            raise ValidationError(_("no such field"), entity=cls.KIND, field=key)
        if lang == languages.ORIGINAL:
            originals.append((field, key, value))
        else:
            # The original's own language is the field itself (core.records.languages).
            column = (field if getattr(obj, languages.lang_column(field)) == lang
                      else languages.column(field, lang))
            setattr(obj, column, coerce(cls, column, value))
    if not originals:
        return
    journal.normalise(obj)
    for field, key, value in originals:
        lang = str(value or "").strip().lower()
        if lang not in languages.LANGUAGES:
            raise ValidationError(
                _("“{value}” is not a language of the records; choose one of: {languages}")
                .format(value=value, languages=", ".join(languages.LANGUAGES)),
                entity=cls.KIND, field=key)
        languages.make_original(obj, field, lang)
