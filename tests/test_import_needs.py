"""Needs come in from a spreadsheet as staff type it, with no table of their own in
the import: their fields are the registry's."""

from __future__ import annotations

import io
from datetime import date, datetime

from openpyxl import Workbook
from sqlalchemy import select
from support.interchange import import_bytes, exported

from coordinator_app.core.records.models import Need, Organization
from coordinator_app.interchange import fields


def _needs_sheet() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["Потреби громад, березень 2026"])
    sheet.merge_cells("A1:G1")
    sheet.append(["Громада", "Найменування", "Кількість", "Од. виміру", "Пріоритет",
                  "Потрібно до", "Статус"])
    sheet.append(["Харківська міська рада", "Генератор 30 кВт", 40, "шт", "Терміново",
                  datetime(2026, 3, 1), "Відкрито"])
    sheet.append([None] * 7)
    sheet.append(["Сумська міська рада", "Генератор 30 кВт", "1 200", "шт", "high",
                  "15.04.2026", None])
    sheet.append(["Сумська міська рада", "Обігрівач", "12,5", "кВт", "Normal", None,
                  "pledged"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _needs(workspace):
    with workspace.read() as session:
        rows = session.execute(select(Need, Organization.name).join(
            Organization, Organization.id == Need.organization_id)
            .where(Need.deleted_at.is_(None))).all()
        return {(name, need.item): (need.quantity, need.unit, need.priority, need.needed_by,
                                   need.status) for need, name in rows}


def test_a_needs_sheet_makes_needs_of_the_communities_it_names(workspace):
    plan, outcome = import_bytes(workspace, _needs_sheet(), "потреби.xlsx")
    assert plan.kind == "need" and not plan.problems
    assert _needs(workspace) == {
        ("Харківська міська рада", "Генератор 30 кВт"):
            (40.0, "шт", "urgent", date(2026, 3, 1), "open"),
        # The same item for another community is another need.
        ("Сумська міська рада", "Генератор 30 кВт"):
            (1200.0, "шт", "high", date(2026, 4, 15), "open"),
        ("Сумська міська рада", "Обігрівач"): (12.5, "кВт", "normal", None, "pledged"),
    }
    assert outcome.organizations == 2


def test_the_same_needs_sheet_twice_creates_nothing_the_second_time(workspace):
    import_bytes(workspace, _needs_sheet(), "потреби.xlsx")
    plan, outcome = import_bytes(workspace, _needs_sheet(), "потреби.xlsx")
    assert plan.counts()["unchanged"] == 3
    assert outcome.created == 0 and len(_needs(workspace)) == 3


def test_needs_exported_come_back_the_same(demo_workspace, workspace):
    before = _needs(demo_workspace)
    assert before
    import_bytes(workspace, exported(demo_workspace, "needs", "xlsx"), "needs.xlsx")
    assert _needs(workspace) == before


def test_every_kind_with_a_page_has_import_fields_from_the_registry():
    from coordinator_app.core.records import registry

    for spec in registry.TOP_LEVEL:
        keys = {f.key for f in fields.fields_of(spec.name)}
        label = spec.model.LABEL_FIELD
        assert label in keys, spec.name
    need = {f.key: f for f in fields.fields_of("need")}
    assert need["organization"].type == "organization"
    assert need["priority"].type == "choice" and need["needed_by"].type == "date"
    assert need["quantity"].type == "number"
