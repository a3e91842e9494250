"""Edit.create_many, the service's bulk path: the same records, journal, rules and
search index as one `create` at a time, written together."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import event, func, select

from coordinator_app.core.errors import CoordinatorError, ValidationError
from coordinator_app.core.records.history import history, steps
from coordinator_app.core.records.journal import (
    CREATE_SET,
    _snapshot,
    created_set,
    journaled_columns,
)
from coordinator_app.core.records.models import (
    Agreement,
    AgreementParty,
    Change,
    Commitment,
    ContactPoint,
    Organization,
    Person,
    Signatory,
    SyncHead,
    SyncOperation,
)
from coordinator_app.core.sample.generate import generate
from coordinator_app.sync import amounts
from coordinator_app.sync.operations import CREATE
from support.encryption import connect_file
from coordinator_app.core.search.query import search


def _journal(workspace, change_set):
    with workspace.read() as session:
        return session.scalars(select(Change).where(Change.change_set == change_set)
                               .order_by(Change.seq)).all()


def test_records_made_together_are_journalled_as_one_at_a_time_would_be(workspace):
    with workspace.edit("one") as edit:
        single = edit.create(Person, full_name="  Ігор  Терехов ", latin_name="Ihor Terekhov")
    with workspace.edit("many") as edit:
        ids = edit.create_many(Person, [
            {"full_name": "  Ігор  Терехов ", "latin_name": "Ihor Terekhov"},
            {"full_name": "Audrius Klišonis"}])
    # One journal row for the two, where one `create` each with a copy of its fields
    # was written; each record's history reads its creation as a single create's.
    [made] = _journal(workspace, workspace.last_change_set)
    assert (made.action, made.entity, json.loads(made.new)) == (CREATE_SET, "person",
                                                                {"count": 2})
    with workspace.read() as session:
        first = _journal(workspace, [c.change_set for c in session.scalars(
            select(Change).where(Change.entity_id == single.id))][0])[0]
        together = session.get(Person, ids[0])
        assert together.full_name == single.full_name == "Ігор  Терехов"
        assert together.sort_key == single.sort_key != ""
        assert together.device_id == workspace.db.device_id
        assert together.created_at == made.at and together.deleted_at is None
        [alone] = history(session, together)
    assert alone["action"] == first.action == "create"
    assert (alone["id"], alone["change_set"]) == (ids[0], made.change_set)
    mine, theirs = alone["new"], json.loads(first.new)
    assert {k: v for k, v in mine.items() if k != "id"} == \
        {k: v for k, v in theirs.items() if k != "id"}


def test_the_history_of_a_record_made_together_reads_its_creation_and_each_change(
        workspace):
    with workspace.edit("Import") as edit:
        [made, other] = edit.create_many(Person, [
            {"full_name": "Ігор Терехов", "notes": "перший"}, {"full_name": "Audrius"}])
    workspace.update(Person, made, notes="другий", latin_name="Ihor Terekhov")
    workspace.update(Person, made, notes="третій")
    with workspace.read() as session:
        person = session.get(Person, made)
        lines = history(session, person)
        created = lines[0]
        assert (created["action"], created["id"], created["kind"]) == ("create", made, "person")
        # Its fields as they were made, not as they are now.
        assert (created["new"]["notes"], created["new"]["latin_name"]) == ("перший", None)
        assert [(line["field"], line["new"]) for line in lines[1:]] == [
            ("latin_name", "Ihor Terekhov"), ("notes", "другий"), ("notes", "третій")]
        taken = steps(session, person)
        assert [step.label for step in taken][-1] == "Import"
        assert [(f.kind, f.action) for f in taken[-1].fields] == [("person", "create")]
        assert other not in {line["id"] for line in lines}


def test_records_made_together_are_found_by_search_and_undone_as_one(workspace):
    with workspace.edit("import") as edit:
        [org] = edit.create_many(Organization, [{"name": "Plungės rajono savivaldybė"}])
        [person] = edit.create_many(Person, [{"full_name": "Audrius Klišonis"}])
        edit.create_many(ContactPoint, [{"person_id": person, "kind": "email",
                                         "value": "sekretoriatas@plunge.example"}])
    with workspace.read() as session:
        assert [h.id for h in search(session, "klisonis")] == [person]
        assert [h.id for h in search(session, "plunges")] == [org]
        # The contact is in its person's document, though written after the person.
        assert [h.id for h in search(session, "sekretoriatas")] == [person]
    workspace.undo(workspace.last_change_set)
    with workspace.read() as session:
        assert search(session, "klisonis") == []
        assert session.scalar(select(func.count()).select_from(Person)
                              .where(Person.deleted_at.is_(None))) == 0


def test_undoing_records_made_together_writes_them_in_one_flush(workspace):
    with workspace.edit("import") as edit:
        people = edit.create_many(Person, [{"full_name": f"Ona Petraitė {n}"}
                                           for n in range(200)])
        edit.create_many(ContactPoint, [{"person_id": person, "kind": "phone",
                                         "value": f"+3704487{n:04d}"}
                                        for n, person in enumerate(people)])
    flushes: list[int] = []
    with workspace.edit("Undo") as edit:
        event.listen(edit.session, "before_flush", lambda *_args: flushes.append(1))
        edit.revert(workspace.last_change_set)
    # A flush per record read made undoing a large import take minutes.
    assert len(flushes) <= 2
    with workspace.read() as session:
        assert session.scalar(select(func.count()).select_from(Person)
                              .where(Person.deleted_at.is_(None))) == 0
        assert search(session, "petraite") == []


def test_an_import_whose_records_no_longer_match_its_journal_is_not_undone(workspace, db_path):
    with workspace.edit("import") as edit:
        edit.create_many(Person, [{"full_name": f"Ona Petraitė {n}"} for n in range(3)])
    change_set = workspace.last_change_set
    # One of its records stamped otherwise (by hand, or a tool): undo could not tell
    # which records it made, so it takes back none rather than the wrong ones.
    connection = connect_file(db_path, isolation_level=None)
    connection.execute("UPDATE people SET created_at = '2001-01-01 00:00:00.000000' "
                       "WHERE rowid = (SELECT max(rowid) FROM people)")
    connection.close()
    with pytest.raises(CoordinatorError, match="cannot be undone: not every record it made"):
        workspace.undo(change_set)
    with workspace.read() as session:
        assert session.scalar(select(func.count()).select_from(Person)
                              .where(Person.deleted_at.is_(None))) == 3


def test_a_refused_row_says_which_and_nothing_of_the_edit_is_written(workspace):
    with pytest.raises(ValidationError) as refused:
        with workspace.edit("import") as edit:
            [person] = edit.create_many(Person, [{"full_name": "Olena"}])
            edit.create_many(ContactPoint, [
                {"person_id": person, "kind": "email", "value": "olena@hromada.example"},
                {"person_id": person, "kind": "email", "value": "not an address"}])
    assert refused.value.row == 1
    assert refused.value.field == "value"
    with workspace.read() as session:
        assert session.scalar(select(func.count()).select_from(Person)) == 0
        assert session.scalar(select(func.count()).select_from(Change)) == 0


def test_rows_must_point_at_records_that_exist(workspace):
    with pytest.raises(ValidationError, match="no longer exists") as refused:
        with workspace.edit("import") as edit:
            edit.create_many(ContactPoint, [{"person_id": "0" * 36, "kind": "phone",
                                             "value": "+380 67 123 45 67"}])
    assert refused.value.row == 0


def _agreement_of_two(workspace):
    """(agreement, its party, an organisation that is no party, a person) written apart."""
    with workspace.edit("world") as edit:
        party, outsider, former = edit.create_many(Organization, [
            {"name": "Kharkiv"}, {"name": "Kaunas"}, {"name": "Plungė"}])
        [person] = edit.create_many(Person, [{"full_name": "Ігор Терехов"}])
        [memo] = edit.create_many(Agreement, [{"title": "Memorandum"}])
        edit.create_many(AgreementParty, [{"agreement_id": memo, "organization_id": party},
                                          {"agreement_id": memo, "organization_id": former}])
    with workspace.read() as session:
        gone = session.scalar(select(AgreementParty.id).where(
            AgreementParty.organization_id == former))
    workspace.delete(AgreementParty, gone)
    return memo, party, outsider, former, person


PARTY_REFUSALS = [
    # (what, kind, the rows of one call made from (memo, party, outsider, former, person),
    # the row refused, field named, words of the message)
    ("a signatory who signs for no party", Signatory,
     lambda memo, party, outsider, former, person: [
         {"agreement_id": memo, "organization_id": party, "person_id": person},
         {"agreement_id": memo, "organization_id": outsider, "person_id": person}],
     1, "organization_id", "agreement's parties"),
    ("a signatory for a party since removed", Signatory,
     lambda memo, party, outsider, former, person: [
         {"agreement_id": memo, "organization_id": former, "person_id": person}],
     0, "organization_id", "agreement's parties"),
    ("a commitment of no party", Commitment,
     lambda memo, party, outsider, former, person: [
         {"agreement_id": memo, "description": "Deliver", "party_id": party},
         {"agreement_id": memo, "description": "Deliver", "party_id": outsider}],
     1, "party_id", "party of the agreement"),
    ("a party already there", AgreementParty,
     lambda memo, party, outsider, former, person: [
         {"agreement_id": memo, "organization_id": party}],
     0, "organization_id", "already a party"),
    ("the same party twice in one call", AgreementParty,
     lambda memo, party, outsider, former, person: [
         {"agreement_id": memo, "organization_id": outsider},
         {"agreement_id": memo, "organization_id": outsider}],
     1, "organization_id", "already a party"),
]


@pytest.mark.parametrize("what, kind, rows, row, field, words", PARTY_REFUSALS,
                         ids=[r[0] for r in PARTY_REFUSALS])
def test_the_rules_of_an_agreements_parties_hold_for_rows_made_together(
        workspace, what, kind, rows, row, field, words):
    world = _agreement_of_two(workspace)
    with pytest.raises(ValidationError, match=words) as refused:
        with workspace.edit("import") as edit:
            edit.create_many(kind, rows(*world))
    assert (refused.value.row, refused.value.field) == (row, field)
    with workspace.read() as session:
        assert session.scalar(select(func.count()).select_from(kind).where(
            kind.deleted_at.is_(None))) == (1 if kind is AgreementParty else 0)


def test_rows_made_together_may_sign_and_commit_for_the_agreements_parties(workspace):
    memo, party, outsider, _former, person = _agreement_of_two(workspace)
    with workspace.edit("import") as edit:
        edit.create_many(AgreementParty, [{"agreement_id": memo, "organization_id": outsider,
                                           "role": "party"}])
        edit.create_many(Signatory, [
            {"agreement_id": memo, "organization_id": org, "person_id": person}
            for org in (party, outsider)])
        edit.create_many(Commitment, [
            {"agreement_id": memo, "description": "Deliver", "party_id": org}
            for org in (party, outsider)])
    with workspace.read() as session:
        assert session.scalar(select(func.count()).select_from(Signatory)) == 2
        assert session.scalar(select(func.count()).select_from(Commitment)) == 2


def test_a_bulk_create_journals_and_records_for_sync_exactly_what_python_would_write(
        workspace):
    # Every kind `generate` writes, and text that JSON must escape: the journal's
    # snapshots (made by SQLite) are the very text Python's encoder makes of the stored
    # records, each the value of one creating operation (but where sync converts an
    # amount) and its record's one current version.
    with workspace.edit("import") as edit:
        [person] = edit.create_many(Person, [{
            "full_name": 'Ганна "Кава" Ї\\ė', "notes": "рядок\nдругий\tтаб"}])
    generate(workspace, people=30, organizations=4, agreements=3, projects=3, seed=5)
    with workspace.read() as session:
        sets = session.scalars(select(Change).where(Change.action == CREATE_SET)
                               .order_by(Change.seq)).all()
        assert len({c.entity for c in sets}) >= 10
        seqs = []
        for change in sets:
            for record in created_set(session, change):
                model = type(record)
                values = {key: getattr(record, key) for key in journaled_columns(model)}
                operation = session.scalar(select(SyncOperation).where(
                    SyncOperation.record_id == record.id))
                assert (operation.field, operation.bases) == (CREATE, "[]")
                if not amounts.fields(change.entity):
                    assert operation.value == _snapshot(model, values)
                assert session.scalar(select(func.count()).select_from(SyncHead).where(
                    SyncHead.record_id == record.id)) == 1
                if change.change_set == workspace.last_change_set:
                    seqs.append(operation.seq)
        assert json.loads(session.scalar(select(SyncOperation.value).where(
            SyncOperation.record_id == person)))["full_name"] == 'Ганна "Кава" Ї\\ė'
        # One stream of this laptop's, in the order the records were written.
        assert seqs == list(range(seqs[0], seqs[0] + len(seqs)))
