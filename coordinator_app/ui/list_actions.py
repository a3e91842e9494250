"""What a list does with the rows chosen in it: the right-click menu, the ways to reach
a person or organisation (copy, e-mail, call, Signal, Telegram), and the bulk
actions on a selection (tag, export, print, delete), each one change set, so one
undo takes it back whole.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox

from coordinator_app.core.records import vocab
from coordinator_app.core.records.change_labels import Label
from coordinator_app.core.errors import CoordinatorError, message_of
from coordinator_app.core.text.formatting import format_number
from coordinator_app.i18n import N_, _, ngettext
from coordinator_app.ui.link_handlers import open_link

if TYPE_CHECKING:
    # The ways to reach a record are read through the models: loaded when a menu asks.
    from coordinator_app.core.views.contact_links import ContactLine

#: What opening each kind of contact does, in a menu ("Call +380…").
OPEN_TEXT = {
    "phone": N_("Call {value}"),
    "email": N_("Write to {value}"),
    "signal": N_("Open {value} in Signal"),
    "telegram": N_("Open {value} in Telegram"),
    "whatsapp": N_("Open {value} in WhatsApp"),
    "viber": N_("Open {value} in Viber"),
    "website": N_("Open {value}"),
}
#: The program a link needs, named when the computer has none for it.
PROGRAM = {
    "phone": N_("a program for phone calls"),
    "email": N_("an e-mail program"),
    "signal": N_("Signal"),
    "telegram": N_("Telegram"),
    "whatsapp": N_("WhatsApp"),
    "viber": N_("Viber"),
    "website": N_("a web browser"),
}
#: Kinds whose selection prints as a contact sheet.
CONTACT_SHEET_KINDS = ("person", "organization")


def _kind_label(line: ContactLine) -> str:
    if line.kind == "address":
        return _("Address")
    if line.kind == "website":
        return _("Website")
    return _(vocab.CONTACT_KINDS.get(line.kind, vocab.CONTACT_KINDS["other"]))


class ListActions:
    """The actions of one list page on its chosen rows."""

    def __init__(self, page):
        self.page = page
        self.context = page.context
        self.kind = page.kind

    # -- the menu ----------------------------------------------------------------------

    def menu(self) -> QMenu:
        """The right-click menu for the rows chosen now."""
        page = self.page
        ids = page.selected_ids()
        menu = QMenu(page)
        menu.setObjectName("row_menu")
        count = len(ids)
        if count == 1:
            from coordinator_app.core.views.contact_links import reachable

            self._add(menu, _("Open in the editor"), page.focus_editor, "row_open")
            if reachable(self.kind):
                self._contact_entries(menu, ids[0])
            menu.addSeparator()
        many = format_number(count)
        self._add(menu, ngettext("Add a tag to {n} record…", "Add a tag to {n} records…",
                                 count).format(n=many), self.tag_selection, "row_tag")
        from coordinator_app.ui.export_actions import CHOICES

        if self.kind in CHOICES:
            self._add(menu, ngettext("Export {n} record…", "Export {n} records…",
                                     count).format(n=many), self.export_selection, "row_export")
        if self.kind in CONTACT_SHEET_KINDS:
            self._add(menu, ngettext("Print a contact sheet of {n} record…",
                                     "Print a contact sheet of {n} records…", count).format(
                                         n=many), self.print_contact_sheet, "row_print")
        menu.addSeparator()
        self._add(menu, ngettext("Delete {n} record…", "Delete {n} records…", count).format(
            n=many), self.delete_selection, "row_delete")
        return menu

    @staticmethod
    def _add(menu: QMenu, text: str, slot, name: str) -> QAction:
        action = menu.addAction(text)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _contact_entries(self, menu: QMenu, record_id: str) -> None:
        lines = self.contact_lines(record_id)
        if not lines:
            empty = menu.addAction(_("No phone, e-mail or address recorded"))
            empty.setEnabled(False)
            return
        menu.addSeparator()
        for line in lines:
            if line.url is not None and line.kind in OPEN_TEXT:
                self._add(menu, _(OPEN_TEXT[line.kind]).format(value=line.value),
                          lambda line=line: self.open_contact(line), f"contact_open_{line.kind}")
        copy = menu.addMenu(_("Copy"))
        copy.setObjectName("contact_copy")
        for line in lines:
            text = f"{_kind_label(line)}: {line.value}".replace("\n", ", ")
            self._add(copy, text, lambda line=line: self.copy(line.value),
                      f"contact_copy_{line.kind}")

    # -- reaching people ---------------------------------------------------------------

    def contact_lines(self, record_id: str) -> list[ContactLine]:
        from coordinator_app.core.views.contact_links import lines_of

        with self.context.workspace.read() as session:
            return lines_of(session, self.kind, [record_id])[record_id]

    def copy(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self.page.message.emit(_("Copied: {value}").format(value=text.replace("\n", ", ")))

    def open_contact(self, line: ContactLine) -> bool:
        """Open the line's link in its program; with none on this computer, say so and
        copy the value instead, so it can be pasted where it is needed."""
        if line.url is not None and open_link(line.url):
            return True
        QGuiApplication.clipboard().setText(line.value)
        box = QMessageBox(QMessageBox.Icon.Information, _("No program for this link"), _(
            "This computer has no {program} set up to open “{value}”. It is copied, so "
            "you can paste it where you need it.").format(
                program=_(PROGRAM.get(line.kind, N_("a program"))), value=line.value),
            QMessageBox.StandardButton.Ok, self.page)
        box.setObjectName("no_handler")
        box.exec()
        return False

    # -- bulk actions ------------------------------------------------------------------

    def tag_selection(self, name: str | None = None) -> int:
        """Put a tag on every chosen record (asked for when `name` is None); one undo
        takes it off them all. Returns how many records got it."""
        from coordinator_app.core.records.tags import add_tag

        ids = self.page.selected_ids()
        if not ids:
            return 0
        if name is None:
            name = self._ask_tag(len(ids))
            if not name:
                return 0
        try:
            added = self.context.apply(
                Label(N_("Tag {count} records “{tag}”"), count=str(len(ids)), tag=name),
                lambda edit: add_tag(edit, self.kind, ids, name))
        except CoordinatorError as exc:
            QMessageBox.warning(self.page, _("Add a tag"), message_of(exc))
            return 0
        self.page.message.emit(ngettext("Tag “{tag}” added to {n} record.",
                                        "Tag “{tag}” added to {n} records.", added).format(
                                            tag=name, n=format_number(added)))
        return added

    def _ask_tag(self, count: int) -> str:
        from coordinator_app.core.views.facets import options

        with self.context.workspace.read() as session:
            known = [option.label for option in options(session, self.kind, "tag")]
        name, ok = QInputDialog.getItem(
            self.page, _("Add a tag"),
            ngettext("Tag to add to the chosen record:", "Tag to add to the {n} chosen records:",
                     count).format(n=format_number(count)), known, 0, True)
        return name.strip() if ok else ""

    def delete_selection(self) -> bool:
        """Delete the chosen records, after one question, as one change set. A record
        something else still needs is said first, and then nothing is deleted."""
        ids = self.page.selected_ids()
        if not ids:
            return False
        if len(ids) == 1:
            return self.page.delete_current()
        if not self.page.editor.confirm_leave():
            return False
        from coordinator_app.core.records.registry import model
        from coordinator_app.core.records.removal import in_the_way
        from coordinator_app.ui.in_the_way import InTheWayDialog

        cls = model(self.kind)
        with self.context.workspace.read() as session:
            for record_id in ids:
                obj = session.get(cls, record_id)
                found = in_the_way(session, obj) if obj is not None else None
                if found is not None:
                    break
        if found is not None:
            InTheWayDialog(self.context, found, self.page).exec()
            return False
        count = format_number(len(ids))
        box = QMessageBox(QMessageBox.Icon.Question, _("Delete records"), ngettext(
            "Delete {n} record and what belongs to it? Undo (Ctrl+Z) brings it back.",
            "Delete {n} records and what belongs to them? Undo (Ctrl+Z) brings them all "
            "back.", len(ids)).format(n=count),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.page)
        box.setObjectName("delete_records")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return False
        row = min(self.page.selected_rows())

        def delete(edit) -> None:
            for record_id in ids:
                edit.delete(self.kind, record_id)

        try:
            self.context.apply(Label(N_("Delete {count} records"), count=str(len(ids))), delete,
                               reveal=(self.kind, ids[0]))
        except CoordinatorError as exc:
            QMessageBox.warning(self.page, _("Delete records"), message_of(exc))
            return False
        self.page.refresh(prefer_row=row)
        return True

    def export_selection(self) -> Path | None:
        from coordinator_app.ui.export_actions import export_list

        ids = self.page.selected_ids()
        made = export_list(self.page, self.context, self.kind, ids=ids) if ids else None
        if made is not None:
            self.page.message.emit(_("Written: {file}").format(file=made))
        return made

    def print_contact_sheet(self, ids: list[str] | None = None):
        """The contact sheet of the chosen records (or of `ids`), in its preview window."""
        from coordinator_app.ui.report_window import ReportPreviewDialog, file_name

        ids = list(ids if ids is not None else self.page.selected_ids())
        if not ids or self.kind not in CONTACT_SHEET_KINDS:
            return None
        workspace = self.context.workspace
        kind = self.kind

        def render(lang: str, out: Path, progress) -> Path:
            from coordinator_app.reports import render_contact_sheet

            return render_contact_sheet(workspace, kind, ids, out, lang, progress)

        title = _("Contact sheet")
        dialog = ReportPreviewDialog(title, render, file_name(title), parent=self.page)
        dialog.setObjectName("contact_sheet")
        dialog.show()
        dialog.generate()
        return dialog
