"""Text kept in Ukrainian, Lithuanian and English: one value per language, one original."""

from __future__ import annotations

import json

import pytest

from coordinator_app.core.errors import ValidationError
from coordinator_app.core.records import languages
from coordinator_app.core.records.models import Agreement, Change, Organization
from coordinator_app.core.search.query import search
from sqlalchemy import select

TITLES = {"title.uk": "Меморандум про співпрацю Суми – Шяуляй",
          "title.lt": "Sumų ir Šiaulių bendradarbiavimo memorandumas",
          "title.en": "Memorandum of cooperation Sumy – Šiauliai"}


def _memo(workspace, **extra) -> Agreement:
    with workspace.edit("add") as edit:
        return edit.create(Agreement, **TITLES, **{"title.original": "uk"}, **extra)


def test_a_field_keeps_each_language_and_which_one_is_the_original(workspace):
    memo = _memo(workspace)
    with workspace.read() as session:
        stored = session.get(Agreement, memo.id)
        assert languages.values(stored, "title") == {
            "uk": TITLES["title.uk"], "lt": TITLES["title.lt"], "en": TITLES["title.en"],
            "original": "uk"}
        # The original is the record's own title: lists sort and messages name it.
        assert stored.title == TITLES["title.uk"] and stored.title_uk is None


def test_editing_one_language_journals_that_language_alone_and_undo_takes_it_back(workspace):
    memo = _memo(workspace)
    with workspace.edit("lt") as edit:
        edit.update(Agreement, memo.id, **{"title.lt": "Sumų–Šiaulių memorandumas"})
    with workspace.read() as session:
        fields = session.scalars(select(Change.field).where(
            Change.change_set == edit.change_set)).all()
    assert fields == ["title_lt"]
    workspace.undo(edit.change_set)
    with workspace.read() as session:
        assert languages.value(session.get(Agreement, memo.id), "title", "lt") == \
            TITLES["title.lt"]


def test_choosing_another_original_swaps_the_texts_and_no_text_is_lost(workspace):
    memo = _memo(workspace)
    workspace.update(Agreement, memo.id, **{"title.original": "lt"})
    with workspace.read() as session:
        stored = session.get(Agreement, memo.id)
        assert stored.title == TITLES["title.lt"]
        assert languages.values(stored, "title")["uk"] == TITLES["title.uk"]
        assert languages.original(stored, "title") == "lt"


def test_a_guessed_language_is_corrected_by_naming_the_original(workspace):
    # A short English title naming Šiauliai, with no English word of names and
    # titles in it, reads as Lithuanian to a guess by its letters; the person says
    # what it is.
    org = workspace.create(Organization, name="Šiaulių miesto savivaldybė")
    assert languages.original(org, "name") == "lt"
    memo = workspace.create(Agreement, title="Šiauliai heaters call")
    # Text in one language keeps its language unstored (and out of the journal).
    assert memo.title_lang is None and languages.original(memo, "title") == "lt"
    workspace.update(Agreement, memo.id, **{"title.original": "en"})
    with workspace.read() as session:
        stored = session.get(Agreement, memo.id)
        assert (stored.title, stored.title_lang, stored.title_lt) == (
            "Šiauliai heaters call", "en", None)


def test_a_guess_never_writes_a_translation_over_the_original(workspace):
    # English naming Plungė (and no English word of names and titles) reads as
    # Lithuanian by its letters; the Lithuanian text given beside it is a
    # translation, and the English stays the original.
    with workspace.edit("add") as edit:
        memo = edit.create(Agreement, title="Heaters Plungė – Kharkiv",
                           **{"title.lt": "Plungės ir Charkivo partnerystės sutartis",
                              "title.uk": "Угода про партнерство Плунге – Харків"})
    with workspace.read() as session:
        stored = session.get(Agreement, memo.id)
        assert stored.title == "Heaters Plungė – Kharkiv"
        assert languages.values(stored, "title") == {
            "uk": "Угода про партнерство Плунге – Харків",
            "lt": "Plungės ir Charkivo partnerystės sutartis",
            "en": "Heaters Plungė – Kharkiv", "original": "en"}


@pytest.mark.parametrize("values", [{"title.original": "de"}, {"title.fr": "Mémorandum"},
                                    {"kind.uk": "меморандум"}])
def test_a_language_or_field_that_is_not_kept_is_refused_and_nothing_is_written(workspace,
                                                                                 values):
    memo = _memo(workspace)
    with pytest.raises(ValidationError):
        workspace.update(Agreement, memo.id, **values)
    with workspace.read() as session:
        assert languages.values(session.get(Agreement, memo.id), "title")["original"] == "uk"


def test_search_finds_a_record_by_any_of_its_languages(workspace):
    memo = _memo(workspace, purpose="Обмін досвідом", **{"purpose.lt": "Patirties mainai"})
    with workspace.read() as session:
        for words in ("Šiaulių bendradarbiavimo", "Memorandum of cooperation Sumy",
                      "patirties mainai"):
            assert memo.id in [hit.id for hit in search(session, words)], words


def test_show_gives_every_language_and_edit_sets_one(workspace, db_path, cli):
    memo = _memo(workspace)
    done = cli("edit", "agreements", memo.id, "--set", "title.lt=Naujas pavadinimas", db=db_path)
    assert done.returncode == 0, done.stderr
    shown = json.loads(cli("show", "agreements", memo.id, "--json", db=db_path).stdout)
    assert shown["title"] == {"uk": TITLES["title.uk"], "lt": "Naujas pavadinimas",
                              "en": TITLES["title.en"], "original": "uk"}
    refused = cli("edit", "agreements", memo.id, "--set", "title.original=ru", db=db_path)
    assert refused.returncode == 1 and "ru" in refused.stderr
