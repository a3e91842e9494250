"""Alphabetical order for names in Ukrainian and Lithuanian, as plain stored text.

Lists page 100,000 rows straight from SQL, so the order must come from an index,
and SQLite compares text byte by byte (BINARY). `sort_key(name)` turns a name into
a string whose byte order is the alphabetical order a Ukrainian or Lithuanian
reader expects; it is stored next to the name (column `sort_key`) and kept up to
date on every write by core.records.journal.

The alphabets, each letter a letter of its own, in order:

- Lithuanian (LST 1285): a ą b c č d e ę ė f g h i į y j k l m n o p r s š t u ų ū v z ž
  (so "Y" comes between "Į" and "J"); q, w, x where the Latin alphabet has them.
- Ukrainian: а б в г ґ д е є ж з и і ї й к л м н о п р с т у ф х ц ч ш щ ь ю я
  (apostrophes ignored: "Пилип'юк" sorts as "Пилипюк"); ё ъ ы э ў, which turn
  up in Russian or Belarusian spellings, where those alphabets put them.

Latin names come before Cyrillic ones, digits before letters, and words are
compared one by one ("Van Dyke" before "Vandal"). Case, and accents that are not
part of these alphabets (é, ö, the stress mark in "Харкі́в"), count only when two
names are otherwise equal, so "Muller" and "Müller" sort together.

The key has three parts separated by "\x01": the letters' places in the
alphabet, then accents, then case. Letters are written as printable ASCII
characters chosen for their order, so keys of known letters are short ASCII;
letters of other scripts (Greek, Georgian…) keep their own code points, which
sort after all of these.
"""

from __future__ import annotations

import unicodedata

from coordinator_app.core.text.remembered import REMEMBERED, remembered

LITHUANIAN_LATIN = "a ą b c č d e ę ė f g h i į y j k l m n o p q r s š t u ų ū v w x z ž"
UKRAINIAN_CYRILLIC = (
    "а б в г ґ д е є ё ж з и і ї й к л м н о п р с т у ў ф х ц ч ш щ ъ ы ь э ю я"
)

_SPACE = "!"  # the lowest weight after the level separator: words compare one by one
_LEVELS = "\x01"

#: Every letter and digit we order, and the character that stands for it in a key.
_ORDER = ["0123456789"[i] for i in range(10)] + LITHUANIAN_LATIN.split() + UKRAINIAN_CYRILLIC.split()
_FIRST_WEIGHT = 0x22  # '"', just after the space weight
assert _FIRST_WEIGHT + len(_ORDER) <= 0x7F, "weights must stay printable ASCII"
PRIMARY = {letter: chr(_FIRST_WEIGHT + i) for i, letter in enumerate(_ORDER)}

#: Letters with no decomposition into a base letter and a mark.
_SPECIAL = {"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "ŀ": "l", "ß": "ss", "æ": "ae",
            "œ": "oe", "þ": "th", "ð": "d", "ŋ": "n", "ĸ": "k"}

#: Apostrophes of every kind: part of Ukrainian spelling, never of the order.
_IGNORED = frozenset("'’ʼ`´ʹ‘‛′")
#: Characters that separate words as a space does.
_WORD_BREAKS = frozenset("-‐‑‒–—―/\\_·")


def _mark_weight(marks: str) -> str:
    # Only ever compared between names equal in everything else: any fixed order will do.
    return "0" if not marks else chr(0x41 + (ord(marks[0]) - 0x300) % 58)


def _letter(ch: str) -> tuple[str, str] | None:
    """(primary weight, accent weight) for one lower-case character, None to skip it."""
    if ch in PRIMARY:
        return PRIMARY[ch], "0"
    if ch.isdigit():
        return PRIMARY[str(unicodedata.digit(ch, 0))], "0"
    decomposed = unicodedata.normalize("NFD", ch)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    marks = "".join(c for c in decomposed if unicodedata.combining(c))
    if base in PRIMARY:
        return PRIMARY[base], _mark_weight(marks)
    if base in _SPECIAL:
        return "".join(PRIMARY[c] for c in _SPECIAL[base]), "1"
    if base.isalpha():
        return base, _mark_weight(marks)
    return None


#: What one character of a name is to the key, worked out once per character seen:
#: (primary weight, accent weight, case weight) of a letter, or one of these marks.
_COMBINING, _SKIPPED, _BREAK = "combining", "skipped", "break"
_WEIGHED: dict[str, tuple[str, str, str] | str] = {}
#: Characters remembered at most: names in any script cannot grow it without bound.
_WEIGHED_LIMIT = 20_000


def _weigh(ch: str) -> tuple[str, str, str] | str:
    if unicodedata.combining(ch):  # a stress mark left over after NFC
        return _COMBINING
    if ch in _IGNORED:
        return _SKIPPED
    if ch.isspace() or ch in _WORD_BREAKS:
        return _BREAK
    lower = ch.lower()
    weights = _letter(lower[0]) if len(lower) == 1 else _letter(unicodedata.normalize("NFC", lower))
    if weights is None:  # punctuation and symbols: quotes, dots, brackets
        return _SKIPPED
    letter, accent = weights
    return letter, accent * len(letter), ("1" if ch != lower else "0") * len(letter)


def sort_key(name: str | None) -> str:
    """The stored key that makes SQLite's byte order the alphabetical order of `name`."""
    if not name:
        return ""
    return _remembered_key(name) if len(name) <= REMEMBERED else _key(name)


def _key(name: str) -> str:
    primary: list[str] = []
    accents: list[str] = []
    cases: list[str] = []
    pending_space = False
    weighed = _WEIGHED
    for ch in unicodedata.normalize("NFC", name):
        weights = weighed.get(ch)
        if weights is None:
            if len(weighed) >= _WEIGHED_LIMIT:
                weighed.clear()
            weights = weighed[ch] = _weigh(ch)
        if weights is _COMBINING:
            if accents:
                accents[-1] = _mark_weight(ch) if accents[-1] == "0" else accents[-1]
            continue
        if weights is _SKIPPED:
            continue
        if weights is _BREAK:
            pending_space = bool(primary)
            continue
        if pending_space:
            primary.append(_SPACE)
            accents.append("0")
            cases.append("0")
            pending_space = False
        primary.append(weights[0])
        accents.append(weights[1])
        cases.append(weights[2])
    return _LEVELS.join(("".join(primary), "".join(accents), "".join(cases)))


# A list of 100,000 people read or imported at once holds the same names many times
# over, and working a key out again cost more than the rest of writing the person.
_remembered_key = remembered(_key)


def sorted_names(names, key=lambda name: name):
    """Sort in Python by the same order the database uses (for small, in-memory lists)."""
    return sorted(names, key=lambda item: sort_key(key(item)))
