"""Tombstones: the one way to keep deleted records, and what hangs on them, out of sight.

Deleting stamps `deleted_at` and removes nothing (DESIGN.md, invariant 1). A record
that links others (a participant links an activity and a person, a partnership a
project and an organisation) means nothing once a record it links is deleted, even
when that deletion reached this copy on its own: from another laptop, or before
deleting took such links along. So a link is shown only while it and every record
it links are live; a plain reference (a project's lead, a commitment's owner) shows
as empty while its record is deleted, and comes back with it.

- `live(cls)`: select(cls) of the records that may be shown;
- `alive(entity)`: that condition alone, for any select (aliases too);
- `live_sql(cls, alias)`: the same condition as SQL text, for raw queries;
- `shown(obj)`: a record reached by traversal, or None when it may not be shown;
  the models' collections (an agreement's parties) join on `alive` themselves.

Which columns are links: every required foreign key, and the optional ones a kind
names in `OPTIONAL_LINKS` (models.base). Writing code that must see every record
that is not itself deleted, whatever it links (cascading a deletion, merging
duplicates), asks `alive(entity, links=False)`.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import Column, ColumnElement, Select, and_, exists, inspect, or_, select
from sqlalchemy.orm import Session, object_session

if TYPE_CHECKING:
    # Not imported at run time: the models' own modules import this one, and the
    # models package loads the registry, which needs this module whole.
    from coordinator_app.core.records.models.base import Entity

E = TypeVar("E", bound="Entity")


@cache
def links_of(cls: type[Entity]) -> tuple[tuple[Column, type[Entity]], ...]:
    """(foreign key column, class it points at) of the records `cls` links."""
    found = []
    for column in inspect(cls).columns:
        if not column.foreign_keys:
            continue
        if column.nullable and column.key not in cls.OPTIONAL_LINKS:
            continue
        (key,) = column.foreign_keys
        found.append((column, _class_of(key.column.table.name)))
    return tuple(found)


@cache
def _class_of(table: str) -> type[Entity]:
    from coordinator_app.core.records.models.base import Base

    for mapper in Base.registry.mappers:
        if mapper.local_table.name == table:
            return mapper.class_
    raise LookupError(table)


def alive(entity, *, links: bool = True) -> ColumnElement[bool]:
    """The condition that keeps what may be shown of `entity` (a class or an alias)."""
    if isinstance(entity, type):
        return _alive_class(entity, links)
    return _condition(entity, links)


@cache
def _alive_class(cls: type[Entity], links: bool) -> ColumnElement[bool]:
    # Built once per class: aliasing a table copies all its columns, which costs more
    # than running the query it guards.
    return _condition(cls, links)


def _condition(entity, links: bool) -> ColumnElement[bool]:
    cls = inspect(entity).mapper.class_
    conditions: list[ColumnElement[bool]] = [entity.deleted_at.is_(None)]
    for column, target_cls in (links_of(cls) if links else ()):
        target = target_cls.__table__.alias()
        value = getattr(entity, column.key)
        target_live = exists().where(target.c.id == value, target.c.deleted_at.is_(None))
        conditions.append(or_(value.is_(None), target_live) if column.nullable
                          else target_live)
    return and_(*conditions)


def live(cls: type[E], *where: ColumnElement[bool]) -> Select[tuple[E]]:
    """select(cls) of the records that may be shown, narrowed by `where`."""
    return select(cls).where(alive(cls), *where)


def live_sql(cls: type[Entity], alias: str, known_live: frozenset[str] = frozenset()) -> str:
    """`alive(cls)` as SQL text about the row called `alias` in a raw query; the links
    named in `known_live` go to records the query keeps live already (the record a
    search document is about), so are not looked up again."""
    parts = [f"{alias}.deleted_at IS NULL"]
    for column, target_cls in links_of(cls):
        if column.key in known_live:
            continue
        inner = f"{alias}_{column.key}"
        target_live = (f"EXISTS (SELECT 1 FROM {target_cls.__tablename__} {inner} "
                       f"WHERE {inner}.id = {alias}.{column.key} "
                       f"AND {inner}.deleted_at IS NULL)")
        parts.append(f"({alias}.{column.key} IS NULL OR {target_live})" if column.nullable
                     else target_live)
    return " AND ".join(parts)


def shown(obj: E | None, session: Session | None = None) -> E | None:
    """`obj` if it may be shown (it is live, and so is every record it links), else None;
    its links read in `session`, by default the one that holds it."""
    if obj is None or obj.deleted_at is not None:
        return None
    session = session or object_session(obj)
    if session is None:
        return obj  # detached: what it links can no longer be read
    for column, target_cls in links_of(type(obj)):
        value = getattr(obj, column.key)
        if value is None:
            continue
        target = session.get(target_cls, value)
        if target is None or target.deleted_at is not None:
            return None
    return obj
