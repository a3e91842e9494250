"""Editing a record in several languages: each translatable field shows the
interface's language, a uk · lt · en switch marks the missing ones, "Copy original"
fills one in a click, and each language is saved, and undone, on its own."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from coordinator_app import i18n
from coordinator_app.core.records import languages, registry
from coordinator_app.core.records.models import Agreement
from coordinator_app.ui.widgets.translated import COMPACT_MARK, MISSING_MARK, TranslatedField
from support.editors import open_editor, settle, type_into

UK_TITLE = "Меморандум про співпрацю Плунге – Харків"
LT_TITLE = "Plungės ir Charkivo bendradarbiavimo memorandumas"


def _agreement(context, **values) -> str:
    with context.workspace.edit() as edit:
        return edit.create(Agreement, **values).id


def _stored(context, record_id: str, field: str = "title") -> dict:
    with context.workspace.read() as session:
        return languages.values(session.get(Agreement, record_id), field)


def _switch_text(field: TranslatedField) -> dict[str, str]:
    return {lang: button.text() for lang, button in field.switch.buttons.items()}


def test_the_field_shows_the_interface_language_and_marks_the_missing_ones(qtbot, context):
    record_id = _agreement(context, title=UK_TITLE, **{"title.lt": LT_TITLE})
    i18n.set_language("lt")
    editor = open_editor("agreement", context, qtbot)
    editor.show_record(record_id)
    assert editor.title.edit.text() == LT_TITLE
    assert editor.title.switch.buttons["lt"].isChecked()
    assert _switch_text(editor.title) == {"uk": "uk", "lt": "lt", "en": "en" + MISSING_MARK}
    assert "(anglų)" in editor.title.switch.buttons["en"].accessibleName()
    assert not editor.title.copy_button.isVisible()


def test_a_language_with_no_text_shows_the_original_in_its_place(qtbot, context):
    """English is missing: the English window shows the Ukrainian original, and the
    switch says so, rather than an empty title."""
    record_id = _agreement(context, title=UK_TITLE)
    editor = open_editor("agreement", context, qtbot)
    editor.show_record(record_id)
    assert editor.title.edit.text() == UK_TITLE
    assert editor.title.switch.buttons["uk"].isChecked()
    assert editor.title.switch.buttons["en"].text() == "en" + MISSING_MARK


def test_each_language_is_saved_and_undone_on_its_own(qtbot, context):
    record_id = _agreement(context, title=UK_TITLE)
    editor = open_editor("agreement", context, qtbot)
    editor.show_record(record_id)
    editor.title.switch.buttons["lt"].click()
    assert editor.title.edit.text() == ""
    assert UK_TITLE in editor.title.edit.placeholderText()
    type_into(qtbot, editor.title, LT_TITLE)
    editor.title.switch.buttons["en"].click()
    type_into(qtbot, editor.title, "Memorandum of cooperation Plungė – Kharkiv")
    settle(qtbot)
    assert _stored(context, record_id) == {
        "uk": UK_TITLE, "lt": LT_TITLE, "en": "Memorandum of cooperation Plungė – Kharkiv",
        "original": "uk"}
    assert editor.title.switch.buttons["en"].isChecked(), "the choice outlives the reload"

    context.undo_stack.undo()
    settle(qtbot)
    assert _stored(context, record_id) == {"uk": UK_TITLE, "lt": LT_TITLE, "en": None,
                                           "original": "uk"}
    context.undo_stack.undo()
    settle(qtbot)
    assert _stored(context, record_id) == {"uk": UK_TITLE, "lt": None, "en": None,
                                           "original": "uk"}


def test_copy_original_fills_a_missing_language_in_one_click(qtbot, context):
    record_id = _agreement(context, title=UK_TITLE, purpose="Спільне відновлення громад.")
    editor = open_editor("agreement", context, qtbot)
    editor.show_record(record_id)
    editor.purpose.switch.buttons["lt"].click()
    assert editor.purpose.copy_button.isVisible()
    editor.purpose.copy_button.click()
    settle(qtbot)
    assert _stored(context, record_id, "purpose")["lt"] == "Спільне відновлення громад."
    assert editor.purpose.edit.toPlainText() == "Спільне відновлення громад."
    assert not editor.purpose.copy_button.isVisible()
    assert editor.purpose.switch.buttons["lt"].text() == "lt"
    context.undo_stack.undo()
    settle(qtbot)
    assert _stored(context, record_id, "purpose")["lt"] is None


def test_the_first_text_of_a_new_record_is_the_original_in_the_language_shown(qtbot,
                                                                            context):
    i18n.set_language("uk")
    editor = open_editor("agreement", context, qtbot)
    editor.title.switch.buttons["lt"].click()
    type_into(qtbot, editor.title, LT_TITLE)
    settle(qtbot)
    record_id = editor.current_id()
    assert record_id is not None
    assert _stored(context, record_id) == {"uk": None, "lt": LT_TITLE, "en": None,
                                           "original": "lt"}


def test_a_first_text_in_other_letters_than_the_language_shown_is_the_original_in_its_own(
        qtbot, context):
    """English typed in the Ukrainian window, with no language chosen on the switch,
    is an English original, and the field says so; it was stored as Ukrainian."""
    i18n.set_language("uk")
    editor = open_editor("agreement", context, qtbot)
    type_into(qtbot, editor.title, "Memorandum of Cooperation")
    settle(qtbot)
    record_id = editor.current_id()
    assert _stored(context, record_id) == {"uk": None, "lt": None,
                                           "en": "Memorandum of Cooperation",
                                           "original": "en"}
    assert editor.title.switch.buttons["en"].isChecked()
    assert editor.title.switch.buttons["uk"].text() == "uk" + MISSING_MARK
    assert editor.title.switch.buttons["en"].toolTip() == "Англійська: оригінал"


def test_a_first_text_in_ukrainian_letters_in_the_lithuanian_window_is_ukrainian(qtbot,
                                                                                 context):
    i18n.set_language("lt")
    editor = open_editor("agreement", context, qtbot)
    type_into(qtbot, editor.title, UK_TITLE)
    settle(qtbot)
    assert _stored(context, editor.current_id())["original"] == "uk"
    assert editor.title.switch.buttons["uk"].isChecked()


def test_a_language_chosen_on_the_switch_is_the_first_text_s_whatever_its_letters(qtbot,
                                                                                  context):
    """Lithuanian may be typed with no letter only Lithuanian has: the one chosen wins."""
    i18n.set_language("uk")
    editor = open_editor("agreement", context, qtbot)
    editor.title.switch.buttons["lt"].click()
    type_into(qtbot, editor.title, "Bendradarbiavimo sutartis")
    settle(qtbot)
    assert _stored(context, editor.current_id())["original"] == "lt"


def test_the_languages_and_copy_are_reached_by_keyboard(qtbot, context):
    """Tab goes on to the next field; the field's shortcut opens its languages."""
    record_id = _agreement(context, title=UK_TITLE)
    editor = open_editor("agreement", context, qtbot)
    editor.show_record(record_id)
    editor.title.edit.setFocus()
    qtbot.waitUntil(lambda: editor.title.edit.hasFocus())
    qtbot.keyClick(editor.title.edit, Qt.Key.Key_Tab)
    assert editor.kind.isAncestorOf(QApplication.focusWidget())

    def choose(keys: list[Qt.Key]) -> None:
        editor.title.edit.setFocus()
        qtbot.keyClick(editor.title.edit, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier
                       | Qt.KeyboardModifier.ShiftModifier)
        qtbot.waitUntil(editor.title.menu.isVisible)
        for key in keys:
            qtbot.keyClick(editor.title.menu, key)
        qtbot.waitUntil(lambda: not editor.title.menu.isVisible())

    choose([Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Return])  # uk, lt
    assert editor.title.lang == "lt"
    assert editor.title.switch.buttons["lt"].isChecked()
    choose([Qt.Key.Key_Up, Qt.Key.Key_Return])  # the last: Copy original
    settle(qtbot)
    assert _stored(context, record_id)["lt"] == UK_TITLE


