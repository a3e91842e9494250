"""Rows chosen several at a time in a list, and what the right-click menu does with
them: tag them, export them, delete them, each one step that one undo takes back."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QInputDialog

from coordinator_app.core.records.models import Organization, Person
from coordinator_app.core.records.tags import tag_names
from support.dialogs import answer, when_a_dialog_opens
from support.editors import settle
from support.windows import laptop_window


def _people_page(qtbot, workspace, names):
    with workspace.edit("people") as edit:
        for name in names:
            edit.create(Person, full_name=name)
    window = laptop_window(qtbot, workspace)
    window.show_page("person")
    page = window.list_pages["person"]
    settle(qtbot)
    return window, page


def _choose_rows(page, rows) -> None:
    page.view.setCurrentIndex(page.model.index(rows[0], 0))
    selection = page.view.selectionModel()
    for row in rows[1:]:
        selection.select(page.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)


def _menu_action(page, name: str):
    menu = page.actions.menu()
    found = menu.findChild(type(menu.actions()[0]), name)
    assert found is not None, [a.objectName() for a in menu.actions()]
    return found


NAMES = ["Audrius Klišonis", "Ona Jonaitienė", "Petro Shevchenko", "Ігор Терехов"]


def test_a_tag_given_to_chosen_rows_is_one_undo_step(qtbot, workspace):
    window, page = _people_page(qtbot, workspace, NAMES)
    _choose_rows(page, [0, 2, 3])
    assert len(page.selected_ids()) == 3
    chosen = page.selected_ids()

    def type_tag(dialog) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue("Kharkiv visit")
        dialog.accept()

    seen = when_a_dialog_opens(type_tag)
    _menu_action(page, "row_tag").trigger()
    assert not [s for s in seen if isinstance(s, str)], seen
    with workspace.read() as session:
        assert [tag_names(session, "person", i) for i in chosen] == [["Kharkiv visit"]] * 3
        untouched = page.model.id_at(1)
        assert tag_names(session, "person", untouched) == []
    assert "Kharkiv visit" in window.context.undo_stack.undoText()
    # The tag facet finds them now.
    menu = page.facet_bar.buttons["tag"].menu()
    menu.aboutToShow.emit()
    next(a for a in menu.actions() if a.text() == "Kharkiv visit").trigger()
    settle(qtbot)
    assert page.model.total == 3

    window.context.undo_stack.undo()
    with workspace.read() as session:
        assert [tag_names(session, "person", i) for i in chosen] == [[]] * 3


def test_deleting_chosen_rows_asks_once_and_one_undo_brings_them_all_back(qtbot, workspace):
    window, page = _people_page(qtbot, workspace, NAMES)
    _choose_rows(page, [1, 2])
    chosen = page.selected_ids()
    texts = answer("Yes")
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    settle(qtbot)
    assert texts and "Delete 2 records" in texts[0]
    assert page.model.total == 2
    assert not any(window.context.is_live("person", i) for i in chosen)

    window.context.undo_stack.undo()
    settle(qtbot)
    assert all(window.context.is_live("person", i) for i in chosen)
    assert page.model.total == 4


def test_deleting_chosen_rows_refused_when_one_is_still_needed(qtbot, workspace):
    from coordinator_app.core.records.models import Agreement, AgreementParty

    with workspace.edit("orgs") as edit:
        party = edit.create(Organization, name="Kharkiv City Council")
        edit.create(Organization, name="Plungė District")
        deal = edit.create(Agreement, title="Memorandum")
        edit.create(AgreementParty, agreement_id=deal.id, organization_id=party.id)
    window = laptop_window(qtbot, workspace)
    window.show_page("organization")
    page = window.list_pages["organization"]
    settle(qtbot)
    _choose_rows(page, [0, 1])
    seen = when_a_dialog_opens(lambda dialog: dialog.reject())
    assert not page.actions.delete_selection()
    assert seen and seen[0].objectName() == "in_the_way"
    assert page.model.total == 2


def test_exporting_chosen_rows_writes_only_them(qtbot, workspace, tmp_path, monkeypatch):
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QFileDialog

    window, page = _people_page(qtbot, workspace, NAMES)
    _choose_rows(page, [0, 3])
    target = tmp_path / "chosen.xlsx"
    # The platform's save dialog cannot be driven offscreen; its answer is given.
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: (str(target), "")))
    _menu_action(page, "row_export").trigger()
    sheet = load_workbook(target).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["Audrius Klišonis", "Ігор Терехов"]


def test_export_this_list_follows_the_facets_and_the_labels_it_shows(qtbot, demo_workspace,
                                                                     tmp_path, monkeypatch):
    """File → Export this list used the search index alone: a list filtered by
    "active" showed three agreements and exported none."""
    import csv

    from PySide6.QtWidgets import QFileDialog

    window = laptop_window(qtbot, demo_workspace)
    window.show_page("agreement")
    page = window.list_pages["agreement"]
    settle(qtbot)
    page.filter.setText("active")
    page._filter_and_enter_list()
    settle(qtbot)
    shown = [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    assert len(shown) == 3
    target = tmp_path / "active.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: (str(target), "")))
    window.actions.export.trigger()
    with open(target, encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))[1:]
    assert [row[0] for row in rows] == shown


def test_right_click_outside_the_selection_chooses_that_row(qtbot, workspace):
    window, page = _people_page(qtbot, workspace, NAMES)
    _choose_rows(page, [0, 1])
    rect = page.view.visualRect(page.model.index(3, 0))
    page._row_menu(rect.center())
    menus = [m for m in page.findChildren(type(page.actions.menu()))
             if m.objectName() == "row_menu" and m.isVisible()]
    assert page.selected_ids() == [page.model.id_at(3)]
    for menu in menus:
        menu.close()
