"""Ctrl+Z where the cursor is: in a field with typing, it takes the typing back; in a
field with none, and anywhere else, it undoes the last change. The Edit menu
offers both."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar
from sqlalchemy import select

from coordinator_app.core.records.languages import in_language
from coordinator_app.core.records.models import Organization
from coordinator_app.ui.window_actions import shortcut_rows
from support.windows import active_window, open_in
from support.editors import settle

CTRL = Qt.KeyboardModifier.ControlModifier


def first_organization(workspace) -> tuple[str, str]:
    with workspace.read() as session:
        org_id = session.scalar(select(Organization.id)
                                .where(Organization.deleted_at.is_(None))
                                .order_by(Organization.name))
    return org_id, shown_name(workspace, org_id)


def shown_name(workspace, org_id: str) -> str:
    """The name as the English window shows it (the demo's names are translated)."""
    return in_language(workspace.get(Organization, org_id), "name", "en")


def test_ctrl_z_in_a_field_with_nothing_typed_undoes_the_last_change(qtbot, demo_workspace):
    window = active_window(qtbot, demo_workspace)
    org_id, name = first_organization(demo_workspace)
    editor = open_in(qtbot, window, "organization", org_id)
    editor.region.edit.setFocus()
    editor.region.edit.selectAll()
    qtbot.keyClicks(editor.region.edit, "Kaunas county")
    editor.region.edit.editingFinished.emit()
    editor.name.edit.setFocus()  # another field, nothing typed in it yet
    settle(qtbot)
    assert demo_workspace.get(Organization, org_id).region == "Kaunas county"
    qtbot.keyClick(editor.name.edit, Qt.Key.Key_Z, CTRL)
    settle(qtbot)
    assert demo_workspace.get(Organization, org_id).region != "Kaunas county"
    assert editor.name.edit.text() == name


def test_ctrl_z_in_a_field_takes_back_the_typing_first(qtbot, demo_workspace):
    window = active_window(qtbot, demo_workspace)
    org_id, name = first_organization(demo_workspace)
    editor = open_in(qtbot, window, "organization", org_id)
    edit = editor.name.edit
    edit.setFocus()
    edit.end(False)
    steps = window.context.undo_stack.index()
    qtbot.keyClicks(edit, " Pilot")
    qtbot.keyClick(edit, Qt.Key.Key_Z, CTRL)
    assert edit.text() == name
    assert window.context.undo_stack.index() == steps  # no change was undone
    edit.editingFinished.emit()
    settle(qtbot)
    assert shown_name(demo_workspace, org_id) == name


def test_the_edit_menu_offers_undoing_typing_and_the_last_change(qtbot, demo_workspace):
    window = active_window(qtbot, demo_workspace)
    org_id, name = first_organization(demo_workspace)
    editor = open_in(qtbot, window, "organization", org_id)
    edit = editor.name.edit
    edit.setFocus()
    edit.end(False)
    qtbot.keyClicks(edit, " Pilot")
    editor.region.edit.setFocus()  # left: saved, a change to undo
    settle(qtbot)
    edit.setFocus()
    edit.end(False)
    qtbot.keyClicks(edit, " Two")
    settle(qtbot)
    menu = window.menuBar().actions()[1].menu()
    menu.aboutToShow.emit()
    texts = {action.objectName(): action for action in menu.actions()}
    typing, last = texts["action_undo_typing"], texts["action_undo"]
    assert typing.isEnabled() and "Ctrl+Z" in typing.text()
    assert last.isEnabled() and "Change" in last.text()
    typing.trigger()
    assert edit.text() == f"{name} Pilot"
    last.trigger()
    settle(qtbot)
    assert shown_name(demo_workspace, org_id) == name


def test_toolbar_undo_keeps_its_width_and_names_the_change_on_hover(qtbot, demo_workspace):
    window = active_window(qtbot, demo_workspace)
    org_id, _name = first_organization(demo_workspace)
    toolbar = window.findChild(QToolBar, "main_toolbar")
    undo = next(a for a in toolbar.actions() if a.objectName() == "toolbar_undo")
    button = toolbar.widgetForAction(undo)
    before = button.sizeHint().width()
    window.context.apply("Change “Region”", lambda edit: edit.update(
        Organization, org_id, region="A region with a long, long name"))
    settle(qtbot)
    assert undo.isEnabled() and undo.text() == "Undo"
    assert button.sizeHint().width() == before
    assert "Change “Region”" in undo.toolTip() and "Ctrl+Z" in undo.toolTip()


def test_the_keys_list_names_undo_not_the_change_it_would_undo(qtbot, demo_workspace):
    window = active_window(qtbot, demo_workspace)
    org_id, _name = first_organization(demo_workspace)
    window.context.apply("Change tags", lambda edit: edit.update(
        Organization, org_id, region="Elsewhere"))
    rows = shortcut_rows(window)
    assert not any("Change tags" in what for _keys, what in rows)
    assert ("Ctrl+Z", "Undo the last change") in rows
