"""The first screen of a new, empty database: choose the language, then load the demo
data, import contacts or start empty."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coordinator_app import i18n
from coordinator_app.core.errors import CoordinatorError
from coordinator_app.i18n import _
from coordinator_app.ui.context import EVERYTHING, UiContext


def is_first_start(context: UiContext) -> bool:
    """True for a database nobody has started yet: no records, not even the shared
    priority areas that "Start empty" adds (so the choice is offered once)."""
    from coordinator_app.core.views.dashboard import nothing_recorded

    with context.db.reading() as connection:
        return nothing_recorded(connection)


class WelcomePage(QWidget):
    #: The database now holds what the user chose; the window shows the dashboard.
    finished = Signal()
    #: "Import contacts": the window opens File → Import… once the page is left.
    import_requested = Signal()
    #: A language was chosen here (its code); the window switches to it at once.
    language_chosen = Signal(str)

    def __init__(self, context: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("page_welcome")
        self.context = context

        title = QLabel(_("Welcome to Coordinator"))
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(_(
            "Coordinator keeps the contacts, agreements and projects of a partnership "
            "between municipalities on this computer. It works without a network and "
            "saves every change as soon as you make it.\n\n"
            "This database is empty. You can look around with a demo data set built from "
            "the February 2026 memorandum between the Association of Frontline Cities and "
            "Communities and the Association of Local Authorities of Lithuania, or start "
            "with your own records."))
        intro.setWordWrap(True)
        # Before anything else: someone who does not read the language the app
        # guessed finds theirs by its own name.
        self.language = QComboBox()
        self.language.setObjectName("welcome_language")
        for code in ("uk", "lt", "en"):
            self.language.addItem(i18n.LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(self.language.findData(i18n.current_language()))
        self.language.activated.connect(
            lambda _index: self.language_chosen.emit(self.language.currentData()))
        language_label = QLabel(_("&Language:"))
        language_label.setBuddy(self.language)
        language_row = QHBoxLayout()
        language_row.addWidget(language_label)
        language_row.addWidget(self.language)
        language_row.addStretch(1)
        where = QLabel(_("Database: {path}").format(path=context.db.path))
        where.setWordWrap(True)
        where.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.demo_button = QPushButton(_("Load demo data"))
        self.demo_button.setObjectName("load_demo")
        self.demo_button.setDefault(True)
        self.demo_button.clicked.connect(self.load_demo)
        self.empty_button = QPushButton(_("Start empty"))
        self.empty_button.setObjectName("start_empty")
        self.empty_button.clicked.connect(self.start_empty)
        self.import_button = QPushButton(_("Import contacts…"))
        self.import_button.setObjectName("import_contacts")
        self.import_button.setToolTip(_("From an Excel sheet, a CSV file or an address book "
                                        "(vCard) of a phone or Outlook"))
        self.import_button.clicked.connect(self.import_contacts)
        buttons = QHBoxLayout()
        buttons.addWidget(self.demo_button)
        buttons.addWidget(self.empty_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)

        column = QWidget()
        column.setMaximumWidth(44 * column.fontMetrics().averageCharWidth() * 2)
        inner = QVBoxLayout(column)
        inner.addLayout(language_row)
        inner.addSpacing(12)
        inner.addWidget(title)
        inner.addSpacing(12)
        inner.addWidget(intro)
        inner.addSpacing(18)
        inner.addLayout(buttons)
        inner.addSpacing(12)
        inner.addWidget(where)
        layout = QHBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(column, 3)
        layout.addStretch(1)
        layout.setAlignment(column, Qt.AlignmentFlag.AlignVCenter)

    def load_demo(self) -> None:
        from coordinator_app.core.sample.demo import load_demo

        self._run(load_demo)

    def start_empty(self) -> None:
        from coordinator_app.core.sample.demo import ensure_priority_areas

        self._run(ensure_priority_areas)

    def import_contacts(self) -> None:
        """Start empty, then import: the shared vocabulary is there as after "Start empty"."""
        self.start_empty()
        self.import_requested.emit()

    def _run(self, action) -> None:
        try:
            action(self.context.workspace)
        except CoordinatorError as exc:
            QMessageBox.warning(self, _("Coordinator"), str(exc))
            return
        self.context.data_changed.emit(EVERYTHING)
        self.finished.emit()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.demo_button.setFocus(Qt.FocusReason.OtherFocusReason)
