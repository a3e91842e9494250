"""Amounts in operations: in the minor units Coordinator counted before currencies'
digits came from CLDR (migration 0016), whatever the version that wrote them.

Migration 0016 rescaled the amounts kept in records (1 250 000 HUF: 125000000 became
1250000) but not the operations, which are history that the other laptops and the
office server hold too: a laptop not yet upgraded keeps writing amounts in the former
units, and reads every amount it receives in them. Rescaling operations on one side
would make one operation mean two sums. So operations keep the former units everywhere
(sync_operations, bundles, the office server), and an amount is converted where a
record's value becomes an operation (sync.record) and where an operation's value
becomes a record's (sync.merge, sync.conflicts). A laptop from before 0016 and one
after it exchange bundles and pulls in both directions and show the same sums, and the
operations a copy held before it upgraded keep meaning what they meant, with no change
of format.

An amount is a column whose name ends in `_minor`; its currency is the record's own
`currency`, or that of the record it hangs on by a link to a kind that has one (a
project partner's contribution is in its project's currency). Only the currencies whose
digits 0016 changed are converted.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from coordinator_app.core.records import registry
from coordinator_app.core.records.journal import journaled_columns

#: Each currency whose digits 0016 changed: (digits operations keep, digits records
#: keep). Frozen, as 0016's own table: the units are those of that day.
DIGITS = {
    'AFN': (2, 0), 'ALL': (2, 0), 'BIF': (2, 0), 'COP': (2, 0), 'DJF': (2, 0),
    'GNF': (2, 0), 'HUF': (2, 0), 'IDR': (2, 0), 'IQD': (3, 0), 'IRR': (2, 0),
    'KMF': (2, 0), 'KPW': (2, 0), 'LAK': (2, 0), 'LBP': (2, 0), 'MGA': (2, 0),
    'MMK': (2, 0), 'PYG': (2, 0), 'RWF': (2, 0), 'SOS': (2, 0), 'SYP': (2, 0),
    'UGX': (2, 0), 'VND': (2, 0), 'VUV': (2, 0), 'XAF': (2, 0), 'XOF': (2, 0),
    'XPF': (2, 0), 'YER': (2, 0),
}

#: Records of a batch in hand, by (kind, id): their values where the database has
#: them not yet (created in the same flush) or not as they will be (being merged).
Batch = Mapping[tuple[str, str], Mapping[str, Any]]


@lru_cache(maxsize=None)
def fields(kind: str) -> frozenset[str]:
    """The amounts a kind keeps (none for most)."""
    spec = registry.BY_NAME.get(kind)
    if spec is None:
        return frozenset()
    return frozenset(name for name in journaled_columns(spec.model) if name.endswith("_minor"))


@lru_cache(maxsize=None)
def _currency_from(kind: str) -> tuple[str, str | None] | None:
    """Where a kind's amounts find their currency: ("currency", None) on the record
    itself, (link column, linked kind) on the record it hangs on, or None."""
    model = registry.BY_NAME[kind].model
    columns = model.__table__.columns
    if "currency" in columns:
        return "currency", None
    for column in columns:
        for key in column.foreign_keys:
            for spec in registry.KINDS:
                if spec.model.__table__ is key.column.table and "currency" in key.column.table.c:
                    return column.key, spec.name
    return None


@lru_cache(maxsize=None)
def stored_conversion(kind: str) -> tuple[str, str] | None:
    """(a join, a condition) that find, among stored records `x` of `kind`, those with an
    amount that operations keep in other units (DIGITS), or whose currency is in a record
    not stored (yet): where none is found, each record's operation holds its values as
    they are, and a bulk create is recorded set-wise, with no currency looked up for each
    of its records (a project partner's project). None for a kind with no amount."""
    source = _currency_from(kind) if fields(kind) else None
    if source is None:
        return None
    columns = inspect(registry.BY_NAME[kind].model).columns
    some_amount = " OR ".join(f"x.{columns[name].name} IS NOT NULL"
                              for name in sorted(fields(kind)))
    codes = ", ".join(f"'{code}'" for code in sorted(DIGITS))
    link, linked = source
    if linked is None:
        return "", f"({some_amount}) AND x.{columns[link].name} IN ({codes})"
    table = registry.BY_NAME[linked].model.__tablename__
    own = columns[link].name
    return (f"LEFT JOIN {table} AS l ON l.id = x.{own}",
            f"({some_amount}) AND x.{own} IS NOT NULL AND (l.id IS NULL OR l.currency IN ({codes}))")


def _value(session: Session, kind: str, record_id: str, name: str, batch: Batch | None) -> Any:
    if batch and (kind, record_id) in batch:
        return batch[(kind, record_id)].get(name)
    # The session's own object where it holds one (edited, not yet written), else the
    # database's row; never a flush (the recorder runs inside one).
    with session.no_autoflush:
        obj = session.get(registry.BY_NAME[kind].model, record_id)
    return None if obj is None else getattr(obj, name)


def currency(session: Session, kind: str, record_id: str,
             values: Mapping[str, Any] | None = None, batch: Batch | None = None) -> str | None:
    """The currency of a record's amounts; `values` are the record's own where in hand."""
    found = _currency_from(kind)
    if found is None:
        return None
    column, linked = found
    own = values.get(column) if values is not None else _value(
        session, kind, record_id, column, batch)
    if linked is None or own is None:
        return own
    return currency(session, linked, own, None, batch)


def _factor(code: str | None) -> int:
    before, after = DIGITS.get(code or "", (0, 0))
    return 10 ** (before - after)


def _is_amount(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def to_operation(value: Any, code: str | None) -> Any:
    """A record's amount in `code` as operations keep it."""
    return value * _factor(code) if _is_amount(value) else value


def from_operation(value: Any, code: str | None) -> Any:
    """An operation's amount in `code` as records keep it: rounded to the nearest unit,
    half away from zero, as 0016 rounded the stored ones."""
    factor = _factor(code)
    if factor == 1 or not _is_amount(value):
        return value
    rounded = (abs(value) + factor // 2) // factor
    return rounded if value >= 0 else -rounded


def converted(session: Session, kind: str, record_id: str, values: Mapping[str, Any],
              convert, batch: Batch | None = None) -> Mapping[str, Any]:
    """A record's `values` (all of them, or some with the record's other values in
    `batch` or stored) with each amount among them passed through `convert`
    (`to_operation` or `from_operation`); `values` themselves when none changes."""
    # Most kinds keep no amount, and most records of those that do leave it blank (a
    # project partner's contribution): a first bundle's hundred thousand records ask,
    # and a currency is looked up only where there is an amount to convert (a blank
    # one converts to itself), not for each of 5,000 project partners.
    amounts = [name for name in fields(kind) & values.keys() if _is_amount(values[name])]
    source = _currency_from(kind) if amounts else None
    if source is None:
        return values
    code = currency(session, kind, record_id, values if source[0] in values else None, batch)
    if _factor(code) == 1:
        return values
    return {**values, **{name: convert(values[name], code) for name in amounts}}


def _dependents(kind: str) -> list[tuple[str, str | None]]:
    """The kinds whose amounts take their currency from a record of `kind`: (kind,
    link column), the link None for the record's own amounts."""
    found = []
    for spec in registry.KINDS:
        source = _currency_from(spec.name) if fields(spec.name) else None
        if source == ("currency", None) and spec.name == kind:
            found.append((kind, None))
        elif source is not None and source[1] == kind:
            found.append((spec.name, source[0]))
    return found


def restated(session: Session, kind: str, record_id: str, former: str | None,
             code: str | None) -> list[tuple[str, str, str, Any]]:
    """The amounts to record again when a record's currency changes from `former` to
    `code` and operations count the two in different units: the amount each held in
    operations' units would be read in the new currency as another sum than the record
    keeps. As (kind, record id, field, value in the record's units)."""
    if _factor(former) == _factor(code):
        return []
    found = []
    with session.no_autoflush:
        for dependent, link in _dependents(kind):
            model = registry.BY_NAME[dependent].model
            if link is None:
                held = [session.get(model, record_id)]
            else:
                held = session.scalars(select(model).where(getattr(model, link) == record_id))
            for obj in held:
                for name in sorted(fields(dependent)):
                    if obj is not None and getattr(obj, name) is not None:
                        found.append((dependent, obj.id, name, getattr(obj, name)))
    return found
