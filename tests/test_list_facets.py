"""The facets of the lists: status, kind, country, tag, priority area and windows of
dates, each a SQL condition, combined with each other and with the text filter."""

from __future__ import annotations

from datetime import date, timedelta

from coordinator_app.core.views import facets
from coordinator_app.core.records import registry
from coordinator_app.core.views import listing
from coordinator_app.core.views.listing import ListQuery
from coordinator_app.core.records.models import (
    Affiliation,
    Agreement,
    AgreementPriorityArea,
    Commitment,
    Need,
    Organization,
    Person,
    PriorityArea,
    Project,
)
from coordinator_app.core.records.tags import set_tags
from coordinator_app.i18n import set_language

#: Agreements in force need the day they were signed.
SIGNED = date(2025, 2, 11)


def _titles(workspace, kind: str, /, *, text: str = "", **chosen) -> list[str]:
    query = ListQuery(kind, text=text, facets=facets.normalised(chosen.items()))
    with workspace.read() as session:
        rows = listing.page(session, query, 0, 500)
        assert listing.count(session, query) == len(rows)
        assert listing.ids(session, query) == [row.id for row in rows]
    return [row.cells[0] for row in rows]


def _codes(workspace, kind: str, key: str) -> dict[str, str]:
    with workspace.read() as session:
        return {o.code: o.label for o in facets.options(session, kind, key)}


def test_every_column_of_codes_is_a_facet_and_every_kind_has_tags():
    for spec in registry.TOP_LEVEL:
        keys = [f.key for f in facets.facets_of(spec.name)]
        coded = [c.key for c in spec.columns if c.labels is not None]
        assert keys[:len(coded)] == coded
        assert keys[-1] == "tag"
        assert len(keys) == len(set(keys)), spec.name


def test_status_and_kind_facets_keep_the_chosen_codes_and_combine_with_text(workspace):
    with workspace.edit("agreements") as edit:
        for title, kind, status in (("Energy memorandum", "memorandum", "active"),
                                    ("Energy grant", "grant", "active"),
                                    ("Water memorandum", "memorandum", "draft"),
                                    ("Schools twinning", "twinning", "signed")):
            edit.create(Agreement, title=title, kind=kind, status=status,
                        signed_on=None if status == "draft" else SIGNED)
    assert _titles(workspace, "agreement", status=["active"]) == ["Energy grant",
                                                                 "Energy memorandum"]
    # Codes of one facet are alternatives; facets all apply.
    assert _titles(workspace, "agreement", status=["active", "signed"]) == [
        "Energy grant", "Energy memorandum", "Schools twinning"]
    assert _titles(workspace, "agreement", status=["active"], kind=["memorandum"]) == [
        "Energy memorandum"]
    assert _titles(workspace, "agreement", text="memorandum", status=["draft"]) == [
        "Water memorandum"]
    assert _titles(workspace, "agreement", text="water", status=["active"]) == []
    set_language("uk")
    try:
        assert _codes(workspace, "agreement", "status")["active"] == "Діє"
    finally:
        set_language("en")


def test_the_country_facet_offers_the_countries_records_hold(workspace):
    with workspace.edit("orgs") as edit:
        edit.create(Organization, name="Kharkiv City Council", country="UA")
        edit.create(Organization, name="Plungė District", country="LT")
        edit.create(Organization, name="Kaunas", country="lt")
        edit.create(Organization, name="Somewhere", country=None)
        gone = edit.create(Organization, name="Closed NGO", country="PL")
        edit.delete(Organization, gone.id)
    assert _codes(workspace, "organization", "country") == {"LT": "Lithuania",
                                                            "UA": "Ukraine"}
    assert _titles(workspace, "organization", country=["LT"]) == ["Kaunas", "Plungė District"]
    assert _titles(workspace, "organization", country=["LT", "UA"]) == [
        "Kaunas", "Kharkiv City Council", "Plungė District"]


def test_the_tag_facet_finds_tagged_records_of_the_list_kind_only(workspace):
    with workspace.edit("people") as edit:
        one = edit.create(Person, full_name="Ona Jonaitienė")
        two = edit.create(Person, full_name="Petro Shevchenko")
        edit.create(Person, full_name="Untagged Person")
        org = edit.create(Organization, name="Energy NGO")
        set_tags(edit, "person", one.id, ["energy", "donors"])
        set_tags(edit, "person", two.id, ["Energy"])
        set_tags(edit, "organization", org.id, ["energy", "ngo"])
    tags = _codes(workspace, "person", "tag")
    assert sorted(tags.values()) == ["donors", "energy"]  # "ngo" is only an organisation's
    energy = next(code for code, name in tags.items() if name == "energy")
    assert _titles(workspace, "person", tag=[energy]) == ["Ona Jonaitienė", "Petro Shevchenko"]
    assert _titles(workspace, "person", text="ona", tag=[energy]) == ["Ona Jonaitienė"]
    with workspace.edit("untag") as edit:
        set_tags(edit, "person", two.id, [])
    assert _titles(workspace, "person", tag=[energy]) == ["Ona Jonaitienė"]


