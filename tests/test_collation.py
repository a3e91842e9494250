"""Names sort as Ukrainian and Lithuanian readers expect, straight from SQLite's index."""

from __future__ import annotations

import random
import sqlite3

from coordinator_app.core.text import collation
from coordinator_app.core.text.collation import sort_key, sorted_names
from coordinator_app.core.text.remembered import REMEMBERED_PARTS

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


def test_every_write_keeps_the_stored_key(workspace):
    from sqlalchemy import select

    from coordinator_app.core.records.models import Change, Organization, Person

    names = ["Šiaulių miesto savivaldybė", "Харківська міська громада", "Plungės rajono savivaldybė",
             "Ґрунівська громада", "Alytaus miesto savivaldybė", "Гадяцька громада"]
    ids = {name: workspace.create(Organization, name=name).id for name in names}
    with workspace.read() as session:
        listed = session.scalars(select(Organization.name).order_by(Organization.sort_key)).all()
    assert listed == sorted_names(names)
    assert listed[:3] == ["Alytaus miesto savivaldybė", "Plungės rajono savivaldybė",
                          "Šiaulių miesto savivaldybė"]

    renamed = workspace.update(Organization, ids["Гадяцька громада"], name="Юр'ївська громада")
    assert renamed.sort_key == sort_key("Юр'ївська громада")
    person = workspace.create(Person, full_name="  Ігор Терехов ")
    assert person.sort_key == sort_key("Ігор Терехов")
    # Derived from the name, so the journal does not carry it separately.
    with workspace.read() as session:
        fields = set(session.scalars(select(Change.field)).all())
    assert "sort_key" not in fields


def test_migration_fills_keys_of_existing_records(tmp_path):
    import uuid

    from coordinator_app.core.store import migrate

    path = tmp_path / "old.sqlite3"
    migrate.upgrade(path, "0002")
    raw = sqlite3.connect(path)
    for name in ("Ґалаґан", "Гаврилюк", "Audrius Klišonis"):
        raw.execute("INSERT INTO people (id, full_name, created_at, updated_at, device_id) "
                    "VALUES (?, ?, '2026-02-11', '2026-02-11', 'device')", (str(uuid.uuid4()), name))
    raw.commit()
    raw.close()
    migrate.upgrade(path)
    raw = sqlite3.connect(path)
    rows = raw.execute("SELECT full_name, sort_key FROM people ORDER BY sort_key").fetchall()
    assert [name for name, _key in rows] == ["Audrius Klišonis", "Гаврилюк", "Ґалаґан"]
    assert all(key == sort_key(name) for name, key in rows)
    indexes = {row[1] for row in raw.execute("PRAGMA index_list(people)")}
    assert "ix_people_sort_key" in indexes


def test_names_keyed_again_get_the_same_keys_from_a_bounded_memory():
    kept = collation._remembered_key
    kept.cache_clear()
    names = [f"Klišonis {number}" for number in range(REMEMBERED_PARTS + 10)]
    first = [sort_key(name) for name in names]
    assert [sort_key(name) for name in names] == first
    assert first == [collation._key(name) for name in names]
    assert kept.cache_info().currsize == REMEMBERED_PARTS
    before = kept.cache_info()
    long_name = "Терехов " * 30
    assert sort_key(long_name) == collation._key(long_name)
    assert kept.cache_info() == before  # longer than what is kept: worked out each time
