"""What the window remembers between runs (QSettings): its geometry, the page it was
on, each list's order and column widths, and the record open on each page.

The open record is written as soon as it changes, not only at exit: after a power
cut the app comes back to the record that was being edited.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray

from coordinator_app.ui.settings_store import app_settings


def _db_key(path: Path) -> str:
    # Records belong to one database file; another file starts without them.
    return str(Path(path).resolve())


def remember_record(db_path: Path, page: str, record_id: str | None) -> None:
    store = app_settings()
    store.beginGroup("window")
    store.setValue("database", _db_key(db_path))
    store.setValue("page", page)
    if record_id:
        store.setValue(f"record/{page}", record_id)
    store.endGroup()
    store.sync()


def save_layout(window) -> None:
    """Geometry, toolbars and, for each list, its splitter, header and order."""
    store = app_settings()
    store.beginGroup("window")
    store.setValue("geometry", window.saveGeometry())
    store.setValue("state", window.saveState())
    for kind, page in window.list_pages.items():
        store.setValue(f"splitter/{kind}", page.splitter.saveState())
        store.setValue(f"header/{kind}", page.view.horizontalHeader().saveState())
    store.endGroup()
    store.sync()


def _bytes(value) -> QByteArray | None:
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def restore_window(window) -> None:
    store = app_settings()
    store.beginGroup("window")
    if geometry := _bytes(store.value("geometry")):
        window.restoreGeometry(geometry)
    if state := _bytes(store.value("state")):
        window.restoreState(state)
    store.endGroup()


def restore_page(kind: str, page) -> None:
    """A list page's splitter, column widths and order, as the user left them."""
    store = app_settings()
    store.beginGroup("window")
    if splitter := _bytes(store.value(f"splitter/{kind}")):
        page.splitter.restoreState(splitter)
        page.splitter_restored = True
    if header := _bytes(store.value(f"header/{kind}")):
        view = page.view
        view.horizontalHeader().restoreState(header)
        page.columns_fitted = True
        page.widths_chosen = True
        # The saved sort indicator is the order to read the rows in.
        view.sortByColumn(view.horizontalHeader().sortIndicatorSection(),
                          view.horizontalHeader().sortIndicatorOrder())
    store.endGroup()


def last_position(db_path: Path) -> tuple[str | None, dict[str, str]]:
    """The page last shown and the record last open on each page, for this database."""
    store = app_settings()
    store.beginGroup("window")
    page = store.value("page")
    same_file = store.value("database") == _db_key(db_path)
    records: dict[str, str] = {}
    if same_file:
        store.beginGroup("record")
        for kind in store.childKeys():
            value = store.value(kind)
            if isinstance(value, str) and value:
                records[kind] = value
        store.endGroup()
    store.endGroup()
    return (page if isinstance(page, str) else None), records
