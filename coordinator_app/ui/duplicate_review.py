"""Edit → Find duplicates…: the likely pairs of people or organisations entered twice
(core.views.duplicates), each shown side by side, a value chosen per field, and the two
merged as one change that Undo separates again."""

from __future__ import annotations

from itertools import combinations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from coordinator_app.core.records import registry
from coordinator_app.core.records.change_labels import Label
from coordinator_app.core.records.field_titles import field_title
from coordinator_app.core.errors import Cancelled, CoordinatorError, message_of
from coordinator_app.i18n import N_, _
from coordinator_app.ui.context import UiContext

PAIR_ROLE = Qt.ItemDataRole.UserRole + 1
#: Pairs offered from one group of records sharing a name or a contact.
PAIRS_PER_GROUP = 10
FIRST, SECOND = 0, 1


def likely_pairs(context: UiContext, kind: str, **watch) -> list[tuple]:
    """(first hit, second hit) of every likely duplicate pair of `kind`; `watch` is
    duplicate_groups' progress and cancelled."""
    from coordinator_app.core.views.duplicates import duplicate_groups

    with context.workspace.read() as session:
        groups = duplicate_groups(session, kind, **watch)
    return [pair for group in groups
            for pair in list(combinations(group, 2))[:PAIRS_PER_GROUP]]


