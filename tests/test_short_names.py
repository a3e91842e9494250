"""Names of one or two letters ("EU", "UN", "Bo Li", "A1") are saved and found like any
other, in every kind of record: by search, by a list's filter and by the command line."""

from __future__ import annotations

import json

import pytest

from coordinator_app.cli import main
from coordinator_app.core.views import listing
from coordinator_app.core.records.registry import model
from coordinator_app.core.search.query import SEARCHABLE, search

SHORT_NAMES = ["EU", "Bo Li", "A1", "X"]


def create_named(workspace, kind: str, name: str):
    cls = model(kind)
    values = {cls.LABEL_FIELD: name}
    if kind == "activity":
        values["occurs_on"] = "2026-02-11"
    if kind == "need":
        community = workspace.create(model("organization"), name="Kharkiv City Council")
        values.update(organization_id=community.id, quantity=1)
    return workspace.create(cls, **values)


@pytest.mark.parametrize("name", SHORT_NAMES)
@pytest.mark.parametrize("kind", list(SEARCHABLE))
def test_a_short_name_is_saved_and_found(workspace, db_path, capsys, kind, name):
    record = create_named(workspace, kind, name)
    with workspace.read() as session:
        hits = [hit for hit in search(session, name) if hit.kind == kind]
        assert hits and hits[0].id == record.id, "the record is its kind's best match"
        query = listing.ListQuery(kind, text=name)
        assert listing.count(session, query) == 1
        assert [row.id for row in listing.page(session, query, 0, 10)] == [record.id]

    assert main(["--db", str(db_path), "search", name, "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert record.id in [item["id"] for item in found]


def test_renaming_to_a_short_name_keeps_the_record_searchable(workspace):
    record = create_named(workspace, "organization", "European Union")
    workspace.update("organization", record.id, name="EU")
    with workspace.read() as session:
        assert [hit.id for hit in search(session, "EU", kinds=["organization"])] == [record.id]
