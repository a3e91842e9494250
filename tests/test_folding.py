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


@pytest.mark.parametrize("text", [
    "Юрій Яковенко, Євген Їжакевич і Йосип Зґурський",  # word-initial spellings
    "Згурівська  селищна рада\nЄнакієве Мар'їнка Марʼїнка ВЯЗІВОК-Юр'ївка",
    " Ярема ", "Я\u0301ків", "2Я _Я", "",
])
def test_text_spelled_word_by_word_is_spelled_as_the_whole_text(text):
    # The index spells each word once; KMU's rules never look past a space.
    import uklatn

    from coordinator_app.core.text.folding import APOSTROPHES
    whole = uklatn.encode(text.translate(str.maketrans("", "", APOSTROPHES)), uklatn.KMU_55)
    assert to_latin(text) == fold(whole)


def test_a_typed_cyrillic_word_is_looked_up_in_both_scripts():
    assert query_words("Терехов Plungė") == [["терехов", "terekhov"], ["plunge"]]
    assert query_words("  ,;  ") == []


def test_a_word_is_transliterated_as_typed_not_as_folded():
    # Folding merges і, й and и, but the Latin spelling comes from the word as typed.
    assert query_words("Юрій") == [["юрии", "yurii"]]
    assert query_words("Юрий")[0][0] == "юрии"  # Russian spelling meets it in Cyrillic
    assert query_words("Йосип")[0][1] == "yosyp"
