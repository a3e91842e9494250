"""A double click on a .coordsync sync bundle: the desktop runs `coordinator FILE`."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from coordinator_app import cli
from coordinator_app.ui.app import run_app
from coordinator_app.ui.main_window import MainWindow


def test_a_bundle_path_opens_the_app_rather_than_naming_a_command(tmp_path):
    bundle = tmp_path / "from Kharkiv.coordsync"
    for argv in ([str(bundle)], ["--db", "x.sqlite3", str(bundle)]):
        assert not cli._names_a_command(argv)
        args = cli.build_parser(commands=False).parse_args(argv)
        assert args.command is None and args.bundle == bundle
    assert cli._names_a_command(["check"])


def test_the_app_opened_with_a_bundle_says_it_cannot_import_it_yet(
        qtbot, db_path, tmp_path, monkeypatch, own_qt_settings):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    bundle = tmp_path / "from Kharkiv.coordsync"
    bundle.write_bytes(b"")
    said = []

    def answer() -> None:
        window = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, MainWindow) and w.context is not None), None)
        box = window.findChild(QMessageBox, "sync_bundle_notice") if window else None
        if box is None or not box.isVisible():
            QTimer.singleShot(20, answer)
            return
        said.append(box.text())
        box.accept()
        window.close()

    QTimer.singleShot(0, answer)
    assert run_app(db_path, "en", bundle=Path(bundle)) == 0
    text, = said
    assert "“from Kharkiv.coordsync”" in text and "cannot import sync bundles yet" in text
