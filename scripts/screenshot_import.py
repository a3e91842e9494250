"""The README's picture of the import preview, made offscreen from a sample sheet.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshot_import.py [--lang uk]

Opens File → Import…'s dialog on tests/data/interchange/partner-contacts.xlsx (a
title row, two header rows under merged cells, a phone typed as a number) over a
database that already holds one of its people, so the preview shows a guessed
mapping, "new" and "same as … (update)", and saves it at the size of a 1280×800
screen's dialog to resources/screenshots/import-preview[-LANG].png.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SAMPLE = ROOT / "tests" / "data" / "interchange" / "partner-contacts.xlsx"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="en", choices=("en", "uk", "lt"))
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args()
    suffix = "" if args.lang == "en" else f"-{args.lang}"
    output = args.output or ROOT / "resources" / "screenshots" / f"import-preview{suffix}.png"
    with tempfile.TemporaryDirectory() as folder:
        os.environ["COORDINATOR_HOME"] = folder
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication

        from coordinator_app.core.records.models import Person
        from coordinator_app.core.records.service import Workspace
        from coordinator_app.core.store.db import open_database
        from coordinator_app.i18n import set_language
        from coordinator_app.ui.context import UiContext
        from coordinator_app.ui.import_dialog import ImportDialog

        for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(fmt, QSettings.Scope.UserScope, str(Path(folder) / "settings"))
        set_language(args.lang)
        app = QApplication.instance() or QApplication(sys.argv[:1])
        db = open_database(Path(folder) / "screenshot.sqlite3")
        workspace = Workspace(db)
        workspace.create(Person, full_name="Оксана Петрівна Бондаренко")
        # Opened from a folder of its own: the dialog shows the file's path.
        sheet = Path(folder) / "Documents" / SAMPLE.name
        sheet.parent.mkdir()
        shutil.copyfile(SAMPLE, sheet)
        dialog = ImportDialog(UiContext(workspace), None, sheet)
        dialog.resize(1180, 720)
        dialog.show()
        deadline = time.monotonic() + 60
        while (dialog.plan is None or dialog._busy()) and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.02)
        if dialog.plan is None:
            print("the preview did not finish in a minute", file=sys.stderr)
            return 1
        app.processEvents()
        output.parent.mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(output))
        dialog.close()
        db.close()
    print(output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
