"""The README's pictures of syncing two laptops by stick, made offscreen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshot_sync.py [--lang uk] [--out DIR]

Two laptops in a temporary folder, "Kharkiv office" and "Plungė office", each with
its own data folder and keys, exchange join keys and the demo data; then both change
the region of the same organisation and Plungė reads Kharkiv's file, so it holds one
open conflict. Plungė's window is shot at 1280×800 with that organisation open (the
mark under the field, the badge in the status bar), then the Sync dialog's Laptops
and Conflicts tabs, the "Write changes for…" question, and "Add a laptop…" with the
join key of a third laptop, a partner association's. PNGs in 256 colours go to
DIR (default resources/screenshots) as sync-NAME-LANG.png.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import tempfile
from contextlib import redirect_stdout
from io import StringIO
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZE = (1280, 800)
LAPTOPS = {"kharkiv": "Kharkiv office", "plunge": "Plungė office"}
#: A laptop whose join key is only offered to Plungė, in "Add a laptop…".
NEWCOMER = ("vilnius", "Vilnius City Municipality")


def _screenshots_module():
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "scripts" /
                                                  "screenshots.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Office:
    """The two laptops, driven through the command line as their people would."""

    def __init__(self, folder: Path):
        self.folder = folder

    def db(self, laptop: str) -> Path:
        return self.folder / laptop / "coordinator.sqlite3"

    def home(self, laptop: str) -> None:
        os.environ["COORDINATOR_HOME"] = str(self.folder / laptop / "home")

    def run(self, laptop: str, *args: str) -> str:
        from coordinator_app.cli import main

        self.home(laptop)
        out = StringIO()
        with redirect_stdout(out):
            status = main(["--db", str(self.db(laptop)), *args])
        if status:
            raise SystemExit(f"coordinator {' '.join(args)} failed on {laptop}")
        return out.getvalue()

    def carry(self, source: str, target: str) -> None:
        path = self.folder / f"{source}.coordsync"
        self.run(source, "sync", "export", "-o", str(path))
        self.run(target, "sync", "import", str(path))


def make_office(folder: Path) -> tuple[Office, str]:
    office = Office(folder)
    for laptop, name in LAPTOPS.items():
        (folder / laptop).mkdir()
        self_key = folder / f"{laptop}.key"
        office.run(laptop, "sync", "keys", "export", str(self_key), "--name", name)
    for laptop in LAPTOPS:
        for other in LAPTOPS:
            if other != laptop:
                office.run(laptop, "sync", "keys", "import", str(folder / f"{other}.key"))
    (folder / NEWCOMER[0]).mkdir()
    office.run(NEWCOMER[0], "sync", "keys", "export", str(folder / f"{NEWCOMER[0]}.key"),
               "--name", NEWCOMER[1])
    office.run("kharkiv", "demo")
    office.carry("kharkiv", "plunge")
    listed = json.loads(office.run("plunge", "list", "organizations", "--json"))
    org = next(item["id"] for item in listed if item["name"] == "Харківська міська рада")
    office.run("kharkiv", "edit", "organizations", org, "--set", "region=Харківська обл.")
    office.run("plunge", "edit", "organizations", org, "--set", "region=Kharkiv Oblast")
    office.carry("kharkiv", "plunge")
    office.carry("plunge", "kharkiv")
    return office, org


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="en", choices=("en", "uk", "lt"))
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "screenshots")
    parser.add_argument("--full", type=Path, help="also keep the full-colour PNGs here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication

        for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder / "settings"))
        app = QApplication.instance() or QApplication(sys.argv[:1])
        app.setApplicationName("Coordinator")
        office, org = make_office(folder)

        from coordinator_app import i18n
        from coordinator_app.core.records.service import Workspace
        from coordinator_app.core.store.db import open_database
        from coordinator_app.ui import language
        from coordinator_app.ui.context import UiContext
        from coordinator_app.ui.main_window import MainWindow
        from coordinator_app.ui.sync_peer_picker import PeerPicker

        i18n.set_language(args.lang)
        language.install_qt_translators(app, args.lang)
        shots = _screenshots_module()
        full = args.full or folder / "full"
        full.mkdir(parents=True, exist_ok=True)
        args.out.mkdir(parents=True, exist_ok=True)

        def save(widget, what: str) -> None:
            for _round in range(10):
                app.processEvents()
            path = full / f"sync-{what}-{args.lang}.png"
            widget.grab().save(str(path))
            target = args.out / path.name
            shots.reduced(path, target)
            print(target)

        office.home("plunge")
        db = open_database(office.db("plunge"))
        try:
            window = MainWindow(UiContext(Workspace(db)))
            window.resize(*SIZE)
            window.show()
            window.welcome.finished.emit()
            window.open_record("organization", org)
            save(window, "editor")
            dialog = window.open_sync()
            dialog.resize(1100, 640)
            save(dialog, "laptops")
            dialog.show_conflicts()
            dialog.conflicts.table.setCurrentCell(0, 3)
            save(dialog, "conflicts")
            picker = PeerPicker(dialog.peers, dialog)
            picker.show()
            save(picker, "write-for")
            picker.close()
            dialog.add_laptop(folder / f"{NEWCOMER[0]}.key")
            dialog.adding.choice.partner.click()
            save(dialog.adding, "add-laptop")
            dialog.adding.reject()
            dialog.close()
            window.close()
        finally:
            db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
