"""Field values given by name as text (`--set party=Plungė`, a row of an import),
turned into the columns of a kind: a relation by the referred record's id or name.

The values still go through the service layer (coercion, validation, journal), so
they are refused with the same messages as in the app.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from coordinator_app.core.records import registry
from coordinator_app.core.views import records
from coordinator_app.core.errors import NotFound, ValidationError
from coordinator_app.core.records.models import Entity
from coordinator_app.i18n import _


def parse_pairs(pairs: list[str]) -> list[tuple[str, str]]:
    """FIELD=VALUE texts as (field, value); an empty value clears the field."""
    parsed = []
    for pair in pairs:
        field, sep, value = pair.partition("=")
        if not sep or not field.strip():
            raise ValidationError(_("“{pair}” is not FIELD=VALUE").format(pair=pair))
        parsed.append((field.strip(), value))
    return parsed


def _referred(cls: type[Entity], column: str) -> type[Entity] | None:
    columns = inspect(cls).columns
    if column not in columns:
        return None
    for key in columns[column].foreign_keys:
        for model in registry.MODELS:
            if model.__table__ is key.column.table:
                return model
    return None


def column_values(session: Session, cls: type[Entity],
                  pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """{column: value} for `pairs`: `party` or `party_id` given an id or a name sets
    `party_id` to the live record it names; everything else passes as typed."""
    values: dict[str, Any] = {}
    for field, value in pairs:
        column = field if field.endswith("_id") or _referred(cls, f"{field}_id") is None \
            else f"{field}_id"
        target = _referred(cls, column)
        if target is not None and value.strip():
            try:
                value = records.resolve(session, target, value).id
            except NotFound as exc:
                raise ValidationError(str(exc), entity=cls.KIND, field=field) from None
        values[column] = value
    return values
