"""One catalogue for every string: gettext, shared by the core, reports, CLI and UI.

`_()` translates now, in the current language. `N_()` only marks a string for
extraction, for module-level constants that are translated where they are shown.
`gettext_in(lang, msg)` translates into a given language (reports printed in a
language other than the interface's).

The catalogues live in coordinator_app/locale/<lang>/LC_MESSAGES/coordinator.mo
and are rebuilt by scripts/update_translations.py. Qt is imported only by the
functions that need it (the core imports this module and never imports Qt).
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

#: The locale used for Qt widgets (date editors, spin boxes), matching core.formatting.
QT_LOCALES = {"en": "en_GB", "uk": "uk_UA", "lt": "lt_LT"}

#: The key of the chosen language in the desktop app's settings (ui.settings_store).
SETTINGS_KEY = "language"

#: The environment as the user started us, before set_language() writes LANGUAGE.
_START_ENV = {name: os.environ.get(name, "") for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")}

_current = "en"
_catalogues: dict[str, gettext.NullTranslations] = {}
_qt_translators: list = []


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


def _code(name: str | None) -> str | None:
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
            return _code(value) or "en"
    for candidate in (_windows_ui_language(), locale.getlocale()[0]):
        if code := _code(candidate):
            return code
    return "en"


def saved_language() -> str | None:
    """The language chosen in the settings dialog, if any (needs PySide6)."""
    from coordinator_app.ui.settings_store import app_settings

    value = app_settings().value(SETTINGS_KEY)
    return value if value in LANGUAGES else None


def save_language(lang: str) -> None:
    from coordinator_app.ui.settings_store import app_settings

    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    settings = app_settings()
    settings.setValue(SETTINGS_KEY, lang)
    settings.sync()


def preferred_language(cli_lang: str | None = None) -> str:
    """The language to start the desktop app in: --lang, else the saved choice,
    else the system locale's (if it is one we speak), else English."""
    if cli_lang in LANGUAGES:
        return cli_lang
    try:
        saved = saved_language()
    except ImportError:  # the command line without the desktop parts installed
        return system_language()
    if saved:
        return saved
    if not any(os.environ.get(name) for name in ("LC_ALL", "LC_MESSAGES", "LANG")):
        # No locale in the environment (Windows, macOS apps started from the Dock):
        # ask Qt, which reads the system's list of preferred display languages.
        from PySide6.QtCore import QLocale

        for name in QLocale.system().uiLanguages():
            if code := _code(name):
                return code
    return system_language()


def install_qt_translators(app, lang: str) -> list:
    """Translate Qt's own texts (standard buttons, file, print and message dialogs)
    and set the default QLocale, for the application `app`.

    Qt ships qtbase_uk.qm, but for Lithuanian only the older, monolithic qt_lt.qm,
    which still files the standard button texts under QDialogButtonBox, where
    Qt 6 looks them up under QPlatformTheme; a small translator maps one to the
    other so that "Cancel" reads "Atsisakyti". Calling this again replaces the
    translators installed before. Returns the translators now installed.
    """
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    for translator in _qt_translators:
        app.removeTranslator(translator)
    _qt_translators.clear()
    QLocale.setDefault(QLocale(QT_LOCALES.get(lang, "en_GB")))
    if lang == "en":
        return []
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for prefix in ("qtbase", "qt"):
        translator = QTranslator(app)
        if translator.load(QLocale(QT_LOCALES[lang]), prefix, "_", folder):
            _qt_translators.append(translator)
            if not translator.translate("QPlatformTheme", "Cancel"):
                _qt_translators.append(_button_text_translator(translator, app))
            break
    # Installed last is asked first: the mapping goes after the catalogue it reads.
    for translator in _qt_translators:
        app.installTranslator(translator)
    return list(_qt_translators)


def _button_text_translator(older, parent):
    from PySide6.QtCore import QTranslator

    class ButtonTextTranslator(QTranslator):
        """Answers Qt 6's QPlatformTheme lookups from an older catalogue's QDialogButtonBox."""

        def translate(self, context, source, disambiguation=None, n=-1):
            if context == "QPlatformTheme":
                # None (a null string) lets Qt ask the next translator.
                return older.translate("QDialogButtonBox", source, disambiguation, n) or None
            return None

        def isEmpty(self):
            return False

    return ButtonTextTranslator(parent)


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
