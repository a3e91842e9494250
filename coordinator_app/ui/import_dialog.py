"""File → Import…: a file's first rows, which column is which field, what each
record would become (new, same as…, possible duplicate of…), then the import
itself on a worker thread with progress and Cancel.

Everything it shows comes from coordinator_app.interchange; the dialog only
lets the person choose (encoding, delimiter, sheet, kind, mapping, what to do
with a possible duplicate) and puts the finished import on the undo stack.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coordinator_app.core.records import countries
from coordinator_app.core.records.change_labels import Label
from coordinator_app.core.errors import CoordinatorError
from coordinator_app.i18n import N_, _
from coordinator_app.interchange import fields, layouts
from coordinator_app.interchange.mapping import Mapping, guess_mapping
from coordinator_app.interchange.plan import BAD, POSSIBLE, Plan
from coordinator_app.interchange.problems import Cancelled
from coordinator_app.interchange.sources import Source, open_file
from coordinator_app.interchange.table import cell_text
from coordinator_app.ui.context import UiContext

#: Rows of the file shown under the mapping.
PREVIEW_ROWS = 20
#: Records listed with what they would become (the import itself takes them all).
MATCH_ROWS = 500
FILE_FILTER = "*.csv *.txt *.tsv *.xlsx *.xlsm *.xls *.ods *.vcf *.vcard"
ENCODINGS = ("utf-8", "cp1251", "cp1257", "cp1252", "utf-16", "koi8-u")
DELIMITERS = ((",", ","), (";", ";"), ("Tab", "\t"), ("|", "|"))
#: Offered first in the country a file's numbers are read in: the partnerships' own.
FIRST_COUNTRIES = ("UA", "LT")


class Worker(QThread):
    """Runs `job(progress, cancelled)` off the window's thread."""

    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(str)
    #: The person cancelled: nothing was written.
    stopped = Signal(str)

    def __init__(self, job, parent=None):
        super().__init__(parent)
        self.job = job
        self.stop = False

    def run(self) -> None:
        try:
            result = self.job(lambda n, total: self.progress.emit(n, total),
                              lambda: self.stop)
        except Cancelled as exc:
            self.stopped.emit(str(exc))
            return
        except CoordinatorError as exc:
            self.failed.emit(str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - shown, never a crash of the window
            from coordinator_app.core.store.logs import log_exception

            log_exception(type(exc), exc, exc.__traceback__)
            self.failed.emit(_("The import failed unexpectedly ({kind}); nothing was "
                               "written. The details are in the log.").format(
                kind=type(exc).__name__))
            return
        self.done.emit(result)


class ImportDialog(QDialog):
    #: The import is written: its change set.
    imported = Signal(str)

    def __init__(self, context: UiContext, parent: QWidget | None = None,
                 path: str | Path | None = None):
        super().__init__(parent)
        self.setObjectName("import_dialog")
        self.setWindowTitle(_("Import"))
        self.resize(1000, 700)
        self.context = context
        self.path: Path | None = None
        self.source: Source | None = None
        self.plan: Plan | None = None
        self.worker: Worker | None = None
        self.combos: list[QComboBox] = []
        #: What the finished import did, for the window's status bar.
        self.outcome_text = ""

        self.file_label = QLabel(_("No file chosen"))
        choose = QPushButton(_("Choose a file…"))
        choose.setObjectName("choose_file")
        choose.clicked.connect(self.choose_file)
        self.encoding = self._combo("encoding", [(_("detected"), None)] +
                                    [(e, e) for e in ENCODINGS])
        self.delimiter = self._combo("delimiter", [(_("detected"), None)] + list(DELIMITERS))
        self.sheet = self._combo("sheet", [])
        self.kind = self._combo("kind", [(_(fields.KIND_LABELS[k]), k) for k in fields.KINDS])
        listed = sorted(countries.listed(), key=lambda row: (
            FIRST_COUNTRIES.index(row[0]) if row[0] in FIRST_COUNTRIES
            else len(FIRST_COUNTRIES)))
        self.country = self._combo("country", [(f"{name} — {code}", code)
                                               for code, name in listed])
        # As wide as a usual name, not the longest ("United States Outlying Islands"),
        # which pushed the dialog past a laptop's screen.
        self.country.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.country.setMinimumContentsLength(18)
        for combo in (self.encoding, self.delimiter, self.sheet):
            combo.activated.connect(lambda _i: self.reload())
        self.kind.activated.connect(lambda _i: self.remap(kind=self.kind.currentData()))
        self.country.activated.connect(lambda _i: self.match())

        top = QHBoxLayout()
        top.addWidget(choose)
        top.addWidget(self.file_label, 1)
        options = QFormLayout()
        row = QHBoxLayout()
        for label, combo in ((_("Encoding"), self.encoding), (_("Delimiter"), self.delimiter),
                             (_("Sheet"), self.sheet), (_("Each row is"), self.kind),
                             (_("Numbers without + are from"), self.country)):
            row.addWidget(QLabel(label))
            row.addWidget(combo)
        row.addStretch(1)
        options.addRow(row)

        self.preview = QTableWidget()
        self.preview.setObjectName("preview")
        self.matches = QTableWidget(0, 4)
        self.matches.setObjectName("matches")
        self.matches.setHorizontalHeaderLabels([_("Row"), _("Name"), _("Becomes"),
                                                _("Notes")])
        self.matches.horizontalHeader().setStretchLastSection(True)
        self.matches.verticalHeader().hide()  # the file's own row numbers are shown
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.skip_bad = QCheckBox(_("Skip rows with problems"))
        self.skip_bad.setObjectName("skip_bad")
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setVisible(False)

        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(_("Import"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("import")
        self.import_button.setEnabled(False)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button.clicked.connect(self.cancel)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(options)
        layout.addWidget(QLabel(_("The file's first rows; choose the field of each column:")))
        layout.addWidget(self.preview, 2)
        layout.addWidget(QLabel(_("What each record would become:")))
        layout.addWidget(self.matches, 3)
        layout.addWidget(self.summary)
        layout.addWidget(self.skip_bad)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        if path is not None:
            self.open_path(Path(path))

    def _combo(self, name: str, items) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        for text, data in items:
            combo.addItem(text, data)
        return combo

    # --- the file ----------------------------------------------------------------

    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Import"), str(Path.home()),
            _("Contacts and sheets ({patterns})").format(patterns=FILE_FILTER))
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path) -> None:
        self.path = path
        self.file_label.setText(str(path))
        self.sheet.clear()
        self.reload()

    def reload(self) -> None:
        if self.path is None:
            return
        try:
            self.source = open_file(self.path, encoding=self.encoding.currentData(),
                                    delimiter=self.delimiter.currentData(),
                                    sheet=self.sheet.currentData(),
                                    country=self.country.currentData())
        except CoordinatorError as exc:
            self.source, self.plan = None, None
            self.import_button.setEnabled(False)
            self.summary.setText(str(exc))
            return
        table = self.source.table
        is_table = table is not None
        self.delimiter.setEnabled(self.source.format == "csv")
        self.encoding.setEnabled(self.source.format in ("csv", "vcard"))
        self.kind.setEnabled(is_table)
        if is_table and table.sheets and self.sheet.count() == 0:
            for name in table.sheets:
                self.sheet.addItem(name, name)
            self.sheet.setCurrentIndex(table.sheets.index(table.sheet))
        self.sheet.setEnabled(bool(is_table and len(table.sheets) > 1))
        self.remap(guess=True)

    # --- the mapping -------------------------------------------------------------

    def remap(self, guess: bool = False, kind: str | None = None) -> None:
        """Fill the preview: a field chooser over each column, then the first rows."""
        if self.source is None:
            return
        table = self.source.table
        if table is None:
            self.preview.clear()
            self.preview.setRowCount(0)
            self.preview.setColumnCount(0)
            self.combos = []
            self.match()
            return
        if guess or kind:
            mapping = (None if kind else layouts.saved_mapping(table.headers)) or \
                guess_mapping(table.headers, kind)
            self.kind.setCurrentIndex(self.kind.findData(mapping.kind))
            if mapping.country:
                self.country.setCurrentIndex(max(0, self.country.findData(mapping.country)))
        else:
            mapping = self.mapping()
        width = max([len(table.headers)] + [len(r) for r in table.rows[:PREVIEW_ROWS]])
        self.preview.clear()
        self.preview.setColumnCount(width)
        self.preview.setRowCount(1 + min(PREVIEW_ROWS, len(table.rows)))
        self.preview.setHorizontalHeaderLabels(
            [table.headers[i] if i < len(table.headers) else "" for i in range(width)])
        self.preview.setVerticalHeaderLabels(
            [_("Field")] + [str(n) for n in table.row_numbers[:PREVIEW_ROWS]])
        self.combos = []
        for col in range(width):
            combo = QComboBox()
            combo.setObjectName(f"field_{col}")
            combo.addItem(_("(not imported)"), None)
            for spec in fields.fields_of(mapping.kind):
                combo.addItem(spec.title(), spec.key)
            key = mapping.columns[col] if col < len(mapping.columns) else None
            combo.setCurrentIndex(max(0, combo.findData(key)))
            combo.activated.connect(lambda _i: self.match())
            self.preview.setCellWidget(0, col, combo)
            self.combos.append(combo)
        for r, row in enumerate(table.rows[:PREVIEW_ROWS], start=1):
            for c, value in enumerate(row):
                self.preview.setItem(r, c, QTableWidgetItem(cell_text(value)))
        self.preview.resizeColumnsToContents()
        self.match()

    def mapping(self) -> Mapping:
        return Mapping(self.kind.currentData() or "person",
                       [combo.currentData() for combo in self.combos],
                       country=self.country.currentData())

    # --- matching ----------------------------------------------------------------

    def match(self) -> None:
        """What each record would become; read and matched on the worker thread."""
        if self.source is None:
            return
        if self._busy():
            # A newer mapping or option: the older matching stops at its next step.
            self.worker.stop = True
            self.worker.wait()
        source = self.source
        mapping = self.mapping() if source.table is not None else None
        if source.cards is not None:
            for card in source.cards:
                card.country = card.country or self.country.currentData()

        def job(progress, cancelled):
            from coordinator_app.interchange.plan import make_plan

            items = source.records(mapping)
            with self.context.workspace.read() as session:
                return make_plan(session, mapping.kind if mapping else "person", items,
                                 progress=progress, cancelled=cancelled)

        self.summary.setText(_("Looking for these records in the database…"))
        self.plan = None  # what the last matching said no longer holds
        self.import_button.setEnabled(False)
        self._run(job, self._matched)

    def _matched(self, plan: Plan) -> None:
        self.plan = plan
        entries = plan.entries[:MATCH_ROWS]
        self.matches.setRowCount(len(entries))
        for r, entry in enumerate(entries):
            item = entry.item
            self.matches.setItem(r, 0, QTableWidgetItem(str(item.row)))
            self.matches.setItem(r, 1, QTableWidgetItem(item.label))
            if entry.action == POSSIBLE:
                choice = QComboBox()
                choice.setObjectName(f"choice_{r}")
                choice.addItem(_("Skip it"), "skip")
                choice.addItem(_("Add as new"), "new")
                for hit in entry.candidates[:5]:
                    choice.addItem(_("Same as “{name}” (update)").format(name=hit.title),
                                   hit.id)
                choice.setToolTip(entry.describe())
                choice.activated.connect(
                    lambda _i, e=entry, c=choice: setattr(e, "choice", c.currentData()))
                entry.choice = "skip"
                self.matches.setCellWidget(r, 2, choice)
            else:
                self.matches.setItem(r, 2, QTableWidgetItem(entry.describe()))
            notes = [str(p) for p in item.problems] if entry.action == BAD else item.notes
            self.matches.setItem(r, 3, QTableWidgetItem("; ".join(notes)))
        self.matches.resizeColumnsToContents()
        more = len(plan.entries) - len(entries)
        text = plan.summary()
        if more > 0:
            text += " " + _("(the first {shown} of {total} are listed)").format(
                shown=len(entries), total=len(plan.entries))
        self.summary.setText(text)
        self.import_button.setEnabled(bool(plan.entries))

    # --- importing ---------------------------------------------------------------

    def start_import(self) -> None:
        if self.plan is None or self._busy():
            return
        plan, skip_bad = self.plan, self.skip_bad.isChecked()
        label = Label(N_("Import {file}"), file=self.path.name if self.path else "")

        def job(progress, cancelled):
            from coordinator_app.interchange.apply import apply_plan

            return apply_plan(self.context.workspace, plan, skip_bad=skip_bad, label=label,
                              progress=progress, cancelled=cancelled)

        self.summary.setText(_("Backing up, then importing…"))
        self._run(job, self._imported)

    def _imported(self, outcome) -> None:
        if self.source is not None and self.source.table is not None:
            layouts.save_mapping(self.source.table.headers, self.mapping())
        if outcome.change_set is not None:
            self.context.push_done(Label(N_("Import {file}"), file=self.path.name),
                                   outcome.change_set)
            self.imported.emit(outcome.change_set)
        self.outcome_text = _(
            "Imported. Created: {created}, updated: {updated}, organisations added: {orgs}, "
            "skipped: {skipped}. Edit → Undo takes the whole import back.").format(
            created=outcome.created, updated=outcome.updated, orgs=outcome.organizations,
            skipped=outcome.skipped)
        self.accept()

    # --- the worker ----------------------------------------------------------------

    def _busy(self) -> bool:
        return self.worker is not None and self.worker.isRunning()

    def _run(self, job, on_done) -> None:
        self.worker = Worker(job, self)
        self.worker.progress.connect(self._progress)
        self.worker.done.connect(on_done)
        self.worker.failed.connect(self._failed)
        self.worker.stopped.connect(self._stopped)
        self.worker.finished.connect(lambda: self.progress.setVisible(False))
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.worker.start()

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _failed(self, message: str) -> None:
        self._stopped(message)
        box = QMessageBox(QMessageBox.Icon.Warning, _("Import"), message,
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("import_problem")
        box.open()

    def _stopped(self, message: str) -> None:
        self.summary.setText(message)
        self.import_button.setEnabled(self.plan is not None)

    def cancel(self) -> None:
        """Stop the running step (nothing is written), or close the dialog."""
        if self._busy():
            self.worker.stop = True
            return
        self.reject()

    def closeEvent(self, event) -> None:
        if self._busy():
            self.worker.stop = True
            self.worker.wait()
        super().closeEvent(event)
