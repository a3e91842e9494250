"""Lists, search results and pickers show a record's name in the interface language,
the original tagged with its language where that language is missing, and sort by
what they show."""

from __future__ import annotations

import json

from coordinator_app import i18n
from coordinator_app.core.records.models import Agreement, Need, Organization, Project
from coordinator_app.core.search.query import search
from coordinator_app.core.store import derived
from coordinator_app.core.views import listing
from coordinator_app.core.views.listing import ListQuery

#: Three associations whose names sort differently in each language.
NAMES = (
    {"name": "Асоціація міст", "name.lt": "Miestų asociacija", "name.en": "Cities Association"},
    {"name": "Бюро громад", "name.lt": "Bendruomenių biuras", "name.en": "Bureau of Communities"},
    {"name": "Агенція відновлення", "name.lt": "Atkūrimo agentūra",
     "name.en": "Recovery Agency"},
)


def _organizations(workspace, *values) -> list[str]:
    with workspace.edit("orgs") as edit:
        return [edit.create(Organization, **one).id for one in values]


def _cells(workspace, query: ListQuery, column: str = "name", limit: int = 50,
           after=None) -> list[str]:
    index = [c.key for c in query.spec.columns].index(column)
    with workspace.read() as session:
        return [row.cells[index] for row in listing.page(session, query, 0, limit, after)]


def test_each_language_s_list_shows_and_sorts_its_own_names(workspace):
    _organizations(workspace, *NAMES)
    assert _cells(workspace, ListQuery("organization", lang="uk")) == [
        "Агенція відновлення", "Асоціація міст", "Бюро громад"]
    assert _cells(workspace, ListQuery("organization", lang="lt")) == [
        "Atkūrimo agentūra", "Bendruomenių biuras", "Miestų asociacija"]
    assert _cells(workspace, ListQuery("organization", lang="en")) == [
        "Bureau of Communities", "Cities Association", "Recovery Agency"]
    assert _cells(workspace, ListQuery("organization", 0, True, lang="en")) == [
        "Recovery Agency", "Cities Association", "Bureau of Communities"]


def test_a_missing_language_shows_the_original_tagged_and_sorted_where_it_reads(workspace):
    _organizations(workspace, {"name": "Kauno miesto savivaldybė"},
                   {"name": "Харківська міська рада", "name.en": "Kharkiv City Council"},
                   {"name": "Lviv City Council", "name.original": "en"})
    assert _cells(workspace, ListQuery("organization", lang="en")) == [
        "Kauno miesto savivaldybė · lt", "Kharkiv City Council", "Lviv City Council"]
    assert _cells(workspace, ListQuery("organization", lang="uk")) == [
        "Kauno miesto savivaldybė · lt", "Lviv City Council · en", "Харківська міська рада"]


def test_paging_on_follows_the_language_s_order(workspace):
    _organizations(workspace, *NAMES)
    query = ListQuery("organization", lang="lt")
    with workspace.read() as session:
        first = listing.page(session, query, 0, 1)
        rest = listing.page(session, query, 1, 5, after=first[-1].mark)
        where = listing.position_of(session, query, rest[-1].id)
    assert [row.cells[0] for row in first + rest] == [
        "Atkūrimo agentūra", "Bendruomenių biuras", "Miestų asociacija"]
    assert where == 2


def test_names_of_other_records_in_a_list_are_in_the_language_too(workspace):
    (lead,) = _organizations(workspace, NAMES[0])
    with workspace.edit("project") as edit:
        edit.create(Project, title="Генератори для Харкова", lead_id=lead,
                    **{"title.lt": "Generatoriai Charkivui"})
        edit.create(Need, item="Генератори", organization_id=lead, quantity=4, unit="pcs")
    assert _cells(workspace, ListQuery("project", lang="lt"), "title") == [
        "Generatoriai Charkivui"]
    assert _cells(workspace, ListQuery("project", lang="lt"), "lead") == ["Miestų asociacija"]
    assert _cells(workspace, ListQuery("need", lang="en"), "community") == [
        "Cities Association"]
    assert _cells(workspace, ListQuery("need", lang="en"), "item") == ["Генератори · uk"]


def test_the_list_reads_the_interface_language_when_none_is_given(workspace):
    _organizations(workspace, NAMES[0])
    i18n.set_language("lt")
    assert _cells(workspace, ListQuery("organization")) == ["Miestų asociacija"]


def test_search_results_name_records_in_the_reader_s_language(workspace):
    _organizations(workspace, NAMES[0], {"name": "Plungės rajono savivaldybė"})
    with workspace.edit("agreement") as edit:
        edit.create(Agreement, title="Меморандум про співпрацю",
                    **{"title.en": "Memorandum of Cooperation"})
    with workspace.read() as session:
        english = {hit.title for hit in search(session, "asociacija", lang="en")}
        memorandum = search(session, "меморандум", lang="en")
        plunge = search(session, "plunges", lang="uk")
        unnamed = search(session, "меморандум")
    assert english == {"Cities Association"}
    assert [hit.title for hit in memorandum] == ["Memorandum of Cooperation"]
    assert [hit.title for hit in plunge] == ["Plungės rajono savivaldybė · lt"]
    # The command line's search keeps giving the title as written.
    assert [hit.title for hit in unnamed] == ["Меморандум про співпрацю"]


