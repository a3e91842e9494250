"""Relation tables in the editors show their rows whole at laptop size: as tall as
the rows they loaded, columns within the width, following the font."""

from __future__ import annotations

from coordinator_app.core.records.models import Organization
from coordinator_app.ui.editors import editor_for
from support.editors import settle
from support.windows import laptop_window, open_in, record_id


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
    header = table.horizontalHeader()
    for row in shown:
        for column in range(table.columnCount()):
            cell = table.cellWidget(row, column)
            if cell is None:
                continue  # covered by a cell that spans it, or by a record's remove button
            # Each cell fits its columns: no widget spills over its neighbour.
            span = range(column, column + table.columnSpan(row, column))
            assert cell.width() <= sum(header.sectionSize(c) for c in span), (row, column)


def test_a_persons_positions_show_every_row_at_laptop_size(qtbot, demo_workspace):
    from coordinator_app.core.records.models import Person

    window = laptop_window(qtbot, demo_workspace)
    editor = open_in(qtbot, window, "person",
                     record_id(demo_workspace, Person, full_name="Ігор Терехов"))
    assert editor.affiliations.table.rowCount() >= 3  # two positions and the blank row
    assert_shows_every_row_whole(editor.affiliations)
    assert_shows_every_row_whole(editor.contacts)


def test_the_memorandums_commitments_fit_half_a_laptop_screen(qtbot, demo_workspace):
    from coordinator_app.core.records.models import Agreement

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
    from coordinator_app.core.records.models import Affiliation, Person
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
        qtbot, demo_workspace, demo_context):
    from coordinator_app.core.records.models import Agreement

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


def test_a_larger_font_makes_the_rows_taller_and_the_table_follows(qtbot, demo_workspace):
    from coordinator_app.core.records.models import Person

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
