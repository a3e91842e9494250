"""Each language of a translatable field is a field of its own when laptops merge: a
Lithuanian title edited on one and the Ukrainian on another both stay; the same
language edited on both is a conflict, about that language alone."""

from __future__ import annotations

import json

from coordinator_app.core.records import languages
from coordinator_app.core.records.models import Agreement
from coordinator_app.i18n import set_language
from coordinator_app.sync.conflicts import open_conflicts, resolve
from support.sync import close, digest, exchange_all, laptops, send

UK = "Меморандум про співпрацю Плунге – Харків"
LT = "Plungės ir Charkivo bendradarbiavimo memorandumas"
EN = "Memorandum of cooperation Plungė – Kharkiv"


def _titles(laptop, record_id: str) -> dict:
    with laptop.read() as session:
        return languages.values(session.get(Agreement, record_id), "title")


def _conflicts(laptop) -> list:
    with laptop.read() as session:
        return open_conflicts(session)


def test_two_languages_edited_on_two_laptops_both_stay(tmp_path):
    a, b = laptops(tmp_path, 2)
    try:
        agreement = a.create(Agreement, title=UK, **{"title.lt": "Memorandumas",
                                                     "title.en": "Memorandum"})
        send(a, b)
        a.update(Agreement, agreement.id, **{"title.lt": LT})
        b.update(Agreement, agreement.id, **{"title.uk": UK + " (2026)"})
        exchange_all([a, b])
        for laptop in (a, b):
            assert _titles(laptop, agreement.id) == {
                "uk": UK + " (2026)", "lt": LT, "en": "Memorandum", "original": "uk"}
            assert _conflicts(laptop) == []
        assert digest(a) == digest(b)
    finally:
        close([a, b])


def test_the_first_translations_added_on_two_laptops_both_stay(tmp_path):
    """A title in one language gets Lithuanian on one laptop and English on the other:
    each names the original's language (the same, Ukrainian), which is no conflict."""
    a, b = laptops(tmp_path, 2)
    try:
        agreement = a.create(Agreement, title=UK)
        send(a, b)
        a.update(Agreement, agreement.id, **{"title.lt": LT})
        b.update(Agreement, agreement.id, **{"title.en": EN})
        exchange_all([a, b])
        for laptop in (a, b):
            assert _titles(laptop, agreement.id) == {"uk": UK, "lt": LT, "en": EN,
                                                     "original": "uk"}
            assert _conflicts(laptop) == []
        assert digest(a) == digest(b)
    finally:
        close([a, b])


def test_the_same_language_edited_on_two_laptops_is_a_conflict_about_it_alone(tmp_path):
    a, b = laptops(tmp_path, 2)
    try:
        agreement = a.create(Agreement, title=UK, **{"title.lt": "Memorandumas",
                                                     "title.en": "Memorandum"})
        send(a, b)
        a.update(Agreement, agreement.id, **{"title.lt": LT, "title.en": EN})
        b.update(Agreement, agreement.id, **{"title.lt": "Plungės–Charkivo memorandumas"})
        exchange_all([a, b])
        assert digest(a) == digest(b)
        (conflict,) = _conflicts(a)
        assert conflict.field == languages.column("title", "lt")
        assert {v.value for v in conflict.versions} == {LT, "Plungės–Charkivo memorandumas"}
        assert _titles(b, agreement.id)["en"] == EN  # the other language is not held up
        resolve(b, conflict.id, keep=next(
            number for number, version in enumerate(conflict.versions, 1)
            if version.value == LT))
        exchange_all([a, b])
        for laptop in (a, b):
            assert _titles(laptop, agreement.id) == {"uk": UK, "lt": LT, "en": EN,
                                                     "original": "uk"}
            assert _conflicts(laptop) == []
    finally:
        close([a, b])


def test_a_conflict_names_its_record_in_the_interface_language(tmp_path, cli):
    """The Conflicts tab and `conflicts list` name the record as the lists do: in the
    interface language, else the original tagged with its language."""
    a, b = laptops(tmp_path, 2)
    try:
        agreement = a.create(Agreement, title=UK, **{"title.lt": LT})
        send(a, b)
        a.update(Agreement, agreement.id, signed_place="Vilnius")
        b.update(Agreement, agreement.id, signed_place="Kyiv")
        send(b, a)
        set_language("lt")
        assert [c.label for c in _conflicts(a)] == [LT]
        set_language("uk")
        assert [c.label for c in _conflicts(a)] == [UK]
        set_language("en")
        assert [c.label for c in _conflicts(a)] == [f"{UK} · uk"]
        path = a.db.path
    finally:
        close([a, b])
    listed = cli("--lang", "lt", "conflicts", "list", "--json", db=path)
    assert [item["title"] for item in json.loads(listed.stdout)] == [LT]
    assert LT in cli("--lang", "lt", "conflicts", "list", db=path).stdout
