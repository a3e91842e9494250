"""A laptop's screen: at 1280×800 the editor shows what a commitment or a delivery
says whole, and the list the titles of its records; at 1024×600 neither side
scrolls sideways and every row's remove button is in view. In every language."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from coordinator_app import i18n
from coordinator_app.core.records.models import Agreement, AidDelivery, Person, Project
from coordinator_app.ui import language
from support.windows import active_window, open_in
from support.editors import settle

LANGUAGES = ("en", "uk", "lt")


@pytest.fixture
def speak(qapp):
    def choose(lang: str) -> None:
        i18n.set_language(lang)
        language.install_qt_translators(qapp, lang)

    yield choose
    choose("en")


def the_memorandum(workspace) -> str:
    with workspace.read() as session:
        return session.scalar(select(Agreement.id).where(
            Agreement.title.like("Memorandum of Cooperation between%")))


def terekhov(workspace) -> str:
    with workspace.read() as session:
        return session.scalar(select(Person.id).where(Person.full_name == "Ігор Терехов"))


def a_project_with_deliveries(workspace) -> str:
    with workspace.read() as session:
        return session.scalar(select(Project.id).join(
            AidDelivery, AidDelivery.project_id == Project.id).where(
            AidDelivery.from_id.is_not(None), AidDelivery.to_id.is_not(None)))


def reads_whole(edit) -> bool:
    """Whether a line edit is wide enough for its whole text."""
    margins = edit.textMargins().left() + edit.textMargins().right() + 8
    return edit.fontMetrics().horizontalAdvance(edit.text()) + margins <= edit.width()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_commitments_read_whole_at_1280_by_800(qtbot, demo_workspace, speak, lang):
    speak(lang)
    window = active_window(qtbot, demo_workspace, (1280, 800))
    editor = open_in(qtbot, window, "agreement", the_memorandum(demo_workspace))
    editor.scroll.ensureWidgetVisible(editor.commitments)
    settle(qtbot)
    table = editor.commitments
    rows = table.new_row()
    assert rows >= 5
    whole = [reads_whole(table.cell(row, 0).edit) for row in range(rows)]
    assert sum(whole) >= rows - 1, [table.cell(r, 0).edit.text() for r in range(rows)]
    for row in range(rows):
        owner = table.cell(row, 2).edit
        assert reads_whole(owner), owner.text()
    header = table.table.horizontalHeader()
    for position in range(table.shape.grid):
        text = table.table.horizontalHeaderItem(position).text()
        for line in text.split("\n"):
            assert header.fontMetrics().horizontalAdvance(line) < header.sectionSize(position), line
    assert editor.scroll.horizontalScrollBar().maximum() == 0


@pytest.mark.parametrize("lang", LANGUAGES)
def test_deliveries_say_where_from_and_to_at_1280_by_800(qtbot, demo_workspace, speak, lang):
    speak(lang)
    window = active_window(qtbot, demo_workspace, (1280, 800))
    editor = open_in(qtbot, window, "project", a_project_with_deliveries(demo_workspace))
    editor.scroll.ensureWidgetVisible(editor.deliveries)
    settle(qtbot)
    table = editor.deliveries
    assert table.new_row() >= 1
    char = table.fontMetrics().averageCharWidth()
    for row in range(table.new_row()):
        item = table.cell(row, 0).edit
        assert reads_whole(item), item.text()
        for column in (3, 4):  # where from and where to: most of a council's name
            assert table.cell(row, column).edit.width() >= 18 * char


def test_the_projects_list_shows_a_title_to_read_at_1280_by_800(qtbot, demo_workspace):
    window = active_window(qtbot, demo_workspace, (1280, 800))
    window.show_page("project")
    page = window.list_pages["project"]
    settle(qtbot)
    qtbot.wait(50)
    header = page.view.horizontalHeader()
    char = page.view.fontMetrics().averageCharWidth()
    assert header.sectionSize(0) >= 20 * char
    assert page.view.horizontalScrollBar().maximum() == 0


@pytest.mark.parametrize("lang", LANGUAGES)
def test_nothing_scrolls_sideways_at_1024_by_600(qtbot, demo_workspace, speak, lang):
    speak(lang)
    window = active_window(qtbot, demo_workspace, (1024, 600))
    assert window.navigation.isHidden()  # the list of pages steps aside (F9 brings it)
    for kind, record_id in (("agreement", the_memorandum(demo_workspace)),
                            ("project", a_project_with_deliveries(demo_workspace))):
        editor = open_in(qtbot, window, kind, record_id)
        page = window.list_pages[kind]
        qtbot.wait(50)
        assert page.view.horizontalScrollBar().maximum() == 0, kind
        assert editor.scroll.horizontalScrollBar().maximum() == 0, kind
        viewport = editor.scroll.viewport()
        for table in (getattr(editor, name) for name in ("commitments", "deliveries")
                      if hasattr(editor, name)):
            button = table.remove_button(0)
            right = button.mapTo(viewport, button.rect().topRight()).x()
            assert right <= viewport.width(), (kind, lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_persons_signed_agreements_show_every_line_at_1280_by_800(
        qtbot, demo_workspace, speak, lang):
    speak(lang)
    window = active_window(qtbot, demo_workspace, (1280, 800))
    editor = open_in(qtbot, window, "person", terekhov(demo_workspace))
    editor.scroll.ensureWidgetVisible(editor.signed)
    settle(qtbot)
    lines = editor.signed.list
    assert lines.count() >= 1
    # No sideways scroll bar eating the height of the last line: every line is in view.
    assert not lines.horizontalScrollBar().isVisible()
    for row in range(lines.count()):
        assert lines.visualItemRect(lines.item(row)).bottom() < lines.viewport().height()
        assert lines.item(row).toolTip() == lines.item(row).text()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_empty_date_shows_its_whole_hint_in_a_table_at_1280_by_800(
        qtbot, demo_workspace, speak, lang):
    speak(lang)
    window = active_window(qtbot, demo_workspace, (1280, 800))
    editor = open_in(qtbot, window, "person", terekhov(demo_workspace))
    settle(qtbot)
    table = editor.affiliations
    for column in (2, 3):  # From, To of the blank row
        edit = table.cell(table.new_row(), column).edit
        margins = edit.textMargins().left() + edit.textMargins().right() + 8
        hint = edit.placeholderText()
        assert edit.fontMetrics().horizontalAdvance(hint) + margins <= edit.width(), hint
