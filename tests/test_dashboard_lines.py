"""The dashboard as a coordinator reads it: meetings and milestones coming, what is late
in the palette's red (readable in a dark palette too), and each line opening its record
at the line it is about."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from support.dashboard import filled_before_open
from support.editors import settle
from support.windows import active_window


def _lines(section):
    tree = section.tree
    return [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]


def _contrast(a: QColor, b: QColor) -> float:
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return (0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF())
                + 0.0722 * channel(c.blueF()))
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#202124"),
                         (QPalette.ColorRole.Base, "#1b1b1d"),
                         (QPalette.ColorRole.AlternateBase, "#26262a"),
                         (QPalette.ColorRole.Text, "#e8eaed"),
                         (QPalette.ColorRole.WindowText, "#e8eaed")):
        palette.setColor(role, QColor(colour))
    return palette


def test_late_lines_are_red_and_readable_in_a_light_and_a_dark_palette(qtbot, demo_workspace):
    window = active_window(qtbot, demo_workspace)
    for palette in (QApplication.palette(), _dark_palette()):
        window.dashboard.setPalette(palette)
        window.dashboard.refresh()
        overdue = _lines(window.dashboard.overdue)
        assert overdue, "the demo has overdue commitments"
        for line in overdue:
            colour = line.foreground(0).color()
            base = window.dashboard.overdue.tree.palette().color(QPalette.ColorRole.Base)
            assert colour.red() > colour.green() and colour.red() > colour.blue()
            assert _contrast(colour, base) >= 4.5, (colour.name(), base.name())
            assert "overdue" in line.toolTip(0)
        # Coming meetings are not late: drawn in the list's own colours.
        meetings = _lines(window.dashboard.meetings)
        assert meetings and all(line.foreground(0).style().value == 0 for line in meetings)


def test_an_overdue_commitment_opens_its_agreement_at_the_commitment(qtbot, demo_workspace):
    window = active_window(qtbot, demo_workspace)
    line = _lines(window.dashboard.overdue)[0]
    kind, agreement_id, (item_kind, commitment_id) = line.data(0, 256)
    window.dashboard.overdue.tree.itemActivated.emit(line, 0)
    settle(qtbot)
    assert window.current_page_name() == "agreement"
    editor = window.list_pages["agreement"].editor
    assert editor.current_id() == agreement_id
    table = editor.commitments
    focused = QApplication.focusWidget()
    row = next(r for r, binder in enumerate(table.binders) if binder.record_id == commitment_id)
    assert any(cell is focused or cell.isAncestorOf(focused)
               for cell in table.binders[row].fields)
    assert item_kind == "commitment"


def test_a_milestone_opens_its_project_at_the_milestone(qtbot, demo_workspace):
    window = active_window(qtbot, demo_workspace)
    line = _lines(window.dashboard.milestones)[0]
    _kind, project_id, (_item, milestone_id) = line.data(0, 256)
    window.dashboard.milestones.tree.itemActivated.emit(line, 0)
    settle(qtbot)
    editor = window.list_pages["project"].editor
    assert window.current_page_name() == "project" and editor.current_id() == project_id
    focused = QApplication.focusWidget()
    table = next(w for w in editor._section_widgets
                 if getattr(w, "cls", None) is not None and w.cls.KIND == "milestone")
    row = next(r for r, b in enumerate(table.binders) if b.record_id == milestone_id)
    assert any(cell is focused or cell.isAncestorOf(focused) for cell in table.binders[row].fields)


def test_a_coming_meeting_opens_the_meeting(qtbot, demo_workspace):
    window = active_window(qtbot, demo_workspace)
    line = _lines(window.dashboard.meetings)[0]
    window.dashboard.meetings.tree.itemActivated.emit(line, 0)
    settle(qtbot)
    assert window.current_page_name() == "activity"
    assert window.list_pages["activity"].editor.heading.full_text == line.text(0)


def test_a_group_heading_of_projects_cannot_be_selected_whether_painted_first_or_refreshed(
        qtbot, demo_context):
    from PySide6.QtCore import Qt

    from coordinator_app.ui.dashboard import DashboardPage

    def headings(page):
        return [line for line in _lines(page.projects) if line.childCount()]

    # Filled before the database is open (the first window), then attached to it.
    page, _found = filled_before_open(qtbot, demo_context)
    page.attach(demo_context)
    page.refresh()  # and filled again over the context
    built_attached = DashboardPage(demo_context)
    qtbot.addWidget(built_attached)
    built_attached.refresh()
    for lines in (headings(page), headings(built_attached)):
        assert lines
        assert all(line.flags() == Qt.ItemFlag.ItemIsEnabled for line in lines)
