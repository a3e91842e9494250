"""Synthetic data: valid records, journaled, findable, and reproducible."""

from __future__ import annotations


import pytest
from sqlalchemy import func, literal_column, select

from coordinator_app.core.records import validation
from coordinator_app.core.records.journal import CREATE_SET, created_set, normalise, row_layout
from coordinator_app.core.records.values import filled
from coordinator_app.core.sample.generate import generate
from coordinator_app.core.records.models import (
    Agreement,
    Change,
    Organization,
    Person,
    Project,
)
from coordinator_app.core.records.registry import MODELS
from coordinator_app.core.search.query import search
from support.encryption import connect_file


def test_generated_records_are_valid_journaled_and_indexed(workspace, db_path):
    counts = generate(workspace, people=300, organizations=20, agreements=15, projects=10,
                      seed=7)
    assert counts["person"] == 300 and counts["organization"] == 20
    with workspace.read() as session:
        for cls in MODELS:
            for obj in session.scalars(select(cls)):
                assert obj.device_id == workspace.db.device_id
                assert len(obj.id) == 36 and obj.created_at.tzinfo is not None
                # Generated rows are written unchecked: each must pass every rule as a
                # new record would (its links looked up too), and be as normalising
                # leaves a record (NFC, trimmed, defaults, sort keys).
                fresh = filled(cls, {key: getattr(obj, key) for key in row_layout(cls)})
                with session.no_autoflush:
                    validation.validate(session, fresh)  # raises ValidationError if not
                stored = {key: getattr(fresh, key) for key in row_layout(cls)}
                normalise(fresh)
                assert {key: getattr(fresh, key) for key in row_layout(cls)} == stored
        # A record of a kind the journal cannot copy set-wise has a `create` of its own.
        journaled = sum(
            len(created_set(session, change)) if change.action == CREATE_SET else 1
            for change in session.scalars(select(Change).where(
                Change.change_set == workspace.last_change_set,
                Change.action.in_(("create", CREATE_SET)))))
        assert journaled == sum(counts.values())
        ukrainian = session.scalars(select(Person).where(Person.latin_name.is_not(None))
                                    .limit(1)).one()
    raw = connect_file(db_path)
    indexed = raw.execute("SELECT count(*) FROM search_keys").fetchone()[0]
    assert indexed == 300 + 20 + 15 + 10
    assert [] == [row for row in raw.execute("PRAGMA foreign_key_check")]
    with workspace.read() as session:
        latin_surname = ukrainian.latin_name.split()[-1]
        assert ukrainian.id in [h.id for h in search(session, latin_surname, limit=300,
                                                       kinds=["person"])]


def test_undo_takes_the_whole_generated_set_back(workspace):
    generate(workspace, people=30, organizations=4, agreements=2, projects=2, seed=1)
    workspace.undo(workspace.last_change_set)
    with workspace.read() as session:
        for cls in (Person, Organization, Agreement, Project):
            live = session.scalar(select(func.count()).select_from(cls)
                                  .where(cls.deleted_at.is_(None)))
            assert live == 0
        assert search(session, "a") == []


def test_the_same_seed_gives_the_same_people(tmp_path):
    from coordinator_app.core.store.db import open_database
    from coordinator_app.core.records.service import Workspace

    names = []
    for run in range(2):
        db = open_database(tmp_path / f"run{run}.sqlite3")
        workspace = Workspace(db)
        generate(workspace, people=25, organizations=3, seed=42)
        with workspace.read() as session:
            names.append(session.scalars(select(Person.full_name).order_by(Person.id)).all())
        db.close()
    assert names[0] == names[1]
    assert any("š" in n or "ė" in n or "ū" in n for n in names[0])  # Lithuanian diacritics
    assert any(any("\u0400" <= ch <= "\u04ff" for ch in n) for n in names[0])  # Cyrillic


def test_coordinator_generate_command(db_path, capsys):
    from coordinator_app.cli import main

    assert main(["--db", str(db_path), "generate", "--people", "12", "--organizations", "3",
                 "--seed", "3"]) == 0
    assert "12 person" in capsys.readouterr().out
    assert main(["--db", str(db_path), "generate", "--people", "-1"]) == 1


def test_generated_names_sort_like_names_written_through_the_service(workspace):
    from coordinator_app.core.text.collation import sort_key

    generate(workspace, people=20, organizations=3, seed=5)
    with workspace.read() as session:
        for person in session.scalars(select(Person)):
            assert person.sort_key == sort_key(person.full_name)


def test_people_written_in_several_steps_stay_distinct(workspace, monkeypatch):
    from coordinator_app.core.sample import generate as module
    from coordinator_app.core.records.models import ContactPoint, Signatory

    monkeypatch.setattr(module, "CHUNK", 7)
    counts = generate(workspace, people=30, organizations=4, agreements=6, seed=9)
    assert counts["person"] == 30 and counts["contact_point"] == 60
    with workspace.read() as session:
        emails = session.scalars(select(ContactPoint.value).where(
            ContactPoint.kind == "email")).all()
        assert len(set(emails)) == 30
        # Signatories come from every step, not only the last one.
        assert session.scalar(select(func.count()).select_from(Signatory)) >= 6


