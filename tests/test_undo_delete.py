"""Undoing a delete shows the record it brings back, selected in its list."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox
from coordinator_app.core.records.models import Organization
from support.windows import active_window, open_in
from support.dialogs import when_a_dialog_opens
from support.editors import settle


def test_undoing_a_delete_selects_what_came_back(qtbot, demo_workspace):
    window = active_window(qtbot, demo_workspace)
    with demo_workspace.edit() as edit:  # nothing needs it, so it may be deleted
        org_id = edit.create(Organization, name="Aaa partner community").id
    editor = open_in(qtbot, window, "organization", org_id)
    page = window.list_pages["organization"]
    when_a_dialog_opens(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    assert page.delete_current()
    settle(qtbot)
    assert editor.current_id() != org_id
    window.actions.undo.trigger()
    qtbot.waitUntil(lambda: editor.current_id() == org_id)
    assert page.model.id_at(page.view.currentIndex().row()) == org_id
    window.actions.redo.trigger()  # deleted again: nothing to show
    settle(qtbot)
    assert demo_workspace.get(Organization, org_id, deleted=True).deleted_at is not None
