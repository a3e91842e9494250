"""The gazetteer: other names of Ukrainian places and given names that no
spelling rule reaches (core.text.spelling).

Rules already make Kharkov find Харків and Rovno find Рівне. What they cannot
do is know that Nikolaev is Миколаїв, Belaya Tserkov is Біла Церква,
Dnepropetrovsk and Dnepr are Дніпро, Artemovsk is Бахмут, or that Aleksandr is
Олександр. The data ship with the app as plain TSV files in
coordinator_app/resources/gazetteer/ (their sources and licence are in the
README beside them; scripts/build_gazetteer.py fills in the Latin columns).

Each row is a native (Ukrainian) name and the names it is also known by. For a
typed word, `native_keys` gives the spelling keys of the native name it stands
for: one key for a word that maps to a word (Nikolaev -> mykolaiv), a phrase of
keys for one word that maps to several (Komsomolsk -> Горішні Плавні). Spellings
whose keys are the native name's own need nothing and are left out of the map.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from coordinator_app.core.text.folding import name_words
from coordinator_app.core.text.spelling import word_keys

FOLDER = Path(__file__).resolve().parents[2] / "resources" / "gazetteer"
FILES = ("places.tsv", "given_names.tsv")
#: Columns of the files: the native name, its official Latin spelling, the Russian
#: name (Cyrillic) and its Latin, and other names (Latin or Cyrillic, "|" between them).
COLUMNS = ("ukrainian", "official_latin", "russian", "russian_latin", "other_names")


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader((line for line in handle if not line.startswith("#")),
                                delimiter="\t", quoting=csv.QUOTE_NONE)
        return [{key: (row.get(key) or "").strip() for key in COLUMNS} for row in reader]


def _first_keys(text: str) -> tuple[list[str], bool]:
    """The first spelling key of each word of a name, and whether every word has
    one (a short word such as "na" in Komsomolsk-na-Dnepre has none, and then the
    words cannot be paired with the native name's)."""
    keys = []
    complete = True
    for word in name_words(text.replace("-", " ")):
        found = word_keys(word)
        if found:
            keys.append(found[0])
        else:
            complete = False
    return keys, complete


Phrases = dict[tuple[str, ...], tuple[tuple[str, ...], ...]]
#: The longest other name, in words, looked for as a phrase.
LONGEST = 3
#: The shortest key whose start stands for a native word's start (Aleksandr- ->
#: Oleksandr-): shorter ones would rewrite unrelated words.
STEM = 5


@lru_cache(maxsize=1)
def _maps() -> tuple[Phrases, Phrases]:
    found: dict[tuple[str, ...], dict[tuple[str, ...], None]] = defaultdict(dict)
    phrases: dict[tuple[str, ...], dict[tuple[str, ...], None]] = defaultdict(dict)
    for name in FILES:
        for row in rows(FOLDER / name):
            native, whole = _first_keys(row["ukrainian"])
            if not native or not whole:
                continue
            others = [row["russian"], row["russian_latin"], *row["other_names"].split("|")]
            for other in filter(None, (text.strip() for text in others)):
                keys, complete = _first_keys(other)
                if not complete:
                    continue
                if len(keys) == len(native):
                    for key, own in zip(keys, native):
                        if key != own:
                            found[(key,)][(own,)] = None
                elif len(keys) == 1 and keys[0] not in native:
                    found[(keys[0],)][tuple(native)] = None
                elif 1 < len(keys) <= LONGEST:
                    phrases[tuple(keys)][tuple(native)] = None
    return ({key: tuple(names) for key, names in found.items()},
            {key: tuple(names) for key, names in phrases.items()})


@lru_cache(maxsize=1)
def _stems() -> dict[str, str]:
    """Keys of other spellings -> the native word's key, for words starting so."""
    return {key[0]: native[0][0] for key, native in _maps()[0].items()
            if len(key[0]) >= STEM and len(native) == 1 and len(native[0]) == 1}


@lru_cache(maxsize=65536)
def native_keys(key: str) -> tuple[tuple[str, ...], ...]:
    """Key phrases of the native names that a word with this spelling key stands for."""
    found = _maps()[0].get((key,))
    if found:
        return found
    stems = _stems()
    for length in range(len(key) - 1, STEM - 1, -1):
        native = stems.get(key[:length])
        if native:
            return ((native + key[length:],),)
    return ()


def phrase_keys(keys: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """Key phrases of the native names that words with these keys, in this order,
    stand for together."""
    return _maps()[1].get(keys, ())


def query_keys(forms: list[str]) -> list[tuple[str, ...]]:
    """What one typed word (its folded forms, core.text.folding.query_words) may stand
    for: single keys, and key phrases where the gazetteer knows the place or name
    under another name (Dnepropetrovsk -> Дніпро, Komsomolsk -> Горішні Плавні)."""
    keys: dict[tuple[str, ...], None] = {}
    for form in forms:
        for key in word_keys(form):
            keys[(key,)] = None
            keys.update(dict.fromkeys(native_keys(key)))
    return list(keys)
