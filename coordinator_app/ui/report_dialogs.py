"""Printing from the app: an agreement's summary, and the briefing pack dialog.

Both open a `ReportWindow` (report_window.py): the report is made on a worker
thread (a pack of fifty agreements takes seconds) with a progress bar, then
shown with Print… and Save as PDF…. The report language is chosen there,
independent of the interface's.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)
from coordinator_app.core.views import related
from coordinator_app.core.errors import CoordinatorError
from coordinator_app.core.records.models import Agreement, Entity, Organization
from coordinator_app.i18n import LANGUAGE_NAMES, LANGUAGES, N_, _, current_language
from coordinator_app.ui.context import UiContext
from coordinator_app.ui.widgets.dates import qt_date_format
from coordinator_app.ui.report_window import ReportPreviewDialog, file_name

#: How many records a chooser lists at once; typing narrows them.
CHOOSER_ROWS = 200
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class RecordChooser(QWidget):
    """Tick records of one kind; typing narrows the list. Ticked ones stay ticked (and
    listed first) whatever is typed."""

    def __init__(self, context: UiContext, cls: type[Entity], placeholder: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.cls = cls
        self.chosen: dict[str, str] = {}  # id -> label, in the order ticked
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(placeholder)
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.itemChanged.connect(self._ticked)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.reload)
        self.filter.textChanged.connect(lambda _t: self._timer.start())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        self._loading = False
        self.reload()

    def reload(self) -> None:
        with self.context.workspace.read() as session:
            rows = related.choices(session, self.cls.KIND, self.filter.text(), CHOOSER_ROWS)
        self._loading = True
        self.list.clear()
        shown = set()
        for record_id, name in [*self.chosen.items(), *rows]:
            if record_id in shown:
                continue
            shown.add(record_id)
            item = QListWidgetItem(name, self.list)
            item.setToolTip(name)  # long titles run past the list's edge
            item.setData(ID_ROLE, record_id)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if record_id in self.chosen
                               else Qt.CheckState.Unchecked)
        self._loading = False

    def _ticked(self, item: QListWidgetItem) -> None:
        if self._loading:
            return
        record_id = item.data(ID_ROLE)
        if item.checkState() == Qt.CheckState.Checked:
            self.chosen[record_id] = item.text()
        else:
            self.chosen.pop(record_id, None)

    def choose(self, record_id: str) -> None:
        """Tick `record_id` whether or not the list shows it now; ticked ones come first."""
        with self.context.workspace.read() as session:
            name = related.name_of(session, self.cls.KIND, record_id)
        if name is not None:
            self.chosen[record_id] = name
            self.reload()

    def tick(self, record_id: str, on: bool = True) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(ID_ROLE) == record_id:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def ids(self) -> list[str]:
        return list(self.chosen)


SCOPE_HINT = N_("A chosen organisation brings the agreements it is a party to and its "
                "projects. The period keeps what is in force or happens during it. With "
                "nothing chosen, the pack covers every agreement.")


class BriefingDialog(QDialog):
    """Choose what a briefing pack covers and its language, then make it."""

    def __init__(self, context: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.preview: ReportPreviewDialog | None = None
        self.setWindowTitle(_("Briefing pack"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(760, 600)
        self.organizations = RecordChooser(context, Organization,
                                           _("Type to find organisations…"), self)
        self.agreements = RecordChooser(context, Agreement, _("Type to find agreements…"), self)
        lists = QGridLayout()
        for column, (title, chooser) in enumerate(((_("Organisations"), self.organizations),
                                                   (_("Agreements"), self.agreements))):
            box = QGroupBox(title, self)
            QVBoxLayout(box).addWidget(chooser)
            lists.addWidget(box, 0, column)

        today = QDate.currentDate()
        self.use_from = QCheckBox(_("From"), self)
        self.date_from = self._date_edit(today)
        self.use_to = QCheckBox(_("To"), self)
        self.date_to = self._date_edit(today.addDays(90))
        self.use_from.toggled.connect(self.date_from.setEnabled)
        self.use_to.toggled.connect(self.date_to.setEnabled)
        period = QHBoxLayout()
        for widget in (self.use_from, self.date_from, self.use_to, self.date_to):
            period.addWidget(widget)
        period.addStretch(1)

        self.language = QComboBox(self)
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(LANGUAGES.index(current_language()))
        form = QFormLayout()
        form.addRow(_("Period:"), period)
        form.addRow(_("Report language:"), self.language)

        hint = QLabel(_(SCOPE_HINT), self)
        hint.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.make_button = buttons.addButton(_("Make briefing pack"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.make_button.setDefault(True)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.make)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(lists, 1)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _date_edit(self, value: QDate) -> QDateEdit:
        edit = QDateEdit(value, self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(qt_date_format())
        edit.setEnabled(False)
        return edit

    def period(self) -> tuple[date | None, date | None]:
        start = self.date_from.date().toPython() if self.use_from.isChecked() else None
        end = self.date_to.date().toPython() if self.use_to.isChecked() else None
        return start, end

    def make(self) -> None:
        start, end = self.period()
        if start and end and end < start:
            self.error.setText(_("The period ends before it starts; correct the dates."))
            return
        organizations = self.organizations.ids()
        agreements = self.agreements.ids()
        workspace = self.context.workspace

        def render(lang: str, out: Path, progress) -> Path:
            from coordinator_app.reports import render_briefing

            return render_briefing(workspace, out, lang, organization_ids=organizations,
                                   agreement_ids=agreements, date_from=start, date_to=end,
                                   progress=progress)

        names = list(self.organizations.chosen.values())
        suggested = file_name(_("Briefing pack"), ", ".join(names[:3]),
                              date.today().isoformat())
        self.preview = ReportPreviewDialog(_("Briefing pack"), render, suggested,
                                           self.language.currentData(), self.parentWidget())
        self.preview.show()
        self.preview.generate()
        self.accept()


def print_agreement_summary(context: UiContext, agreement_id: str,
                            parent: QWidget | None = None) -> ReportPreviewDialog | None:
    """Show the summary of one agreement, ready to print or save."""
    workspace = context.workspace
    try:
        title = workspace.get(Agreement, agreement_id).title
    except CoordinatorError as exc:  # deleted meanwhile, on this laptop or by a sync
        QMessageBox.warning(parent, _("Print"), str(exc))
        return None

    def render(lang: str, out: Path, progress) -> Path:
        from coordinator_app.reports import render_memorandum

        return render_memorandum(workspace, agreement_id, out, lang)

    dialog = ReportPreviewDialog(_("Summary: {title}").format(title=title), render,
                                 file_name(title), parent=parent)
    dialog.show()
    dialog.generate()
    return dialog


def open_briefing_dialog(context: UiContext, parent: QWidget | None = None,
                         current: tuple[str, str | None] | None = None) -> BriefingDialog:
    """Ask what a briefing pack should cover; the pack opens in its own preview. The
    record shown when it was asked for (`current`: kind, id) comes chosen."""
    dialog = BriefingDialog(context, parent)
    kind, record_id = current or (None, None)
    if record_id is not None and kind == "organization":
        dialog.organizations.choose(record_id)
    elif record_id is not None and kind == "agreement":
        dialog.agreements.choose(record_id)
    dialog.show()
    return dialog
