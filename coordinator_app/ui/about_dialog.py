"""Help → About: the version, where the data is, and what the program is built from,
with the licence of each font and library (the notices Qt's LGPL and the fonts'
licence ask a distributor to show)."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from coordinator_app.core.about import build_info, components
from coordinator_app.i18n import _
from coordinator_app.ui.app_icon import app_icon


def _path_label(path: Path) -> QLabel:
    label = QLabel(str(path))
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


def licences_html(qt_version: str | None = None) -> str:
    """The table of fonts and libraries with their versions and licences, and the notices."""
    rows = "".join(
        f"<tr><td>{escape(c.name)}&nbsp;&nbsp;</td><td>{escape(c.version or '—')}&nbsp;&nbsp;"
        f"</td><td>{escape(c.licence)}</td></tr>"
        for c in components(qt_version))
    notices = (
        _("Qt and PySide6 are used under the GNU Lesser General Public License, version 3. "
          "They are shipped as separate library files, which you may replace with your "
          "own build of the same version; their source code is available from the Qt "
          "Project (qt.io)."),
        _("ReportLab is used under the BSD licence. The DejaVu fonts (used for printed "
          "reports) are free fonts under the Bitstream Vera licence with the DejaVu "
          "changes, shipped unmodified with their licence text."),
        _("Coordinator itself is free software under the MIT licence."),
    )
    paragraphs = "".join(f"<p>{escape(text)}</p>" for text in notices)
    columns = (_("Component"), _("Version"), _("Licence"))
    head = "<tr>" + "".join(f"<th align=left>{escape(c)}</th>" for c in columns) + "</tr>"
    return f"<table>{head}{rows}</table>{paragraphs}"


class AboutDialog(QDialog):
    def __init__(self, db_path: Path | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("about_dialog")
        self.setWindowTitle(_("About Coordinator"))
        info = build_info()

        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(QSize(64, 64)))
        name = _("Coordinator")
        version = _("Version {version}").format(version=info.version)
        title = QLabel(f"<h2>{escape(name)}</h2>{escape(version)}")
        title.setObjectName("about_title")
        heading = QHBoxLayout()
        heading.addWidget(icon)
        heading.addWidget(title, 1)

        form = QFormLayout()
        if db_path is not None:
            form.addRow(_("Database:"), _path_label(db_path))
        self.data_folder = _path_label(info.data_folder)
        self.data_folder.setObjectName("about_data_folder")
        form.addRow(_("Data folder:"), self.data_folder)
        if info.portable:
            form.addRow(QLabel(_("Portable copy: the data is kept beside the program.")))

        self.licences = QTextBrowser()
        self.licences.setObjectName("about_licences")
        self.licences.setOpenExternalLinks(False)
        self.licences.setHtml(licences_html(qVersion()))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        open_folder = QPushButton(_("Open data folder"))
        open_folder.setObjectName("about_open_folder")
        open_folder.clicked.connect(lambda: QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(info.data_folder))))
        buttons.addButton(open_folder, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addLayout(form)
        layout.addWidget(QLabel(_("Fonts and libraries:")))
        layout.addWidget(self.licences, 1)
        layout.addWidget(buttons)
        self.resize(640, 560)
