"""Search: people found across alphabets, as you type, kept current by every edit."""

from __future__ import annotations

import json
import sqlite3

import pytest
from sqlalchemy import func, select

from coordinator_app.core.errors import ValidationError
from coordinator_app.core.records.models import (
    Affiliation,
    Agreement,
    AgreementParty,
    Commitment,
    Organization,
    Person,
    Project,
)
from coordinator_app.core.search.query import filter_clause, search
from support.encryption import connect_file


@pytest.fixture
def memo(workspace):
    """The memorandum's people and places, written as staff would write them."""
    with workspace.edit("Directory") as edit:
        kharkiv = edit.create(Organization, name="Харківська міська рада",
                              other_names="Kharkiv City Council", country="UA")
        plunge = edit.create(Organization, name="Plungės rajono savivaldybė", country="LT")
        terekhov = edit.create(Person, full_name="Ігор Терехов", latin_name="Ihor Terekhov")
        edit.create(Affiliation, person_id=terekhov.id, organization_id=kharkiv.id,
                    position="Міський голова")
        klisonis = edit.create(Person, full_name="Audrius Klišonis")
        edit.create(Affiliation, person_id=klisonis.id, organization_id=plunge.id,
                    position="Meras")
        agreement = edit.create(Agreement, title="Memorandum on European integration",
                                purpose="Joint recovery programmes")
        edit.create(AgreementParty, agreement_id=agreement.id, organization_id=kharkiv.id)
        edit.create(Commitment, agreement_id=agreement.id, description="Deliver generators")
    return {"kharkiv": kharkiv.id, "plunge": plunge.id, "terekhov": terekhov.id,
            "klisonis": klisonis.id, "agreement": agreement.id}


def find(workspace, text, **options):
    with workspace.read() as session:
        return search(session, text, **options)


def ids(hits):
    return [hit.id for hit in hits]


@pytest.mark.parametrize("typed", ["Terekhov", "Терехов", "терехов", "TEREKHOV", "Ihor Ter"])
def test_terekhov_is_found_in_either_script(workspace, memo, typed):
    hits = find(workspace, typed, kinds=["person"])
    assert ids(hits) == [memo["terekhov"]]


@pytest.mark.parametrize("typed, key", [
    ("klisonis", "klisonis"), ("Klišonis", "klisonis"), ("plunge", "plunge"),
    ("Харків", "kharkiv"), ("Kharkiv", "kharkiv"), ("харкив", "kharkiv"),
])
def test_diacritics_and_scripts_do_not_matter(workspace, memo, typed, key):
    assert ids(find(workspace, typed))[0] == memo[key]


@pytest.mark.parametrize("typed, key", [
    ("Kharkov", "kharkiv"), ("Charkiv", "kharkiv"), ("Terechov", "terekhov"),
    ("Klisonys", "klisonis"), ("Харьков", "kharkiv"),  # Russian, in Cyrillic
    ("Terechovas", "terekhov"), ("Charkivas", "kharkiv"),  # as Lithuanian papers write them
    ("Igor Terekhov", "terekhov"),  # Russian Г as G
])
def test_variant_spellings_are_found_below_exact_matches(workspace, memo, typed, key):
    hits = find(workspace, typed)
    assert memo[key] in ids(hits)
    assert all(hit.score < 1 for hit in hits if hit.id == memo[key])


def test_an_exact_match_outranks_a_near_one(workspace, memo):
    kharkov = workspace.create(Person, full_name="Petro Kharkov")
    hits = find(workspace, "Kharkov")
    assert hits[0].kind == "organization" or hits[0].id == kharkov.id
    scores = {hit.id: hit.score for hit in hits}
    assert scores[kharkov.id] > 1 > scores[memo["kharkiv"]]


def test_every_typed_prefix_finds_the_person(workspace, memo):
    for typed in ("Т", "Те", "Тер", "Тере", "Терех", "Терехо", "Терехов"):
        assert memo["terekhov"] in ids(find(workspace, typed, kinds=["person"])), typed
    for typed in ("k", "kl", "kli", "klis", "kliso"):
        assert memo["klisonis"] in ids(find(workspace, typed, kinds=["person"])), typed


def test_results_are_grouped_by_kind_and_say_who_someone_is(workspace, memo):
    hits = find(workspace, "Kharkiv")
    kinds = [hit.kind for hit in hits]
    assert kinds == sorted(kinds, key=["organization", "person", "agreement"].index)
    assert set(kinds) == {"organization", "person", "agreement"}
    person = next(hit for hit in hits if hit.kind == "person")
    assert person.title == "Ігор Терехов"
    assert "Ihor Terekhov" in person.subtitle
    assert "Міський голова, Харківська міська рада" in person.subtitle
    subtitles = {hit.kind: hit.subtitle for hit in hits}
    assert subtitles["organization"] == "Municipality / community · UA"
    assert subtitles["agreement"] == "Draft"


def test_kinds_and_limit_narrow_the_results(workspace, memo):
    assert {hit.kind for hit in find(workspace, "Kharkiv", kinds=["agreement"])} == {"agreement"}
    assert len(find(workspace, "Kharkiv", limit=1)) == 1
    assert find(workspace, "   ") == []
    assert find(workspace, "zzzzqqq") == []


