"""People read from a first bundle are written with their current country, worked out
from the positions and organisations the bundle brings, as the UPDATE that works it
out in SQL (core.records.current_country) would give it."""

from __future__ import annotations

from datetime import date, timedelta

from coordinator_app.core.records import current_country
from coordinator_app.core.records.current_country import UNSURE, of_positions
from coordinator_app.core.records.models import Affiliation, Organization, Person
from coordinator_app.sync.countries import of_new_people
from coordinator_app.sync.operations import by_record
from support.sync import close, current_countries, laptops, missing, send

TODAY = date(2026, 11, 30)


def _day(days: int) -> str:
    return (TODAY + timedelta(days=days)).isoformat()


def test_the_current_position_is_the_latest_started_of_those_held_today():
    assert of_positions([(_day(-900), None, None, "UA"), (_day(-30), None, None, "LT")],
                        TODAY) == "LT"
    # An undated start is the earliest, as SQLite orders NULL below any date.
    assert of_positions([(None, None, None, "UA"), (_day(-30), None, None, "PL")],
                        TODAY) == "PL"
    assert of_positions([(None, _day(0), None, "UA")], TODAY) == "UA"  # ends today
    assert of_positions([(_day(1), None, None, "UA")], TODAY) is None  # not begun
    assert of_positions([(None, _day(-1), None, "UA")], TODAY) is None  # ended
    assert of_positions([(None, None, "2026-01-01T00:00:00", "UA")], TODAY) is None
    assert of_positions([(None, None, None, None), (None, None, None, "")], TODAY) is None
    assert of_positions([], TODAY) is None


def test_what_only_the_stored_rows_decide_is_left_to_sql():
    # Started the same day: SQL's order of reading them picks one.
    assert of_positions([(_day(-5), None, None, "UA"), (_day(-5), None, None, "LT")],
                        TODAY) is UNSURE
    assert of_positions([(None, None, None, "UA"), (None, None, None, "LT")], TODAY) is UNSURE
    # A country stored otherwise once normalised (upper case, trimmed).
    assert of_positions([(None, None, None, "ua")], TODAY) is UNSURE
    assert of_positions([(None, None, None, " UA")], TODAY) is UNSURE
    assert of_positions([("30.11.2026", None, None, "UA")], TODAY) is UNSURE
    assert of_positions([(None, None, None, 0)], TODAY) is UNSURE  # SQL counts it


def test_people_of_a_first_bundle_are_written_with_the_country_sql_gives_them(tmp_path):
    sender, receiver = laptops(tmp_path, 2)
    today = date.today()
    try:
        with sender.edit() as edit:
            org = {code: edit.create(Organization, name=f"Town {code}", country=code).id
                   for code in ("UA", "LT", "PL", "DE")}
            org["none"] = edit.create(Organization, name="Donors").id
            people = {}

            def person(name: str, *positions: tuple[str, int | None, int | None]) -> None:
                people[name] = edit.create(Person, full_name=name).id
                for where, start, end in positions:
                    edit.create(Affiliation, person_id=people[name], organization_id=org[where],
                                start_on=None if start is None else today + timedelta(start),
                                end_on=None if end is None else today + timedelta(end))

            person("One post", ("UA", -100, None))
            person("Later start", ("UA", -900, None), ("LT", -30, None))
            person("Undated first", ("UA", None, None), ("PL", -30, 30))
            person("Ended", ("LT", -900, -1))
            person("Not begun", ("LT", 5, None))
            person("No country", ("none", -5, None), ("DE", -9, -2))
            person("Same day", ("UA", -5, None), ("LT", -5, None))
            person("Edited post", ("PL", -5, None))
            person("No post")
        edited = next(aff.id for aff in _positions(sender)
                      if aff.person_id == people["Edited post"])
        sender.update(Affiliation, edited, organization_id=org["DE"])

        worked_out = of_new_people(by_record(missing(sender, receiver)), [])
        assert {name: worked_out[person_id] for name, person_id in people.items()
                if person_id in worked_out} == {
            "One post": "UA", "Later start": "LT", "Undated first": "PL", "Ended": None,
            "Not begun": None, "No country": None, "No post": None}

        send(sender, receiver)
        read = current_countries(receiver)
        assert read[people["Later start"]] == "LT" and read[people["Edited post"]] == "DE"
        # Worked out again in SQL, for everyone: the same.
        with receiver.db.engine.begin() as connection:
            current_country.rebuild(connection)
        assert current_countries(receiver) == read
    finally:
        close([sender, receiver])


def _positions(workspace) -> list[Affiliation]:
    with workspace.read() as session:
        found = session.query(Affiliation).all()
        session.expunge_all()
        return found
