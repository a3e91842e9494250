"""Every control of every editor has a name a screen reader can say: walked over all
kinds of record the registry declares with an editor, on a record of the demo (so that
tables have rows, with their →, ✕ and ▾ buttons) and on a blank form."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from coordinator_app.core.records import registry
from coordinator_app.core.records.tombstones import alive
from support.accessibility import unnamed_controls
from support.editors import open_editor, settle

EDITED = [spec.name for spec in registry.KINDS if spec.editor]


@pytest.mark.parametrize("kind", EDITED)
def test_every_control_of_the_editor_has_a_name(qtbot, demo_context, kind):
    editor = open_editor(kind, demo_context, qtbot)
    assert unnamed_controls(editor) == [], "blank form"
    model = registry.model(kind)
    with demo_context.workspace.read() as session:
        record_id = session.scalar(select(model.id).where(alive(model)).limit(1))
    editor.show_record(record_id)
    editor.history.toggle.setChecked(True)
    settle(qtbot)
    assert unnamed_controls(editor) == [], record_id


def test_the_dashboard_the_welcome_page_and_the_duplicate_review_name_their_controls(
        qtbot, workspace):
    from coordinator_app.ui.duplicate_review import review_duplicates
    from support.dialogs import when_a_dialog_opens
    from support.windows import active_window

    window = active_window(qtbot, workspace)
    assert window.stack.currentWidget() is window.welcome
    assert unnamed_controls(window.welcome) == []
    window.welcome.start_empty()
    settle(qtbot)
    assert unnamed_controls(window.dashboard) == []
    seen = when_a_dialog_opens(lambda dialog: (
        seen.append(unnamed_controls(dialog)), dialog.reject()))
    review_duplicates(window)
    assert seen[1:] == [[]]


def test_every_label_of_a_form_has_its_own_alt_letter_apart_from_the_menus(qtbot,
                                                                          workspace):
    from support.windows import active_window

    from coordinator_app.ui import mnemonics

    window = active_window(qtbot, workspace)
    window.welcome.start_empty()
    menus = mnemonics.taken_by(action.text() for action in window.menuBar().actions())
    for kind in ("organization", "agreement"):
        window.show_page(kind)
        editor = window.list_pages[kind].editor
        settle(qtbot)
        letters = [mnemonics.taken_by([label.text()]) for label in editor._labels]
        assert all(letters), [label.text() for label in editor._labels]
        flat = [letter for found in letters for letter in found]
        assert len(flat) == len(set(flat)) and not set(flat) & menus


def test_a_letter_is_marked_at_the_start_of_a_word_first():
    from coordinator_app.ui.mnemonics import marked

    taken = {"f"}
    assert marked("From", taken) == "F&rom"
    assert marked("Rock & Jazz", taken) == "Rock && &Jazz"  # r went to "From"
    assert marked("Назва", taken) == "&Назва"
    assert marked("rrr", {"r"}) == "rrr"


def test_a_flat_tool_button_with_the_focus_shows_a_ring(qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QLineEdit, QToolButton, QVBoxLayout, QWidget

    from coordinator_app.ui.focus_style import VisibleFocus

    window = QWidget()
    style = VisibleFocus("fusion")
    window.setStyle(style)
    layout = QVBoxLayout(window)
    other = QLineEdit()
    button = QToolButton()
    button.setText("→")
    button.setAutoRaise(True)
    button.setStyle(style)
    layout.addWidget(other)
    layout.addWidget(button)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    highlight = button.palette().color(QPalette.ColorRole.Highlight).rgb()

    def ring_pixels() -> int:
        image = button.grab().toImage()
        return sum(image.pixel(x, y) == highlight
                   for x in range(image.width()) for y in range(image.height()))

    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    assert ring_pixels() == 0
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(button.hasFocus)
    assert ring_pixels() > 20
