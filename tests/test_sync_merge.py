"""Laptops exchanging operations converge, keep every edit, and show conflicts."""

from __future__ import annotations

from coordinator_app.core.records.models import Organization, Person
from coordinator_app.sync import operations
from coordinator_app.sync.conflicts import open_conflicts, resolve
from support.sync import close, digest, exchange_all, laptops, records, send


def test_a_record_made_on_one_laptop_appears_on_the_other(tmp_path):
    a, b = laptops(tmp_path, 2)
    try:
        org = a.create(Organization, name="Харківська міська рада", country="UA")
        applied = send(a, b)
        assert applied.new >= 1
        assert b.get(Organization, org.id).name == "Харківська міська рада"
        assert digest(a) == digest(b)
    finally:
        close([a, b])


def test_reading_the_same_operations_twice_changes_nothing(tmp_path):
    a, b = laptops(tmp_path, 2)
    try:
        a.create(Organization, name="Plungės rajono savivaldybė")
        ops = list(operations.after(a.db.sessions(), {}))
        from coordinator_app.sync.merge import apply

        first = apply(b, ops)
        before = digest(b)
        second = apply(b, ops)
        assert first.new == len(ops) and second.new == 0
        assert digest(b) == before
    finally:
        close([a, b])


def test_edits_of_different_fields_on_two_laptops_both_survive(tmp_path):
    a, b = laptops(tmp_path, 2)
    try:
        org = a.create(Organization, name="Kharkiv")
        send(a, b)
        a.update(Organization, org.id, region="Харківська область")
        b.update(Organization, org.id, website="https://city.kharkiv.ua")
        exchange_all([a, b])
        for laptop in (a, b):
            got = laptop.get(Organization, org.id)
            assert (got.region, got.website) == ("Харківська область", "https://city.kharkiv.ua")
        with a.read() as session:
            assert open_conflicts(session) == []
        assert digest(a) == digest(b)
    finally:
        close([a, b])


def test_the_same_field_edited_on_two_laptops_is_a_conflict_until_one_is_kept(tmp_path):
    a, b = laptops(tmp_path, 2)
    try:
        org = a.create(Organization, name="Kharkiv")
        send(a, b)
        a.update(Organization, org.id, region="Kharkiv oblast")
        b.update(Organization, org.id, region="Харківська область")
        exchange_all([a, b])
        assert digest(a) == digest(b)
        with a.read() as session:
            (conflict,) = open_conflicts(session)
        assert conflict.field == "region"
        assert {v.value for v in conflict.versions} == {"Kharkiv oblast", "Харківська область"}
        # The one shown is the newest, on both.
        assert a.get(Organization, org.id).region == conflict.versions[0].value
        resolve(b, conflict.id, keep=2)
        exchange_all([a, b])
        for laptop in (a, b):
            assert laptop.get(Organization, org.id).region == conflict.versions[1].value
            with laptop.read() as session:
                assert open_conflicts(session) == []
    finally:
        close([a, b])


def test_an_edit_concurrent_with_a_deletion_is_a_conflict_and_the_record_can_come_back(tmp_path):
    a, b = laptops(tmp_path, 2)
    try:
        person = a.create(Person, full_name="Ігор Терехов")
        send(a, b)
        a.delete(Person, person.id)
        b.update(Person, person.id, latin_name="Ihor Terekhov")
        exchange_all([a, b])
        assert digest(a) == digest(b)
        with a.read() as session:
            (conflict,) = open_conflicts(session)
        assert conflict.field == "deleted_at"
        alive = [n for n, v in enumerate(conflict.versions, 1) if v.value is None][0]
        resolve(a, conflict.id, keep=alive)
        exchange_all([a, b])
        for laptop in (a, b):
            assert laptop.get(Person, person.id).latin_name == "Ihor Terekhov"
        assert digest(a) == digest(b)
    finally:
        close([a, b])


