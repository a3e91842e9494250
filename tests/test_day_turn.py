"""A laptop left running over midnight: people whose position ended yesterday leave
their country's list, and the screens that show people hear of it."""

from __future__ import annotations

from datetime import date, timedelta

from coordinator_app.core.records.models import Affiliation, Organization, Person
from coordinator_app.ui.day_turn import DayTurn


def test_the_turn_of_the_day_works_out_current_countries_again(context, workspace, qtbot):
    today = date.today()
    with workspace.edit("term") as edit:
        kharkiv = edit.create(Organization, name="Kharkiv City Council", country="UA")
        mayor = edit.create(Person, full_name="Term ends today")
        edit.create(Affiliation, person_id=mayor.id, organization_id=kharkiv.id, end_on=today)
    assert workspace.get(Person, mayor.id).current_country == "UA"
    turn = DayTurn(context)
    # Armed for the coming midnight, not earlier.
    assert 0 < turn.timer.remainingTime() <= 24 * 3600 * 1000 + 5000
    with qtbot.waitSignal(context.data_changed) as told:
        turn.turn(today + timedelta(days=1))
    assert "person" in told.args[0].kinds
    assert workspace.get(Person, mayor.id).current_country is None
