"""A double click on a .coordsync sync bundle: the desktop runs `coordinator FILE`."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

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


def test_the_app_opened_with_a_bundle_reads_it_and_says_why_a_bad_one_is_refused(
        qtbot, db_path, tmp_path, monkeypatch, own_qt_settings):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    bundle = tmp_path / "from Kharkiv.coordsync"
    bundle.write_bytes(b"")
    said = []

    def answer() -> None:
        window = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, MainWindow) and w.context is not None), None)
        box = window.findChild(QMessageBox, "sync_refused") if window else None
        if box is None or not box.isVisible():
            QTimer.singleShot(20, answer)
            return
        said.append(box.text())
        box.accept()
        window.findChild(QDialog, "sync_dialog").reject()
        window.close()

    QTimer.singleShot(0, answer)
    assert run_app(db_path, "en", bundle=Path(bundle)) == 0
    text, = said
    assert "not a Coordinator sync file" in text and "Nothing was read" in text
