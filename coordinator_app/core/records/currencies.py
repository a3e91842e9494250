"""Currencies by name: the list a currency picker offers and the names it shows, from
Babel's CLDR data, in the interface language ("EUR — euras", "UAH — українська гривня").

Amounts are always written with the ISO code (core.text.formatting.format_money says
why); names only help a person find the code."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from babel.numbers import get_currency_name, get_territory_currencies

from coordinator_app.core.records import vocab
from coordinator_app.core.text.collation import sort_key
from coordinator_app.core.text.folding import fold, words
from coordinator_app.core.text.formatting import babel_locale

#: Offered first: the currencies partnerships between Ukrainian and European
#: municipalities are budgeted in.
FIRST = ("EUR", "UAH", "USD")


def name_of(code: str, lang: str | None = None) -> str:
    """The currency's name in the interface language (or `lang`); its code where CLDR
    has none."""
    code = code.upper()
    if code not in vocab.CURRENCIES:
        return code
    return get_currency_name(code, locale=babel_locale(lang))


@lru_cache(maxsize=1)
def in_use() -> frozenset[str]:
    """The currencies some country has as legal tender today."""
    today = date.today()
    return frozenset(code for territory in vocab.COUNTRIES
                     for code in get_territory_currencies(territory, today, tender=True))


def listed(lang: str | None = None) -> list[tuple[str, str]]:
    """The currencies in use as (code, name in the interface language): EUR, UAH and
    USD first, then the others by name."""
    return list(_listed(str(babel_locale(lang))))


@lru_cache(maxsize=None)
def _listed(locale: str) -> tuple[tuple[str, str], ...]:
    rest = sorted((code for code in in_use() if code not in FIRST),
                  key=lambda code: sort_key(get_currency_name(code, locale=locale)))
    return tuple((code, get_currency_name(code, locale=locale)) for code in (*FIRST, *rest))


def matching(text: str, lang: str | None = None) -> list[tuple[str, str]]:
    """The currencies in use whose code, or a word of whose name, begins with `text`
    (folded: "hryv", "гри", "eur"), the code's matches first."""
    typed = fold(text).strip()
    if not typed:
        return listed(lang)
    by_code, by_name = [], []
    for code, name in listed(lang):
        if fold(code).startswith(typed):
            by_code.append((code, name))
        elif fold(name).startswith(typed) or any(
                fold(word).startswith(typed) for word in words(name)):
            by_name.append((code, name))
    return by_code + by_name