def test_text_of_agreements_and_positions_is_searchable(workspace, memo):
    assert ids(find(workspace, "generators")) == [memo["agreement"]]
    assert ids(find(workspace, "recovery programmes")) == [memo["agreement"]]
    assert ids(find(workspace, "meras")) == [memo["klisonis"]]


def test_the_index_follows_renames_deletes_and_undo(workspace, memo):
    workspace.update(Person, memo["klisonis"], full_name="Audrius Klišonis-Jonaitis")
    assert ids(find(workspace, "jonaitis")) == [memo["klisonis"]]
    workspace.delete(Person, memo["klisonis"])
    assert find(workspace, "jonaitis") == []
    workspace.undo(workspace.last_change_set)
    assert ids(find(workspace, "jonaitis")) == [memo["klisonis"]]
    workspace.delete(Person, memo["klisonis"])
    workspace.restore(Person, memo["klisonis"])
    assert ids(find(workspace, "jonaitis")) == [memo["klisonis"]]


def test_renaming_an_organisation_updates_the_people_who_work_there(workspace, memo):
    workspace.update(Organization, memo["plunge"], name="Plungės savivaldybė Žemaitija")
    assert memo["klisonis"] in ids(find(workspace, "zemaitija", kinds=["person"]))


def test_a_failed_edit_leaves_the_index_as_it_was(workspace, memo, db_path):
    with pytest.raises(ValidationError):
        with workspace.edit() as edit:
            edit.update(Person, memo["terekhov"], full_name="Ігор Ткаченко")
            edit.create(Project, title="")  # a project needs a title: the edit fails
    assert ids(find(workspace, "Терехов")) == [memo["terekhov"]]
    assert find(workspace, "Ткаченко") == []
    raw = connect_file(db_path)
    assert raw.execute("SELECT count(*) FROM search_index").fetchone() == (5,)


def test_filter_clause_narrows_a_list_query_in_sql(workspace, memo):
    with workspace.read() as session:
        people = session.scalars(select(Person).where(filter_clause(Person, "klis"))).all()
        assert [p.id for p in people] == [memo["klisonis"]]
        count = session.scalar(select(func.count()).select_from(Person)
                               .where(filter_clause(Person, "Харків")))
        assert count == 1  # Terekhov, through his position at Kharkiv
        orgs = session.scalars(select(Organization).where(filter_clause(Organization, "pl"))
                               .where(filter_clause(Organization, "plunge"))).all()
        assert [o.id for o in orgs] == [memo["plunge"]]
        everyone = session.scalars(select(Person).where(filter_clause(Person, " "))).all()
        assert len(everyone) == 2


def test_the_migration_indexes_records_written_before_it(tmp_path):
    from coordinator_app.core.store import migrate
    from coordinator_app.core.store.db import open_database
    from coordinator_app.core.records.service import Workspace

    path = tmp_path / "old.sqlite3"
    migrate.upgrade(path, "0001")
    raw = sqlite3.connect(path)
    raw.execute("INSERT INTO people (id, full_name, created_at, updated_at, device_id) VALUES "
                "('p1', 'Ігор Терехов', '2026-01-01 00:00:00.000000', "
                "'2026-01-01 00:00:00.000000', 'd')")
    raw.commit()
    raw.close()
    db = open_database(path)
    try:
        assert ids(find(Workspace(db), "terekhov")) == ["p1"]
    finally:
        db.close()


def test_coordinator_search_prints_json(workspace, memo, db_path, capsys):
    from coordinator_app.cli import main

    assert main(["--db", str(db_path), "search", "Terekhov", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert [(r["kind"], r["id"], r["title"]) for r in result] == [
        ("person", memo["terekhov"], "Ігор Терехов")]


def test_a_near_spelling_finds_someone_added_after_the_last_search(workspace, memo):
    assert ids(find(workspace, "Kharkov")) == [memo["kharkiv"]]  # the word list is loaded
    newcomer = workspace.create(Person, full_name="Žygimantas Butkevičius")
    hits = find(workspace, "Butkevicus", kinds=["person"])  # one letter short
    assert ids(hits) == [newcomer.id] and hits[0].score < 1


def test_an_edited_record_keeps_its_index_number_and_is_found_by_its_new_words(workspace):
    person = workspace.create(Person, full_name="Rūta Kazlauskienė", notes="generators")
    with workspace.read() as session:
        before = session.connection().exec_driver_sql(
            "SELECT entry FROM search_keys WHERE record_id = ?", (person.id,)).all()
    workspace.update(Person, person.id, notes="heaters")
    with workspace.read() as session:
        after = session.connection().exec_driver_sql(
            "SELECT entry FROM search_keys WHERE record_id = ?", (person.id,)).all()
        rows = session.connection().exec_driver_sql(
            "SELECT count(*) FROM search_index WHERE rowid = ?", tuple(before[0])).scalar()
        assert [hit.id for hit in search(session, "heaters")] == [person.id]
        assert search(session, "generators") == []
    assert after == before and rows == 1
