"""Changing the interface language in Settings applies at once: the window speaks
the new language, and shows what it showed (page, record, filter, undo steps)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QLabel, QMenuBar

from coordinator_app import i18n
from coordinator_app.core.records.models import Organization
from coordinator_app.ui import language
from coordinator_app.ui.settings_dialog import SettingsDialog
from support.windows import active_window, open_in
from support.dialogs import when_a_dialog_opens
from support.editors import settle, type_into


@pytest.fixture
def back_to_english(qapp):
    yield
    i18n.set_language("en")
    language.install_qt_translators(qapp, "en")


def choose_in_settings(lang: str) -> list:
    def choose(dialog) -> None:
        assert isinstance(dialog, SettingsDialog)
        dialog.language.setCurrentIndex(dialog.language.findData(lang))
        dialog.accept()

    return when_a_dialog_opens(choose)


def menu_titles(window) -> list[str]:
    bar = window.findChild(QMenuBar)
    return [action.text() for action in bar.actions()]


def test_the_window_speaks_the_language_chosen_at_once(qtbot, demo_workspace,
                                                       back_to_english):
    window = active_window(qtbot, demo_workspace)
    with demo_workspace.read() as session:
        from sqlalchemy import select

        org_id = session.scalar(select(Organization.id).where(
            Organization.name.like("Plung%")))
    editor = open_in(qtbot, window, "organization", org_id)
    page = window.list_pages["organization"]
    page.filter.setText("plunge")
    qtbot.waitUntil(lambda: page.model.rowCount() >= 1)
    type_into(qtbot, editor.region, "Žemaitija")
    settle(qtbot)
    assert "&File" in menu_titles(window)

    seen = choose_in_settings("uk")
    window.actions.settings.trigger()
    qtbot.waitUntil(lambda: window.list_pages.get("organization") is not page)
    assert seen and not any(isinstance(item, str) for item in seen), seen
    assert i18n.current_language() == "uk"
    assert language.saved_language() == "uk"
    assert "&Файл" in menu_titles(window)
    assert window.navigation.item(0).text() == "Огляд"
    assert window.current_page_name() == "organization"
    again = window.list_pages["organization"]
    assert again.editor.current_id() == org_id
    assert again.filter.text() == "plunge"
    # Read as shown: a form's labels carry their Alt+letter (ui.mnemonics).
    labels = {label.text().replace("&", "") for label in again.editor.findChildren(QLabel)}
    assert "Назва" in labels and "Name" not in labels
    assert QApplication.applicationDisplayName() == "Координатор"
    assert window.actions.undo.text().startswith("&Повернути Змінити «")
    window.actions.undo.trigger()  # the undo history came through
    settle(qtbot)
    assert demo_workspace.get(Organization, org_id).region != "Žemaitija"


def test_the_settings_dialog_fits_its_rows_whatever_is_chosen(qtbot, back_to_english):
    for lang in ("uk", "lt", "en"):
        i18n.set_language(lang)
        dialog = SettingsDialog()
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        for chosen in ("lt", "uk", "en", lang):
            dialog.language.setCurrentIndex(dialog.language.findData(chosen))
            qtbot.wait(20)
            shown = [w for w in dialog.findChildren(QLabel) + [dialog.language]
                     if w.isVisible() and w.parent() is dialog]
            inside = QRect(0, 0, dialog.width(), dialog.height())
            for widget in shown:
                assert inside.contains(widget.geometry()), (lang, chosen, widget)
            for first in shown:
                for second in shown:
                    if first is not second:
                        assert not first.geometry().intersects(second.geometry()), (
                            lang, chosen, first.text() if isinstance(first, QLabel) else first)
            # No gap left where a longer text was: the dialog is as tall as its rows.
            assert dialog.height() <= dialog.sizeHint().height() + 4, (lang, chosen)
        dialog.close()


def test_the_welcome_page_offers_the_language_first(qtbot, workspace, back_to_english):
    window = active_window(qtbot, workspace)
    assert window.stack.currentWidget() is window.welcome  # an empty database
    combo = window.welcome.language
    combo.setCurrentIndex(combo.findData("lt"))
    combo.activated.emit(combo.currentIndex())
    qtbot.waitUntil(lambda: i18n.current_language() == "lt")
    qtbot.waitUntil(lambda: window.welcome.demo_button.text() != "Load demo data")
    assert window.stack.currentWidget() is window.welcome  # still the first start
    assert window.welcome.language.currentData() == "lt"
    assert language.saved_language() == "lt"


def test_an_empty_database_does_not_ask_for_a_backup(qtbot, workspace):
    from coordinator_app.ui.backups import BackupScheduler

    scheduler = BackupScheduler(workspace.db)
    from coordinator_app.ui.main_window import MainWindow
    from coordinator_app.ui.context import UiContext

    window = MainWindow(UiContext(workspace), scheduler)
    qtbot.addWidget(window)
    window.show()
    window.welcome.start_empty()
    settle(qtbot)
    assert window.current_page_name() == "dashboard"
    assert not window.dashboard.backup_warning.isVisible()
    assert window.statusBar().backup.text() == ""
    window.context.apply("Add", lambda edit: edit.create(Organization, name="Громада"))
    window.dashboard.refresh()
    assert window.dashboard.backup_warning.isVisible()
