"""Spelling keys and the gazetteer: the spellings of one name meet, others stay apart."""

from __future__ import annotations

import pytest
import uklatn

from coordinator_app.core.text import gazetteer
from coordinator_app.core.search.ranking import typed_words
from coordinator_app.core.text.spelling import keys_text, word_keys


def share_a_key(a: str, b: str) -> bool:
    return bool(set(word_keys(a)) & set(word_keys(b)))


@pytest.mark.parametrize("native, spellings", [
    ("Київ", ["Kiev", "Kiyev", "Kyiv", "Киев"]),
    ("Харків", ["Kharkov", "Charkiv", "Charkivas", "Харьков"]),
    ("Львів", ["Lvov", "Lviv", "Львов"]),
    ("Чернігів", ["Chernigov", "Chernihiv"]),
    ("Рівне", ["Rovno", "Rivne", "Ровно"]),
    ("Запоріжжя", ["Zaporozhye", "Zaporozhe", "Zaporizhzhia"]),
    ("Горлівка", ["Gorlovka", "Horlivka"]),
    ("Макіївка", ["Makeevka", "Makeyevka"]),
    ("Одеса", ["Odessa", "Odesa"]),
    ("Дніпро", ["Dnepr", "Dnipro"]),
    ("Чорноморськ", ["Chernomorsk"]),
    ("Сергій", ["Sergei", "Sergey", "Serhii", "Serhiy"]),
    ("Андрій", ["Andrei", "Andrey", "Andrii"]),
    ("Григорій", ["Grigorii", "Grigoriy", "Hryhorii"]),
    ("Ковальов", ["Kovalyov", "Kovalev", "Kovalov"]),
    ("Пётр", ["Petro", "Pyotr"]),
])
def test_russian_style_and_official_spellings_share_a_key(native, spellings):
    for spelling in spellings:
        assert share_a_key(native, spelling), spelling


@pytest.mark.parametrize("forms", [
    ["Kaunas", "Kauno", "Kaune", "Kaunu"],
    ["Šiauliai", "Šiaulių", "Siauliai", "siauliu"],
    ["Panevėžys", "Panevėžio", "panevezys"],
    ["Vilnius", "Vilniaus", "Vilniuje"],
    ["Alytus", "Alytaus"],
    ["Kazlų", "Kazlu"], ["Rūda", "Rūdos"],
    ["Klišonis", "Klisonys", "Klišonio"],
])
def test_lithuanian_cases_of_one_name_share_a_key(forms):
    for form in forms[1:]:
        assert share_a_key(forms[0], form), form


@pytest.mark.parametrize("a, b", [
    ("Рівне", "Ровеньки"), ("Київ", "Ківерці"), ("Харків", "Херсон"), ("Олена", "Ілін"),
    ("Kaunas", "Kelmė"),
])
def test_different_names_keep_different_keys(a, b):
    assert not share_a_key(a, b)


def test_keys_of_a_name_are_listed_once_whatever_the_script():
    assert keys_text("Харків", "Kharkiv City Council") == "harkiv cit council"


def test_an_apostrophe_keeps_a_word_whole():
    assert keys_text("Кам'янське", "Мар’їнка") == "kamiansk marink"


@pytest.mark.parametrize("typed, native", [
    ("Nikolaev", "Миколаїв"), ("Dnepropetrovsk", "Дніпро"), ("Artemovsk", "Бахмут"),
    ("Kirovograd", "Кропивницький"), ("Aleksandr", "Олександр"), ("Николаев", "Миколаїв"),
    ("Tserkov", "Церква"), ("Dneprodzerzhinsk", "Кам'янське"),
    # A village named for a person or a town: the same start in another spelling.
    ("Aleksandrovka", "Олександрівка"), ("Nikolaevka", "Миколаївка"),
])
def test_the_gazetteer_gives_the_native_name_of_other_names(typed, native):
    (term,) = typed_words(typed)
    assert (word_keys(native)[0],) in term.phrases


@pytest.mark.parametrize("typed, native", [
    ("Krasny Liman", "Лиман"), ("Novograd-Volynsky", "Звягель"),
    ("Vladimir-Volynsky", "Володимир"), ("Komsomolsk-na-Dnepre", None),
])
def test_other_names_of_several_words_become_one_typed_word(typed, native):
    if native is None:  # "na" has no key: its words cannot be paired with a native name's
        assert all(term.forms for term in typed_words(typed))
        assert typed_words("Dnepr")[0].phrases == []  # not paired with Плавні
        return
    (term,) = typed_words(typed)
    assert term.phrases == [(word_keys(native)[0],)]


def test_gazetteer_rows_have_their_official_latin_spelling_and_no_repeats():
    for name in gazetteer.FILES:
        rows = gazetteer.rows(gazetteer.FOLDER / name)
        assert len(rows) > 50
        natives = [row["ukrainian"] for row in rows]
        assert len(natives) == len(set(natives)), name
        for row in rows:
            assert row["official_latin"] == uklatn.encode(row["ukrainian"], uklatn.KMU_55)
            assert row["russian"], row["ukrainian"]


@pytest.mark.parametrize("native, spelling", [
    ("Гірське", "Gorskoye"), ("Підлісне", "Podlesnoye"), ("Новоселівка", "Novoselovka"),
    ("Чорнобиль", "Chernobyl"),
])
def test_village_names_share_a_key_with_their_russian_spelling(native, spelling):
    assert share_a_key(native, spelling)
