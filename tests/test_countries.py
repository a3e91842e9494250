"""Countries by name: the codes, names and search a country picker offers."""

from __future__ import annotations

import pytest

from coordinator_app.core.records import countries


@pytest.mark.parametrize("typed", ["Lit", "lith", "Лит", "литв", "Lie", "LT", "lt"])
def test_the_start_of_a_name_in_any_language_or_the_code_finds_lithuania(typed):
    assert "LT" in [code for code, _name in countries.matching(typed)]


def test_the_code_typed_whole_comes_first_and_names_follow_the_interface():
    assert countries.matching("UA", "uk")[0] == ("UA", "Україна")
    assert countries.matching("ua", "en")[0] == ("UA", "Ukraine")
    assert countries.matching("Lietuva", "lt") == [("LT", "Lietuva")]
    assert countries.matching("Atlantis") == []


def test_the_list_is_alphabetical_in_the_interface_language():
    names = [name for _code, name in countries.listed("uk")]
    assert names[0] == "Австралія" and "Литва" in names and "Україна" in names
    lithuanian = [name for _code, name in countries.listed("lt")]
    # Lithuanian puts Y between Į and J, and Š after S.
    assert lithuanian.index("Šveicarija") > lithuanian.index("Sirija")


@pytest.mark.parametrize("text, code", [("Lithuania", "LT"), ("Литва", "LT"),
                                        ("Lietuva", "LT"), ("Україна", "UA"),
                                        ("usa", "US"), ("pl", "PL"), ("Lit", None),
                                        ("", None)])
def test_a_code_is_read_from_a_code_or_a_whole_name(text, code):
    assert countries.code_of(text) == code


def test_names_in_the_interface_language_come_before_names_in_others():
    # "Libanas" is Lebanon in Lithuanian: found, but after the English names.
    found = [code for code, _name in countries.matching("Li", "en")]
    assert found[0] == "LI" and "LB" in found
    assert found.index("LT") < found.index("LB")