def test_sort_keys_per_language_are_rebuilt_when_a_migration_marks_them_stale(workspace):
    (record_id,) = _organizations(workspace, NAMES[1])
    with workspace.edit("rename") as edit:
        edit.update(Organization, record_id, **{"name.en": "Agency of Communities"})
    with workspace.db.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE organizations SET sort_key_en = '', sort_key_lt = ''")
        connection.exec_driver_sql(
            "INSERT OR REPLACE INTO derived_state (name, stale) VALUES ('sort_keys', 1)")
        assert derived.rebuild_stale(connection) == ["sort_keys"]
    _organizations(workspace, NAMES[0])
    assert _cells(workspace, ListQuery("organization", lang="en")) == [
        "Agency of Communities", "Cities Association"]
    assert _cells(workspace, ListQuery("organization", lang="lt")) == [
        "Bendruomenių biuras", "Miestų asociacija"]


def test_records_around_one_are_named_in_the_interface_language(workspace):
    from coordinator_app.core.records.models import AgreementParty
    from coordinator_app.core.views import related

    association, bureau, agency = _organizations(workspace, *NAMES)
    with workspace.edit("links") as edit:
        for member in (bureau, agency):
            edit.update(Organization, member, parent_id=association)
        agreement = edit.create(Agreement, title="Меморандум про співпрацю",
                                **{"title.lt": "Bendradarbiavimo memorandumas"})
        edit.create(AgreementParty, agreement_id=agreement.id, organization_id=bureau)
    i18n.set_language("lt")
    with workspace.read() as session:
        parties = related.parties(session, agreement.id)
        members, total = related.members(session, association, 10)
        (link,), _total = related.agreements_of(session, bureau)
        chooser = related.choices(session, "organization", "", 10)
    assert parties == [(bureau, "Bendruomenių biuras")]
    assert [name for _id, name in members] == ["Atkūrimo agentūra", "Bendruomenių biuras"]
    assert total == 2
    assert link.title == "Bendradarbiavimo memorandumas"
    assert [name for _id, name in chooser] == [
        "Atkūrimo agentūra", "Bendruomenių biuras", "Miestų asociacija"]


def test_the_dashboard_names_records_in_the_interface_language(workspace):
    from datetime import date, timedelta

    from coordinator_app.core.records.models import Commitment
    from coordinator_app.core.views import dashboard

    today = date.today()
    with workspace.edit("due") as edit:
        agreement = edit.create(Agreement, title="Меморандум про співпрацю", status="negotiation",
                                expires_on=today + timedelta(days=20),
                                **{"title.en": "Memorandum of Cooperation"})
        edit.create(Commitment, agreement_id=agreement.id, description="Надіслати кошторис",
                    due_on=today - timedelta(days=1))
    with workspace.read() as session:
        (expiring,) = dashboard.agreements_expiring(session, today)
        (overdue,) = dashboard.overdue_commitments(session, today)
        (recent,) = dashboard.recent_changes(session)
    assert expiring.title == "Memorandum of Cooperation"
    assert (overdue.title, overdue.detail) == ("Надіслати кошторис · uk",
                                               "Memorandum of Cooperation")
    assert recent.title == "Memorandum of Cooperation"


def test_search_results_second_lines_name_other_records_in_the_reader_s_language(workspace):
    from coordinator_app.core.records.models import Affiliation, Person

    association, bureau = _organizations(workspace, NAMES[0], {"name": "Бюро громад"})
    with workspace.edit("around") as edit:
        person = edit.create(Person, full_name="Olena Zaporozhets")
        edit.create(Affiliation, person_id=person.id, organization_id=association,
                    position="Coordinator")
        edit.create(Project, title="Schools reopened", location_id=bureau)
        edit.create(Need, item="Generators", organization_id=association, quantity=4,
                    unit="pcs")
    with workspace.read() as session:
        def subtitles(text, lang):
            return {hit.kind: hit.subtitle for hit in search(session, text, lang=lang)}

        assert subtitles("zaporozhets", "lt")["person"] == "Coordinator, Miestų asociacija"
        assert subtitles("zaporozhets", "en")["person"] == "Coordinator, Cities Association"
        assert "Бюро громад · uk" in subtitles("schools reopened", "en")["project"]
        assert "Miestų asociacija" in subtitles("generators", "lt")["need"]
        i18n.set_language("uk")  # no language asked: the interface's
        assert search(session, "zaporozhets")[0].subtitle == "Coordinator, Асоціація міст"


def test_the_command_line_search_prints_names_in_the_language_asked(workspace, cli):
    _organizations(workspace, NAMES[0], {"name": "Plungės rajono savivaldybė"})
    path = workspace.db.path
    printed = cli("search", "asociacija", "--lang", "en", db=path).stdout
    assert "Cities Association" in printed and "Асоціація міст" not in printed
    printed = cli("search", "plunges", "--lang", "uk", db=path).stdout
    assert "Plungės rajono savivaldybė · lt" in printed
    # The interface's language, where the command names none.
    assert "Miestų asociacija" in cli("--lang", "lt", "search", "asociacija", db=path).stdout
    (hit,) = json.loads(cli("search", "plunges", "--lang", "uk", "--json", db=path).stdout)
    assert hit["title"] == "Plungės rajono savivaldybė"  # as stored, as before
    assert hit["shown"] == "Plungės rajono savivaldybė · lt"
    assert hit["lang"] == "uk"
