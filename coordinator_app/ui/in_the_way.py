"""Why a record cannot be deleted yet, said before any question is asked, with the
records in the way a click away (core.records.removal finds them)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from coordinator_app.core.records.removal import InTheWay
from coordinator_app.i18n import _, ngettext
from coordinator_app.ui.context import UiContext


class InTheWayDialog(QDialog):
    def __init__(self, context: UiContext, found: InTheWay, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("in_the_way")
        self.setWindowTitle(_("Delete record"))
        self.context = context
        parts = [f"<p>{escape(found.reason)}</p>"]
        if found.records:
            items = "".join(f'<li><a href="{kind}/{record_id}">{escape(title)}</a></li>'
                            for kind, record_id, title in found.records)
            parts.append(f"<ul>{items}</ul>")
            more = found.count - len(found.records)
            if more > 0:
                parts.append("<p>" + escape(ngettext("and {n} more", "and {n} more", more)
                                            .format(n=more)) + "</p>")
        parts.append(f"<p>{escape(found.remedy)}</p>")
        self.text = QLabel("".join(parts))
        self.text.setObjectName("reason")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        # Tab reaches each link, Enter opens it, as a click does.
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.text.setOpenExternalLinks(False)
        self.text.linkActivated.connect(self.open_link)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

    def open_link(self, link: str) -> None:
        kind, _slash, record_id = link.partition("/")
        self.accept()
        self.context.open_record(kind, record_id)
