"""Duplicates merged on one laptop are merged on every laptop: the merge travels as
operations, links made meanwhile to the duplicate follow it, an old id reads as the
record that remains, and merges made each other's way settle on the lowest id with
a conflict a person sees."""

from __future__ import annotations

from coordinator_app.core.records.models import Affiliation, Organization, Person
from coordinator_app.core.views.duplicates import merge
from coordinator_app.sync.conflicts import open_conflicts, resolve
from support.sync import close, digest, exchange_all, laptops, send


def _two_people(a, b):
    kept = a.create(Person, full_name="Audrius Klišonis")
    twin = a.create(Person, full_name="Audrius Klisonis", notes="typed without diacritics")
    org = a.create(Organization, name="Plungės rajono savivaldybė")
    send(a, b)
    return kept.id, twin.id, org.id


def test_a_merge_travels_and_the_old_id_reads_as_the_record_that_remains(tmp_path):
    a, b = laptops(tmp_path, 2)
    try:
        kept, twin, org = _two_people(a, b)
        link = a.create(Affiliation, person_id=twin, organization_id=org, position="Mayor")
        send(a, b)
        merge(a, "person", kept, twin)
        send(a, b)
        gone = b.get(Person, twin, deleted=True)
        assert gone.deleted_at is not None and gone.merged_into == kept
        assert b.get(Person, twin).id == kept
        assert b.get(Affiliation, link.id).person_id == kept
        assert digest(a) == digest(b)
    finally:
        close([a, b])


def test_a_link_made_to_the_duplicate_on_another_laptop_moves_to_the_record_that_remains(
        tmp_path):
    a, b = laptops(tmp_path, 2)
    try:
        kept, twin, org = _two_people(a, b)
        merge(a, "person", kept, twin)
        link = b.create(Affiliation, person_id=twin, organization_id=org, position="Mayor")
        exchange_all([a, b])
        for laptop in (a, b):
            got = laptop.get(Affiliation, link.id)
            assert got.person_id == kept and got.deleted_at is None
        assert digest(a) == digest(b)
    finally:
        close([a, b])


def test_merges_made_each_others_way_keep_the_lowest_id_and_raise_a_conflict(tmp_path):
    a, b = laptops(tmp_path, 2)
    try:
        kept, twin, _org = _two_people(a, b)
        low, high = sorted((kept, twin))
        merge(a, "person", low, high)
        merge(b, "person", high, low)
        exchange_all([a, b])
        assert digest(a) == digest(b)
        for laptop in (a, b):
            remains = laptop.get(Person, low, deleted=True)
            assert remains.deleted_at is None and remains.merged_into is None
            assert laptop.get(Person, high, deleted=True).merged_into == low
            assert laptop.get(Person, high).id == low
            with laptop.read() as session:
                (conflict,) = open_conflicts(session)
            assert (conflict.record_id, conflict.field) == (low, "merged_into")
            assert [v.value for v in conflict.versions] == [None, high]
    finally:
        close([a, b])


def test_keeping_the_other_merge_of_a_circle_keeps_the_other_record_everywhere(tmp_path):
    a, b = laptops(tmp_path, 2)
    try:
        kept, twin, org = _two_people(a, b)
        low, high = sorted((kept, twin))
        link = a.create(Affiliation, person_id=low, organization_id=org, position="Mayor")
        merge(a, "person", low, high)
        merge(b, "person", high, low)
        exchange_all([a, b])
        with b.read() as session:
            (conflict,) = open_conflicts(session)
        resolve(b, conflict.id, keep=2)
        exchange_all([a, b])
        assert digest(a) == digest(b)
        for laptop in (a, b):
            assert laptop.get(Person, high).id == high
            assert laptop.get(Person, low, deleted=True).merged_into == high
            assert laptop.get(Person, low).id == high
            assert laptop.get(Affiliation, link.id).person_id == high
            with laptop.read() as session:
                assert open_conflicts(session) == []
    finally:
        close([a, b])


def test_the_editor_opens_a_duplicate_merged_on_another_laptop_as_the_record_that_remains(
        tmp_path, qtbot):
    from coordinator_app.ui.context import UiContext
    from support.editors import open_editor

    a, b = laptops(tmp_path, 2)
    try:
        kept, twin, _org = _two_people(a, b)
        merge(a, "person", kept, twin)
        send(a, b)
        editor = open_editor("person", UiContext(b), qtbot)
        editor.show_record(twin)
        assert editor.current_id() == kept
        assert editor.heading.full_text == "Audrius Klišonis"
        assert not editor.notice.isVisible()
    finally:
        close([a, b])


def test_conflicts_list_names_the_record_each_way_of_a_circle_of_merges_keeps(tmp_path, cli):
    a, b = laptops(tmp_path, 2)
    try:
        kept, twin, _org = _two_people(a, b)
        low, high = sorted((kept, twin))
        merge(a, "person", low, high)
        merge(b, "person", high, low)
        exchange_all([a, b])
        names = {kept: "Audrius Klišonis", twin: "Audrius Klisonis"}
        listed = cli("conflicts", "list", db=a.db.path)
    finally:
        close([a, b])
    assert listed.returncode == 0, listed.stderr
    assert "Merged into" in listed.stdout  # the field in words, as History names it
    assert "1. (empty)" in listed.stdout and f"2. {names[high]}" in listed.stdout
