"""Folding: what someone types and what is stored meet, whatever the keyboard."""

from __future__ import annotations

import pytest

from coordinator_app.core.text.folding import fold, index_text, query_words, to_latin


@pytest.mark.parametrize("typed, stored", [
    ("klisonis", "Klišonis"),
    ("plunge", "Plungė"),
    ("SIAULIAI", "Šiauliai"),
    ("маринка", "Мар'їнка"),   # ї and the apostrophe, typed on a Russian layout
    ("марїнка", "Марʼїнка"),
    ("харкив", "Харків"),
    ("галаган", "Ґалаґан"),
    ("евген", "Євген"),
    ("strasse", "Straße"),
])
def test_typed_text_folds_to_the_stored_form(typed, stored):
    assert fold(typed) == fold(stored)


def test_ukrainian_look_alike_letters_fold_together():
    assert fold("Йосип") == fold("Иосип")
    assert fold("Їжак") == fold("Іжак")
    assert fold("Ґудзь") == fold("Гудзь")
    assert fold("Мар’яна") == fold("Мар'яна") == fold("Марʼяна") == "маряна"
    assert fold("Київ") == fold("Киив") == "киив"


def test_cyrillic_is_indexed_with_its_official_latin_spelling():
    assert to_latin("Ігор Терехов") == "ihor terekhov"
    assert to_latin("Харків") == "kharkiv"
    assert to_latin("Згурівка") == "zghurivka"  # KMU 2010 writes зг as zgh
    assert index_text("Терехов") == "терехов terekhov"
    assert index_text("Klišonis") == "klisonis"  # Latin text is not repeated


def test_a_typed_cyrillic_word_is_looked_up_in_both_scripts():
    assert query_words("Терехов Plungė") == [["терехов", "terekhov"], ["plunge"]]
    assert query_words("  ,;  ") == []


def test_a_word_is_transliterated_as_typed_not_as_folded():
    # Folding merges і, й and и, but the Latin spelling comes from the word as typed.
    assert query_words("Юрій") == [["юрии", "yurii"]]
    assert query_words("Юрий")[0][0] == "юрии"  # Russian spelling meets it in Cyrillic
    assert query_words("Йосип")[0][1] == "yosyp"
