"""A new record (Ctrl+N) starts at the top of a blank form, whatever was shown before."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from sqlalchemy import select

from coordinator_app.core.records.models import Agreement, Organization
from support.windows import active_window, open_in
from support.editors import settle


def the_memorandum(workspace) -> str:
    with workspace.read() as session:
        return session.scalar(select(Agreement.id).where(
            Agreement.title.like("Memorandum of Cooperation between%")))


def visible_in_scroll(widget, scroll) -> bool:
    top = widget.mapTo(scroll.widget(), QPoint(0, 0)).y() - scroll.verticalScrollBar().value()
    return 0 <= top and top + widget.height() <= scroll.viewport().height()


def test_ctrl_n_shows_the_new_form_from_its_title(qtbot, demo_workspace):
    window = active_window(qtbot, demo_workspace)
    editor = open_in(qtbot, window, "agreement", the_memorandum(demo_workspace))
    sources = editor.sources.cell(editor.sources.new_row(), 0)
    sources.setFocus()  # the last section, at the bottom of the form
    editor.scroll.ensureWidgetVisible(sources)
    settle(qtbot)
    assert editor.scroll.verticalScrollBar().value() > 0
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    assert editor.current_id() is None
    assert editor.title.edit.hasFocus()
    assert editor.scroll.verticalScrollBar().value() == 0
    assert visible_in_scroll(editor.title, editor.scroll)


def test_a_new_records_empty_tables_offer_no_more_rows(qtbot, demo_workspace):
    window = active_window(qtbot, demo_workspace)
    editor = open_in(qtbot, window, "agreement", the_memorandum(demo_workspace))
    editor.parties.limit = 1  # as if the memorandum had more parties than a table shows
    editor.parties.show_all()
    editor.parties.limit = 1
    with demo_workspace.read() as session:
        editor.parties.reload(session, editor.current_id(), keep_limit=True)
    assert editor.parties.more.isVisibleTo(editor)
    window.new_record()
    settle(qtbot)
    for table in (editor.parties, editor.signatories, editor.commitments):
        assert not table.more.isVisibleTo(editor), table.more.text()


def test_a_new_organisation_from_the_file_menu_starts_at_its_name(qtbot, demo_workspace):
    window = active_window(qtbot, demo_workspace)
    with demo_workspace.read() as session:
        org_id = session.scalar(select(Organization.id).order_by(Organization.name))
    editor = open_in(qtbot, window, "organization", org_id)
    editor.scroll.verticalScrollBar().setValue(editor.scroll.verticalScrollBar().maximum())
    window.findChild(type(window.actions.new), "action_new_organization").trigger()
    settle(qtbot)
    assert editor.name.edit.hasFocus()
    assert visible_in_scroll(editor.name, editor.scroll)
