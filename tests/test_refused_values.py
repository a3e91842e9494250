"""A value the rules refuse stays in its field, marked, with the reason as a sentence;
leaving the record asks first instead of dropping what was typed."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QPalette
from sqlalchemy import select

from coordinator_app.core.records.models import Agreement
from support.windows import active_window, open_in
from support.dialogs import answer
from support.editors import settle, type_into


def two_agreements(workspace) -> tuple[str, str]:
    with workspace.edit() as edit:
        first = edit.create(Agreement, title="Aaa memorandum", status="signed",
                            signed_on=date(2026, 2, 11))
        second = edit.create(Agreement, title="Bbb memorandum")
    return first.id, second.id




def select_row_of(qtbot, page, record_id: str) -> None:
    row = page.model.row_of(record_id)
    page.view.setCurrentIndex(page.model.index(row, 0))
    settle(qtbot)


def test_a_refused_date_is_marked_with_a_sentence(qtbot, demo_workspace):
    window = active_window(qtbot, demo_workspace)
    first, _second = two_agreements(demo_workspace)
    editor = open_in(qtbot, window, "agreement", first)
    normal = editor.expires_on.edit.palette().color(QPalette.ColorRole.Base)
    type_into(qtbot, editor.expires_on, "2025-01-01")
    message = editor.expires_on.error.text()
    assert message == "The agreement cannot expire before it is signed."
    assert editor.expires_on.edit.palette().color(QPalette.ColorRole.Base) != normal
    assert message in editor.expires_on.edit.accessibleDescription()
    type_into(qtbot, editor.expires_on, "2027-01-01")
    assert not editor.expires_on.error.isVisibleTo(editor)
    assert editor.expires_on.edit.palette().color(QPalette.ColorRole.Base) == normal
    assert demo_workspace.get(Agreement, first).expires_on == date(2027, 1, 1)


def test_leaving_a_refused_value_asks_and_can_stay(qtbot, demo_workspace):
    window = active_window(qtbot, demo_workspace)
    first, second = two_agreements(demo_workspace)
    editor = open_in(qtbot, window, "agreement", first)
    page = window.list_pages["agreement"]
    type_into(qtbot, editor.expires_on, "2025-01-01")
    asked = answer("Keep editing")
    select_row_of(qtbot, page, second)
    assert asked and "Expires on" in asked[0]
    assert editor.current_id() == first
    assert page.model.id_at(page.view.currentIndex().row()) == first
    assert editor.expires_on.edit.text() == "2025-01-01"
    assert editor.expires_on.error.isVisibleTo(editor)
    asked = answer("Discard")
    window.close()  # closing asks as well
    assert asked and not window.isVisible()


def test_leaving_a_refused_value_can_discard_it(qtbot, demo_workspace):
    window = active_window(qtbot, demo_workspace)
    first, second = two_agreements(demo_workspace)
    editor = open_in(qtbot, window, "agreement", first)
    page = window.list_pages["agreement"]
    type_into(qtbot, editor.expires_on, "2025-01-01")
    asked = answer("Discard")
    select_row_of(qtbot, page, second)
    assert asked
    assert editor.current_id() == second
    assert editor.expires_on.edit.text() == ""
    assert demo_workspace.get(Agreement, first).expires_on is None
    select_row_of(qtbot, page, first)  # nothing refused now: no question
    assert editor.current_id() == first


def test_a_new_record_asks_too(qtbot, demo_workspace):
    window = active_window(qtbot, demo_workspace)
    first, _second = two_agreements(demo_workspace)
    editor = open_in(qtbot, window, "agreement", first)
    type_into(qtbot, editor.expires_on, "2025-01-01")
    asked = answer("Keep editing")
    window.new_record()
    settle(qtbot)
    assert asked and editor.current_id() == first
    with demo_workspace.read() as session:
        assert session.scalar(select(Agreement.expires_on).where(Agreement.id == first)) is None
    answer("Discard")
    window.close()
