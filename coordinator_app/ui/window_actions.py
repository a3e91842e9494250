"""The main window's menus, toolbar and keyboard shortcuts.

Every command is an action with a shortcut, so everything the mouse can do the
keyboard can too: Ctrl+1…6 pages, Ctrl+N new, Delete (in a list) or Ctrl+Delete,
Ctrl+Z / Ctrl+Shift+Z undo and redo (typing in a field first, see typing_undo),
Ctrl+K search, Ctrl+F filter.
"""

from __future__ import annotations

from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStyle, QToolBar

from coordinator_app.i18n import N_, _
from coordinator_app.ui.pages import kinds, new_label
from coordinator_app.ui.pages import pages as window_pages
from coordinator_app.ui.pages import title as page_title
from coordinator_app.ui.typing_undo import (
    TypingFirst,
    can_redo_typing,
    can_undo_typing,
    typing_field,
)

#: The name of a command in lists of keys, where its text changes (Undo "Add position").
COMMAND = "command"


@dataclass
class WindowActions:
    new: QAction
    delete: QAction
    undo: QAction
    redo: QAction
    search: QAction
    filter: QAction
    briefing: QAction
    import_: QAction
    export: QAction
    settings: QAction
    backup: QAction
    protect: QAction
    change_passphrase: QAction
    lock: QAction
    quit: QAction
    pages: list[QAction]
    navigation: QAction
    tag: QAction
    contact_sheet: QAction

    def encryption_changed(self, encrypted: bool) -> None:
        """Protect is offered for a plain database; change passphrase and lock for an
        encrypted one."""
        self.protect.setVisible(not encrypted)
        self.change_passphrase.setVisible(encrypted)
        self.lock.setVisible(encrypted)

    def page_changed(self, on_list: bool, kind: str | None = None) -> None:
        """New, Delete, Filter and Tag act on a list page; elsewhere they are greyed
        out. A contact sheet is printed of people or organisations."""
        from coordinator_app.ui.list_actions import CONTACT_SHEET_KINDS

        for action in (self.new, self.delete, self.filter, self.export, self.tag):
            action.setEnabled(on_list)
        self.contact_sheet.setEnabled(on_list and kind in CONTACT_SHEET_KINDS)


def _action(window: QMainWindow, text: str, slot, *shortcuts, icon=None,
            name: str = "") -> QAction:
    action = QAction(text, window)
    if icon is not None:
        action.setIcon(window.style().standardIcon(icon))
    if shortcuts:
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
    action.setObjectName(name)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def _review_duplicates(window: QMainWindow) -> None:
    # Imported when asked for: the duplicate finder reads through the models.
    from coordinator_app.ui.duplicate_review import review_duplicates

    review_duplicates(window)


