"""A bundle that fills nearly empty tables writes them with their indexes set aside and
makes those again in the same transaction: the copy ends with the very same indexes,
sound, and a bundle cancelled half way leaves them as they were."""

from __future__ import annotations

import pytest

from coordinator_app.core.records.models import Affiliation, ContactPoint, Organization, Person
from coordinator_app.core.store.driver import Driver
from coordinator_app.sync import indexes
from support.sync import close, laptops, send


def _indexes(workspace) -> list[tuple[str, str]]:
    with workspace.read() as session:
        return session.connection().exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").fetchall()


def _sound(workspace) -> bool:
    with workspace.read() as session:
        return session.connection().exec_driver_sql(
            "PRAGMA integrity_check").fetchall() == [("ok",)]


def _people(workspace, count: int) -> None:
    with workspace.edit() as edit:
        org = edit.create(Organization, name="Plungė District", country="LT").id
    with workspace.edit() as edit:
        ids = edit.create_many(Person, [{"full_name": f"Audrius {number}"}
                                        for number in range(count)])
    with workspace.edit() as edit:
        edit.create_many(ContactPoint, [{"person_id": person, "kind": "phone",
                                         "value": f"+370 448 {number:05d}"}
                                        for number, person in enumerate(ids)])
        edit.create_many(Affiliation, [{"person_id": person, "organization_id": org}
                                       for person in ids])


def test_a_first_bundle_leaves_the_copy_with_the_same_sound_indexes(tmp_path, monkeypatch):
    monkeypatch.setattr(indexes, "LARGE", 50)
    sender, receiver = laptops(tmp_path, 2)
    try:
        before = _indexes(receiver)
        _people(sender, 120)
        send(sender, receiver)
        assert _indexes(receiver) == before
        assert _sound(receiver)
        with receiver.read() as session:
            assert session.connection().exec_driver_sql(
                "SELECT count(*) FROM people INDEXED BY ix_people_sort_key "
                "WHERE sort_key > ''").scalar() == 120
    finally:
        close([sender, receiver])


def test_what_is_set_aside_is_back_after_a_rollback_and_links_keep_theirs(tmp_path):
    (workspace,) = laptops(tmp_path, 1)
    try:
        before = _indexes(workspace)
        with pytest.raises(RuntimeError), workspace.edit() as edit:
            driver = Driver.of(edit.session)
            with indexes.built_after(driver, {"people": 20_000, "contact_points": 40_000,
                                              "changes": 60_000}):
                during = {name for name, in driver.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'index'")}
                raise RuntimeError("cancelled")
        assert "ix_people_sort_key" not in during and "ix_changes_at" not in during
        # Unique, and read to match a person with their contacts: kept.
        assert {"ix_changes_seq", "ix_contact_points_person_id",
                "sqlite_autoindex_people_1"} <= during
        assert _indexes(workspace) == before
    finally:
        close([workspace])


def test_tables_holding_more_than_is_coming_keep_their_indexes(tmp_path, monkeypatch):
    monkeypatch.setattr(indexes, "LARGE", 50)
    sender, receiver = laptops(tmp_path, 2)
    try:
        _people(receiver, 200)
        with receiver.edit() as edit:
            driver = Driver.of(edit.session)
            with indexes.built_after(driver, {"people": 100}):
                assert driver.execute("SELECT count(*) FROM sqlite_master WHERE "
                                      "name = 'ix_people_sort_key'").fetchone()[0] == 1
    finally:
        close([sender, receiver])
