"""The "Views" button of a list: saved views (core.saved_views) to go back to in one
click, "Save this view…" and "Delete a view", kept in the app's settings, one set
per kind of list (and shared by every database, as a column layout is)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox, QToolButton

from coordinator_app.core.views import saved_views
from coordinator_app.core.views.saved_views import SavedView
from coordinator_app.i18n import _
from coordinator_app.ui.settings_store import app_settings


def load_views(kind: str) -> list[SavedView]:
    return saved_views.from_text(kind, app_settings().value(f"views/{kind}"))


def store_views(kind: str, views: list[SavedView]) -> None:
    store = app_settings()
    store.setValue(f"views/{kind}", saved_views.to_text(views))
    store.sync()


def current_view(page, name: str) -> SavedView:
    """What `page` shows now, as a view called `name`."""
    header = page.view.horizontalHeader()
    columns = page.model.spec.columns
    shown = [columns[header.logicalIndex(visual)].key for visual in range(header.count())
             if not header.isSectionHidden(header.logicalIndex(visual))]
    column, descending = page.model.query.order()
    return SavedView(name, page.filter.text().strip(), page.facet_bar.chosen(),
                     tuple(shown), columns[column].key, descending)


def apply_view(page, view: SavedView) -> None:
    """Show the list of `page` as `view` says: its columns, order, facets and filter."""
    header = page.view.horizontalHeader()
    keys = [column.key for column in page.model.spec.columns]
    if view.columns:
        for number, key in enumerate(keys):
            page.show_column(number, key in view.columns)
        for visual, key in enumerate(view.columns):
            header.moveSection(header.visualIndex(keys.index(key)), visual)
    if view.sort in keys:
        order = (Qt.SortOrder.DescendingOrder if view.descending
                 else Qt.SortOrder.AscendingOrder)
        page.view.sortByColumn(keys.index(view.sort), order)
    page.facet_bar.set_chosen(view.facets, quiet=True)
    page.model.set_facets(page.facet_bar.chosen())
    page.set_filter_text(view.text)


class ViewsButton(QToolButton):
    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.setObjectName("views")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self)
        menu.setObjectName("views_menu")
        menu.aboutToShow.connect(self._fill)
        self.setMenu(menu)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(_("Views"))
        self.setToolTip(_("Saved views of this list: filter, facets, columns and order"))
        self.setAccessibleName(_("Saved views"))

    def _fill(self) -> None:
        menu = self.menu()
        menu.clear()
        views = load_views(self.page.kind)
        for view in views:
            action = menu.addAction(view.name)
            action.setObjectName("view")
            action.triggered.connect(lambda _checked=False, view=view: self.page.apply_view(view))
        if views:
            menu.addSeparator()
        save = menu.addAction(_("Save this view…"))
        save.setObjectName("view_save")
        save.triggered.connect(lambda _checked=False: self.ask_and_save())
        if views:
            remove = menu.addMenu(_("Delete a view"))
            remove.setObjectName("view_delete")
            for view in views:
                action = remove.addAction(view.name)
                action.triggered.connect(
                    lambda _checked=False, name=view.name: self.delete(name))

    def ask_and_save(self) -> SavedView | None:
        name, ok = QInputDialog.getText(self.page, _("Save this view"),
                                        _("Name of the view:"))
        name = name.strip()
        if not ok or not name:
            return None
        views = load_views(self.page.kind)
        if any(v.name.casefold() == name.casefold() for v in views):
            box = QMessageBox(QMessageBox.Icon.Question, _("Save this view"),
                              _("A view called “{name}” exists. Replace it?").format(name=name),
                              QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                              self.page)
            box.setObjectName("replace_view")
            if box.exec() != QMessageBox.StandardButton.Yes:
                return None
        return self.save(name)

    def save(self, name: str) -> SavedView:
        view = self.page.current_view(name)
        store_views(self.page.kind, saved_views.replaced(load_views(self.page.kind), view))
        self.page.message.emit(_("View “{name}” saved.").format(name=view.name))
        return view

    def delete(self, name: str) -> None:
        views = [v for v in load_views(self.page.kind) if v.name != name]
        store_views(self.page.kind, views)
