"""Help → About: the version, where the data is, and the licence of everything shipped."""

from __future__ import annotations

import sys

from PySide6.QtGui import QAction

from coordinator_app import __version__, i18n
from coordinator_app.core import about
from coordinator_app.core.store import paths
from coordinator_app.ui.about_dialog import AboutDialog
from coordinator_app.ui.context import UiContext
from coordinator_app.ui.main_window import MainWindow


def test_help_about_names_version_database_data_folder_and_licences(qtbot, workspace,
                                                                    own_qt_settings):
    window = MainWindow(UiContext(workspace))
    qtbot.addWidget(window)
    window.findChild(QAction, "action_about").trigger()
    dialog = window.findChild(AboutDialog)
    assert dialog is not None and dialog.isVisible()
    texts = [label.text() for label in dialog.findChildren(type(dialog.data_folder))]
    assert any(f"Version {__version__}" in text for text in texts)
    assert str(workspace.db.path) in texts
    assert dialog.data_folder.text() == str(paths.data_dir())
    licences = dialog.licences.toPlainText()
    cells = [line.strip() for line in licences.splitlines()]  # one table cell a line
    for name, licence in (("DejaVu Sans", "Bitstream Vera"), ("Qt", "LGPL-3.0"),
                          ("ReportLab", "BSD"), ("SQLAlchemy", "MIT")):
        at = cells.index(name)  # name, version, licence
        assert cells[at + 1] and licence in cells[at + 2], cells[at:at + 3]
    assert "GNU Lesser General Public License" in licences
    assert "Portable" not in " ".join(texts)


def test_about_speaks_ukrainian_and_lithuanian(qtbot, own_qt_settings):
    for lang, title, version, column in (("uk", "Про Координатор", "Версія", "Складова"),
                                         ("lt", "Apie Koordinatorių", "Versija", "Komponentas")):
        i18n.set_language(lang)
        dialog = AboutDialog(None)
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == title
        assert f"{version} {__version__}" in dialog.findChild(type(dialog.data_folder),
                                                              "about_title").text()
        assert dialog.licences.toPlainText().split()[0] == column
    i18n.set_language("en")


def test_versions_shown_are_those_of_the_libraries_running():
    import reportlab
    import sqlalchemy
    from PySide6.QtCore import qVersion

    shown = {c.name: c.version for c in about.components(qVersion())}
    assert shown["ReportLab"] == reportlab.Version
    assert shown["SQLAlchemy"] == sqlalchemy.__version__
    assert shown["Qt"] == qVersion()
    # Encryption at rest is listed only in a build that ships it.
    assert ("SQLCipher (sqlcipher3)" in shown) == (about.find_spec("sqlcipher3") is not None)


def test_about_says_when_the_copy_is_portable(qtbot, tmp_path, monkeypatch, own_qt_settings):
    folder = tmp_path / "stick" / "Coordinator"
    folder.mkdir(parents=True)
    (folder / "portable").write_text("")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(folder / "Coordinator.exe"))
    monkeypatch.delenv("COORDINATOR_HOME")
    dialog = AboutDialog(None)
    qtbot.addWidget(dialog)
    assert dialog.data_folder.text() == str(folder.resolve() / "data")
    texts = [label.text() for label in dialog.findChildren(type(dialog.data_folder))]
    assert "Portable copy: the data is kept beside the program." in texts
