"""Export then import into an empty database gives the same records (CSV, XLSX, vCard)."""

from __future__ import annotations

import pytest
from support.interchange import exported, import_bytes, organizations, people, translated

from coordinator_app.core.store.db import open_database
from coordinator_app.core.records.service import Workspace


@pytest.fixture
def empty(tmp_path):
    db = open_database(tmp_path / "empty.sqlite3")
    yield Workspace(db)
    db.close()


@pytest.mark.parametrize("fmt, name", [("csv", "people.csv"), ("xlsx", "people.xlsx"),
                                       ("vcf", "people.vcf")])
def test_people_come_back_the_same(demo_workspace, empty, fmt, name):
    data = exported(demo_workspace, "people", fmt)
    plan, outcome = import_bytes(empty, data, name)
    assert not plan.problems
    before, after = people(demo_workspace), people(empty)
    assert set(after) == set(before)
    for name_, record in before.items():
        back = dict(after[name_])
        if fmt == "vcf":
            # A vCard holds one organisation and title: one of the current positions.
            held = back.pop("positions")
            assert len(held) == min(1, len(record["positions"]))
            assert set(held) <= set(record.pop("positions")), name_
        assert back == record, name_


@pytest.mark.parametrize("fmt, name", [("csv", "organizations.csv"),
                                       ("xlsx", "organizations.xlsx")])
def test_organisations_come_back_the_same(demo_workspace, empty, fmt, name):
    data = exported(demo_workspace, "organizations", fmt)
    plan, _outcome = import_bytes(empty, data, name)
    assert not plan.problems
    assert organizations(empty) == organizations(demo_workspace)


def test_a_filtered_list_exports_only_what_the_filter_finds(demo_workspace):
    data = exported(demo_workspace, "people", "csv", text="klisonis").decode("utf-8-sig")
    lines = data.strip().splitlines()
    assert lines[0].startswith("Full name,") and len(lines) >= 2
    assert "Klišonis" in data and "Терехов" not in data


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("kind, word", [("agreement", "agreements"), ("project", "projects")])
def test_every_language_of_a_record_comes_back_with_its_original(demo_workspace, empty, fmt,
                                                                  kind, word):
    data = exported(demo_workspace, word, fmt)
    plan, _outcome = import_bytes(empty, data, f"{word}.{fmt}")
    assert not plan.problems
    before = translated(demo_workspace, kind)
    assert translated(empty, kind) == before
    assert all(values["title"]["lt"] and values["title"]["uk"] for values in before.values())


def test_export_writes_one_column_per_language_headed_in_the_interface_language(
        demo_workspace):
    from coordinator_app import i18n

    i18n.set_language("uk")
    text = exported(demo_workspace, "agreements", "csv").decode("utf-8-sig")
    header = text.splitlines()[0].split(",")
    assert header[0] == "Назва"
    first = header.index("Назва (uk)")
    assert header[first:first + 3] == ["Назва (uk)", "Назва (lt)", "Назва (en)"]
    assert "Bendradarbiavimo memorandumas" not in text
    assert "Pafrontės miestų ir bendruomenių asociacijos ir Lietuvos savivaldybių " \
           "asociacijos bendradarbiavimo memorandumas" in text


def test_language_columns_are_found_by_the_headers_people_write(empty, tmp_path):
    from support.interchange import import_file

    sheet = tmp_path / "agreements.csv"
    sheet.write_text(
        "Title (Lithuanian),Назва (українська),Title EN\n"
        "Plungės ir Charkivo sutartis,Угода Плунге – Харків,Plungė – Kharkiv agreement\n",
        encoding="utf-8")
    plan, _outcome = import_file(empty, sheet, kind="agreement")
    assert not plan.problems
    (values,) = translated(empty, "agreement").values()
    assert values["title"] == {"uk": "Угода Плунге – Харків", "lt": "Plungės ir Charkivo sutartis",
                               "en": "Plungė – Kharkiv agreement", "original": "uk"}


def test_importing_a_changed_language_column_changes_that_language_alone(demo_workspace):
    data = exported(demo_workspace, "agreements", "csv").decode("utf-8-sig")
    old_lt = ("Pafrontės miestų ir bendruomenių asociacijos ir Lietuvos savivaldybių "
              "asociacijos bendradarbiavimo memorandumas")
    assert data.count(old_lt) == 1
    before = translated(demo_workspace, "agreement")
    plan, outcome = import_bytes(demo_workspace, data.replace(
        old_lt, "Bendradarbiavimo memorandumas").encode("utf-8-sig"), "agreements.csv")
    assert not plan.problems and outcome.updated == 1
    after = translated(demo_workspace, "agreement")
    (title,) = [name for name, values in before.items() if values["title"]["lt"] == old_lt]
    assert after[title]["title"] == {**before[title]["title"],
                                     "lt": "Bendradarbiavimo memorandumas"}
    assert {name: values for name, values in after.items() if name != title} == {
        name: values for name, values in before.items() if name != title}