def test_generated_councils_are_named_with_real_adjectives_and_genitives(workspace):
    from coordinator_app.core.sample import synthetic_names as names

    generate(workspace, organizations=200, seed=3)
    with workspace.read() as session:
        generated = session.scalars(select(Organization.name)).all()
    adjectives = set(names.UK_TOWN_ADJECTIVES.values())
    genitives = set(names.LT_TOWN_GENITIVES.values())
    for name in generated:
        if name.startswith("Асоціація"):
            continue
        first, *_rest = name.split()
        if name.endswith("savivaldybė"):
            assert name.removesuffix(" miesto savivaldybė").removesuffix(
                " rajono savivaldybė") in genitives, name
        else:
            assert first in adjectives, name
    # What glued suffixes used to make: Дніпроська, Краматорськська, Alytuss, Šiauliais.
    assert "Дніпровська" in adjectives and "Одеська" in adjectives
    assert not any(bad in name for name in generated
                   for bad in ("ськська", "оська ", "аська ", "ss ", "ais "))


def test_a_generate_stopped_midway_keeps_its_committed_steps_and_undo_takes_them(
        workspace, monkeypatch):
    from coordinator_app.core.sample import generate as module

    monkeypatch.setattr(module, "CHUNK", 10)
    said = []

    def progress(message):
        said.append(message)
        if len(said) == 3:  # "Writing the records…", then two steps of people
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        generate(workspace, people=50, organizations=3, seed=2, progress=progress)
    with workspace.read() as session:
        people = session.scalars(select(Person.id)).all()
        assert len(people) == 20
        change_set = session.scalar(select(Change.change_set).where(Change.label == "Generate")
                                    .limit(1))
        assert len(search(session, "example", kinds=["person"], limit=50)) == 20
    workspace.undo(change_set)
    with workspace.read() as session:
        assert session.scalar(select(func.count()).select_from(Person).where(
            Person.deleted_at.is_(None))) == 0


def test_the_write_ahead_log_is_emptied_after_each_step(workspace, db_path, monkeypatch):
    from coordinator_app.core.sample import generate as module

    monkeypatch.setattr(module, "CHUNK", 20)
    wal = db_path.with_name(db_path.name + "-wal")
    sizes = []
    generate(workspace, people=60, organizations=3, seed=4,
             progress=lambda _message: sizes.append(wal.stat().st_size if wal.exists() else 0))
    # Each step's pages were folded into the database and the log cut back, so it
    # never holds more than the step being written.
    assert sizes[1:] == [0, 0, 0]


def test_generated_ids_are_uuids_made_in_order(workspace):
    import uuid

    from coordinator_app.core.records.models import ContactPoint

    generate(workspace, people=15, organizations=3, seed=6)
    with workspace.read() as session:
        made = [record.id for change in session.scalars(
            select(Change).where(Change.label == "Generate")) for record in
            created_set(session, change)]
        assert len(made) == 3 + 15 * 4
        assert {uuid.UUID(record_id).version for record_id in made} == {7}
        # Each id sorts after those made before it, so the rows of a table, in the
        # order they were written, append to the end of its index of ids.
        for cls in (Person, ContactPoint):
            written = session.scalars(select(cls.id).order_by(literal_column("rowid"))).all()
            assert written == sorted(written)


def test_agreements_and_projects_are_written_in_steps_of_the_same_records(
        tmp_path, monkeypatch):
    from coordinator_app.core.sample import generate as module
    from coordinator_app.core.store.db import open_database
    from coordinator_app.core.records.service import Workspace

    made, said, logs = [], [], []
    for run, per_step in enumerate((1000, 2)):
        monkeypatch.setattr(module, "DEALS_PER_STEP", per_step)
        path = tmp_path / f"run{run}.sqlite3"
        wal = path.with_name(path.name + "-wal")
        db = open_database(path)
        workspace = Workspace(db)
        said.append([])
        logs.append([])

        def progress(message, said=said[-1], logs=logs[-1], wal=wal):
            said.append(message)
            logs.append(wal.stat().st_size if wal.exists() else 0)

        counts = generate(workspace, people=12, organizations=4, agreements=5, projects=5,
                          seed=9, progress=progress)
        assert counts["agreement"] == counts["project"] == 5
        with workspace.read() as session:
            made.append([session.scalars(select(cls.title).order_by(cls.id)).all()
                         for cls in (Agreement, Project)])
        db.close()
    # The same seed, the same agreements and projects, whatever the steps.
    assert made[0] == made[1]
    assert said[1][-6:] == ["2 agreements written", "4 agreements written",
                            "5 agreements written", "2 projects written",
                            "4 projects written", "5 projects written"]
    # Each step's log was folded into the database and cut back before the next.
    assert set(logs[1][1:]) == {0}


#: What a generate of 60 people with seed 11, in steps of 25, wrote (ids, stamps and
#: clocks by their order, support.written): recorded from the code that wrote each
#: generated record through Edit.create_many, so that a faster way of writing the same
#: rows is checked to write them all alike, journal, operations and index included.
#: A change meant to alter what generate writes records the new digest here: the journal
#: now keeps one row per kind and step (journal.CREATE_SET), where it kept one per record
#: (1,668 rows read, 323 of them the journal's; every other row as before).
GENERATED_DIGEST = "6b785018031f19f3ed50a519fc9557507ce61cf058eb19a52facd23fb10f7ef0"


def test_a_fixed_seed_writes_the_same_records_journal_operations_and_index(
        workspace, db_path, monkeypatch):
    from coordinator_app.core.sample import generate as module
    from support.written import written_digest, written_rows

    monkeypatch.setattr(module, "CHUNK", 25)
    monkeypatch.setattr(module, "DEALS_PER_STEP", 6)
    generate(workspace, people=60, organizations=6, agreements=8, projects=5, seed=11)
    with connect_file(db_path) as raw:
        rows = written_rows(raw)
        digest = written_digest(raw)
    assert len(rows) == 1371
    assert digest == GENERATED_DIGEST
