"""A list page's facet buttons and saved views, on the demo data in real widgets: ticks
narrow the rows and the count, with the text filter too; a saved view brings back
filter, facets, columns and order after the app is started again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from coordinator_app.core.records.models import Agreement
from coordinator_app.core.views.saved_views import from_text, to_text
from support.editors import settle
from support.windows import laptop_window


def _statuses(page) -> list[str]:
    column = [c.key for c in page.model.spec.columns].index("status")
    return [page.model.index(row, column).data() for row in range(page.model.rowCount())]


def _tick(qtbot, page, key: str, label: str) -> None:
    """Open the facet's menu and tick the option reading `label`, as a click does."""
    menu = page.facet_bar.buttons[key].menu()
    menu.aboutToShow.emit()
    action = next(a for a in menu.actions() if a.text() == label)
    action.trigger()
    settle(qtbot)


def test_ticking_statuses_narrows_the_list_and_its_count(qtbot, demo_workspace):
    window = laptop_window(qtbot, demo_workspace)
    window.show_page("agreement")
    page = window.list_pages["agreement"]
    settle(qtbot)
    every = page.model.total
    with demo_workspace.read() as session:
        active = session.scalar(select(Agreement.id).where(Agreement.status == "active")
                                .limit(1)) is not None
    assert active
    assert page.count_label.text() == f"{every} records"

    _tick(qtbot, page, "status", "Active")
    assert set(_statuses(page)) == {"Active"}
    narrowed = page.model.total
    assert 0 < narrowed < every
    assert page.count_label.text().endswith("match") and str(narrowed) in page.count_label.text()
    assert page.facet_bar.buttons["status"].text() == "Status: Active"
    assert page.facet_bar.buttons["status"].isChecked()
    assert page.facet_bar.clear_button.isVisibleTo(page)

    _tick(qtbot, page, "status", "Expired")
    assert set(_statuses(page)) == {"Active", "Expired"}
    assert page.facet_bar.buttons["status"].text() == "Status (2)"

    # With the text filter: both apply.
    page.filter.setText("partnership")
    page._filter_and_enter_list()
    settle(qtbot)
    assert 0 < page.model.total < narrowed
    assert set(_statuses(page)) <= {"Active", "Expired"}
    # "partnership" is found in the kind each row shows, whatever language its title is in.
    shown = {page.model.index(row, 0).data() for row in range(page.model.rowCount())}
    with demo_workspace.read() as session:
        kinds = {a.title: a.kind for a in session.scalars(select(Agreement))}
    assert {kinds[title] for title in shown} == {"partnership"}

    page.facet_bar.clear_button.click()
    settle(qtbot)
    assert page.facet_bar.chosen() == ()
    assert not page.facet_bar.clear_button.isVisibleTo(page)
    page.filter.clear()
    page._filter_and_enter_list()
    settle(qtbot)
    assert page.model.total == every


def test_a_facet_menu_stays_open_while_ticking(qtbot, demo_workspace):
    window = laptop_window(qtbot, demo_workspace)
    window.show_page("organization")
    page = window.list_pages["organization"]
    settle(qtbot)
    button = page.facet_bar.buttons["country"]
    menu = button.menu()
    menu.popup(button.mapToGlobal(button.rect().bottomLeft()))
    qtbot.waitUntil(menu.isVisible)
    labels = [a.text() for a in menu.actions() if a.isCheckable()]
    assert "Lithuania" in labels and "Ukraine" in labels
    first = next(a for a in menu.actions() if a.text() == "Lithuania")
    menu.setActiveAction(first)
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(first).center())
    settle(qtbot)
    assert menu.isVisible()
    assert page.facet_bar.chosen() == (("country", ("LT",)),)
    menu.close()


def test_a_saved_view_brings_back_filter_facets_columns_and_order(qtbot, demo_workspace):
    window = laptop_window(qtbot, demo_workspace)
    window.show_page("agreement")
    page = window.list_pages["agreement"]
    settle(qtbot)
    header = page.view.horizontalHeader()
    keys = [c.key for c in page.model.spec.columns]
    _tick(qtbot, page, "status", "Active")
    page.filter.setText("agreement")
    page._filter_and_enter_list()
    page.show_column(keys.index("kind"), False)
    header.moveSection(header.visualIndex(keys.index("expires_on")), 1)
    page.view.sortByColumn(keys.index("signed_on"), Qt.SortOrder.DescendingOrder)
    settle(qtbot)
    saved = page.views_button.save("Active agreements")
    assert saved.columns == ("title", "expires_on", "status", "signed_on")
    assert saved.sort == "signed_on" and saved.descending
    shown = [page.model.id_at(r) for r in range(page.model.rowCount())]
    window.close()

    # Started again: the list as it first opens, then the view chosen from the menu.
    again = laptop_window(qtbot, demo_workspace)
    again.show_page("agreement")
    page = again.list_pages["agreement"]
    settle(qtbot)
    page.facet_bar.clear()
    page.filter.clear()
    page.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    for number in range(len(keys)):
        page.show_column(number, True)
    settle(qtbot)
    menu = page.views_button.menu()
    menu.aboutToShow.emit()
    entry = next(a for a in menu.actions() if a.text() == "Active agreements")
    entry.trigger()
    settle(qtbot)
    header = page.view.horizontalHeader()
    assert page.filter.text() == "agreement"
    assert page.facet_bar.chosen() == (("status", ("active",)),)
    assert header.isSectionHidden(keys.index("kind"))
    assert header.visualIndex(keys.index("expires_on")) == 1
    assert page.model.query.order() == (keys.index("signed_on"), True)
    assert [page.model.id_at(r) for r in range(page.model.rowCount())] == shown


def test_saved_views_read_back_leave_out_what_the_list_no_longer_has():
    text = to_text([])
    assert from_text("agreement", text) == []
    views = from_text("agreement", '[{"name": " Old ", "facets": {"status": ["active"], '
                                   '"gone": ["x"]}, "columns": ["kind", "nothing", "kind"], '
                                   '"sort": "nothing"}, {"name": ""}, "junk", '
                                   '{"name": "old"}]')
    assert [v.name for v in views] == ["old"]  # the later of two with one name
    first = from_text("agreement", '[{"name": " Old ", "facets": {"status": ["active"], '
                                   '"gone": ["x"]}, "columns": ["kind", "nothing"], '
                                   '"sort": "nothing", "descending": true}]')[0]
    assert first.name == "Old"
    assert first.facets == (("status", ("active",)),)
    assert first.columns == ("title", "kind")  # the first column always
    assert first.sort is None
    assert from_text("agreement", "{not json") == []