def install(window) -> WindowActions:
    pixmap = QStyle.StandardPixmap
    context = window.context
    new = _action(window, _("&New"), window.new_record, QKeySequence.StandardKey.New,
                  icon=pixmap.SP_FileIcon, name="action_new")
    delete = _action(window, _("&Delete"), window.delete_current, "Ctrl+Delete",
                     icon=pixmap.SP_TrashIcon, name="action_delete")
    undo = context.undo_stack.createUndoAction(window, _("&Undo"))
    undo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
    undo.setIcon(window.style().standardIcon(pixmap.SP_ArrowBack))
    undo.setObjectName("action_undo")
    redo = context.undo_stack.createRedoAction(window, _("&Redo"))
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    redo.setIcon(window.style().standardIcon(pixmap.SP_ArrowForward))
    redo.setObjectName("action_redo")
    # Their text names the change ("Undo Add position"); lists of keys name the command.
    undo.setProperty(COMMAND, _("Undo the last change"))
    redo.setProperty(COMMAND, _("Redo the change undone"))
    window.typing_first = TypingFirst(undo.shortcuts(), redo.shortcuts(), window)
    undo_typing, redo_typing = _typing_actions(window, undo, redo)
    search = _action(window, _("&Search…"), window.open_search, "Ctrl+K",
                     icon=pixmap.SP_FileDialogContentsView, name="action_search")
    filter_ = _action(window, _("&Filter this list"), window.focus_filter,
                      QKeySequence.StandardKey.Find, name="action_filter")
    briefing = _action(window, _("&Briefing pack…"), window.open_briefing, "Ctrl+P",
                       icon=pixmap.SP_FileDialogDetailedView, name="action_briefing")
    import_ = _action(window, _("&Import…"), window.open_import, "Ctrl+I",
                      name="action_import")
    export = _action(window, _("&Export this list…"), window.export_list, "Ctrl+E",
                     name="action_export")
    settings = _action(window, _("Se&ttings…"), window.open_settings, "Ctrl+,",
                       name="action_settings")
    backup = _action(window, _("&Back up now"), window.back_up_now, "Ctrl+Shift+S",
                     icon=pixmap.SP_DialogSaveButton, name="action_backup")
    protect = _action(window, _("&Protect with a passphrase…"), window.protect_with_passphrase,
                      name="action_protect")
    change_passphrase = _action(window, _("Change &passphrase…"), window.change_passphrase,
                                name="action_change_passphrase")
    lock = _action(window, _("&Lock"), window.lock, "Ctrl+L", name="action_lock")
    tag = _action(window, _("&Tag the chosen records…"),
                  lambda: _on_list(window, lambda page: page.actions.tag_selection()),
                  "Ctrl+T", name="action_tag")
    contact_sheet = _action(window, _("Print a &contact sheet…"),
                            lambda: _on_list(window,
                                             lambda page: page.actions.print_contact_sheet()),
                            "Ctrl+Shift+P", name="action_contact_sheet")
    sync = _action(window, _("S&ync with other laptops…"), window.open_sync, "Ctrl+Shift+Y",
                   name="action_sync")
    write_changes = _action(window, _("&Write changes for…"),
                            lambda: window.open_sync().write_for(), name="action_write_changes")
    read_changes = _action(window, _("&Read changes from file…"),
                           lambda: window.open_sync().read_bundle(), name="action_read_changes")
    add_laptop = _action(window, _("&Add a laptop…"), lambda: window.open_sync().add_laptop(),
                         name="action_add_laptop")
    save_join_key = _action(window, _("&Save this laptop's join key…"),
                            lambda: window.open_sync().save_join_key(),
                            name="action_save_join_key")
    quit_ = _action(window, _("&Quit"), window.close, "Ctrl+Q", name="action_quit")
    quit_.setMenuRole(QAction.MenuRole.QuitRole)

    pages = []
    for number, name in enumerate(window_pages(), start=1):
        action = _action(window, _(page_title(name)),
                         lambda name=name: window.show_page(name), f"Ctrl+{number}",
                         name=f"action_page_{name}")
        pages.append(action)

    menu = window.menuBar()
    file_menu = menu.addMenu(_("&File"))
    file_menu.addAction(new)
    new_menu = file_menu.addMenu(_("New &record"))
    for kind in kinds():
        new_menu.addAction(_action(window, _(new_label(kind)),
                                   lambda kind=kind: window.new_record(kind),
                                   name=f"action_new_{kind}"))
    file_menu.addAction(delete)
    file_menu.addSeparator()
    file_menu.addAction(import_)
    file_menu.addAction(export)
    file_menu.addSeparator()
    file_menu.addAction(briefing)
    file_menu.addAction(contact_sheet)
    file_menu.addAction(backup)
    sync_menu = file_menu.addMenu(_("S&ync"))
    sync_menu.setObjectName("menu_sync")
    sync_menu.addAction(sync)
    sync_menu.addAction(write_changes)
    sync_menu.addAction(read_changes)
    sync_menu.addSeparator()
    sync_menu.addAction(add_laptop)
    sync_menu.addAction(save_join_key)
    file_menu.addSeparator()
    file_menu.addAction(protect)
    file_menu.addAction(change_passphrase)
    file_menu.addAction(lock)
    file_menu.addSeparator()
    file_menu.addAction(settings)
    file_menu.addSeparator()
    file_menu.addAction(quit_)

    edit_menu = menu.addMenu(_("&Edit"))
    edit_menu.addAction(undo_typing)
    edit_menu.addAction(redo_typing)
    edit_menu.addAction(undo)
    edit_menu.addAction(redo)
    edit_menu.aboutToShow.connect(lambda: _enable_typing(window, undo_typing, redo_typing))
    edit_menu.addSeparator()
    edit_menu.addAction(search)
    edit_menu.addAction(filter_)
    edit_menu.addAction(tag)
    edit_menu.addSeparator()
    edit_menu.addAction(_action(window, _("Find &duplicates…"), lambda: _review_duplicates(window),
                                name="action_duplicates"))

    go_menu = menu.addMenu(_("&Go"))
    for action in pages:
        go_menu.addAction(action)
    go_menu.addSeparator()
    # Triggered, not toggled: the window ticks it too as its width hides the list, and
    # only the person's own choice is kept.
    navigation = _action(window, _("&List of pages"),
                         lambda: window.show_navigation(navigation.isChecked()), "F9",
                         name="action_navigation")
    navigation.setCheckable(True)
    navigation.setChecked(not window.navigation.isHidden())
    go_menu.addAction(navigation)

    help_menu = menu.addMenu(_("&Help"))
    keys = _action(window, _("&Keyboard shortcuts"), lambda: show_shortcuts(window), "F1",
                   name="action_shortcuts")
    help_menu.addAction(keys)
    about = _action(window, _("&About Coordinator"), window.open_about, name="action_about")
    about.setMenuRole(QAction.MenuRole.AboutRole)
    help_menu.addAction(about)

    toolbar = QToolBar(_("Main toolbar"))
    toolbar.setObjectName("main_toolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar_undo, toolbar_redo = _toolbar_undo(window, undo, redo)
    for action in (new, delete, toolbar_undo, toolbar_redo, search, briefing):
        toolbar.addAction(action)
    window.addToolBar(toolbar)

    for action in (new, delete, search, filter_, briefing, import_, export, settings,
                   backup, tag, contact_sheet):
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if shortcut:
            action.setToolTip(f"{action.text().replace('&', '')} ({shortcut})")
    actions = WindowActions(new, delete, undo, redo, search, filter_, briefing, import_,
                            export, settings, backup, protect, change_passphrase, lock, quit_,
                            pages, navigation, tag, contact_sheet)
    actions.encryption_changed(window.encrypted)
    return actions


def _on_list(window, act) -> None:
    """Run `act(page)` on the list page shown, if one is."""
    page = window.current_list_page()
    if page is not None:
        act(page)


def _typing_actions(window, undo: QAction, redo: QAction) -> tuple[QAction, QAction]:
    """Edit menu entries for the typing in the field the cursor is in. Their keys are
    the journal's (see typing_undo), shown after a tab rather than set: two actions
    holding one key would leave Qt unable to choose and neither would run."""
    actions = []
    for text, keys, name, method in (
            (_("Undo typing in this field"), undo, "action_undo_typing", "undo"),
            (_("Redo typing in this field"), redo, "action_redo_typing", "redo")):
        shown = keys.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action = _action(window, f"{text}\t{shown}",
                         lambda method=method: _on_typing(window, method), name=name)
        action.setEnabled(False)
        actions.append(action)
    return actions[0], actions[1]


def _on_typing(window, method: str) -> None:
    field = typing_field(window)
    if field is not None:
        getattr(field, method)()
        field.setFocus()


def _enable_typing(window, undo_typing: QAction, redo_typing: QAction) -> None:
    field = typing_field(window)
    undo_typing.setEnabled(can_undo_typing(field))
    redo_typing.setEnabled(can_redo_typing(field))


def _toolbar_undo(window, undo: QAction, redo: QAction) -> tuple[QAction, QAction]:
    """Undo and Redo for the toolbar: always that short, so the buttons after them
    stay where they are; the change they take back is in their tooltip."""
    return (_Follower(_("Undo"), undo, "undo", window),
            _Follower(_("Redo"), redo, "redo", window))


class _Follower(QAction):
    """A short-named twin of a menu's Undo or Redo, following the undo stack."""

    def __init__(self, text: str, twin: QAction, which: str, window) -> None:
        super().__init__(twin.icon(), text, window)
        self.stack = window.context.undo_stack
        self.which = which
        self.keys = twin.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.setObjectName(f"toolbar_{which}")
        self.triggered.connect(lambda _checked=False: getattr(self.stack, which)())
        if which == "undo":
            signals = (self.stack.canUndoChanged, self.stack.undoTextChanged)
        else:
            signals = (self.stack.canRedoChanged, self.stack.redoTextChanged)
        for signal in signals:
            signal.connect(self.follow)
        self.follow()

    def follow(self, *_args) -> None:
        if not shiboken6.isValid(self.stack):
            return  # the stack is being taken down with its context; so is this
        undo = self.which == "undo"
        self.setEnabled(self.stack.canUndo() if undo else self.stack.canRedo())
        change = self.stack.undoText() if undo else self.stack.redoText()
        text = f"{self.text()} {change}" if change else self.text()
        self.setToolTip(f"{text} ({self.keys})")


#: Keys that belong to a place rather than to a menu command.
PLACE_KEYS = (
    (N_("Enter, in a list"), N_("Edit the selected record")),
    (N_("Delete, in a list"), N_("Delete the selected record (asks first)")),
    (N_("Escape"), N_("Back to the list")),
    (N_("Up, Down and Enter, in search"), N_("Choose a result and open it")),
    (N_("Tab"), N_("Next field; a field is saved when you leave it")),
    (N_("Ctrl+Z, in a field"), N_("Undo the typing in it; with none, undo the last change")),
)


def shortcut_rows(window) -> list[tuple[str, str]]:
    """(keys, what they do) for every command of the window that has a shortcut."""
    rows = []
    for action in window.findChildren(QAction):
        keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText)
                         for k in action.shortcuts())
        text = action.property(COMMAND) or action.text().replace("&", "")
        if keys and text and (keys, text) not in rows:
            rows.append((keys, text))
    rows.extend((_(keys), _(what)) for keys, what in PLACE_KEYS)
    return rows


def show_shortcuts(window) -> None:
    from html import escape

    from PySide6.QtWidgets import QMessageBox

    table = "".join(f"<tr><td><b>{escape(keys)}</b>&nbsp;&nbsp;</td><td>{escape(what)}</td></tr>"
                    for keys, what in shortcut_rows(window))
    box = QMessageBox(QMessageBox.Icon.NoIcon, _("Keyboard shortcuts"),
                      f"<table>{table}</table>", QMessageBox.StandardButton.Close, window)
    box.setObjectName("shortcuts")
    box.open()
