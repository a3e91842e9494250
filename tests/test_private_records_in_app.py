"""A record our association keeps to itself, made in the app: "Private to our
association" ticked on a new record's form makes it (and its lines) private, undo
and redo keep it so, the form then says it and cannot change it, and the list
marks it with a lock."""

from __future__ import annotations

from sqlalchemy import select

from coordinator_app.core.records.models import ContactPoint, Organization, SyncOperation
from coordinator_app.sync.operations import is_private_origin
from coordinator_app.sync.record import private_ids
from PySide6.QtCore import Qt

from coordinator_app.ui.list_model import PRIVATE_ROLE, RecordListModel
from support.editors import open_editor, settle, type_into


def _origins(workspace, kind: str, record_id: str) -> set[bool]:
    """For each operation of the record: whether it is numbered in a private stream."""
    with workspace.read() as session:
        return {is_private_origin(origin) for origin in session.scalars(
            select(SyncOperation.origin).where(SyncOperation.kind == kind,
                                               SyncOperation.record_id == record_id))}


def _private(workspace, record_id: str) -> bool:
    with workspace.read() as session:
        return record_id in private_ids(session, "organization", [record_id])


def test_a_new_record_ticked_private_is_kept_to_the_association(context, workspace, qtbot):
    editor = open_editor("organization", context, qtbot)
    box = editor.private_box
    assert box.isVisible() and box.isEnabled() and not box.isChecked()
    box.setChecked(True)
    type_into(qtbot, editor.name, "Kharkiv negotiating team")
    record_id = editor.current_id()
    assert record_id is not None
    assert _private(workspace, record_id)
    assert _origins(workspace, "organization", record_id) == {True}
    # Shown now: it says so, and cannot be changed.
    assert box.isVisible() and box.isChecked() and not box.isEnabled()

    # Its later edits and its lines stay private too.
    type_into(qtbot, editor.region, "Kharkivska")
    with workspace.edit() as edit:
        contact = edit.create(ContactPoint, organization_id=record_id, kind="email",
                              value="team@city.kharkiv.ua")
    assert _origins(workspace, "organization", record_id) == {True}
    assert _origins(workspace, "contact_point", contact.id) == {True}

    # A blank form starts unticked: each record is chosen afresh.
    editor.show_record(None)
    assert box.isEnabled() and not box.isChecked()
    type_into(qtbot, editor.name, "Kharkiv City Council")
    shared = editor.current_id()
    assert not _private(workspace, shared)
    assert _origins(workspace, "organization", shared) == {False}
    assert not box.isVisible()  # a shared record needs no word about it


def test_undo_and_redo_of_a_private_record_stay_private(context, workspace, qtbot):
    editor = open_editor("organization", context, qtbot)
    editor.private_box.setChecked(True)
    type_into(qtbot, editor.name, "Kharkiv negotiating team")
    record_id = editor.current_id()

    context.undo_stack.undo()
    settle(qtbot)
    assert workspace.get(Organization, record_id, deleted=True).deleted_at is not None
    context.undo_stack.redo()
    settle(qtbot)
    assert workspace.get(Organization, record_id).deleted_at is None
    # The deletion and the restoring went to the private stream like the rest.
    assert _origins(workspace, "organization", record_id) == {True}


def test_the_list_marks_a_private_record_with_a_lock(context, workspace, qtbot):
    editor = open_editor("organization", context, qtbot)
    editor.private_box.setChecked(True)
    type_into(qtbot, editor.name, "Kharkiv negotiating team")
    editor.show_record(None)
    type_into(qtbot, editor.name, "Kharkiv City Council")

    model = RecordListModel(workspace, "organization")
    model.reload()
    rows = {model.data(model.index(row, 0)): model.index(row, 0)
            for row in range(model.rowCount())}
    assert set(rows) == {"Kharkiv negotiating team", "Kharkiv City Council"}
    private, shared = rows["Kharkiv negotiating team"], rows["Kharkiv City Council"]
    assert model.data(private, PRIVATE_ROLE) and not model.data(shared, PRIVATE_ROLE)
    assert not model.data(private, Qt.ItemDataRole.DecorationRole).isNull()  # the padlock
    assert model.data(shared, Qt.ItemDataRole.DecorationRole) is None
    assert "Private to our association" in model.data(private, Qt.ItemDataRole.ToolTipRole)
    assert model.data(shared, Qt.ItemDataRole.ToolTipRole) == "Kharkiv City Council"
