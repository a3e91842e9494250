"""Reaching a person from the list: copy a phone or address, open `mailto:`, `tel:`,
Signal and Telegram links in the program the computer has for them (and say so
when it has none), and print a contact sheet of the chosen people."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication

from coordinator_app.core.records.models import ContactPoint, Organization, Person
from coordinator_app.core.views.contact_links import link
from support.dialogs import when_a_dialog_opens
from support.editors import settle
from support.links import desktop_handlers, needs_xdg_mime
from support.pdf import flat, pages_text
from support.windows import laptop_window


def test_links_are_written_for_each_way_to_reach():
    assert link("email", "o.kovalchuk@kharkiv.example.org") == \
        "mailto:o.kovalchuk@kharkiv.example.org"
    assert link("phone", "+380 67 000-11-22") == "tel:+380670001122"
    assert link("signal", "+370 600 00 101") == "sgnl://signal.me/#p/+37060000101"
    assert link("telegram", "@olena_kov_demo") == "tg://resolve?domain=olena_kov_demo"
    assert link("telegram", "+380 67 000 1122") == "tg://resolve?phone=380670001122"
    assert link("whatsapp", "+370 622 00 333") == "whatsapp://send?phone=37062200333"
    assert link("phone", "ask the secretary") is None
    assert link("email", "not an address") is None


def _person_page(qtbot, workspace):
    with workspace.edit("people") as edit:
        olena = edit.create(Person, full_name="Олена Ковальчук", latin_name="Olena Kovalchuk")
        for kind, value in (("phone", "+380 67 000 1122"),
                            ("email", "o.kovalchuk@kharkiv.example.org"),
                            ("telegram", "@olena_kov_demo")):
            edit.create(ContactPoint, person_id=olena.id, kind=kind, value=value)
    window = laptop_window(qtbot, workspace)
    window.show_page("person")
    page = window.list_pages["person"]
    settle(qtbot)
    page.view.selectRow(0)
    return window, page


class _Receiver(QObject):
    """A program that opens links, as the desktop would start one."""

    def __init__(self):
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def handle(self, url: QUrl) -> None:
        self.opened.append(url.toString())


@needs_xdg_mime
def test_a_link_goes_to_the_program_the_computer_has_for_it(qtbot, workspace, tmp_path,
                                                           monkeypatch):
    window, page = _person_page(qtbot, workspace)
    receiver = _Receiver()
    desktop_handlers(monkeypatch, tmp_path, ["tel", "mailto"])
    for scheme in ("tel", "mailto"):
        QDesktopServices.setUrlHandler(scheme, receiver, "handle")
    try:
        menu = page.actions.menu()
        names = [a.objectName() for a in menu.actions()]
        assert {"contact_open_phone", "contact_open_email", "contact_open_telegram"} <= set(names)
        call = next(a for a in menu.actions() if a.objectName() == "contact_open_phone")
        assert call.text() == "Call +380 67 000 1122"
        call.trigger()
        next(a for a in menu.actions() if a.objectName() == "contact_open_email").trigger()
    finally:
        for scheme in ("tel", "mailto"):
            QDesktopServices.unsetUrlHandler(scheme)
    assert receiver.opened == ["tel:+380670001122", "mailto:o.kovalchuk@kharkiv.example.org"]


@needs_xdg_mime
def test_with_no_program_for_a_link_the_app_says_so_and_copies_it(qtbot, workspace, tmp_path,
                                                                  monkeypatch):
    window, page = _person_page(qtbot, workspace)
    desktop_handlers(monkeypatch, tmp_path, [])  # a computer with no Telegram
    QGuiApplication.clipboard().clear()
    seen = when_a_dialog_opens(lambda box: box.accept())
    menu = page.actions.menu()
    next(a for a in menu.actions() if a.objectName() == "contact_open_telegram").trigger()
    assert seen and seen[0].objectName() == "no_handler"
    assert "Telegram" in seen[0].text() and "@olena_kov_demo" in seen[0].text()
    assert QGuiApplication.clipboard().text() == "@olena_kov_demo"


def test_copy_puts_a_phone_or_an_address_on_the_clipboard(qtbot, workspace):
    with workspace.edit("org") as edit:
        edit.create(Organization, name="Plungės rajono savivaldybė",
                    address="Vytauto g. 12, Plungė")
    window = laptop_window(qtbot, workspace)
    window.show_page("organization")
    page = window.list_pages["organization"]
    settle(qtbot)
    page.view.selectRow(0)
    copy = page.actions.menu().findChild(type(page.actions.menu()), "contact_copy")
    address = next(a for a in copy.actions() if a.objectName() == "contact_copy_address")
    assert address.text() == "Address: Vytauto g. 12, Plungė"
    address.trigger()
    assert QGuiApplication.clipboard().text() == "Vytauto g. 12, Plungė"
    assert "Copied" in window.statusBar().currentMessage()


def test_a_contact_sheet_of_the_chosen_people_prints_their_letters(qtbot, demo_workspace):
    window = laptop_window(qtbot, demo_workspace)
    window.show_page("person")
    page = window.list_pages["person"]
    settle(qtbot)
    page.view.selectAll()
    chosen = page.selected_ids()
    dialog = page.actions.print_contact_sheet()
    qtbot.waitUntil(lambda: dialog.job is None and dialog.pages.currentIndex() == 1
                    or dialog.last_error is not None, timeout=60_000)
    assert dialog.last_error is None
    path = dialog.folder / "report-1.pdf"
    text = flat(" ".join(pages_text(path)))
    assert "Contact sheet" in text
    for name in ("Audrius Klišonis", "Ігор Терехов", "Ihor Terekhov", "Rūta Petrauskienė"):
        assert name in text
    assert "o.kovalchuk@kharkiv.example.org" in text and "@olena_kov_demo" in text
    assert f"{len(chosen)} people" in text
    dialog.close()


@pytest.mark.parametrize("lang", ["uk", "lt"])
def test_a_contact_sheet_reads_in_the_report_language(demo_workspace, tmp_path, lang):
    from coordinator_app.core.views import listing
    from coordinator_app.core.views.listing import ListQuery
    from coordinator_app.reports import render_contact_sheet

    with demo_workspace.read() as session:
        ids = listing.ids(session, ListQuery("organization"))
    path = render_contact_sheet(demo_workspace, "organization", ids[:3], tmp_path / "o.pdf",
                                lang)
    text = flat(" ".join(pages_text(path)))
    assert {"uk": "Контактний аркуш", "lt": "Kontaktų lapas"}[lang] in text
    assert "Contact sheet" not in text
