"""Rows a program makes itself (core.records.made): the columns' defaults where a value
is None, an unknown column refused, and rows written with their stamps, sort keys,
journal, operations and index rows as an edit of records writes them."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from coordinator_app.core.records import made
from coordinator_app.core.records.ids import ordered_id
from coordinator_app.core.records.journal import CREATE_SET, created_set, row_layout
from coordinator_app.core.records.models import Change, Milestone, Person, Project
from coordinator_app.core.search.query import search
from coordinator_app.core.text.collation import sort_key


def test_a_made_row_takes_the_columns_defaults_where_its_value_is_none():
    make = made.maker(Milestone, ("id", "project_id", "title", "status"))
    row = dict(zip(row_layout(Milestone), make("m1", "p1", "Закупівля", None)))
    assert row["title"] == "Закупівля" and row["project_id"] == "p1"
    assert row["status"] == Milestone.__table__.c.status.default.arg
    assert row["created_at"] is None and row["due_on"] is None
    given = dict(zip(row_layout(Milestone), make("m2", "p1", "Закупівля", "done")))
    assert given["status"] == "done"


def test_a_maker_refuses_a_column_the_kind_does_not_have():
    with pytest.raises(ValueError, match="budget"):
        made.maker(Person, ("id", "full_name", "budget"))


def test_made_rows_are_stamped_sorted_journalled_recorded_and_indexed(workspace):
    make = made.maker(Person, ("id", "full_name", "latin_name"))
    ids = [ordered_id(), ordered_id()]
    with workspace.edit("Made") as edit:
        made.insert_made(edit.session, Person, [make(ids[0], "Ігор Терехов", "Ihor Terekhov"),
                                                make(ids[1], "Audrius Klišonis", None)])
    with workspace.read() as session:
        people = {p.id: p for p in session.scalars(select(Person))}
        assert people[ids[0]].sort_key == sort_key("Ігор Терехов")
        assert people[ids[1]].device_id == workspace.db.device_id
        assert people[ids[1]].created_at == people[ids[1]].updated_at is not None
        [journaled] = session.scalars(select(Change).where(Change.change_set == edit.change_set))
        assert (journaled.action, journaled.new) == (CREATE_SET, '{"count": 2}')
        assert {p.id for p in created_set(session, journaled)} == set(ids)
        assert session.connection().exec_driver_sql(
            "SELECT count(*) FROM sync_operations WHERE record_id IN (?, ?)",
            tuple(ids)).scalar() == 2
        assert [hit.id for hit in search(session, "klisonis")] == [ids[1]]
    workspace.undo(workspace.last_change_set)
    with workspace.read() as session:
        assert session.scalar(select(func.count()).select_from(Person).where(
            Person.deleted_at.is_(None))) == 0


def test_made_rows_of_a_kind_the_journal_snapshots_in_python_are_journalled(workspace):
    # A quantity is journalled by Python (SQLite writes 0.3 otherwise than Python does).
    from coordinator_app.core.records.models import AidDelivery, Organization

    org = made.maker(Organization, ("id", "name", "kind"))
    project = made.maker(Project, ("id", "title", "status"))
    delivery = made.maker(AidDelivery, ("id", "project_id", "item", "quantity"))
    org_id, project_id, delivery_id = ordered_id(), ordered_id(), ordered_id()
    with workspace.edit("Made") as edit:
        made.insert_made(edit.session, Organization, [org(org_id, "Плунге", "municipality")])
        made.insert_made(edit.session, Project, [project(project_id, "Генератори", None)])
        made.insert_made(edit.session, AidDelivery,
                         [delivery(delivery_id, project_id, "generators", 0.3)])
    with workspace.read() as session:
        new = session.scalar(select(Change.new).where(Change.entity_id == delivery_id))
        assert '"quantity": 0.3' in new
        assert session.get(Project, project_id).status == Project.__table__.c.status.default.arg


def test_made_people_written_with_their_country_keep_it_and_others_are_worked_out(workspace):
    from coordinator_app.core.records import current_country

    make = made.maker(Person, ("id", "full_name", "current_country"))
    settled, other = ordered_id(), ordered_id()
    with workspace.edit("Made") as edit:
        edit.session.info[current_country.SETTLED] = {settled}
        made.insert_made(edit.session, Person, [make(settled, "Ona Petraitienė", "LT"),
                                                make(other, "Olena Shevchenko", "UA")])
    with workspace.read() as session:
        assert session.get(Person, settled).current_country == "LT"
        # No position: worked out as having no country, whatever its row said.
        assert session.get(Person, other).current_country is None
