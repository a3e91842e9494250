"""Export then import into an empty database gives the same records (CSV, XLSX, vCard)."""

from __future__ import annotations

import pytest
from support.interchange import exported, import_bytes, organizations, people

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
