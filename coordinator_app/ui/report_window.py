"""The window a report opens in: made on a worker thread with progress, then shown.

The report language can be changed in the window; the report is then made
again. Closing the window, or Stop, drops a report still being made.
"""

from __future__ import annotations

import logging
import re
import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QThread, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coordinator_app.core.store import private_temp
from coordinator_app.core.errors import CoordinatorError
from coordinator_app.i18n import LANGUAGE_NAMES, LANGUAGES, _, current_language
from coordinator_app.ui.pdf_preview import PdfPreview

log = logging.getLogger(__name__)

#: make(lang, out_path, progress) writes the report and returns its path.
Maker = Callable[[str, Path, Callable[[int, int], None]], Path]
#: Report windows without a parent window, kept alive until they close.
_OPEN: set[QDialog] = set()


class Cancelled(Exception):
    """Raised inside the worker from the progress callback to stop a report early."""


class ReportJob(QThread):
    """Makes one report off the UI thread.

    The job emits no Python signals: with PySide6 6.12 on CPython 3.11 every
    `Signal.emit()` from Python drops a reference to `True`, and a pack reports
    progress thousands of times, which ends in a crash. The dialog reads `done`
    and `total` on a timer instead, and learns of the end from QThread's own
    (C++) `finished` signal, then reads `path` or `error`.
    """

    def __init__(self, make: Maker, lang: str, out: Path, parent=None):
        super().__init__(parent)
        self.make = make
        self.lang = lang
        self.out = out
        self.done = 0
        self.total = 0
        self.path: str | None = None
        self.error: str | None = None
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True

    def _progress(self, done: int, total: int) -> None:
        if self.cancelled:
            raise Cancelled
        self.done, self.total = done, total

    def run(self) -> None:
        try:
            self.path = str(self.make(self.lang, self.out, self._progress))
        except Cancelled:
            return
        except CoordinatorError as exc:
            self.error = str(exc)
        except Exception as exc:  # noqa: BLE001 - a thread's error must reach the person
            log.exception("report failed")
            self.error = _("Unexpected error: {message}. The details are in the log.").format(
                message=exc)


#: Characters of a suggested file name before ".pdf"; longer titles end at a word.
NAME_CHARS = 120


def file_name(*parts: str) -> str:
    """A file name a person would choose: the words of the title, nothing a system
    forbids, and never a word cut in half ("…Kharkiv on energy resil.pdf")."""
    text = " – ".join(p for p in parts if p)
    text = " ".join(re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", text).split())
    if len(text) > NAME_CHARS:
        cut = text[:NAME_CHARS + 1].rsplit(" ", 1)[0]
        text = cut if len(cut) > NAME_CHARS // 2 else text[:NAME_CHARS]
    return text.strip(" .–,;") + ".pdf"


def _fitting(parent: QWidget | None, width: int, height: int) -> QSize:
    """`width` × `height`, or less where the screen is smaller (a 1366×768 laptop had
    the preview's buttons below its edge)."""
    screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
    room = screen.availableGeometry()
    return QSize(min(width, room.width() * 9 // 10), min(height, room.height() * 9 // 10))


class ReportPreviewDialog(QDialog):
    """Progress while the report is made, then the report itself; the language can change."""

    def __init__(self, title: str, make: Maker, suggested_name: str,
                 lang: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(_fitting(parent, 900, 1000))
        self.make = make
        self.suggested_name = suggested_name
        # Previews hold records: in the session's private folder (core.store.private_temp).
        self.folder = private_temp.new_folder("report")
        self.job: ReportJob | None = None
        self.runs = 0
        self.last_error: str | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(100)
        self._poll.timeout.connect(self._show_progress)
        if parent is None:
            _OPEN.add(self)
            self.finished.connect(lambda _result: _OPEN.discard(self))

        self.language = QComboBox(self)
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(LANGUAGES.index(lang or current_language()))
        self.language.currentIndexChanged.connect(lambda _i: self.generate())
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Report language:"), self))
        top.addWidget(self.language)
        top.addStretch(1)

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.bar = QProgressBar(self)
        self.cancel_button = QPushButton(_("Stop"), self)
        self.cancel_button.clicked.connect(self.stop)
        waiting = QWidget(self)
        column = QVBoxLayout(waiting)
        column.addStretch(1)
        column.addWidget(self.status)
        column.addWidget(self.bar)
        column.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignCenter)
        column.addStretch(2)
        self.preview = PdfPreview(self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(waiting)
        self.pages.addWidget(self.preview)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)
        layout.addWidget(buttons)

    def current_language(self) -> str:
        return self.language.currentData()

    def generate(self) -> None:
        """Make the report (again) in the chosen language; a report being made is dropped."""
        self._drop_job()
        self.runs += 1
        self.last_error = None
        self.preview.close_document()
        self.pages.setCurrentIndex(0)
        self.status.setText(_("Preparing the report…"))
        self.bar.setRange(0, 0)  # busy until the first progress report
        self.bar.show()
        self.cancel_button.show()
        out = self.folder / f"report-{self.runs}.pdf"
        job = ReportJob(self.make, self.current_language(), out, self)
        job.finished.connect(lambda: self._finished(job))
        self.job = job
        job.start()
        self._poll.start()

    def is_busy(self) -> bool:
        return self.job is not None and self.job.isRunning()

    def _show_progress(self) -> None:
        job = self.job
        if job is not None and job.total:
            self.bar.setRange(0, job.total)
            self.bar.setValue(job.done)

    def _finished(self, job: ReportJob) -> None:
        job.deleteLater()
        if job is not self.job:
            return  # a report in a language since changed, or stopped
        self.job = None
        self._poll.stop()
        if job.error is not None or job.path is None:
            self._show_error(job.error or _("the report was stopped."))
            return
        try:
            self.preview.load(job.path, self.suggested_name)
        except CoordinatorError as exc:
            self._show_error(str(exc))
            return
        self.pages.setCurrentIndex(1)

    def _show_error(self, message: str) -> None:
        self.last_error = message
        self.pages.setCurrentIndex(0)
        self.bar.hide()
        self.cancel_button.hide()
        self.status.setText(_("The report could not be made: {message}").format(message=message))

    def stop(self) -> None:
        self._drop_job()
        self.reject()

    def _drop_job(self) -> None:
        job, self.job = self.job, None
        self._poll.stop()
        if job is not None and job.isRunning():
            job.cancel()
            # ReportLab cannot be interrupted between progress reports; that is
            # at most one flowable, a fraction of a second.
            job.wait()

    def done(self, result: int) -> None:
        self._drop_job()
        self.preview.close_document()
        shutil.rmtree(self.folder, ignore_errors=True)
        super().done(result)
