"""Folding text for search: what a person types and what is stored meet here.

Stored text stays NFC as written (core.text.normal); search compares folded forms:

- case and every Latin diacritic go (Klišonis → klisonis, Plungė → plunge);
- Ukrainian letters that are "the same letter" to someone typing on the wrong
  keyboard fold together (й, ї, і → и; ґ → г; є → е; Russian ы → и, э → е) and
  apostrophes vanish (ʼ ' ’ `), so "Мар'їнка", "Марїнка" and "Маринка" meet,
  and "Харкив" typed on a Russian layout finds Харків;
- Cyrillic is also written in the official Ukrainian Latin transliteration
  (KMU 2010, the passport spelling), so "Терехов" and "Terekhov" meet.

`index_text` is what goes into the index for a piece of text; `query_forms`
gives, for one typed word, the forms to look for (one or two).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import uklatn

from coordinator_app.core.text.remembered import REMEMBERED, remembered

#: Apostrophe look-alikes used in Ukrainian names (Мар'їнка, Мар’їнка, Марʼїнка).
APOSTROPHES = "'’ʼ`´‘ʹ"
#: Letters FTS5's own diacritic removal leaves apart; mapped after marks are stripped
#: (й and ї lose their marks by decomposition: й → и, ї → і).
LETTERS = str.maketrans({
    "ґ": "г", "є": "е", "ё": "е", "і": "и", "ы": "и", "э": "е", "ß": "ss", "æ": "ae", "ø": "o", "đ": "d", "ł": "l",
    "ı": "i", "œ": "oe", "þ": "th",
})
_DROP = str.maketrans("", "", APOSTROPHES)
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
#: Words as the index tokenizer sees them: letters and digits, nothing else.
_WORD = re.compile(r"[^\W_]+")


def has_cyrillic(text: str) -> bool:
    return _CYRILLIC.search(text) is not None


class _FoldTable(dict):
    """str.translate table that folds each character the first time it is met."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in APOSTROPHES:
            folded = ""
        else:
            decomposed = unicodedata.normalize("NFKD", char)
            folded = "".join(c for c in decomposed if not unicodedata.combining(c))
            folded = folded.translate(LETTERS)
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Lower case, no diacritics, Ukrainian look-alike letters merged, no apostrophes."""
    if text.isascii():
        # ASCII has nothing to compose or strip but its two apostrophes, and lower()
        # is its casefold(): a bulk load's e-mails, phones and Latin names skip the
        # per-character table, which is most of folding's cost.
        return text.lower().replace("'", "").replace("`", "")
    # Stored text is NFC (core.text.normal), so folding one character at a time is exact.
    return unicodedata.normalize("NFC", text).casefold().translate(_FOLD)


def to_latin(text: str) -> str:
    """The official Ukrainian Latin spelling (KMU 2010) of Cyrillic text, folded."""
    # KMU's rules read no further than the letters beside one another in a word (its
    # first letter, the letter after), so text split at its spaces is spelled as it
    # is whole; a word is spelled once, where a bulk load's titles and positions are
    # each a new text of the same few hundred words.
    return " ".join(map(_latin_word, text.split(" ")))


@lru_cache(maxsize=65536)
def _latin_word(word: str) -> str:
    return fold(uklatn.encode(word.translate(_DROP), uklatn.KMU_55))


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def name_words(text: str) -> list[str]:
    """The words of a name as written, an apostrophe inside one (Мар'їнка) kept."""
    return words(text.translate(_DROP))


def _index_part(part: str) -> str:
    if has_cyrillic(part):
        return f"{fold(part)} {to_latin(part)}"
    return fold(part)


_remembered_part = remembered(_index_part)


def index_text(*parts: str | None) -> str:
    """Folded words of `parts`, plus their Latin spelling where they are Cyrillic."""
    # A bulk load's names, positions and organisations repeat (100,000 generated
    # people have 6,330 names): folding them again was most of indexing's Python.
    # ASCII (e-mails, phones) folds quickly and is mostly met once: kept, it would
    # push the names out.
    return " ".join([fold(part) if part.isascii() else _remembered_part(part)
                     if len(part) <= REMEMBERED else _index_part(part)
                     for part in parts if part])


def query_words(text: str) -> list[list[str]]:
    """Each typed word as the folded forms to look it up in: itself and, if it is
    Cyrillic, its Latin spelling. Words are split before transliterating, so the
    spelling is that of the word as typed (KMU spells word-initial letters apart)."""
    result: list[list[str]] = []
    for raw in name_words(text):
        for i, token in enumerate(words(fold(raw))):
            forms = [token]
            if has_cyrillic(raw):
                latin = "".join(words(to_latin(raw))) if i == 0 else ""
                if latin and latin not in forms:
                    forms.append(latin)
            result.append(forms)
    return result
