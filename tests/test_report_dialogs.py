"""Printing from the app: the summary and the briefing pack, made, previewed, printed, saved."""

from __future__ import annotations

import time
from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtPrintSupport import QPrinter
from sqlalchemy import select

from coordinator_app.core.sample.demo import MEMORANDUM_TITLE
from coordinator_app.core.records.models import Agreement
from coordinator_app.ui.pdf_preview import print_pages
from coordinator_app.ui.report_dialogs import (
    ID_ROLE,
    open_briefing_dialog,
    print_agreement_summary,
)
from coordinator_app.ui.report_window import ReportPreviewDialog, file_name

WAIT_MS = 30_000



@pytest.fixture
def memo_id(demo_workspace):
    with demo_workspace.read() as session:
        return session.scalar(select(Agreement.id).where(Agreement.title == MEMORANDUM_TITLE))


def shown(dialog) -> bool:
    return dialog.pages.currentIndex() == 1 and dialog.preview.document.pageCount() > 0


def test_summary_is_made_off_the_ui_thread_and_previewed(demo_context, memo_id, qtbot, tmp_path):
    dialog = print_agreement_summary(demo_context, memo_id, None)
    qtbot.addWidget(dialog)
    assert dialog.is_busy() or shown(dialog)  # generate() returned before the PDF existed
    qtbot.waitUntil(lambda: shown(dialog), timeout=WAIT_MS)
    assert dialog.last_error is None
    assert dialog.preview.print_button.isEnabled() and dialog.preview.save_button.isEnabled()
    dialog.grab().save(str(tmp_path / "summary.png"))

    saved = dialog.preview.save_to(tmp_path / "saved")
    assert saved.name == "saved.pdf"
    reader = PdfReader(saved)
    assert reader.metadata.title == MEMORANDUM_TITLE
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_changing_the_report_language_makes_it_again(demo_context, memo_id, qtbot, tmp_path):
    dialog = print_agreement_summary(demo_context, memo_id, None)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: shown(dialog), timeout=WAIT_MS)
    dialog.language.setCurrentIndex(dialog.language.findData("lt"))
    qtbot.waitUntil(lambda: shown(dialog) and dialog.runs == 2, timeout=WAIT_MS)
    saved = dialog.preview.save_to(tmp_path / "lt.pdf")
    assert PdfReader(saved).trailer["/Root"]["/Lang"] == "lt"
    assert "2026-02-11" in PdfReader(saved).pages[0].extract_text()  # Lithuanian dates


def test_briefing_dialog_makes_a_pack_for_the_chosen_organisation(demo_context, qtbot, tmp_path):
    chooser = open_briefing_dialog(demo_context, None)
    qtbot.addWidget(chooser)
    chooser.organizations.filter.setText("Plung")
    qtbot.waitUntil(lambda: chooser.organizations.list.count() == 1, timeout=5000)
    item = chooser.organizations.list.item(0)
    # Named in the interface language, as lists are; its original is the Lithuanian.
    assert item.text() == "Plungė District Municipality"
    plunge = item.data(ID_ROLE)
    item.setCheckState(Qt.CheckState.Checked)
    chooser.use_from.setChecked(True)
    chooser.date_from.setDate(QDate(2025, 1, 1))
    chooser.language.setCurrentIndex(chooser.language.findData("uk"))
    chooser.organizations.filter.clear()  # the ticked one stays ticked while others show
    qtbot.waitUntil(lambda: chooser.organizations.list.count() > 1, timeout=5000)
    assert chooser.organizations.ids() == [plunge]
    first = chooser.organizations.list.item(0)
    assert first.data(ID_ROLE) == plunge and first.checkState() == Qt.CheckState.Checked
    assert chooser.period() == (date(2025, 1, 1), None)

    seen = []
    chooser.make_button.click()
    preview = chooser.preview
    qtbot.addWidget(preview)
    preview.bar.valueChanged.connect(seen.append)
    qtbot.waitUntil(lambda: shown(preview), timeout=WAIT_MS)
    assert preview.last_error is None
    assert seen, "the progress bar moved while the pack was made"
    saved = preview.preview.save_to(tmp_path / "pack.pdf")
    reader = PdfReader(saved)
    # The organisation chosen by its official (Lithuanian) name, named in the pack's.
    assert "Плунгеське районне самоврядування" in reader.metadata.title
    assert reader.trailer["/Root"]["/Lang"] == "uk"
    preview.grab().save(str(tmp_path / "pack.png"))


def test_a_period_that_ends_before_it_starts_is_refused_in_the_dialog(demo_context, qtbot):
    chooser = open_briefing_dialog(demo_context, None)
    qtbot.addWidget(chooser)
    chooser.use_from.setChecked(True)
    chooser.use_to.setChecked(True)
    chooser.date_from.setDate(QDate(2026, 6, 1))
    chooser.date_to.setDate(QDate(2026, 1, 1))
    chooser.make_button.click()
    assert chooser.preview is None
    assert "ends before it starts" in chooser.error.text()


def test_a_report_that_cannot_be_made_says_why(demo_context, qtbot):
    def broken(lang, out, progress):
        from coordinator_app.reports import render_memorandum

        return render_memorandum(demo_context.workspace, "no-such-agreement", out, lang)

    dialog = ReportPreviewDialog("Broken", broken, "broken.pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.generate()
    qtbot.waitUntil(lambda: dialog.last_error is not None, timeout=WAIT_MS)
    assert "no agreement" in dialog.status.text().lower()
    assert not dialog.preview.save_button.isEnabled()


def test_printing_sends_every_page_to_the_printer(demo_context, memo_id, qtbot, tmp_path):
    dialog = print_agreement_summary(demo_context, memo_id, None)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: shown(dialog), timeout=WAIT_MS)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setResolution(100)
    pages = dialog.preview.document.pageCount()
    assert print_pages(dialog.preview.document, printer) == pages
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == pages


def test_suggested_file_names_are_safe():
    assert file_name("Меморандум: Харків / Plungė?") == "Меморандум Харків Plungė.pdf"


def test_stop_ends_a_report_in_progress(demo_context, qtbot):
    started = []

    def endless(lang, out, progress):
        n = 0
        while True:  # only the Stop button ends this one
            started.append(n)
            progress(n, n + 10)
            n += 1
            time.sleep(0.001)

    dialog = ReportPreviewDialog("Endless", endless, "endless.pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.generate()
    job = dialog.job
    qtbot.waitUntil(lambda: len(started) > 20 and dialog.bar.maximum() > 0, timeout=WAIT_MS)
    dialog.cancel_button.click()
    assert not job.isRunning()
    assert not dialog.isVisible()


def test_summary_of_a_deleted_agreement_says_so(demo_context, memo_id, qtbot, monkeypatch):
    warnings = []
    monkeypatch.setattr("coordinator_app.ui.report_dialogs.QMessageBox.warning",
                        lambda parent, title, text: warnings.append(text))
    demo_context.workspace.delete(Agreement, memo_id)
    assert print_agreement_summary(demo_context, memo_id, None) is None
    assert warnings and memo_id in warnings[0]
