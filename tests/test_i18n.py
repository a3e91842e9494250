"""The interface speaks Ukrainian, Lithuanian and English, Qt's own dialogs included."""

from __future__ import annotations

import pytest

from coordinator_app import i18n


@pytest.fixture
def qt_settings(tmp_path):
    """QSettings written to a temporary folder, never the user's own configuration."""
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings(*i18n.SETTINGS_SCOPE).clear()
    yield tmp_path
    QSettings(*i18n.SETTINGS_SCOPE).clear()


@pytest.fixture
def qt_english(qapp):
    yield qapp
    i18n.install_qt_translators(qapp, "en")


@pytest.mark.parametrize(
    ("lang", "cancel", "yes"),
    [("uk", "Скасувати", "Т&ак"), ("lt", "Atsisakyti", "&Taip"), ("en", "Cancel", "&Yes")],
)
def test_qt_standard_buttons_are_translated(qt_english, lang, cancel, yes):
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QDialogButtonBox

    i18n.install_qt_translators(qt_english, lang)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel
                           | QDialogButtonBox.StandardButton.Yes)
    texts = {button.text() for button in box.buttons()}
    assert texts == {cancel, yes}
    assert QLocale().name() == i18n.QT_LOCALES[lang]


def test_qt_file_dialog_texts_in_lithuanian(qt_english):
    from PySide6.QtCore import QCoreApplication

    i18n.install_qt_translators(qt_english, "lt")
    assert QCoreApplication.translate("QFileDialog", "File &name:") == "&Failo vardas:"
    # Texts nobody translated fall through to the original.
    assert QCoreApplication.translate("QPlatformTheme", "No such text") == "No such text"
    i18n.install_qt_translators(qt_english, "uk")
    assert QCoreApplication.translate("QFileDialog", "File &name:") == "&Ім'я файлу:"
    assert QCoreApplication.translate("QDialogButtonBox", "Cancel") != "Atsisakyti"


def test_preferred_language_order(qt_settings, monkeypatch):
    monkeypatch.setenv("LC_ALL", "lt_LT.UTF-8")
    assert i18n.preferred_language() == "lt"  # system locale
    i18n.save_language("uk")
    assert i18n.preferred_language() == "uk"  # the saved choice beats the system
    assert i18n.preferred_language("en") == "en"  # --lang beats both
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")
    i18n.save_language("en")
    assert i18n.preferred_language() == "en"


def test_system_language_we_do_not_speak_is_english(monkeypatch):
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")
    assert i18n.system_language() == "en"
    monkeypatch.setenv("LC_ALL", "uk_UA.UTF-8")
    assert i18n.system_language() == "uk"


def test_settings_dialog_saves_language_and_says_when_it_applies(qtbot, qt_settings, monkeypatch):
    from coordinator_app.ui.settings_dialog import SettingsDialog

    monkeypatch.setenv("LC_ALL", "uk_UA.UTF-8")
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    assert dialog.chosen_language() == "uk"  # default from the system locale
    assert "next time you start" in dialog.note.text()
    dialog.language.setCurrentIndex(dialog.language.findData("lt"))
    dialog.accept()
    assert i18n.saved_language() == "lt"
    assert i18n.preferred_language() == "lt"

    again = SettingsDialog()
    qtbot.addWidget(again)
    assert again.chosen_language() == "lt"
    again.language.setCurrentIndex(again.language.findData("en"))
    again.reject()
    assert i18n.saved_language() == "lt"  # Cancel keeps the saved choice
