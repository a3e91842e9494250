"""Undo steps the size of what the user did: saves made while typing one field are
one step, and a step changed since elsewhere is refused whole."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from coordinator_app.core.records import languages
from coordinator_app.core.records.models import Organization
from coordinator_app.ui.editors import editor_for
from coordinator_app.ui.widgets.fields import PAUSE_MS
from support.editors import settle


@pytest.fixture
def org_editor(demo_context, qtbot):
    editor = editor_for("organization")(demo_context)
    qtbot.addWidget(editor)
    editor.resize(900, 800)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def _first_org(workspace) -> tuple[str, str]:
    with workspace.read() as session:
        org_id = session.scalar(select(Organization.id)
                                .where(Organization.deleted_at.is_(None))
                                .order_by(Organization.name))
    return org_id, _name(workspace, org_id)


def _name(workspace, org_id: str) -> str:
    """The name as the English window shows and edits it (the demo's names have an
    English translation beside their original)."""
    return languages.value(workspace.get(Organization, org_id), "name", "en")


def _type_with_pauses(qtbot, edit, *pieces: str) -> None:
    """Type `pieces`, stopping after each long enough for the field to save."""
    for piece in pieces:
        qtbot.keyClicks(edit, piece)
        qtbot.wait(PAUSE_MS + 300)


def test_saves_while_typing_a_name_are_one_undo_step(org_editor, demo_context, demo_workspace,
                                                     qtbot):
    org_id, original = _first_org(demo_workspace)
    org_editor.show_record(org_id)
    edit = org_editor.name.edit
    edit.setFocus()
    edit.selectAll()
    steps = demo_context.undo_stack.count()
    _type_with_pauses(qtbot, edit, "Pilot ", "Community")
    assert _name(demo_workspace, org_id) == "Pilot Community"  # saved on pause
    qtbot.keyClicks(edit, " Council")
    qtbot.keyClick(edit, Qt.Key.Key_Tab)  # leaving saves the rest
    settle(qtbot)
    assert _name(demo_workspace, org_id) == "Pilot Community Council"
    assert demo_context.undo_stack.count() == steps + 1

    demo_context.undo_stack.undo()
    settle(qtbot)
    assert _name(demo_workspace, org_id) == original
    assert edit.text() == original
    demo_context.undo_stack.redo()
    settle(qtbot)
    assert _name(demo_workspace, org_id) == "Pilot Community Council"
    assert edit.text() == "Pilot Community Council"
    demo_context.undo_stack.undo()  # and back again: the step stays whole
    settle(qtbot)
    assert _name(demo_workspace, org_id) == original


def test_another_field_or_another_visit_starts_a_new_undo_step(org_editor, demo_context,
                                                               demo_workspace, qtbot):
    org_id, original = _first_org(demo_workspace)
    org_editor.show_record(org_id)
    name, region = org_editor.name.edit, org_editor.region.edit
    name.setFocus()
    name.selectAll()
    _type_with_pauses(qtbot, name, "First")
    region.setFocus()  # leaves the name
    region.selectAll()
    _type_with_pauses(qtbot, region, "Somewhere")
    name.setFocus()
    name.selectAll()
    _type_with_pauses(qtbot, name, "Second")
    region.setFocus()
    settle(qtbot)

    demo_context.undo_stack.undo()
    settle(qtbot)
    org = demo_workspace.get(Organization, org_id)
    assert (languages.value(org, "name", "en"), org.region) == ("First", "Somewhere")
    demo_context.undo_stack.undo()
    settle(qtbot)
    assert _name(demo_workspace, org_id) == "First"
    demo_context.undo_stack.undo()
    settle(qtbot)
    assert _name(demo_workspace, org_id) == original


def test_a_merged_step_changed_since_elsewhere_is_refused_whole(org_editor, demo_context,
                                                                demo_workspace, qtbot):
    org_id, original = _first_org(demo_workspace)
    org_editor.show_record(org_id)
    edit = org_editor.name.edit
    edit.setFocus()
    edit.selectAll()
    _type_with_pauses(qtbot, edit, "One", " Two")
    org_editor.region.setFocus()
    settle(qtbot)
    demo_workspace.update(Organization, org_id, **{"name.en": "Changed elsewhere"})
    with qtbot.waitSignal(demo_context.error) as error:
        demo_context.undo_stack.undo()
    assert "changed again" in error.args[0]
    # Nothing half-undone: the later change stays, and so does the journal.
    assert _name(demo_workspace, org_id) == "Changed elsewhere"


# -- relation tables ------------------------------------------------------------------
