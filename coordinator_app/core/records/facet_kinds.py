"""What a facet of a list is, and the kinds of facet a declaration of a kind names
(core.records.registry): a column's closed codes, the values records hold (a
country), links to other records (priority areas), tags, windows of dates counted
from today (expiring, overdue). Each gives its options and the SQL condition of a
choice; core.views.facets gathers a list's facets and applies them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, false, or_, select
from sqlalchemy.orm import Session

from coordinator_app.i18n import N_, _

#: One facet's chosen codes, and a list's: ((facet key, (code, …)), …), hashable.
Chosen = tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class Option:
    code: str
    #: As the person reads it, in the interface's language.
    label: str


@dataclass(frozen=True)
class Facet:
    """One facet of a list: its title, what can be chosen, and the rows a choice keeps."""

    key: str
    title: str  # marked with N_(), translated where shown
    #: The options to offer now (a vocabulary, or the values records hold).
    options: Callable[[Session, type], list[Option]]
    #: The condition keeping rows of the model that have any of the chosen codes, on `today`.
    where: Callable[[type, Sequence[str], date], ColumnElement[bool]]
    #: Dates counted from today: the options are windows, not values.
    dates: bool = False


def _alive(model, *, links: bool = True) -> ColumnElement[bool]:
    from coordinator_app.core.records.tombstones import alive

    return alive(model, links=links)


# -- the kinds of facet a declaration names -----------------------------------------------

def coded(key: str, title: str, column: str, labels: dict[str, str]) -> Facet:
    """The codes of a column with a closed vocabulary (status: Draft, Active…)."""
    def options(_session: Session, _cls) -> list[Option]:
        return [Option(code, _(label)) for code, label in labels.items()]

    def where(cls, codes: Sequence[str], _today: date) -> ColumnElement[bool]:
        return getattr(cls, column).in_([c for c in codes if c in labels])

    return Facet(key, title, options, where)


def held(key: str, title: str, column: str,
         show: Callable[[str], str] = str) -> Facet:
    """The values records hold in a column with no closed list (a country code)."""
    def options(session: Session, cls) -> list[Option]:
        field = getattr(cls, column)
        found = session.scalars(select(field).distinct().where(
            _alive(cls), field.is_not(None), field != "")).all()
        return sorted((Option(value, show(value)) for value in found),
                      key=lambda option: option.label.casefold())

    def where(cls, codes: Sequence[str], _today: date) -> ColumnElement[bool]:
        return getattr(cls, column).in_(list(codes))

    return Facet(key, title, options, where)


def linked(key: str, title: str, link, owner: str, target, target_fk: str,
           label: Callable[[Any], str]) -> Facet:
    """Records linked to chosen records of another kind (an agreement's priority areas):
    `link` is the model of the links, `owner` its column pointing at the listed record."""
    def options(session: Session, _cls) -> list[Option]:
        found = session.scalars(select(target).where(_alive(target))).all()
        return sorted((Option(obj.id, label(obj)) for obj in found),
                      key=lambda option: option.label.casefold())

    def where(cls, codes: Sequence[str], _today: date) -> ColumnElement[bool]:
        return cls.id.in_(select(getattr(link, owner)).where(
            getattr(link, target_fk).in_(list(codes)), _alive(link)))

    return Facet(key, title, options, where)


def tagged() -> Facet:
    """Records carrying any of the chosen tags (every kind can be tagged)."""
    from coordinator_app.core.records.models.directory import Tag, TagLink

    def options(session: Session, cls) -> list[Option]:
        found = session.execute(select(Tag.id, Tag.name).where(_alive(Tag), Tag.id.in_(
            select(TagLink.tag_id).where(TagLink.entity_kind == cls.KIND, _alive(TagLink)))
        )).all()
        return sorted((Option(tag_id, name) for tag_id, name in found),
                      key=lambda option: option.label.casefold())

    def where(cls, codes: Sequence[str], _today: date) -> ColumnElement[bool]:
        return cls.id.in_(select(TagLink.entity_id).where(
            TagLink.entity_kind == cls.KIND, TagLink.tag_id.in_(list(codes)), _alive(TagLink)))

    return Facet("tag", N_("Tag"), options, where)


@dataclass(frozen=True)
class Window:
    """One option of a facet of dates: its code, label and the condition on `today`."""

    code: str
    label: str  # marked with N_()
    condition: Callable[[type, date], ColumnElement[bool]]


def within(column: str, days: int) -> Callable[[type, date], ColumnElement[bool]]:
    """The date falls between today and `days` days from now (both counted)."""
    def condition(cls, today: date) -> ColumnElement[bool]:
        field = getattr(cls, column)
        return and_(field >= today, field <= today + timedelta(days=days))

    return condition


def lately(column: str, days: int) -> Callable[[type, date], ColumnElement[bool]]:
    """The date falls in the `days` days before today."""
    def condition(cls, today: date) -> ColumnElement[bool]:
        field = getattr(cls, column)
        return and_(field >= today - timedelta(days=days), field < today)

    return condition


def passed(column: str, pending: str | None = None,
           codes: Iterable[str] = ()) -> Callable[[type, date], ColumnElement[bool]]:
    """The date is past; with `pending`, only while that column still holds one of
    `codes` (a need still open past the day it was needed by is overdue)."""
    waiting = tuple(codes)

    def condition(cls, today: date) -> ColumnElement[bool]:
        clause = getattr(cls, column) < today
        if pending is not None:
            clause = and_(clause, getattr(cls, pending).in_(waiting))
        return clause

    return condition


def child_passed(child, fk: str, column: str, pending: str,
                 codes: Iterable[str]) -> Callable[[type, date], ColumnElement[bool]]:
    """A record it owns is overdue: an agreement with a commitment past its due date
    and still open, a project with a milestone still planned after its day."""
    waiting = tuple(codes)

    def condition(cls, today: date) -> ColumnElement[bool]:
        return cls.id.in_(select(getattr(child, fk)).where(
            getattr(child, column) < today, getattr(child, pending).in_(waiting),
            _alive(child)))

    return condition


def dates(key: str, title: str, windows: Sequence[Window]) -> Facet:
    """A facet of windows of time counted from today (expiring soon, overdue)."""
    by_code = {window.code: window for window in windows}

    def options(_session: Session, _cls) -> list[Option]:
        return [Option(window.code, _(window.label)) for window in windows]

    def where(cls, codes: Sequence[str], today: date) -> ColumnElement[bool]:
        chosen = [by_code[code].condition(cls, today) for code in codes if code in by_code]
        return or_(*chosen) if chosen else false()

    return Facet(key, title, options, where, dates=True)


def country_name(code: str) -> str:
    """An ISO country code as the country's name in the interface's language."""
    from coordinator_app.core.records.countries import name_of

    return name_of(code)


def normalised(chosen: Iterable[tuple[str, Iterable[str]]]) -> Chosen:
    """Chosen codes in a stable form (sorted, without empty facets), fit for a query."""
    return tuple(sorted((key, tuple(sorted(set(codes)))) for key, codes in chosen
                        if codes))