def test_the_priority_area_facet_follows_the_links(workspace):
    with workspace.edit("areas") as edit:
        energy = edit.create(PriorityArea, name="Energy resilience",
                             name_uk="Енергетична стійкість")
        edit.create(PriorityArea, name="European integration")
        first = edit.create(Agreement, title="Generators memorandum")
        edit.create(Agreement, title="Other memorandum")
        edit.create(AgreementPriorityArea, agreement_id=first.id, priority_area_id=energy.id)
    assert _titles(workspace, "agreement", priority_area=[energy.id]) == [
        "Generators memorandum"]
    set_language("uk")
    try:
        assert "Енергетична стійкість" in _codes(workspace, "agreement", "priority_area").values()
    finally:
        set_language("en")


def test_windows_of_dates_count_from_today(workspace):
    today = date.today()
    with workspace.edit("dates") as edit:
        edit.create(Agreement, title="Expires soon", status="active", signed_on=SIGNED,
                    expires_on=today + timedelta(days=10))
        edit.create(Agreement, title="Expires later", status="active", signed_on=SIGNED,
                    expires_on=today + timedelta(days=60))
        edit.create(Agreement, title="Expired", status="expired", signed_on=SIGNED,
                    expires_on=today - timedelta(days=5))
        late = edit.create(Agreement, title="Late commitments", status="active",
                           signed_on=SIGNED)
        edit.create(Commitment, agreement_id=late.id, description="Heaters",
                    due_on=today - timedelta(days=3), status="open")
        kept = edit.create(Agreement, title="Kept commitments", status="active",
                           signed_on=SIGNED)
        edit.create(Commitment, agreement_id=kept.id, description="Generators",
                    due_on=today - timedelta(days=3), status="done")
        org = edit.create(Organization, name="Kharkiv")
        edit.create(Need, organization_id=org.id, item="Generators", quantity=40,
                    needed_by=today - timedelta(days=1), status="open")
        edit.create(Need, organization_id=org.id, item="Heaters", quantity=10,
                    needed_by=today - timedelta(days=1), status="delivered")
        edit.create(Need, organization_id=org.id, item="Blankets", quantity=100,
                    needed_by=today + timedelta(days=20), status="open")
        edit.create(Project, title="Late project", status="active",
                    end_on=today - timedelta(days=2))
        edit.create(Project, title="Finished project", status="completed",
                    end_on=today - timedelta(days=2))
    assert _titles(workspace, "agreement", dates=["expires_30"]) == ["Expires soon"]
    assert _titles(workspace, "agreement", dates=["expires_90"]) == ["Expires later",
                                                                    "Expires soon"]
    assert _titles(workspace, "agreement", dates=["overdue"]) == ["Late commitments"]
    assert _titles(workspace, "agreement", dates=["expires_30", "overdue"]) == [
        "Expires soon", "Late commitments"]
    assert _titles(workspace, "need", dates=["overdue"]) == ["Generators"]
    assert _titles(workspace, "need", dates=["needed_30"]) == ["Blankets"]
    assert _titles(workspace, "project", dates=["overdue"]) == ["Late project"]


def test_a_facet_the_kind_does_not_have_is_left_out(workspace):
    with workspace.edit("orgs") as edit:
        edit.create(Organization, name="Kharkiv", country="UA")
    assert _titles(workspace, "organization", status=["active"], country=["UA"]) == ["Kharkiv"]
    assert _titles(workspace, "organization", kind=["no-such-kind"]) == []


def test_the_people_list_is_narrowed_to_the_country_of_each_persons_current_position(
        workspace):
    today = date.today()
    with workspace.edit("people") as edit:
        kharkiv = edit.create(Organization, name="Kharkiv City Council", country="UA")
        plunge = edit.create(Organization, name="Plungė District", country="LT")
        nowhere = edit.create(Organization, name="Association without a country")
        ihor = edit.create(Person, full_name="Ihor Terekhov")
        audrius = edit.create(Person, full_name="Audrius Klišonis")
        moved = edit.create(Person, full_name="Rūta Petrauskienė")
        edit.create(Person, full_name="Nobody Anywhere")
        edit.create(Affiliation, person_id=ihor.id, organization_id=kharkiv.id,
                    position="Mayor")
        # A position with no country of its own leaves the other one's.
        edit.create(Affiliation, person_id=audrius.id, organization_id=nowhere.id,
                    start_on=today)
        edit.create(Affiliation, person_id=audrius.id, organization_id=plunge.id,
                    start_on=today - timedelta(days=400))
        # Worked in Kharkiv until last year, in Plungė now; an offer from Kharkiv waits.
        edit.create(Affiliation, person_id=moved.id, organization_id=kharkiv.id,
                    end_on=today - timedelta(days=1))
        edit.create(Affiliation, person_id=moved.id, organization_id=plunge.id)
        edit.create(Affiliation, person_id=moved.id, organization_id=kharkiv.id,
                    start_on=today + timedelta(days=30))
    assert _codes(workspace, "person", "country") == {"LT": "Lithuania", "UA": "Ukraine"}
    assert _titles(workspace, "person", country=["UA"]) == ["Ihor Terekhov"]
    assert _titles(workspace, "person", country=["LT"]) == ["Audrius Klišonis",
                                                            "Rūta Petrauskienė"]
    assert _titles(workspace, "person", text="ruta", country=["LT"]) == ["Rūta Petrauskienė"]
    assert _titles(workspace, "person", country=["PL"]) == []
    set_language("uk")
    try:
        assert _codes(workspace, "person", "country")["UA"] == "Україна"
    finally:
        set_language("en")
