"""The language a text with no stated language is taken to be written in
(core.records.languages.detect): lists tag a name with it where the reader's
language is missing, so a wrong guess shows on every row."""

import pytest

from coordinator_app.core.records.languages import detect


@pytest.mark.parametrize("text, lang", [
    ("Харківська міська рада", "uk"),
    ("Plungės rajono savivaldybė", "lt"),
    ("Lietuvos savivaldybių asociacija", "lt"),
    ("Kauno miesto savivaldybė", "lt"),
    ("Plungė", "lt"),
    ("Plungė District", "en"),
    ("Plungė District Municipality", "en"),
    ("Association of Local Authorities of Lithuania", "en"),
    ("Generators for Kharkiv, delivered via Šiauliai", "en"),
    ("Kaunas", "en"),
])
def test_a_name_is_taken_for_the_language_its_words_are_in(text, lang):
    assert detect(text) == lang
