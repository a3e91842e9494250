"""Units of measure of needs and aid deliveries: a short vocabulary kept as codes
("pcs") and shown in the reader's language ("шт." in Ukrainian, "vnt." in Lithuanian),
so that "60 pcs" reads in the language of the window or the report. The editors keep
a unit typed in any of the three languages as its code; a unit stored otherwise (typed
in another way, or imported) that names one of the vocabulary is shown so all the same,
and one outside it ("kits of 10") is shown as typed.
"""

from __future__ import annotations

from functools import lru_cache

from coordinator_app.i18n import LANGUAGES, current_language, pgettext_in


def labels(lang: str | None = None) -> dict[str, str]:
    """{code: label} in `lang` (the interface language by default), in the order a
    unit is offered."""
    lang = lang or current_language()
    # Each written out for the catalogue's extraction; "unit" tells "t" and "m" apart
    # from any other word.
    return {
        "pcs": pgettext_in(lang, "unit", "pcs"),
        "sets": pgettext_in(lang, "unit", "sets"),
        "boxes": pgettext_in(lang, "unit", "boxes"),
        "packs": pgettext_in(lang, "unit", "packs"),
        "pallets": pgettext_in(lang, "unit", "pallets"),
        "kg": pgettext_in(lang, "unit", "kg"),
        "t": pgettext_in(lang, "unit", "t"),
        "l": pgettext_in(lang, "unit", "l"),
        "m": pgettext_in(lang, "unit", "m"),
    }


def _key(text: str) -> str:
    # Imported here: folding loads the transliteration's patterns, which a unit stored
    # as its code (all the first window shows) never needs.
    from coordinator_app.core.text.folding import fold

    return fold(text).strip().rstrip(".").strip()


@lru_cache(maxsize=1)
def _codes() -> dict[str, str]:
    """Every way the vocabulary writes a unit (its code, its label in each language),
    folded, to its code."""
    found = {}
    for lang in LANGUAGES:
        for code, label in labels(lang).items():
            found[_key(label)] = code
    found.update((_key(code), code) for code in labels("en"))
    return found


def code(text: str | None) -> str | None:
    """The code of a unit typed in any language ("шт.", "Vnt", "pcs": "pcs"), else the
    text as typed."""
    if not text:
        return text
    if text in labels("en"):
        # Stored as a code already, as the editors keep it: no need to read the labels
        # of every language (their catalogues) to know it, as the first window would.
        return text
    return _codes().get(_key(text), text)


def label(unit: str | None, lang: str | None = None) -> str:
    """A stored unit as a reader of `lang` reads it; one outside the vocabulary as it
    was typed (also one typed before units were kept as codes, if it names one)."""
    if not unit:
        return ""
    return labels(lang).get(code(unit), unit)
