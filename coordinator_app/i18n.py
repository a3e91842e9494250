"""One catalogue for every string: gettext, shared by the core, reports, CLI and UI.

`_()` translates now, in the current language. `N_()` only marks a string for
extraction, for module-level constants that are translated where they are shown.
`gettext_in(lang, msg)` translates into a given language (reports printed in a
language other than the interface's).

The catalogues live in coordinator_app/locale/<lang>/LC_MESSAGES/coordinator.mo
and are rebuilt by scripts/update_translations.py. The core imports this module,
so it knows no Qt: the desktop app's language choice and Qt's own translations
are in coordinator_app.ui.language.
"""

from __future__ import annotations

import gettext
import locale
import os
import sys
from pathlib import Path

LANGUAGES = ("en", "uk", "lt")
DOMAIN = "coordinator"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

#: Each language by its own name, as language pickers show them (never translated:
#: a reader who cannot read the current language must still find their own).
LANGUAGE_NAMES = {"uk": "Українська", "lt": "Lietuvių", "en": "English"}

#: The environment as the user started us, before set_language() writes LANGUAGE.
_START_ENV = {name: os.environ.get(name, "") for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")}

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
    _route_library_messages(lang)


def _route_library_messages(lang: str) -> None:
    """Let libraries that call the standard `gettext.gettext` speak our language.

    argparse ("usage:", "options", "show this help message and exit", its error
    messages) translates through the process-wide gettext domain, whose language
    GNU gettext takes from LANGUAGE. Pointing that domain at our catalogue, which
    carries argparse's messages too, keeps one catalogue and patches nothing.
    """
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = lang


def current_language() -> str:
    return _current


def language_code(name: str | None) -> str | None:
    """'uk_UA.UTF-8', 'lt-LT', 'Ukrainian_Ukraine' (Windows) -> 'uk', 'lt'; None if not ours."""
    if not name:
        return None
    head = name.split(":")[0].split(".")[0].replace("-", "_").split("_")[0].lower()
    head = {"ukrainian": "uk", "lithuanian": "lt", "english": "en"}.get(head, head)
    return head if head in LANGUAGES else None


def _windows_ui_language() -> str | None:
    # Windows sets no LANG; its display language comes from the user's profile.
    if sys.platform != "win32":
        return None
    try:
        import ctypes

        lcid = ctypes.windll.kernel32.GetUserDefaultUILanguage()
    except (AttributeError, OSError):
        return None
    return locale.windows_locale.get(lcid)


def system_language() -> str:
    """The user's language from the environment, if we speak it; English otherwise."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(name, "") if name != "LANGUAGE" else _START_ENV[name]
        if value:
            return language_code(value) or "en"
    for candidate in (_windows_ui_language(), locale.getlocale()[0]):
        if code := language_code(candidate):
            return code
    return "en"


def _(message: str) -> str:
    return catalogue(_current).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return catalogue(_current).ngettext(singular, plural, n)


def gettext_in(lang: str, message: str) -> str:
    """Translate into a given language without changing the current one (reports)."""
    return catalogue(lang).gettext(message)


def ngettext_in(lang: str, singular: str, plural: str, n: int) -> str:
    return catalogue(lang).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """Translate a word that needs a different translation in another context:
    pgettext("person", "Name") is "Ім'я" where an organisation's "Name" is "Назва"."""
    return catalogue(_current).pgettext(context, message)


def pgettext_in(lang: str, context: str, message: str) -> str:
    return catalogue(lang).pgettext(context, message)


def N_(message: str) -> str:
    return message
