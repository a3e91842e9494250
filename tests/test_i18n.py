"""The interface speaks Ukrainian, Lithuanian and English, Qt's own dialogs included."""

from __future__ import annotations

import re

import pytest

from coordinator_app import i18n
from coordinator_app.ui import language


@pytest.fixture
def qt_english(qapp):
    yield qapp
    language.install_qt_translators(qapp, "en")


@pytest.mark.parametrize(
    ("lang", "cancel", "yes"),
    [("uk", "Скасувати", "Т&ак"), ("lt", "Atsisakyti", "&Taip"), ("en", "Cancel", "&Yes")],
)
def test_qt_standard_buttons_are_translated(qt_english, lang, cancel, yes):
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QDialogButtonBox

    language.install_qt_translators(qt_english, lang)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel
                           | QDialogButtonBox.StandardButton.Yes)
    texts = {button.text() for button in box.buttons()}
    assert texts == {cancel, yes}
    assert QLocale().name() == language.QT_LOCALES[lang]


def test_qt_file_dialog_texts_in_lithuanian(qt_english):
    from PySide6.QtCore import QCoreApplication

    language.install_qt_translators(qt_english, "lt")
    assert QCoreApplication.translate("QFileDialog", "File &name:") == "&Failo vardas:"
    # Texts nobody translated fall through to the original.
    assert QCoreApplication.translate("QPlatformTheme", "No such text") == "No such text"
    language.install_qt_translators(qt_english, "uk")
    assert QCoreApplication.translate("QFileDialog", "File &name:") == "&Ім'я файлу:"
    assert QCoreApplication.translate("QDialogButtonBox", "Cancel") != "Atsisakyti"


def test_preferred_language_order(monkeypatch):
    monkeypatch.setenv("LC_ALL", "lt_LT.UTF-8")
    assert language.preferred_language() == "lt"  # system locale
    language.save_language("uk")
    assert language.preferred_language() == "uk"  # the saved choice beats the system
    assert language.preferred_language("en") == "en"  # --lang beats both
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")
    language.save_language("en")
    assert language.preferred_language() == "en"


def test_system_language_we_do_not_speak_is_english(monkeypatch):
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")
    assert i18n.system_language() == "en"
    monkeypatch.setenv("LC_ALL", "uk_UA.UTF-8")
    assert i18n.system_language() == "uk"


def test_settings_dialog_saves_the_language_chosen(qtbot, monkeypatch):
    from coordinator_app.ui.settings_dialog import SettingsDialog

    monkeypatch.setenv("LC_ALL", "uk_UA.UTF-8")
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    assert dialog.chosen_language() == "uk"  # default from the system locale
    dialog.language.setCurrentIndex(dialog.language.findData("lt"))
    dialog.accept()
    assert language.saved_language() == "lt"
    assert language.preferred_language() == "lt"

    again = SettingsDialog()
    qtbot.addWidget(again)
    assert again.chosen_language() == "lt"
    again.language.setCurrentIndex(again.language.findData("en"))
    again.reject()
    assert language.saved_language() == "lt"  # Cancel keeps the saved choice


# --- The catalogues -----------------------------------------------------------------------

