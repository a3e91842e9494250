"""Countries by name: an ISO code from what a person types or a file holds, and the
list a country picker offers, both from Babel's territory names (CLDR).

A code is found from itself ("lt"), from a country's name in any language the app
speaks or Russian ("Lithuania", "Литва", "Lietuva", "Литва") and from the few short
names people write that CLDR does not hold ("USA", "Україна")."""

from __future__ import annotations

from functools import lru_cache

from coordinator_app.core.records import vocab
from coordinator_app.core.text.collation import sort_key
from coordinator_app.core.text.folding import fold, words
from coordinator_app.core.text.formatting import babel_locale
from coordinator_app.i18n import LANGUAGES

#: Languages whose country names are recognised: the app's, and Russian, which
#: Ukrainian lists often use.
NAME_LANGUAGES = (*LANGUAGES, "ru")
#: Short names people write that CLDR does not hold.
OTHER_NAMES = (("україна", "UA"), ("ukraina", "UA"), ("великобританія", "GB"),
               ("uk", "GB"), ("usa", "US"))


@lru_cache(maxsize=None)
def _names(lang: str) -> dict[str, str]:
    """code -> the country's name in `lang`."""
    from babel import Locale

    territories = Locale.parse(lang).territories
    return {code: territories.get(code, code) for code in vocab.COUNTRIES}


@lru_cache(maxsize=1)
def _by_name() -> dict[str, str]:
    found: dict[str, str] = {}
    for lang in NAME_LANGUAGES:
        for code, name in _names(lang).items():
            found.setdefault(fold(name), code)
    found.update({fold(code): code for code in vocab.COUNTRIES})
    for other, code in OTHER_NAMES:
        found.setdefault(fold(other), code)
    return found


def code_of(text: str | None) -> str | None:
    """The ISO code `text` names (a code, or a whole name), or None."""
    return _by_name().get(fold(text or "").strip()) if text else None


def name_of(code: str, lang: str | None = None) -> str:
    """The country's name in the interface's language (or `lang`)."""
    return babel_locale(lang).territories.get(code.upper(), code.upper())


def listed(lang: str | None = None) -> list[tuple[str, str]]:
    """Every country as (code, name in the interface's language), alphabetical."""
    return list(_listed(str(babel_locale(lang))))


@lru_cache(maxsize=None)
def _listed(locale: str) -> tuple[tuple[str, str], ...]:
    from babel import Locale

    territories = Locale.parse(locale).territories
    return tuple(sorted(((code, territories.get(code, code)) for code in vocab.COUNTRIES),
                        key=lambda row: sort_key(row[1])))


@lru_cache(maxsize=1)
def _words() -> dict[str, set[str]]:
    """code -> the folded words of its names in every language, and the code."""
    found: dict[str, set[str]] = {code: {fold(code)} for code in vocab.COUNTRIES}
    for lang in NAME_LANGUAGES:
        for code, name in _names(lang).items():
            found[code].add(fold(name))
            found[code].update(fold(word) for word in words(name))
    return found


def matching(text: str, lang: str | None = None) -> list[tuple[str, str]]:
    """The countries `text` may mean, as (code, name in the interface's language):
    its code first, then those whose shown name or a word of it begins with it,
    then those with such a name in another language ("Lit", "Лит", "Lie" all find
    Lithuania)."""
    wanted = fold(text or "").strip()
    if not wanted:
        return listed(lang)
    found = [(code, name) for code, name in listed(lang)
             if any(word.startswith(wanted) for word in _words()[code])]
    # The code typed whole first, then names as shown (as typed in the interface's
    # language), then those found by a name in another language ("Libanas").
    found.sort(key=lambda row: (row[0].lower() != wanted, not any(
        fold(word).startswith(wanted) for word in (row[1], *words(row[1])))))
    return found
