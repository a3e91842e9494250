"""The finish of printing: a preview that fits the screen, a save that is seen to
happen under a whole-word name, a grant's summary called what it is, the pack
about the record in view, and no empty pages from an empty database."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtGui import QGuiApplication
from sqlalchemy import select

from coordinator_app.core.store.db import open_database
from coordinator_app.core.records import languages
from coordinator_app.core.records.models import Agreement, Organization
from coordinator_app.core.records.service import Workspace
from coordinator_app.reports import render_briefing, render_memorandum
from coordinator_app.ui.context import UiContext
from coordinator_app.ui.report_dialogs import open_briefing_dialog
from coordinator_app.ui.report_window import ReportPreviewDialog, file_name
from support.windows import active_window, open_in

WAIT_MS = 30_000


def text_of(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_the_preview_fits_the_screen(qtbot, tmp_path):
    room = QGuiApplication.primaryScreen().availableGeometry()
    dialog = ReportPreviewDialog("Report", lambda lang, out, progress: out, "report.pdf")
    qtbot.addWidget(dialog)
    assert dialog.width() <= room.width() and dialog.height() <= room.height()
    assert dialog.height() < 1000 or room.height() >= 1100


def test_a_long_title_makes_a_file_name_of_whole_words():
    title = ("Partnership agreement Plungė – Kharkiv on energy resilience, heating "
             "equipment for schools and hospitals, and a joint programme of training")
    name = file_name(title, "2026-11-30")
    assert name.endswith(".pdf") and len(name) <= 125
    stem = name.removesuffix(".pdf")
    assert (title + " – 2026-11-30").startswith(stem)
    assert (title + " ")[len(stem)] == " "  # the name ends where a word does


def test_saving_the_report_says_where_it_went(qtbot, demo_workspace, tmp_path):
    from coordinator_app.ui.report_dialogs import print_agreement_summary

    with demo_workspace.read() as session:
        agreement_id = session.scalars(select(Agreement.id)).first()
    dialog = print_agreement_summary(UiContext(demo_workspace), agreement_id, None)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.preview.document.pageCount() > 0, timeout=WAIT_MS)
    assert dialog.preview.saved.text() == ""
    saved = dialog.preview.save_to(tmp_path / "summary.pdf")
    assert dialog.preview.saved.text() == "Saved as summary.pdf"
    assert dialog.preview.saved.toolTip() == str(saved)


def test_a_grant_agreement_is_summarised_as_an_agreement(demo_workspace, tmp_path):
    with demo_workspace.read() as session:
        grant = session.scalars(select(Agreement.id).where(Agreement.kind == "grant")).first()
        memo = session.scalars(select(Agreement.id).where(
            Agreement.kind == "memorandum")).first()
    grant_text = text_of(render_memorandum(demo_workspace, grant, tmp_path / "g.pdf", "en"))
    memo_text = text_of(render_memorandum(demo_workspace, memo, tmp_path / "m.pdf", "en"))
    assert "Agreement summary" in grant_text and "Memorandum summary" not in grant_text
    assert "Memorandum summary" in memo_text


def test_the_briefing_pack_comes_about_the_record_in_view(qtbot, demo_workspace):
    window = active_window(qtbot, demo_workspace)
    with demo_workspace.read() as session:
        plunge = session.scalars(select(Organization).where(
            Organization.name.like("Plung%"))).first()
        # The chooser names it as the English window's lists do.
        org_id, name = plunge.id, languages.label_for_reader(plunge, "en")
    assert name == "Plungė District Municipality"
    open_in(qtbot, window, "organization", org_id)
    dialog = open_briefing_dialog(window.context, window, ("organization", org_id))
    qtbot.addWidget(dialog)
    assert dialog.organizations.ids() == [org_id]
    first = dialog.organizations.list.item(0)
    assert first.text() == name and first.checkState().name == "Checked"
    assert dialog.agreements.ids() == []
    dialog.close()
    window.actions.briefing.trigger()  # from the menu, on that same record
    from PySide6.QtWidgets import QApplication

    from coordinator_app.ui.report_dialogs import BriefingDialog

    qtbot.waitUntil(lambda: any(isinstance(w, BriefingDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()))
    opened = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, BriefingDialog) and w.isVisible())
    assert opened.organizations.ids() == [org_id]
    opened.close()


def test_an_empty_database_makes_a_one_page_pack_that_says_why(tmp_path):
    db = open_database(tmp_path / "empty.sqlite3")
    try:
        path = render_briefing(Workspace(db), tmp_path / "pack.pdf", "en")
    finally:
        db.close()
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    assert "Nothing falls within this pack" in reader.pages[0].extract_text()