class DuplicateReview(QDialog):
    def __init__(self, context: UiContext, titles: dict[str, dict[tuple[str, str], str]],
                 kind: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("duplicate_review")
        self.setWindowTitle(_("Find duplicates"))
        self.context = context
        #: {kind: {(kind, field): title}}: fields named as their editors name them.
        self.titles = titles
        self.groups: dict[str, QButtonGroup] = {}
        self.keep_group = QButtonGroup(self)

        self.kind = QComboBox()
        self.kind.setObjectName("duplicate_kind")
        for spec in registry.TOP_LEVEL:
            if spec.mergeable:
                self.kind.addItem(_(spec.plural_label), spec.name)
        if kind is not None and self.kind.findData(kind) >= 0:
            self.kind.setCurrentIndex(self.kind.findData(kind))
        kind_label = QLabel(_("&Look among:"))
        kind_label.setBuddy(self.kind)
        self.kind.currentIndexChanged.connect(lambda _index: self.find())

        self.pairs = QListWidget()
        self.pairs.setObjectName("duplicate_pairs")
        self.pairs.setAccessibleName(_("Likely duplicates"))
        self.pairs.currentItemChanged.connect(lambda *_args: self.show_pair())
        pairs_label = QLabel(_("Likely &duplicates:"))
        pairs_label.setBuddy(self.pairs)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(pairs_label)
        left_layout.addWidget(self.pairs)

        self.comparison = QWidget()
        self.grid = QGridLayout(self.comparison)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(2, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.comparison)
        self.hint = QLabel(_("Choose the value each field keeps. The other record's "
                             "positions, contacts, signatures and links move to the one "
                             "that stays; Undo (Ctrl+Z) separates them again."))
        self.hint.setWordWrap(True)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.hint)
        right_layout.addWidget(scroll, 1)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 2)

        self.merge_button = QPushButton(_("&Merge"))
        self.merge_button.setObjectName("merge")
        self.merge_button.clicked.connect(self.merge)
        self.skip_button = QPushButton(_("&Not the same"))
        self.skip_button.setObjectName("not_the_same")
        self.skip_button.setToolTip(_("Leave both records as they are and hide this pair "
                                      "until the list is read again"))
        self.skip_button.clicked.connect(self.skip)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.skip_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(kind_label)
        top.addWidget(self.kind)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.resize(1000, 600)
        self.find()

    def current_kind(self) -> str:
        return self.kind.currentData()

    def find(self) -> None:
        """Read the likely pairs again. On a large database this takes seconds: a
        progress dialog shows how far it is, and its Cancel stops it (this only reads)."""
        self.pairs.clear()
        self.progress = QProgressDialog(_("Looking for records entered twice…"), _("Cancel"),
                                        0, 0, self)
        self.progress.setObjectName("duplicate_progress")
        self.progress.setWindowTitle(_("Find duplicates"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(500)  # a small database: no flash of a dialog

        def report(done: int, total: int) -> None:
            self.progress.setMaximum(total)
            self.progress.setValue(done)
            # Until the dialog shows, setValue runs no events: run them, so that Cancel
            # (and the dialog's own showing) is seen between two steps.
            QApplication.processEvents()
        try:
            pairs = likely_pairs(self.context, self.current_kind(), progress=report,
                                 cancelled=self.progress.wasCanceled)
        except Cancelled as exc:
            QListWidgetItem(str(exc), self.pairs).setFlags(Qt.ItemFlag.NoItemFlags)
            self.show_pair()
            return
        finally:
            self.progress.reset()
            self.progress.hide()
        for first, second in pairs:
            why = first.subtitle or second.subtitle or ""
            item = QListWidgetItem(f"{first.title} — {second.title}", self.pairs)
            item.setToolTip(why)
            item.setData(PAIR_ROLE, (first.id, second.id))
        if not self.pairs.count():
            QListWidgetItem(_("No likely duplicates."), self.pairs).setFlags(
                Qt.ItemFlag.NoItemFlags)
        self.pairs.setCurrentRow(0)  # shows the pair (currentItemChanged)
        if self.current_pair() is None:
            self.show_pair()

    def current_pair(self) -> tuple[str, str] | None:
        item = self.pairs.currentItem()
        return None if item is None else item.data(PAIR_ROLE)

    def _clear(self) -> None:
        while self.grid.count():
            widget = self.grid.takeAt(0).widget()
            if widget is not None:
                widget.hide()  # deleted later, after this event: not drawn meanwhile
                widget.deleteLater()
        for group in [*self.groups.values(), self.keep_group]:
            for button in group.buttons():
                group.removeButton(button)
        self.groups = {}

    def show_pair(self) -> None:
        from coordinator_app.core.views.duplicates import compare

        self._clear()
        pair = self.current_pair()
        self.merge_button.setEnabled(pair is not None)
        self.skip_button.setEnabled(pair is not None)
        if pair is None:
            return
        kind = self.current_kind()
        try:
            with self.context.workspace.read() as session:
                rows = compare(session, kind, *pair)
                names = [session.get(registry.model(kind), i).label for i in pair]
        except CoordinatorError as exc:
            self.grid.addWidget(QLabel(message_of(exc)), 0, 0, 1, 3)
            return
        self.grid.addWidget(QLabel(_("Stays:")), 0, 0)
        for side, name in enumerate(names):
            radio = QRadioButton(name)
            radio.setAccessibleName(_("Keep “{name}”").format(name=name))
            radio.setObjectName(f"keep_{side}")
            self.keep_group.addButton(radio, side)
            self.grid.addWidget(radio, 0, side + 1)
        self.keep_group.button(FIRST).setChecked(True)
        titles = self.titles.get(kind, {})
        for row, (field, first, second) in enumerate(rows, start=1):
            title = field_title(kind, field, titles)
            label = QLabel(title)
            label.setObjectName(f"field_{field}")
            self.grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            group = QButtonGroup(self)
            for side, value in enumerate((first, second)):
                radio = QRadioButton(value or _("(empty)"))
                radio.setObjectName(f"{field}_{side}")
                radio.setAccessibleName(_("{field}: {value}").format(
                    field=title, value=value or _("(empty)")))
                radio.setEnabled(first != second)
                group.addButton(radio, side)
                self.grid.addWidget(radio, row, side + 1)
            # A blank never wins over a value; otherwise the first record's stays.
            group.button(SECOND if not first and second else FIRST).setChecked(True)
            if row == 1:
                label.setBuddy(group.button(FIRST))
            self.groups[field] = group
        self.grid.setRowStretch(len(rows) + 1, 1)

    def choose(self, field: str, side: int) -> None:
        self.groups[field].button(side).setChecked(True)

    def keep(self, side: int) -> None:
        self.keep_group.button(side).setChecked(True)

    def merge(self) -> bool:
        from coordinator_app.core.views import duplicates

        pair = self.current_pair()
        if pair is None:
            return False
        kept = self.keep_group.checkedId()
        keep_id, gone_id = pair[kept], pair[1 - kept]
        # The fields whose chosen value is on the side that goes.
        take = [field for field, group in self.groups.items()
                if group.checkedId() != kept and group.button(FIRST).isEnabled()]
        kind = self.current_kind()
        try:
            with self.context.workspace.read() as session:
                model = registry.model(kind)
                keep_name = session.get(model, keep_id).label
                gone_name = session.get(model, gone_id).label
            label = Label(N_("Merge “{gone}” into “{keep}”"), gone=gone_name, keep=keep_name)
            change_set = duplicates.merge(self.context.workspace, kind, keep_id, gone_id,
                                          take, label)
        except CoordinatorError as exc:
            QMessageBox.warning(self, _("Merge records"), message_of(exc))
            return False
        self.context.push_done(label, change_set)
        self.find()
        return True

    def skip(self) -> None:
        row = self.pairs.currentRow()
        if row >= 0 and self.current_pair() is not None:
            self.pairs.takeItem(row)
        if not self.pairs.count():
            QListWidgetItem(_("No likely duplicates."), self.pairs).setFlags(
                Qt.ItemFlag.NoItemFlags)
        self.show_pair()


def review_duplicates(window) -> None:
    """Open the dialog over the main window, on the kind of the page shown if it has
    duplicates to look for."""
    titles = {spec.name: window.page(spec.name).editor.field_titles()
              for spec in registry.TOP_LEVEL if spec.mergeable}
    page = window.current_page_name()
    DuplicateReview(window.context, titles, page, window).exec()
