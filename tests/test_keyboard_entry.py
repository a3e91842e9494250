"""Entering records from the keyboard alone: Tab walks out of a table's cell into the
next one, saving what was typed, as it does between the fields of the form."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from coordinator_app.core.records.models import Agreement, AgreementParty, Commitment, Organization
from coordinator_app.ui.editors import editor_for
from support.editors import settle


@pytest.fixture
def agreement_editor(context, qtbot):
    editor = editor_for("agreement")(context)
    qtbot.addWidget(editor)
    editor.resize(1000, 900)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()  # keys go to the active window's focus
    qtbot.waitUntil(editor.isActiveWindow)
    return editor


def press_tab(qtbot, times: int = 1, *, back: bool = False) -> None:
    for _step in range(times):
        key = Qt.Key.Key_Backtab if back else Qt.Key.Key_Tab
        modifier = (Qt.KeyboardModifier.ShiftModifier if back
                    else Qt.KeyboardModifier.NoModifier)
        focused = QApplication.focusWidget()
        assert focused is not None, "nothing has the keyboard focus"
        qtbot.keyClick(focused, key, modifier)
        settle(qtbot)


def focused_in(widget) -> bool:
    focused = QApplication.focusWidget()
    return focused is not None and (focused is widget or widget.isAncestorOf(focused))


def an_agreement_with_a_commitment(workspace) -> tuple[str, str]:
    with workspace.edit() as edit:
        agreement = edit.create(Agreement, title="Memorandum of Cooperation")
        commitment = edit.create(Commitment, agreement_id=agreement.id,
                                 description="Exchange lists of needs",
                                 due_on=date(2026, 3, 1))
    return agreement.id, commitment.id


def test_tab_leaves_a_due_date_and_saves_it(agreement_editor, workspace, qtbot):
    agreement_id, commitment_id = an_agreement_with_a_commitment(workspace)
    agreement_editor.show_record(agreement_id)
    settle(qtbot)
    due = agreement_editor.commitments.cell(0, 3)
    due.edit.setFocus()
    due.edit.selectAll()
    qtbot.keyClicks(due.edit, "2026-10-01")
    press_tab(qtbot, 2)
    assert not focused_in(due)
    assert workspace.get(Commitment, commitment_id).due_on == date(2026, 10, 1)


def test_tab_twice_from_a_new_commitment_then_typing_goes_elsewhere(
        agreement_editor, workspace, qtbot):
    agreement_id, _commitment_id = an_agreement_with_a_commitment(workspace)
    agreement_editor.show_record(agreement_id)
    settle(qtbot)
    table = agreement_editor.commitments
    what = table.cell(table.new_row(), 0)
    what.edit.setFocus()
    qtbot.keyClicks(what.edit, "Share the heating plans")
    press_tab(qtbot, 2)
    qtbot.keyClicks(QApplication.focusWidget(), "x")
    settle(qtbot)
    with workspace.read() as session:
        descriptions = set(session.scalars(select(Commitment.description)))
    assert descriptions == {"Exchange lists of needs", "Share the heating plans"}


def test_shift_tab_walks_back_out_of_a_table(agreement_editor, workspace, qtbot):
    agreement_id, _commitment_id = an_agreement_with_a_commitment(workspace)
    agreement_editor.show_record(agreement_id)
    settle(qtbot)
    first = agreement_editor.commitments.cell(0, 0)
    first.edit.setFocus()
    press_tab(qtbot, back=True)
    assert not focused_in(agreement_editor.commitments)


def test_an_agreement_is_entered_from_the_keyboard_alone(agreement_editor, workspace, qtbot):
    with workspace.edit() as edit:
        edit.create(Organization, name="Kharkiv City Council", country="UA")
    agreement_editor.show_record(None)
    agreement_editor.title.edit.setFocus()
    qtbot.keyClicks(QApplication.focusWidget(), "Memorandum of Cooperation")
    parties = agreement_editor.parties
    for _step in range(40):  # Tab on until the first party's organisation
        press_tab(qtbot)
        if focused_in(parties.cell(0, 0)):
            break
    assert focused_in(parties.cell(0, 0))
    qtbot.keyClicks(QApplication.focusWidget(), "Kharkiv")
    picker = parties.cell(0, 0)
    qtbot.waitUntil(lambda: picker.completer.popup().isVisible(), timeout=3000)
    qtbot.keyClick(picker.completer.popup(), Qt.Key.Key_Return)
    settle(qtbot)
    # The offscreen platform may leave the closed list of matches as the focused
    # window, where a window manager gives the focus back to the editor's.
    agreement_editor.activateWindow()
    qtbot.waitUntil(agreement_editor.isActiveWindow)
    commitments = agreement_editor.commitments
    for _step in range(40):
        press_tab(qtbot)
        if focused_in(commitments.cell(0, 0)):
            break
    assert focused_in(commitments.cell(0, 0))
    qtbot.keyClicks(QApplication.focusWidget(), "Exchange lists of needs")
    press_tab(qtbot, 3)  # the party, the owner, then the due date
    assert focused_in(commitments.cell(0, 3))
    qtbot.keyClicks(QApplication.focusWidget(), "01.10.2026")
    press_tab(qtbot)
    settle(qtbot)
    with workspace.read() as session:
        agreement = session.scalars(select(Agreement)).one()
        [party] = session.scalars(select(AgreementParty)).all()
        [commitment] = session.scalars(select(Commitment)).all()
    assert agreement.title == "Memorandum of Cooperation"
    assert party.agreement_id == agreement.id
    assert (commitment.description, commitment.due_on) == ("Exchange lists of needs",
                                                           date(2026, 10, 1))