def test_records_made_before_sync_kept_operations_travel_too(tmp_path):
    a, b = laptops(tmp_path, 2)
    try:
        org = a.create(Organization, name="Kaunas")
        assert f"organization:{org.id}" in records(a)
        send(a, b)
        assert f"organization:{org.id}" in records(b)
    finally:
        close([a, b])


def test_records_written_in_bulk_by_generate_travel_too(tmp_path):
    from coordinator_app.core.sample.generate import generate

    a, b = laptops(tmp_path, 2)
    try:
        a.create(Organization, name="Made by hand first")
        generate(a, people=30, organizations=5, seed=4)
        send(a, b)
        made = records(a)
        assert len(made) > 35
        assert records(b) == made
        # Once, not twice: every record is one creating operation.
        with a.read() as session:
            assert sum(1 for op in operations.after(session, {}) if op.field == "") == len(made)
    finally:
        close([a, b])


def test_records_generated_into_a_copy_that_never_kept_operations_are_each_made_once(tmp_path):
    from coordinator_app.core.sample.generate import generate

    a, b = laptops(tmp_path, 2)
    try:
        generate(a, people=20, organizations=4, seed=5)
        send(a, b)
        made = records(a)
        assert records(b) == made
        with a.read() as session:
            assert sum(1 for op in operations.after(session, {}) if op.field == "") == len(made)
    finally:
        close([a, b])


def _conflict_on_region(a, b):
    org = a.create(Organization, name="Kharkiv")
    send(a, b)
    a.update(Organization, org.id, region="Kharkiv oblast")
    b.update(Organization, org.id, region="Харківська область")
    exchange_all([a, b])
    with a.read() as session:
        (conflict,) = open_conflicts(session)
    return org.id, conflict


def test_keeping_the_version_shown_is_a_step_in_history_that_undo_takes_back_everywhere(
        tmp_path):
    from coordinator_app.core.records.history import steps

    a, b = laptops(tmp_path, 2)
    try:
        org, conflict = _conflict_on_region(a, b)
        shown = conflict.versions[0].value
        change_set = resolve(a, conflict.id, keep=1)
        with a.read() as session:
            assert open_conflicts(session) == []
            (step, *_older) = steps(session, session.get(Organization, org))
        assert step.change_set == change_set
        assert [(f.field, f.action) for f in step.fields] == [("region", "resolve")]
        assert step.fields[0].old == " / ".join(v.value for v in conflict.versions)
        send(a, b)
        with b.read() as session:
            assert open_conflicts(session) == []
        a.undo(change_set)
        with a.read() as session:
            (again,) = open_conflicts(session)
        assert [v.value for v in again.versions] == [v.value for v in conflict.versions]
        assert a.get(Organization, org).region == shown
        exchange_all([a, b])
        with b.read() as session:
            (there,) = open_conflicts(session)
        assert [v.value for v in there.versions] == [v.value for v in conflict.versions]
        assert digest(a) == digest(b)
    finally:
        close([a, b])


def test_undoing_the_keeping_of_the_other_version_brings_back_the_one_shown_and_the_conflict(
        tmp_path):
    a, b = laptops(tmp_path, 2)
    try:
        org, conflict = _conflict_on_region(a, b)
        change_set = resolve(a, conflict.id, keep=2)
        assert a.get(Organization, org).region == conflict.versions[1].value
        redo = a.undo(change_set)
        assert a.get(Organization, org).region == conflict.versions[0].value
        with a.read() as session:
            assert len(open_conflicts(session)) == 1
        a.undo(redo)
        assert a.get(Organization, org).region == conflict.versions[1].value
        exchange_all([a, b])
        for laptop in (a, b):
            assert laptop.get(Organization, org).region == conflict.versions[1].value
            with laptop.read() as session:
                assert open_conflicts(session) == []
        assert digest(a) == digest(b)
    finally:
        close([a, b])
