"""What the editors offer beyond fields: the duplicate notice with its merge, the
printed summary of an agreement, opening linked records."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from coordinator_app.core.records.models import Agreement, Organization, Person
from support.editors import answer_next_question, open_editor, pick, settle, type_into




def test_a_new_person_who_is_already_there_is_noticed_and_can_be_merged(
        context, workspace, qtbot):
    known = workspace.create(Person, full_name="Audrius Klišonis", languages="lt")
    editor = open_editor("person", context, qtbot)
    type_into(qtbot, editor.full_name, "Audrius Klisonis")
    new_id = editor.current_id()
    assert new_id != known.id
    assert editor.notice.isVisibleTo(editor)
    assert "Audrius Klišonis" in editor.notice.text.text()

    answer_next_question(QMessageBox.StandardButton.Yes)
    editor.notice.action.click()
    settle(qtbot)
    assert workspace.get(Person, new_id, deleted=True).deleted_at is not None
    assert editor.current_id() == known.id
    assert editor.full_name.edit.text() == "Audrius Klišonis"

    context.undo_stack.undo()  # the merge is one undoable step
    settle(qtbot)
    assert workspace.get(Person, new_id).deleted_at is None


def test_no_notice_for_someone_new(context, workspace, qtbot):
    workspace.create(Person, full_name="Audrius Klišonis")
    editor = open_editor("person", context, qtbot)
    type_into(qtbot, editor.full_name, "Ihor Terekhov")
    assert editor.current_id() is not None
    assert not editor.notice.isVisibleTo(editor)


def test_print_summary_opens_the_preview_of_this_agreement(context, workspace, qtbot):
    from coordinator_app.ui.report_dialogs import ReportPreviewDialog

    editor = open_editor("agreement", context, qtbot)
    assert not editor.print_button.isEnabled()  # nothing to print before there is a record
    type_into(qtbot, editor.title, "Memorandum of Cooperation")
    assert editor.print_button.isEnabled()
    editor.print_button.click()
    [dialog] = editor.findChildren(ReportPreviewDialog)
    assert "Memorandum of Cooperation" in dialog.windowTitle()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=30000)
    assert dialog.last_error is None
    dialog.close()


def test_the_arrow_beside_a_picker_opens_the_linked_record(context, workspace, qtbot):
    kharkiv = workspace.create(Organization, name="Kharkiv")
    editor = open_editor("organization", context, qtbot)
    type_into(qtbot, editor.name, "Saltivka district")
    pick(qtbot, editor.parent_org, "Khar")
    assert workspace.get(Organization, editor.current_id()).parent_id == kharkiv.id
    with qtbot.waitSignal(context.open_requested) as opened:
        editor.parent_org.open_button.click()
    assert opened.args == ["organization", kharkiv.id]


def test_typing_in_a_picker_without_choosing_writes_nothing(context, workspace, qtbot):
    workspace.create(Organization, name="Kharkiv")
    editor = open_editor("organization", context, qtbot)
    type_into(qtbot, editor.name, "Saltivka district")
    editor.parent_org.edit.setText("Nowhere at all")
    editor.parent_org.edit.editingFinished.emit()
    assert "Choose a record" in editor.parent_org.error.text()
    assert workspace.get(Organization, editor.current_id()).parent_id is None
    editor.parent_org.edit.clear()
    editor.parent_org.edit.editingFinished.emit()
    assert not editor.parent_org.error.text()


def test_a_record_deleted_elsewhere_is_shown_as_deleted(context, workspace, qtbot):
    memo = workspace.create(Agreement, title="Memorandum")
    editor = open_editor("agreement", context, qtbot)
    editor.show_record(memo.id)
    context.apply("Delete", lambda edit: edit.delete(Agreement, memo.id))
    settle(qtbot)
    assert "deleted" in editor.notice.text.text()
    assert not editor.body.isEnabled()
    assert not editor.delete_button.isEnabled()


def test_a_date_can_be_picked_on_the_calendar(context, workspace, qtbot):
    from datetime import date

    from PySide6.QtCore import QDate

    editor = open_editor("agreement", context, qtbot)
    type_into(qtbot, editor.title, "Memorandum")
    editor.signed_on.open_calendar()
    calendar = editor.signed_on._calendar
    calendar.setSelectedDate(QDate(2026, 2, 11))
    calendar.clicked.emit(QDate(2026, 2, 11))
    assert workspace.get(Agreement, editor.current_id()).signed_on == date(2026, 2, 11)
    assert not editor.signed_on._menu.isVisible()


def _tab_chain(start, count):
    from PySide6.QtCore import Qt

    chain, widget = [], start
    while len(chain) < count:
        chain.append(widget)
        widget = widget.nextInFocusChain()
        while not (widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value) \
                or not widget.isVisible() or not widget.isEnabled():
            widget = widget.nextInFocusChain()
    return chain


def test_tab_goes_down_the_page_through_the_tables(context, workspace, qtbot):
    org = workspace.create(Organization, name="Kharkiv")
    editor = open_editor("agreement", context, qtbot)
    type_into(qtbot, editor.title, "Memorandum")
    pick(qtbot, editor.parties.cell(0, 0), "Khar")
    settle(qtbot)
    assert workspace.get(Organization, org.id)
    chain = _tab_chain(editor.notes.edit, 200)
    parties_first = editor.parties.cell(0, 0).edit
    commitment_due = editor.commitments.cell(0, 3).edit
    add_file = editor.attachments.add_button
    sources_title = editor.sources.cell(0, 0).edit
    positions = [chain.index(w) for w in (parties_first, commitment_due, add_file, sources_title)]
    assert chain[1] is parties_first
    assert positions == sorted(positions)


def test_validation_messages_read_on_light_and_dark_themes(qtbot):
    from PySide6.QtGui import QColor, QPalette

    from coordinator_app.ui.widgets.fields import ErrorLabel

    label = ErrorLabel()
    qtbot.addWidget(label)
    for window, text_lightness in (("#f0f0f0", "dark"), ("#202020", "light")):
        palette = QPalette()
        palette.setColor(QPalette.ColorRole.Window, QColor(window))
        label.setPalette(palette)
        colour = label.palette().color(QPalette.ColorRole.WindowText)
        background = QColor(window)
        assert colour.red() > colour.green() and colour.red() > colour.blue()  # red-ish
        contrast = abs(colour.lightness() - background.lightness())
        assert contrast > 60, (window, colour.name())
        assert (colour.lightness() < 128) == (text_lightness == "dark")


def test_typing_part_of_a_name_and_enter_picks_the_best_match(context, workspace, qtbot):
    from PySide6.QtCore import Qt

    kharkiv = workspace.create(Organization, name="Kharkiv City Council")
    editor = open_editor("organization", context, qtbot)
    type_into(qtbot, editor.name, "Saltivka district")
    picker = editor.parent_org
    picker.edit.setFocus()
    qtbot.keyClicks(picker.edit, "kharkiv")
    popup = picker.completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=3000)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: workspace.get(Organization, editor.current_id()).parent_id
                    == kharkiv.id, timeout=3000)
    assert picker.edit.text() == "Kharkiv City Council"


def test_a_shared_phone_number_added_later_is_noticed_too(context, workspace, qtbot):
    from coordinator_app.core.records.models import ContactPoint

    known = workspace.create(Person, full_name="Андрій Мельник")
    workspace.create(ContactPoint, person_id=known.id, kind="phone", value="+380 67 123 4567")
    editor = open_editor("person", context, qtbot)
    type_into(qtbot, editor.full_name, "A. Melnyk (office)")
    assert not editor.notice.isVisibleTo(editor)
    contacts = editor.contacts
    type_into(qtbot, contacts.cell(0, 1), "067 123 4567")
    settle(qtbot)
    assert editor.notice.isVisibleTo(editor)
    assert "Андрій Мельник" in editor.notice.text.text()
