"""Lists that open from a narrow cell show their lines whole."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from coordinator_app.core.records.models import Agreement, Organization, Person
from coordinator_app.ui.context import UiContext
from coordinator_app.ui.editors import editor_for
from support.editors import settle


@pytest.fixture
def editor(workspace, qtbot):
    with workspace.edit() as edit:
        edit.create(Person, full_name="Mindaugas Žukauskas-Jankauskas")
        agreement = edit.create(Agreement, title="Memorandum of Cooperation")
        edit.create(Organization, name="Kharkiv City Council")
    editor = editor_for("agreement")(UiContext(workspace))
    qtbot.addWidget(editor)
    editor.resize(700, 900)  # half a laptop screen: narrow cells
    editor.show()
    qtbot.waitExposed(editor)
    editor.show_record(agreement.id)
    settle(qtbot)
    return editor


def test_a_pickers_matches_are_as_wide_as_their_text(editor, qtbot):
    owner = editor.commitments.cell(editor.commitments.new_row(), 2)
    owner.edit.setFocus()
    qtbot.keyClicks(owner.edit, "Zukausk")
    popup = owner.completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=3000)
    widest = max(popup.fontMetrics().horizontalAdvance(owner.model.item(row).text())
                 for row in range(owner.model.rowCount()))
    assert owner.edit.width() < widest  # the cell is narrower than the names…
    assert popup.viewport().width() >= widest  # …the list of them is not
    qtbot.keyClick(popup, Qt.Key.Key_Escape)


def test_a_choice_boxs_list_shows_its_choices_whole(editor, qtbot):
    from coordinator_app.core.records.models import AgreementParty

    with editor.context.workspace.edit() as edit:
        org = edit.create(Organization, name="Асоціація прифронтових міст та громад України")
        edit.create(AgreementParty, agreement_id=editor.current_id(), organization_id=org.id)
    editor.reload()
    settle(qtbot)
    party = editor.commitments.cell(editor.commitments.new_row(), 1)
    view = party.combo.view()
    widest = max(view.fontMetrics().horizontalAdvance(party.combo.itemText(i))
                 for i in range(party.combo.count()))
    assert party.combo.width() < widest
    assert view.minimumWidth() >= widest
