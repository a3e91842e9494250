"""A PDF shown inside the app (QtPdf), with Print… and Save as PDF….

Printing renders each page to an image at the printer's resolution (capped, so
a 1200 dpi office printer does not get 140-megapixel pages) and scales it onto
the printable area, keeping its proportions.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coordinator_app.core.errors import CoordinatorError
from coordinator_app.core.store.safe_write import copy_file, reason_text
from coordinator_app.i18n import _

#: Pages are rendered for printing at most this fine; text stays crisp well below it.
MAX_PRINT_DPI = 300
ZOOM_STEP = 1.25


def print_pages(document: QPdfDocument, printer: QPrinter) -> int:
    """Send the document's pages (the printer's page range, or all) to `printer`;
    returns how many pages were printed."""
    count = document.pageCount()
    first, last = printer.fromPage(), printer.toPage()
    if printer.printRange() == QPrinter.PrintRange.PageRange and first > 0:
        pages = range(first - 1, min(last, count))
    else:
        pages = range(count)
    painter = QPainter()
    if not painter.begin(printer):
        raise CoordinatorError(_("The printer could not be started. Check that it is "
                                 "connected and switched on, then try again."))
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    printed = 0
    try:
        for n, index in enumerate(pages):
            if n:
                printer.newPage()
            size = document.pagePointSize(index)
            pixels = QSize(round(size.width() * dpi / 72), round(size.height() * dpi / 72))
            image = document.render(index, pixels)
            area = QRectF(painter.viewport())
            scale = min(area.width() / pixels.width(), area.height() / pixels.height())
            target = QRectF(QPointF(0, 0), QSize(round(pixels.width() * scale),
                                                 round(pixels.height() * scale)).toSizeF())
            target.moveCenter(area.center())
            painter.drawImage(target, image)
            printed += 1
    finally:
        painter.end()
    return printed


class PdfPreview(QWidget):
    """The pages of one PDF file, zoomable, with Print… and Save as PDF… buttons."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.path: Path | None = None
        self.suggested_name = "report.pdf"
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        self.zoom_out = self._tool("−", _("Zoom out"), lambda: self._zoom(1 / ZOOM_STEP))
        self.zoom_in = self._tool("+", _("Zoom in"), lambda: self._zoom(ZOOM_STEP))
        self.fit = QPushButton(_("Fit width"), self)
        self.fit.clicked.connect(
            lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        self.pages = QLabel(self)
        #: Where the report was last saved: a save should be seen to have happened.
        self.saved = QLabel(self)
        self.saved.setObjectName("saved")
        self.saved.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.print_button = QPushButton(_("Print…"), self)
        self.print_button.clicked.connect(self.print_with_dialog)
        self.save_button = QPushButton(_("Save as PDF…"), self)
        self.save_button.clicked.connect(self.save_with_dialog)

        bar = QHBoxLayout()
        for widget in (self.zoom_out, self.zoom_in, self.fit, self.pages):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.saved)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self._enable(False)

    def _tool(self, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def _enable(self, on: bool) -> None:
        for widget in (self.zoom_out, self.zoom_in, self.fit, self.print_button,
                       self.save_button):
            widget.setEnabled(on)

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(4.0, self.view.zoomFactor() * factor)))

    def load(self, path: str | Path, suggested_name: str | None = None) -> None:
        self.document.close()
        self.saved.clear()  # that was another version of the report
        error = self.document.load(str(path))
        if error != QPdfDocument.Error.None_:
            self._enable(False)
            raise CoordinatorError(_("The report could not be shown ({error}).").format(
                error=error.name))
        self.path = Path(path)
        if suggested_name:
            self.suggested_name = suggested_name
        self.pages.setText(_("{count} pages").format(count=self.document.pageCount())
                           if self.document.pageCount() != 1 else _("1 page"))
        self._enable(True)

    def close_document(self) -> None:
        self.document.close()
        self.path = None
        self._enable(False)

    def save_to(self, target: str | Path) -> Path:
        if self.path is None:
            raise CoordinatorError(_("There is no report to save yet."))
        target = Path(target)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            written = copy_file(self.path, target)
        except OSError as exc:
            raise CoordinatorError(_("The report could not be saved to {path}: {reason}")
                                   .format(path=target, reason=reason_text(exc))) from exc
        self.saved.setText(_("Saved as {name}").format(name=written.name))
        self.saved.setToolTip(str(written))
        return written

    def save_with_dialog(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save as PDF"), str(Path.home() / self.suggested_name),
            _("PDF documents (*.pdf)"))
        if not name:
            return
        try:
            self.save_to(name)
        except CoordinatorError as exc:
            QMessageBox.warning(self, _("Save as PDF"), str(exc))

    def print_with_dialog(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.suggested_name.removesuffix(".pdf"))
        printer.setFromTo(1, max(self.document.pageCount(), 1))
        dialog = QPrintDialog(printer, self)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setMinMax(1, max(self.document.pageCount(), 1))
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        try:
            self.setCursor(Qt.CursorShape.WaitCursor)
            print_pages(self.document, printer)
        except CoordinatorError as exc:
            QMessageBox.warning(self, _("Print"), str(exc))
        finally:
            self.unsetCursor()
