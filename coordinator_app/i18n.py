"""One catalogue for every string: gettext, shared by the core, reports, CLI and UI.

`_()` translates now, in the current language. `N_()` only marks a string for
extraction, for module-level constants that are translated where they are shown.
"""

from __future__ import annotations

import gettext
import locale
import os
from pathlib import Path

LANGUAGES = ("en", "uk", "lt")
DOMAIN = "coordinator"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_current = "en"
_catalogues: dict[str, gettext.NullTranslations] = {}


def catalogue(lang: str) -> gettext.NullTranslations:
    if lang not in _catalogues:
        _catalogues[lang] = gettext.translation(
            DOMAIN, localedir=LOCALE_DIR, languages=[lang], fallback=True
        )
    return _catalogues[lang]


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    _current = lang


def current_language() -> str:
    return _current


def system_language() -> str:
    """The user's language from the environment, if we speak it; English otherwise."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(name, "")
        if value:
            code = value.split(":")[0].split("_")[0].split(".")[0].lower()
            return code if code in LANGUAGES else "en"
    code = (locale.getlocale()[0] or "en").split("_")[0].lower()
    return code if code in LANGUAGES else "en"


def _(message: str) -> str:
    return catalogue(_current).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return catalogue(_current).ngettext(singular, plural, n)


def gettext_in(lang: str, message: str) -> str:
    """Translate into a given language without changing the current one (reports)."""
    return catalogue(lang).gettext(message)


def N_(message: str) -> str:
    return message
