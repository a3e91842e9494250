"""A list page opens on its first record; New keeps the blank form until a row is
chosen; an empty list shows the blank form."""

from __future__ import annotations

from coordinator_app.core.records.models import Organization
from coordinator_app.ui.context import Changes
from support.editors import settle
from support.windows import laptop_window, org_named


def test_a_list_page_opens_on_its_first_record_and_new_keeps_the_blank_form(
        qtbot, demo_workspace):
    window = laptop_window(qtbot, demo_workspace)
    window.show_page("agreement")
    page = window.list_pages["agreement"]
    settle(qtbot)
    first = page.model.id_at(0)
    assert page.editor.current_id() == first
    assert page.view.currentIndex().row() == 0
    assert page.editor.heading.full_text != "New agreement"

    page.new_record()
    assert page.editor.current_id() is None
    # Data changing elsewhere does not take the blank form away from the user.
    demo_workspace.update(Organization, org_named(demo_workspace, "Lietuvos savivaldybių "
                                                  "asociacija"), region="Vilnius")
    page.context.data_changed.emit(Changes(frozenset({"organization"})))
    settle(qtbot)
    qtbot.wait(20)
    assert page.editor.current_id() is None
    window.show_page("person")
    window.show_page("agreement")
    assert page.editor.current_id() is None

    page.view.setCurrentIndex(page.model.index(2, 0))  # choosing a row ends it
    assert page.editor.current_id() == page.model.id_at(2)


def test_an_empty_list_shows_the_blank_form(qtbot, workspace):
    workspace.create(Organization, name="Plungės rajono savivaldybė")
    window = laptop_window(qtbot, workspace)
    window.show_page("organization")
    settle(qtbot)
    assert window.list_pages["organization"].editor.current_id() is not None
    window.show_page("activity")
    settle(qtbot)
    page = window.list_pages["activity"]
    assert page.model.rowCount() == 0
    assert page.editor.current_id() is None
