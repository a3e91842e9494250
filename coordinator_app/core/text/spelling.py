"""Spelling keys: one key for the ways people write one name in Latin letters.

A Ukrainian place or person reaches the database, and the search box, in many
spellings: the official Latin (Kharkiv, Mykolaiv, Serhii), the Russian-style one
that foreign partners, old documents and maps use (Kharkov, Nikolaev, Sergei),
the Lithuanian one with its endings (Charkivas), and Lithuanian names in any
grammatical case (Kaunas, Kauno, Kaune). `sound(word)` reduces a folded Latin
word to a key that these spellings share:

- letters and digraphs that render one sound: kh, ch, h and g (х, г, ґ); zh (ж);
  ts, tz, cz (ц); shch and sch (щ); x = ks; w = v;
- the vowels that Ukrainian, Russian and the transliterations exchange: y, j, e
  and i (и/і/ї/й/е/є: Kyiv/Kiev, Kryvyi/Krivoy, Yevhen/Evgeny) are one;
- the о/е ↔ і alternation of closed syllables: Lvov/Lviv, Kharkov/Kharkiv,
  Chernigov/Chernihiv, Rovno/Rivne (the last syllable, after the ending is
  gone), Gorskoye/Гірське, Podlesnoye/Підлісне (inside a word), and the о after
  ч, ш, ж where Russian writes е (Chornomorsk/Chernomorsk, Chornobyl/Chernobyl);
- doubled letters count once (Odessa/Odesa, Zaporizhzhia);
- endings: a vowel + s of Lithuanian nominatives and genitives (-as, -is, -us,
  -ys, -os, -ės, -aus) and the vowels that end a word (-a, -o, -ia, -ių, -ai,
  -ii…), so Kaunas/Kauno, Šiauliai/Šiaulių, Serhii/Sergei, Dnipro/Dnepr meet.

Lithuanian words also get the key of their Snowball stem (the stemmer made for
the language), which knows cases the rules above do not. The keys are coarse on
purpose: they find candidates, and search ranks those by how close the spelling
is (core.search.ranking), so a shared key never puts a distant name first.

`word_keys` gives the keys of one word, `keys_text` those of a stored text (the
index's `variants` column), `query_keys` those of a typed word, including the
names the gazetteer (core.text.gazetteer) gives for spellings no rule reaches.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain

import Stemmer

from coordinator_app.core.text.folding import fold, has_cyrillic, name_words, to_latin, words
from coordinator_app.core.text.remembered import REMEMBERED, remembered

#: Spellings of one sound, replaced in this order (longest first).
DIGRAPHS = (("shch", "sh"), ("sch", "sh"), ("kh", "h"), ("ch", "h"), ("zh", "z"),
            ("ts", "c"), ("tz", "c"), ("cz", "c"), ("x", "ks"), ("w", "v"), ("g", "h"),
            ("y", "i"), ("j", "i"), ("e", "i"))
VOWELS = "aiou"
#: Keys shorter than this say too little to find anything by.
MIN_KEY = 2
#: Words shorter than this get no key: they are found as typed, or as prefixes.
MIN_WORD = 3
_REPEATED = re.compile(r"(.)\1+")
_CLOSED_O = re.compile(r"o([^aiou]+)$")
#: о before two consonants, a closed syllable inside a word: Гірське/Gorskoye,
#: Підлісне/Podlesnoye, Горлівка/Gorlovka.
_CLOSED_O_INSIDE = re.compile(r"o(?=[^aiou]{2})")
#: о after ч, ш, ж, щ counts as і, so Ukrainian о there meets Russian е (Chornobyl /
#: Chernobyl); х and г, which keys write as h too, get the same on both sides.
_HUSHING_O = re.compile(r"(h|z|s)o")
_LATIN_WORD = re.compile(r"^[a-z]+$")
#: Russian letters the Ukrainian transliteration does not know, as Ukrainian spells
#: their sounds (Пётр -> Пйотр -> Piotr, Рыбаков -> Рибаков).
RUSSIAN_LETTERS = str.maketrans({"ё": "йо", "Ё": "Йо", "ы": "и", "Ы": "И", "э": "е", "Э": "Е",
                                 "ъ": "", "Ъ": ""})

_stemmer = Stemmer.Stemmer("lithuanian")


@lru_cache(maxsize=131072)
def sound(word: str) -> str:
    """The key of a folded Latin word (Kharkov, Kharkiv, Charkivas -> "harkiv")."""
    key = word
    for spelled, sound_ in DIGRAPHS:
        key = key.replace(spelled, sound_)
    key = _REPEATED.sub(r"\1", key)
    if len(key) > 4 and key[-1] == "s" and key[-2] in VOWELS:
        key = key[:-1]
    stripped = key.rstrip(VOWELS)
    if len(stripped) >= MIN_KEY:
        key = stripped
    key = _CLOSED_O.sub(r"i\1", _HUSHING_O.sub(r"\1i", _CLOSED_O_INSIDE.sub("i", key)))
    return _REPEATED.sub(r"\1", key)


@lru_cache(maxsize=131072)
def _latin_keys(word: str, stem: bool) -> tuple[str, ...]:
    if len(word) < MIN_WORD or not _LATIN_WORD.match(word):
        return ()
    keys = [sound(word)]
    if stem:
        stemmed = _stemmer.stemWord(word)
        if stemmed != word and len(stemmed) >= MIN_WORD:
            keys.append(sound(stemmed))
    return tuple(dict.fromkeys(key for key in keys if len(key) >= MIN_KEY))


@lru_cache(maxsize=131072)
def word_keys(word: str) -> tuple[str, ...]:
    """Keys of one word as written or folded: Cyrillic through its official Latin
    spelling, Latin also through its Lithuanian stem."""
    if has_cyrillic(word):
        latin = to_latin(word.translate(RUSSIAN_LETTERS))
        return tuple(dict.fromkeys(
            key for part in words(latin) for key in _latin_keys(part, False)))
    return tuple(dict.fromkeys(
        key for part in words(fold(word)) for key in _latin_keys(part, True)))


def _keys_text(parts: tuple[str | None, ...]) -> str:
    return " ".join(dict.fromkeys(chain.from_iterable(
        map(word_keys, chain.from_iterable(map(name_words, filter(None, parts)))))))


_remembered_keys = remembered(_keys_text)


def keys_text(*parts: str | None) -> str:
    """The keys of every word of `parts`, each once: what the index keeps of names."""
    # A name's keys are worked out once, as its folded text is (core.text.folding):
    # 100,000 generated people have 6,330 names.
    if sum(len(part) for part in parts if part) <= REMEMBERED:
        return _remembered_keys(parts)
    return _keys_text(parts)
