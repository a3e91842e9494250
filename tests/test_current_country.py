"""A person's current country (the people list's Country facet) follows every write
that changes it: positions, organisations' countries and deletions, undo, sync from
another laptop, an older file migrated, and the calendar turning a position over."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from coordinator_app.core.records import country_day, current_country
from coordinator_app.core.records.journal import journaled_columns
from coordinator_app.core.records.models import Affiliation, Change, Organization, Person
from coordinator_app.core.records.service import Workspace
from coordinator_app.core.store import migrate
from coordinator_app.core.store.db import catch_up_countries, open_database
from support.sync import close, laptops, send


def _countries(workspace) -> dict[str, str | None]:
    with workspace.read() as session:
        rows = session.execute(select(Person.full_name, Person.current_country))
        return {name: country for name, country in rows}


def _world(workspace):
    with workspace.edit("world") as edit:
        kharkiv = edit.create(Organization, name="Kharkiv City Council", country="UA")
        plunge = edit.create(Organization, name="Plungė District", country="LT")
        ihor = edit.create(Person, full_name="Ihor Terekhov")
        ona = edit.create(Person, full_name="Ona Jonaitienė")
        mayor = edit.create(Affiliation, person_id=ihor.id, organization_id=kharkiv.id,
                            position="Mayor")
    return kharkiv, plunge, ihor, ona, mayor


def test_positions_and_organisations_keep_each_persons_country(workspace):
    kharkiv, plunge, ihor, ona, mayor = _world(workspace)
    assert _countries(workspace) == {"Ihor Terekhov": "UA", "Ona Jonaitienė": None}

    workspace.update(Organization, kharkiv.id, country="PL")
    assert _countries(workspace)["Ihor Terekhov"] == "PL"
    # The position passes to another person: both are worked out again.
    workspace.update(Affiliation, mayor.id, person_id=ona.id)
    assert _countries(workspace) == {"Ihor Terekhov": None, "Ona Jonaitienė": "PL"}
    workspace.update(Affiliation, mayor.id, organization_id=plunge.id)
    assert _countries(workspace)["Ona Jonaitienė"] == "LT"
    workspace.update(Affiliation, mayor.id, end_on=date.today() - timedelta(days=1))
    assert _countries(workspace)["Ona Jonaitienė"] is None
    workspace.update(Affiliation, mayor.id, end_on=None)
    workspace.delete(Organization, plunge.id)
    assert _countries(workspace)["Ona Jonaitienė"] is None
    workspace.restore(Organization, plunge.id)
    assert _countries(workspace)["Ona Jonaitienė"] == "LT"
    workspace.delete(Affiliation, mayor.id)
    assert _countries(workspace)["Ona Jonaitienė"] is None


def test_undo_takes_the_country_back_with_the_position(workspace):
    kharkiv, plunge, ihor, ona, mayor = _world(workspace)
    workspace.update(Organization, kharkiv.id, country="LT")
    changed = workspace.last_change_set
    workspace.create(Affiliation, person_id=ona.id, organization_id=plunge.id)
    added = workspace.last_change_set
    assert _countries(workspace) == {"Ihor Terekhov": "LT", "Ona Jonaitienė": "LT"}
    workspace.undo(added)
    workspace.undo(changed)
    assert _countries(workspace) == {"Ihor Terekhov": "UA", "Ona Jonaitienė": None}


def test_the_country_is_neither_journaled_nor_sent_to_other_laptops(workspace):
    assert "current_country" not in journaled_columns(Person)
    _world(workspace)
    with workspace.read() as session:
        assert not session.scalars(select(Change).where(
            Change.field == "current_country")).all()


def test_a_laptop_works_out_the_country_of_what_sync_brings(tmp_path):
    first, second = laptops(tmp_path, 2)
    try:
        kharkiv, plunge, ihor, ona, mayor = _world(first)
        send(first, second)
        assert _countries(second) == {"Ihor Terekhov": "UA", "Ona Jonaitienė": None}
        # Edits of records the second laptop holds already, not only new records.
        first.update(Organization, kharkiv.id, country="LT")
        first.create(Affiliation, person_id=ona.id, organization_id=plunge.id)
        send(first, second)
        assert _countries(second) == {"Ihor Terekhov": "LT", "Ona Jonaitienė": "LT"}
        first.delete(Organization, plunge.id)
        send(first, second)
        assert _countries(second) == _countries(first) == {"Ihor Terekhov": "LT",
                                                           "Ona Jonaitienė": None}
    finally:
        close([first, second])


def test_opening_on_a_later_day_turns_over_positions_that_began_or_ended(db_path):
    today = date.today()
    db = open_database(db_path)
    workspace = Workspace(db)
    with workspace.edit("terms") as edit:
        kharkiv = edit.create(Organization, name="Kharkiv City Council", country="UA")
        plunge = edit.create(Organization, name="Plungė District", country="LT")
        leaving = edit.create(Person, full_name="Term ends today")
        coming = edit.create(Person, full_name="Term starts tomorrow")
        edit.create(Affiliation, person_id=leaving.id, organization_id=kharkiv.id,
                    end_on=today)
        edit.create(Affiliation, person_id=coming.id, organization_id=plunge.id,
                    start_on=today + timedelta(days=1))
    assert _countries(workspace) == {"Term ends today": "UA", "Term starts tomorrow": None}
    catch_up_countries(db, today + timedelta(days=1))
    assert _countries(workspace) == {"Term ends today": None, "Term starts tomorrow": "LT"}
    catch_up_countries(db, today)  # a clock set back
    assert _countries(workspace) == {"Term ends today": "UA", "Term starts tomorrow": None}
    db.close()


def test_an_older_file_gets_every_persons_country_when_migrated(db_path):
    workspace = Workspace(open_database(db_path))
    _world(workspace)
    workspace.db.close()
    migrate.downgrade(db_path, "0013")

    workspace = Workspace(open_database(db_path))
    try:
        assert _countries(workspace) == {"Ihor Terekhov": "UA", "Ona Jonaitienė": None}
    finally:
        workspace.db.close()


def test_generated_people_have_the_country_of_their_organisation(workspace):
    from coordinator_app.core.sample.generate import generate

    generate(workspace, people=40, organizations=6, seed=3)
    with workspace.read() as session:
        rows = session.execute(
            select(Person.current_country, Organization.country)
            .join(Affiliation, Affiliation.person_id == Person.id)
            .join(Organization, Organization.id == Affiliation.organization_id)).all()
    assert len(rows) == 40
    assert all(mine == theirs for mine, theirs in rows)


def test_the_position_listed_is_the_one_whose_country_is_counted(workspace):
    """The people list's Position column and its Country facet name the same position:
    held today, whatever its end, the latest started first."""
    from coordinator_app.core.views import listing
    from coordinator_app.core.views.listing import ListQuery

    today = date.today()
    with workspace.edit("terms") as edit:
        kharkiv = edit.create(Organization, name="Kharkiv City Council", country="UA")
        plunge = edit.create(Organization, name="Plungė District", country="LT")
        riga = edit.create(Organization, name="Riga City Council", country="LV")
        ending = edit.create(Person, full_name="Term ends next month")
        edit.create(Affiliation, person_id=ending.id, organization_id=kharkiv.id,
                    position="Mayor", end_on=today + timedelta(days=30))
        moved = edit.create(Person, full_name="Seconded since last week")
        edit.create(Affiliation, person_id=moved.id, organization_id=kharkiv.id,
                    position="Adviser", start_on=today - timedelta(days=400))
        edit.create(Affiliation, person_id=moved.id, organization_id=plunge.id,
                    position="Envoy", start_on=today - timedelta(days=7),
                    end_on=today + timedelta(days=90))
        coming = edit.create(Person, full_name="Term starts tomorrow")
        edit.create(Affiliation, person_id=coming.id, organization_id=riga.id,
                    position="Mayor", start_on=today + timedelta(days=1))
    with workspace.read() as session:
        spec = listing.SPECS["person"]
        column = [c.key for c in spec.columns].index("position")
        listed = {row.cells[0]: row.cells[column]
                  for row in listing.page(session, ListQuery("person"), 0, 10)}
    assert listed == {"Term ends next month": "Mayor, Kharkiv City Council",
                      "Seconded since last week": "Envoy, Plungė District",
                      "Term starts tomorrow": ""}
    assert _countries(workspace) == {"Term ends next month": "UA",
                                     "Seconded since last week": "LT",
                                     "Term starts tomorrow": None}


def test_the_position_listed_follows_the_calendar_while_the_app_stays_open(
        workspace, monkeypatch):
    from coordinator_app.core.records import current_position
    from coordinator_app.core.views import listing
    from coordinator_app.core.views.listing import ListQuery

    today = date.today()
    with workspace.edit("term") as edit:
        city = edit.create(Organization, name="Kharkiv City Council", country="UA")
        mayor = edit.create(Person, full_name="Term ends today")
        edit.create(Affiliation, person_id=mayor.id, organization_id=city.id,
                    position="Mayor", end_on=today)
    column = [c.key for c in listing.SPECS["person"].columns].index("position")

    def listed() -> str:
        with workspace.read() as session:
            (row,) = listing.page(session, ListQuery("person"), 0, 10)
            return row.cells[column]

    assert listed() == "Mayor, Kharkiv City Council"

    class Tomorrow(date):
        @classmethod
        def today(cls):
            return today + timedelta(days=1)

    monkeypatch.setattr(current_position, "date", Tomorrow)
    assert listed() == ""  # past midnight, the same list's statement


def test_a_later_day_with_no_position_begun_or_ended_is_noted_without_the_database_code(
        db_path):
    tomorrow = date.today() + timedelta(days=1)
    open_database(db_path).close()
    db = open_database(db_path)
    catch_up_countries(db, tomorrow)
    assert db.loaded is False  # no engine was made for it
    with db.reading() as connection:
        assert connection.execute("SELECT day FROM derived_days WHERE name = ?",
                                  (country_day.NAME,)).fetchone() == (tomorrow.isoformat(),)
    db.close()
