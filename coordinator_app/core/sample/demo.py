"""The demo data set and the shared vocabulary of priority areas.

The facts of the first real case come from the news of 11 February 2026: the
memorandum between the Association of Frontline Cities and Communities (head:
Ihor Terekhov, mayor of Kharkiv) and the Association of Local Authorities of
Lithuania (president: Audrius Klišonis, mayor of Plungė), its priority areas,
the heaters and generators delivered during the energy attacks, and the
association's priorities for 2026. The other municipalities' staff, contacts
and projects are invented so that every screen has realistic content; their
phone numbers and addresses are not real.

Dates that a dashboard judges (expiring agreements, overdue commitments,
upcoming meetings) are relative to the day the demo is loaded.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import select

from coordinator_app.core.records.change_labels import Label
from coordinator_app.core.sample.demo_builder import Builder
# The names other code and tests look records up by live with the data.
from coordinator_app.core.sample.demo_data import (
    KHARKIV,
    KLISONIS,
    LT_ASSOCIATION,
    MEMORANDUM_TITLE,
    PLUNGE,
    TEREKHOV,
    UA_ASSOCIATION,
    build,
)
from coordinator_app.core.errors import CoordinatorError
from coordinator_app.core.records.models import Agreement, PriorityArea
from coordinator_app.core.records.service import Edit, Workspace
from coordinator_app.core.records.tombstones import alive
from coordinator_app.i18n import N_, _

__all__ = ["KHARKIV", "KLISONIS", "LT_ASSOCIATION", "MEMORANDUM_TITLE", "PLUNGE",
           "PRIORITY_AREAS", "TEREKHOV", "UA_ASSOCIATION", "ensure_priority_areas",
           "load_demo"]

#: (English, Ukrainian, Lithuanian): the shared vocabulary users start with (DESIGN.md).
PRIORITY_AREAS: tuple[tuple[str, str, str], ...] = (
    ("European integration", "Європейська інтеграція", "Europos integracija"),
    ("Infrastructure recovery", "Відновлення інфраструктури", "Infrastruktūros atkūrimas"),
    ("Energy resilience", "Енергетична стійкість", "Energetinis atsparumas"),
    ("Modern city services", "Сучасні міські сервіси", "Modernios miesto paslaugos"),
    ("Long-term community development", "Довгостроковий розвиток громад",
     "Ilgalaikė bendruomenių plėtra"),
    ("Safety and critical infrastructure", "Безпека людей і захист критичної інфраструктури",
     "Žmonių saugumas ir ypatingos svarbos infrastruktūros apsauga"),
    ("Medicine and rehabilitation", "Медицина та реабілітація", "Medicina ir reabilitacija"),
    ("Internally displaced people", "Внутрішньо переміщені особи",
     "Šalies viduje perkelti asmenys"),
    ("Human potential", "Людський потенціал", "Žmogiškasis potencialas"),
    ("Small and medium business", "Малий і середній бізнес", "Smulkusis ir vidutinis verslas"),
)

def _folded(value: str | None) -> str:
    return (value or "").strip().casefold()


def _area_ids(edit: Edit, *, keep_deleted: bool, counts: Counter[str] | None = None
              ) -> dict[str, str]:
    """English name -> id of each standard area, creating those that are missing.

    An area matches by any of its three names, so one a user has renamed in one
    language is not added twice. With `keep_deleted`, an area the user deleted
    counts as present (it stays deleted); otherwise a live one is made.
    """
    query = select(PriorityArea)
    if not keep_deleted:
        query = query.where(alive(PriorityArea))
    existing = edit.session.scalars(query).all()
    ids: dict[str, str] = {}
    for en, uk, lt in PRIORITY_AREAS:
        names = {_folded(en), _folded(uk), _folded(lt)}
        match = next((a for a in existing
                      if names & {_folded(a.name), _folded(a.name_uk), _folded(a.name_lt)}), None)
        if match is None:
            match = edit.create(PriorityArea, name=en, name_uk=uk, name_lt=lt)
            if counts is not None:
                counts[PriorityArea.KIND] += 1
        ids[en] = match.id
    return ids


def ensure_priority_areas(workspace: Workspace) -> None:
    """Add the standard priority areas that are not there yet; safe to call at every start."""
    with workspace.read() as session:
        present = session.scalars(select(PriorityArea)).all()
        known = {_folded(n) for a in present for n in (a.name, a.name_uk, a.name_lt)}
    if all({_folded(n) for n in names} & known for names in PRIORITY_AREAS):
        return  # nothing to add: no empty change set in the journal
    with workspace.edit(Label(N_("Add the standard priority areas"))) as edit:
        _area_ids(edit, keep_deleted=True)


def load_demo(workspace: Workspace) -> dict[str, int]:
    """Load the demo data set in one edit; returns how many records of each kind it made.

    Raises CoordinatorError if the demo is already loaded (its memorandum exists).
    """
    with workspace.edit(Label(N_("Load the demo data"))) as edit:
        loaded = edit.session.scalar(select(Agreement.id).where(
            Agreement.title == MEMORANDUM_TITLE, alive(Agreement)))
        if loaded is not None:
            raise CoordinatorError(_(
                "The demo data is already loaded in this database. To see it fresh, "
                "load it into a new database file (coordinator --db NEW-FILE demo)."))
        builder = Builder(edit, date.today(), {})
        builder.areas = _area_ids(edit, keep_deleted=False, counts=builder.counts)
        build(builder)
    return dict(builder.counts)
