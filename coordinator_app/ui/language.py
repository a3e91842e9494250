"""The desktop app's language: the choice saved in its settings, the language it
starts in, and Qt's own texts (standard buttons, file and print dialogs) in it.

The catalogues of the app's own messages, and the language the core speaks, are
coordinator_app.i18n's; this is the part that needs Qt.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

from coordinator_app import i18n
from coordinator_app.ui.settings_store import app_settings

#: The locale used for Qt widgets (date editors, spin boxes), matching core.text.formatting.
QT_LOCALES = {"en": "en_GB", "uk": "uk_UA", "lt": "lt_LT"}

#: The key of the chosen language in the desktop app's settings (ui.settings_store).
SETTINGS_KEY = "language"

_qt_translators: list = []


def saved_language() -> str | None:
    """The language chosen in the settings dialog, if any."""
    value = app_settings().value(SETTINGS_KEY)
    return value if value in i18n.LANGUAGES else None


def save_language(lang: str) -> None:
    if lang not in i18n.LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(i18n.LANGUAGES)}")
    settings = app_settings()
    settings.setValue(SETTINGS_KEY, lang)
    settings.sync()


def preferred_language(cli_lang: str | None = None) -> str:
    """The language to start the desktop app in: --lang, else the saved choice,
    else the system locale's (if it is one we speak), else English."""
    if cli_lang in i18n.LANGUAGES:
        return cli_lang
    saved = saved_language()
    if saved:
        return saved
    if not any(os.environ.get(name) for name in ("LC_ALL", "LC_MESSAGES", "LANG")):
        # No locale in the environment (Windows, macOS apps started from the Dock):
        # ask Qt, which reads the system's list of preferred display languages.
        for name in QLocale.system().uiLanguages():
            if code := i18n.language_code(name):
                return code
    return i18n.system_language()


def install_qt_translators(app, lang: str) -> list:
    """Translate Qt's own texts (standard buttons, file, print and message dialogs)
    and set the default QLocale, for the application `app`.

    Qt ships qtbase_uk.qm, but for Lithuanian only the older, monolithic qt_lt.qm,
    which still files the standard button texts under QDialogButtonBox, where
    Qt 6 looks them up under QPlatformTheme; a small translator maps one to the
    other so that "Cancel" reads "Atsisakyti". Calling this again replaces the
    translators installed before. Returns the translators now installed.
    """
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
