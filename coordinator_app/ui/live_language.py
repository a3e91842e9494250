"""Changing the interface language while the app runs.

Choosing another language in Settings used to wait for the next start. Now the
catalogue and Qt's own translators are switched at once; installing them sends
every window a LanguageChange event, and the main window answers it by making its
contents again in the new language: navigation, pages, menus, toolbar, status bar.
What the person sees is kept: the page and record open, each list's filter, order,
column widths and split, and the undo history (its steps renamed too). Whatever
was typed is saved first, as on any change of record.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QToolBar

from coordinator_app import i18n
from coordinator_app.core.records.change_labels import Label
from coordinator_app.ui import language, window_state


def switch_language(window, lang: str) -> bool:
    """Speak `lang` from now on (and at the next start). False, and nothing switched
    now, when the person keeps editing a value the services refused."""
    language.save_language(lang)
    page = window.current_list_page()
    if page is not None and not page.editor.confirm_leave():
        return False
    i18n.set_language(lang)
    # Sends LanguageChange to every window; the main window then rebuilds itself.
    language.install_qt_translators(QApplication.instance(), lang)
    later(window)  # English installs no translator, so no event may come
    return True


def later(window) -> None:
    """Make the window again once the current event is done, however many
    LanguageChange events arrive meanwhile."""
    if not getattr(window, "_rebuild_pending", False):
        window._rebuild_pending = True
        QTimer.singleShot(0, window, lambda: rebuild(window))


def rebuild(window) -> None:
    """Make the main window's contents again in the current language (see module)."""
    window._rebuild_pending = False
    if window.context is None or not window.isVisible():
        return  # still opening its database, or closed: nothing to show again
    name = window.current_page_name()
    welcome = window.stack.currentWidget() is window.welcome
    shown = {kind: (page.current_id(), page.filter.text())
             for kind, page in window.list_pages.items()}
    for page in window.list_pages.values():
        page.editor.flush()
    window_state.save_layout(window)
    state = window.saveState()
    for action in window.made_actions:
        action.deleteLater()
    for toolbar in window.findChildren(QToolBar):
        window.removeToolBar(toolbar)
        toolbar.deleteLater()
    if getattr(window, "typing_first", None) is not None:
        window.typing_first.deleteLater()
    search = getattr(window, "_search", None)
    if search is not None:
        search.deleteLater()
        window._search = None
    _rename_undo_steps(window.context.undo_stack)

    window._build()
    window.restoreState(state)
    if welcome:
        window._show_welcome()
        return
    for kind, (record_id, text) in shown.items():
        page = window.page(kind)
        if text:
            page.filter.setText(text)
            page.model.set_filter(text)
        if record_id is not None:
            page.restore_record(record_id)
    window.show_page(name)


def _rename_undo_steps(stack) -> None:
    for index in range(stack.count()):
        command = stack.command(index)
        label = getattr(command, "label", None)
        if isinstance(label, Label):
            command.label = label.again()
            command.setText(command.label)

