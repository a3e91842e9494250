"""Search ranks a name as people spell it: the whole name first, then each word
exact, then other spellings of it, then prefixes, then near spellings."""

from __future__ import annotations

import pytest

from coordinator_app.core.records.models import Affiliation, Organization, Person
from coordinator_app.core.search.query import search


@pytest.fixture
def places(workspace):
    """Towns and councils as staff write them, with the names they are confused with."""
    made = {}
    with workspace.edit("Places") as edit:
        for name, other in [
            ("Харків", None), ("Харківська міська рада", "Kharkiv community"),
            ("Миколаїв", None), ("Миколаївка", None), ("Миколаївська сільська громада", None),
            ("Рівне", None), ("Ровеньки", None), ("Дніпро", None), ("Бахмут", None),
            ("Лиман", None), ("Кривий Ріг", None), ("Біла Церква", None),
            ("Одеса", None), ("Одеська міська рада", "Odesa community"),
            ("Kauno miesto savivaldybė", None), ("Kauno rajono savivaldybė", None),
            ("Kelmės rajono savivaldybė", None),
            ("Šiaulių miesto savivaldybė", None),
        ]:
            made[name] = edit.create(Organization, name=name, other_names=other).id
        for name in ["Олександр Ковальов", "Сергій Бондаренко", "Микола Литвиненко",
                     "Андрій Мельник", "Григорій Гончаренко"]:
            made[name] = edit.create(Person, full_name=name).id
    return made


def first(workspace, text, count=1, **options):
    with workspace.read() as session:
        return [hit.title for hit in search(session, text, **options)][:count]


@pytest.mark.parametrize("typed, name", [
    ("Миколаїв", "Миколаїв"), ("Mykolaiv", "Миколаїв"), ("Харків", "Харків"),
    ("Kharkiv", "Харків"), ("Odesa", "Одеса"),
])
def test_the_whole_name_comes_before_longer_names_that_start_with_it(workspace, places, typed,
                                                                     name):
    assert first(workspace, typed) == [name]


@pytest.mark.parametrize("typed, name", [
    ("Kharkov", "Харків"), ("Odessa", "Одеса"), ("Dnepr", "Дніпро"), ("Rovno", "Рівне"),
    ("Nikolaev", "Миколаїв"), ("Krivoy Rog", "Кривий Ріг"), ("Belaya Tserkov", "Біла Церква"),
    ("Dnepropetrovsk", "Дніпро"), ("Artemovsk", "Бахмут"), ("Krasny Liman", "Лиман"),
    ("Bakmut", "Бахмут"),  # one letter short
    ("Киев", None), ("Харьков", "Харків"),
])
def test_russian_style_spellings_find_the_place_itself_first(workspace, places, typed, name):
    found = first(workspace, typed)
    assert found == ([name] if name else [])


@pytest.mark.parametrize("typed, name", [
    ("Aleksandr Kovalyov", "Олександр Ковальов"), ("Sergei Bondarenko", "Сергій Бондаренко"),
    ("Nikolai Litvinenko", "Микола Литвиненко"), ("Andrei Melnik", "Андрій Мельник"),
    ("Grigorii Goncharenko", "Григорій Гончаренко"), ("Kovalev", "Олександр Ковальов"),
])
def test_people_written_the_russian_way_are_found(workspace, places, typed, name):
    assert first(workspace, typed) == [name]


@pytest.mark.parametrize("typed", ["Kaunas", "kaunas", "Kauno", "Kaune"])
def test_a_lithuanian_town_in_any_case_finds_its_municipalities(workspace, places, typed):
    assert set(first(workspace, typed, 2)) == {"Kauno miesto savivaldybė",
                                               "Kauno rajono savivaldybė"}


def test_other_spellings_are_looked_up_when_prefix_matches_fill_the_list(workspace, places):
    with workspace.edit("Many") as edit:
        for i in range(40):
            edit.create(Person, full_name=f"Kharkovenko {i}")
    assert first(workspace, "Kharkov") == ["Харків"]
    assert first(workspace, "Siauliai") == ["Šiaulių miesto savivaldybė"]


def test_prefixes_typed_the_russian_way_find_the_place(workspace, places):
    assert "Харків" in first(workspace, "Khark", 3)
    assert "Харків" in first(workspace, "Kharko", 3)


def test_a_persons_exact_name_is_shown_before_organisations_found_by_spelling(workspace, places):
    kharkov = workspace.create(Person, full_name="Petro Kharkov")
    with workspace.read() as session:
        hits = search(session, "Kharkov")
    assert hits[0].id == kharkov.id
    assert [hit.title for hit in hits[1:3]] == ["Харків", "Харківська міська рада"]


def test_a_name_mentioned_in_another_record_comes_after_the_record_itself(workspace, places):
    mayor = workspace.create(Person, full_name="Ігор Терехов")
    workspace.create(Affiliation, person_id=mayor.id, organization_id=places["Харків"],
                     position="Міський голова")
    with workspace.read() as session:
        hits = search(session, "Харків")
    assert hits[0].title == "Харків"
    assert [hit.title for hit in hits].index("Ігор Терехов") > 1


def test_the_whole_name_is_found_among_hundreds_of_longer_names(workspace):
    with workspace.edit("Communities") as edit:
        for i in range(250):
            edit.create(Organization, name=f"Миколаївська громада {i}")
        town = edit.create(Organization, name="Миколаїв")
    with workspace.read() as session:
        for typed in ("Миколаїв", "Mykolaiv", "Nikolaev"):
            assert search(session, typed)[0].id == town.id, typed
