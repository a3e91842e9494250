"""The finish of the editors: undo steps the size of what the user did, relation
tables that show their rows whole, and a list page that opens on a record."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from coordinator_app.core.models import Organization
from coordinator_app.ui.context import UiContext
from coordinator_app.ui.editors import editor_for
from coordinator_app.ui.widgets.fields import PAUSE_MS
from support.editors import settle



def org_named(workspace, name: str) -> str:
    with workspace.read() as session:
        return session.scalar(select(Organization.id).where(Organization.name == name))


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
        row = session.execute(select(Organization.id, Organization.name)
                              .where(Organization.deleted_at.is_(None))
                              .order_by(Organization.name)).first()
    return row.id, row.name


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
    assert demo_workspace.get(Organization, org_id).name == "Pilot Community"  # saved on pause
    qtbot.keyClicks(edit, " Council")
    qtbot.keyClick(edit, Qt.Key.Key_Tab)  # leaving saves the rest
    settle(qtbot)
    assert demo_workspace.get(Organization, org_id).name == "Pilot Community Council"
    assert demo_context.undo_stack.count() == steps + 1

    demo_context.undo_stack.undo()
    settle(qtbot)
    assert demo_workspace.get(Organization, org_id).name == original
    assert edit.text() == original
    demo_context.undo_stack.redo()
    settle(qtbot)
    assert demo_workspace.get(Organization, org_id).name == "Pilot Community Council"
    assert edit.text() == "Pilot Community Council"
    demo_context.undo_stack.undo()  # and back again: the step stays whole
    settle(qtbot)
    assert demo_workspace.get(Organization, org_id).name == original


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
    assert (org.name, org.region) == ("First", "Somewhere")
    demo_context.undo_stack.undo()
    settle(qtbot)
    assert demo_workspace.get(Organization, org_id).name == "First"
    demo_context.undo_stack.undo()
    settle(qtbot)
    assert demo_workspace.get(Organization, org_id).name == original


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
    demo_workspace.update(Organization, org_id, name="Changed elsewhere")
    with qtbot.waitSignal(demo_context.error) as error:
        demo_context.undo_stack.undo()
    assert "changed again" in error.args[0]
    # Nothing half-undone: the later change stays, and so does the journal.
    assert demo_workspace.get(Organization, org_id).name == "Changed elsewhere"


# -- relation tables ------------------------------------------------------------------

def laptop_window(qtbot, workspace):
    """The main window at 1366×768, where the editor has about half the width."""
    from coordinator_app.ui.main_window import MainWindow

    window = MainWindow(UiContext(workspace))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def open_in(qtbot, window, kind: str, record_id: str):
    window.show_page(kind)
    page = window.list_pages[kind]
    page.open_record(record_id)
    settle(qtbot)
    qtbot.wait(50)
    return page.editor


def record_id(workspace, cls, **where) -> str:
    with workspace.read() as session:
        query = select(cls.id)
        for name, value in where.items():
            column = getattr(cls, name)
            query = query.where(column.like(value) if "%" in value else column == value)
        return session.scalar(query)


def assert_shows_every_row_whole(relation) -> None:
    table = relation.table
    shown = [row for row in range(table.rowCount()) if not table.isRowHidden(row)]
    assert shown, "the table shows no rows"
    rows_height = sum(table.rowHeight(row) for row in shown)
    assert table.viewport().height() >= rows_height  # nothing cut off at the bottom
    assert table.verticalScrollBar().maximum() == 0  # the form scrolls, not the table
    columns_width = sum(table.horizontalHeader().sectionSize(c)
                        for c in range(table.columnCount()))
    assert columns_width <= table.viewport().width()  # and never sideways
    assert table.horizontalScrollBar().maximum() == 0
    for row in shown:
        for column in range(table.columnCount()):
            cell = table.cellWidget(row, column)
            # Each cell fits its column: no widget spills over its neighbour.
            assert cell.width() <= table.horizontalHeader().sectionSize(column), (row, column)


def test_a_persons_positions_show_every_row_at_laptop_size(qtbot, demo_workspace):
    from coordinator_app.core.models import Person

    window = laptop_window(qtbot, demo_workspace)
    editor = open_in(qtbot, window, "person",
                     record_id(demo_workspace, Person, full_name="Ігор Терехов"))
    assert editor.affiliations.table.rowCount() >= 3  # two positions and the blank row
    assert_shows_every_row_whole(editor.affiliations)
    assert_shows_every_row_whole(editor.contacts)


def test_the_memorandums_commitments_fit_half_a_laptop_screen(qtbot, demo_workspace):
    from coordinator_app.core.models import Agreement

    window = laptop_window(qtbot, demo_workspace)
    editor = open_in(qtbot, window, "agreement", record_id(
        demo_workspace, Agreement, title="Memorandum of Cooperation between%"))
    assert 540 <= editor.width() <= 700
    editor.scroll.ensureWidgetVisible(editor.commitments)
    settle(qtbot)
    for relation in (editor.parties, editor.signatories, editor.commitments, editor.projects,
                     editor.sources):
        assert_shows_every_row_whole(relation)
    assert editor.commitments.table.rowCount() >= 7
    assert editor.scroll.horizontalScrollBar().maximum() == 0
    # What is cut short in a narrow cell reads whole on hover.
    description = editor.commitments.cell(0, 0).edit
    assert description.toolTip() == description.text() != ""
    party = editor.commitments.cell(0, 1).combo
    assert party.toolTip() == party.currentText() != ""


def test_a_table_is_as_tall_as_the_rows_it_loaded(qtbot, demo_workspace):
    from coordinator_app.core.models import Affiliation, Person
    from coordinator_app.ui.widgets.relations import FIRST_ROWS

    person = record_id(demo_workspace, Person, full_name="Ігор Терехов")
    organisation = record_id(demo_workspace, Organization, name="%")
    with demo_workspace.edit("positions") as edit:
        for number in range(FIRST_ROWS + 5):
            edit.create(Affiliation, person_id=person, organization_id=organisation,
                        position=f"Adviser {number}")
    window = laptop_window(qtbot, demo_workspace)
    editor = open_in(qtbot, window, "person", person)
    table = editor.affiliations
    shown = [r for r in range(table.table.rowCount()) if not table.table.isRowHidden(r)]
    assert len(shown) == FIRST_ROWS + 1  # the first rows and the blank one
    assert table.more.isVisible()
    assert_shows_every_row_whole(table)
    table.more.click()
    settle(qtbot)
    shown = [r for r in range(table.table.rowCount()) if not table.table.isRowHidden(r)]
    assert len(shown) == FIRST_ROWS + 5 + 2 + 1
    assert_shows_every_row_whole(table)
    assert editor.scroll.verticalScrollBar().maximum() > 0  # the form scrolls instead


def test_a_narrower_editor_scrolls_sideways_itself_rather_than_squeeze_cells(
        qtbot, demo_workspace):
    from coordinator_app.core.models import Agreement

    demo_context = UiContext(demo_workspace)
    editor = editor_for("agreement")(demo_context)
    qtbot.addWidget(editor)
    editor.resize(320, 700)
    editor.show()
    editor.show_record(record_id(demo_workspace, Agreement,
                                 title="Memorandum of Cooperation between%"))
    settle(qtbot)
    qtbot.wait(50)
    assert editor.scroll.horizontalScrollBar().maximum() > 0
    assert_shows_every_row_whole(editor.commitments)


# -- a list page opens on a record ----------------------------------------------------

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
    page.context.data_changed.emit("organization")
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


def test_a_larger_font_makes_the_rows_taller_and_the_table_follows(qtbot, demo_workspace):
    from coordinator_app.core.models import Person

    window = laptop_window(qtbot, demo_workspace)
    editor = open_in(qtbot, window, "person",
                     record_id(demo_workspace, Person, full_name="Ігор Терехов"))
    before = editor.affiliations.table.height()
    font = editor.font()
    font.setPointSizeF(font.pointSizeF() * 1.6)
    editor.setFont(font)
    settle(qtbot)
    qtbot.wait(50)
    assert editor.affiliations.table.height() > before
    assert_shows_every_row_whole(editor.affiliations)
