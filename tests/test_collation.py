"""Names sort as Ukrainian and Lithuanian readers expect, straight from SQLite's index."""

from __future__ import annotations

import random
import sqlite3

from coordinator_app.core.collation import sort_key, sorted_names

UKRAINIAN = "а б в г ґ д е є ж з и і ї й к л м н о п р с т у ф х ц ч ш щ ь ю я".split()
LITHUANIAN = "a ą b c č d e ę ė f g h i į y j k l m n o p r s š t u ų ū v z ž".split()


def shuffled(items):
    items = list(items)
    random.Random(7).shuffle(items)
    return items


def test_ukrainian_alphabet_in_both_cases():
    assert sorted_names(shuffled(UKRAINIAN)) == UKRAINIAN
    upper = [letter.upper() for letter in UKRAINIAN]
    assert sorted_names(shuffled(upper)) == upper


def test_lithuanian_alphabet_in_both_cases():
    assert sorted_names(shuffled(LITHUANIAN)) == LITHUANIAN
    upper = [letter.upper() for letter in LITHUANIAN]
    assert sorted_names(shuffled(upper)) == upper


def test_ukrainian_surnames():
    expected = ["Гусак", "Ґудзь", "Ейсмонт", "Єрмак", "Игнатенко", "Іваненко", "Їжакевич",
                "Йосипенко", "Пилипенко", "Пилип'юк", "Терехов", "Шевченко", "Щербак",
                "Ющенко", "Яковенко"]
    assert sorted_names(shuffled(expected)) == expected


def test_apostrophes_are_ignored():
    assert sort_key("Пилип'юк") == sort_key("Пилипʼюк") == sort_key("Пилип’юк")
    assert sort_key("Пилип'юк").split("\x01")[0] == sort_key("Пилипюк").split("\x01")[0]


def test_lithuanian_place_names():
    expected = ["Alytus", "Anykščiai", "Ąžuolynas", "Biržai", "Cvirka", "Čiurlionis", "Elektrėnai",
                "Ėriškiai", "Ignalina", "Įsrutis", "Ylakiai", "Jonava", "Klaipėda", "Plungė",
                "Skuodas", "Šiauliai", "Telšiai", "Utena", "Ūdrija", "Varėna", "Zarasai", "Žiežmariai"]
    assert sorted_names(shuffled(expected)) == expected


def test_case_and_foreign_accents_only_break_ties():
    assert sorted_names(["Müller", "Mulleris", "muller"]) == ["muller", "Müller", "Mulleris"]
    assert sorted_names(["émile", "Emile", "Emilia"]) == ["Emile", "émile", "Emilia"]
    assert sort_key("Харкі́в").split("\x01")[0] == sort_key("Харків").split("\x01")[0]
    assert sort_key("ŁÓDŹ").split("\x01")[0] == sort_key("lodz").split("\x01")[0]


def test_words_compare_one_by_one_and_punctuation_is_ignored():
    assert sorted_names(["Vandal", "Van Dyke"]) == ["Van Dyke", "Vandal"]
    assert sort_key('ГО "Світло"').split("\x01")[0] == sort_key("ГО Світло").split("\x01")[0]
    assert sort_key("  Kharkiv  ") == sort_key("Kharkiv")


def test_latin_before_cyrillic_and_digits_first():
    assert sorted_names(["Харків", "Kharkiv", "2026 programme"]) == ["2026 programme", "Kharkiv",
                                                                      "Харків"]


def test_blank_names():
    assert sort_key(None) == sort_key("") == ""


def test_sqlite_binary_order_is_the_alphabetical_order():
    names = ["Ūdrija", "Klišonis", "Клименко", "Ąžuolas", "Азаров", "Ylakiai", "Іваненко",
             "Ignas", "Ґалаґан", "Гаврилюк", "Žukauskas", "Zubovas", "Čepulis", "Cibulskis",
             "Їжак", "Йовенко", "Єременко", "Ейсмонт", "Įsrutis", "Audrius"]
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE people (name TEXT, sort_key TEXT)")
    db.execute("CREATE INDEX ix_people_sort_key ON people (sort_key)")
    db.executemany("INSERT INTO people VALUES (?, ?)", [(n, sort_key(n)) for n in names])
    from_sql = [row[0] for row in db.execute("SELECT name FROM people ORDER BY sort_key")]
    assert from_sql == sorted_names(names)
    assert from_sql[:10] == ["Audrius", "Ąžuolas", "Cibulskis", "Čepulis", "Ignas", "Įsrutis",
                             "Ylakiai", "Klišonis", "Ūdrija", "Zubovas"]
    assert from_sql[10:] == ["Žukauskas", "Азаров", "Гаврилюк", "Ґалаґан", "Ейсмонт", "Єременко",
                             "Іваненко", "Їжак", "Йовенко", "Клименко"]
    plan = " ".join(str(row) for row in db.execute(
        "EXPLAIN QUERY PLAN SELECT name FROM people ORDER BY sort_key LIMIT 100"))
    assert "ix_people_sort_key" in plan and "TEMP B-TREE" not in plan