def _pipeline():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "scripts" / "update_translations.py"
    spec = importlib.util.spec_from_file_location("update_translations", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def pipeline():
    return _pipeline()


@pytest.fixture(scope="module")
def catalogues(pipeline):
    return {lang: pipeline.read_catalog(pipeline.po_path(lang), lang) for lang in ("uk", "lt")}


def _key(message):
    return (message.id if isinstance(message.id, str) else message.id[0], message.context)


def _translations(catalog):
    """Every message and its translation: what the application reads, and nothing of the
    header, which carries the version of the tool that compiled it."""
    def frozen(text):
        return tuple(text) if isinstance(text, (list, tuple)) else text

    return {(frozen(message.id), message.context): frozen(message.string)
            for message in catalog if message.id and not message.fuzzy}


def test_compiled_catalogues_are_up_to_date_with_the_po_files(pipeline, catalogues):
    from babel.messages.mofile import read_mo

    for lang, catalog in catalogues.items():
        with pipeline.mo_path(lang).open("rb") as handle:
            compiled = read_mo(handle)
        assert _translations(compiled) == _translations(catalog), (
            f"{lang}: run scripts/update_translations.py to compile the catalogue")
        assert compiled.plural_forms == catalog.plural_forms


def test_catalogues_hold_every_message_in_the_sources(pipeline, catalogues):
    wanted = {_key(message) for message in pipeline.extract() if message.id}
    assert len(wanted) > 100
    for lang, catalog in catalogues.items():
        present = {_key(message) for message in catalog if message.id}
        missing = sorted(msgid for msgid, _context in wanted - present)
        assert not missing, (f"{lang}: {len(missing)} message(s) not in the catalogue; "
                             f"run scripts/update_translations.py: {missing[:20]}")


def _strings(message):
    return message.string if isinstance(message.string, tuple) else (message.string,)


@pytest.mark.parametrize("lang", ["uk", "lt"])
def test_every_message_is_translated(catalogues, lang):
    catalog = catalogues[lang]
    untranslated = [message.id for message in catalog
                    if message.id and (message.fuzzy or not all(s and s.strip()
                                                                for s in _strings(message)))]
    assert not untranslated, f"{lang}: {len(untranslated)} untranslated: {untranslated[:20]}"
    if catalog.num_plurals:
        for message in catalog:
            if message.id and message.pluralizable:
                assert len(_strings(message)) == catalog.num_plurals, message.id


PLACEHOLDER = re.compile(r"(?<!\{)\{[^{}]*\}(?!\})|%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc]")


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


@pytest.mark.parametrize("lang", ["uk", "lt"])
def test_translations_keep_placeholders_and_line_breaks(catalogues, lang):
    wrong = []
    for message in catalogues[lang]:
        if not message.id:
            continue
        source = message.id[-1] if isinstance(message.id, tuple) else message.id
        for text in _strings(message):
            if not text:
                continue
            if placeholders(text) != placeholders(source):
                wrong.append((message.id, text))
            if text.endswith("\n") != source.endswith("\n"):
                wrong.append((message.id, text))
    assert not wrong, f"{lang}: placeholders differ: {wrong[:10]}"


def test_placeholder_check_would_catch_mistakes():
    assert placeholders("Delete {name}?") != placeholders("Видалити {назва}?")
    assert placeholders("%(prog)s: error: %(message)s\n") == placeholders(
        "%(prog)s: помилка: %(message)s\n")
    assert placeholders("{count} of {total}") == placeholders("{total} iš… {count}")


# --- What people see -----------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "label"), [("uk", "Меморандум про співпрацю"),
                                             ("lt", "Bendradarbiavimo memorandumas")])
def test_vocabulary_labels_in_each_language(lang, label):
    from coordinator_app.core.records.vocab import AGREEMENT_KINDS

    assert i18n.gettext_in(lang, AGREEMENT_KINDS["memorandum"]) == label
    i18n.set_language(lang)
    assert i18n._(AGREEMENT_KINDS["memorandum"]) == label


@pytest.mark.parametrize(("lang", "usage", "options", "help_text"), [
    ("uk", "використання:", "параметри", "показати цю довідку й вийти"),
    ("lt", "naudojimas:", "parinktys", "parodyti šį pagalbos pranešimą ir išeiti"),
])
def test_command_line_help_and_errors_are_translated(capsys, lang, usage, options, help_text):
    from coordinator_app import cli

    with pytest.raises(SystemExit):
        cli.main(["--lang", lang, "--help"])
    shown = capsys.readouterr().out
    assert shown.startswith(usage)
    assert f"\n{options}:\n" in shown and help_text in shown
    assert "usage:" not in shown and "show this help message" not in shown
    assert "version number" not in shown

    with pytest.raises(SystemExit) as exited:
        cli.main(["--lang", lang, "--no-such-option"])
    assert exited.value.code == 2
    error = capsys.readouterr().err
    assert "--no-such-option" in error and "unrecognized arguments" not in error
    assert usage in error


def test_system_locale_names_of_every_platform(monkeypatch):
    from coordinator_app.i18n import language_code

    assert language_code("uk_UA.UTF-8") == "uk"
    assert language_code("lt-LT") == "lt"
    assert language_code("Lithuanian_Lithuania") == "lt"  # locale.getlocale() on Windows
    assert language_code("Ukrainian_Ukraine") == "uk"
    assert language_code("de_DE") is None and language_code("") is None
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setitem(i18n._START_ENV, "LANGUAGE", "")
    monkeypatch.setattr("locale.getlocale", lambda *args: ("Lithuanian_Lithuania", "1257"))
    assert i18n.system_language() == "lt"