def test_a_commitment_cell_has_one_small_button_for_its_languages(qtbot, context):
    record_id = _agreement(context, title=UK_TITLE)
    with context.workspace.edit() as edit:
        edit.create("commitment", agreement_id=record_id, description="Обмінятися переліками.")
    editor = open_editor("agreement", context, qtbot)
    editor.show_record(record_id)
    cell = editor.commitments.cell(0, 0)
    assert cell.switch.buttons == {}
    assert cell.switch.menu_button.text() == "uk" + COMPACT_MARK
    assert cell.switch.menu_button.width() < 3 * cell.switch.menu_button.height()
    cell.open_menu()
    qtbot.waitUntil(cell.menu.isVisible)
    [lt] = [action for action in cell.menu.actions() if action.text().startswith("lt")]
    lt.trigger()
    cell.menu.hide()
    assert cell.lang == "lt" and cell.switch.menu_button.text() == "lt" + COMPACT_MARK


EDITED = [spec.name for spec in registry.KINDS if spec.editor]


@pytest.mark.parametrize("kind", EDITED)
def test_every_translatable_field_an_editor_shows_has_a_language_switch(qtbot, context,
                                                                        kind):
    editor = open_editor(kind, context, qtbot)
    binders = [editor.binder] + [binder for section in editor.sections
                                 for binder in getattr(section, "binders", ())]
    for binder in binders:
        for field in binder.fields:
            translatable = [name for name in field.names
                            if name in getattr(binder.cls, "TRANSLATABLE", ())]
            if translatable:
                assert isinstance(field, TranslatedField), (binder.cls.KIND, field.names)
