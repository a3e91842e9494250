"""Screenshots of every page at 1280×800 in English, Ukrainian and Lithuanian.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py [--out DIR] [--readme DIR]
        [--size 1366x768]

Each language gets a fresh copy of the demo data set (loaded into a temporary data
folder, never the user's) and the main window at 1280×800: the welcome page of an
empty database, the dashboard, and each kind's list with its first record open.
The PNGs go to DIR/LANG/NN-page.png (default out/screenshots). With --readme, the
few pictures the README shows are written to that folder too, reduced to 256
colours so that the repository stays small. --size shoots another screen's size
(1366×768, the other laptop screen a page must fit).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZE = (1280, 800)
LANGUAGES = ("en", "uk", "lt")
#: (language, picture) shown in the README: the main pages in English, one page in
#: each of the other languages.
README = (("en", "01-dashboard"), ("en", "02-organization"), ("en", "04-agreement"),
          ("uk", "01-dashboard"), ("lt", "04-agreement"))


def _settle(app, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def shoot(lang: str, folder: Path, app, size: tuple[int, int] = SIZE) -> list[Path]:
    """Every page of a demo database in `lang`, saved in `folder`."""
    from PySide6.QtCore import QEvent, QSettings

    from coordinator_app import i18n
    from coordinator_app.core.records.service import Workspace
    from coordinator_app.core.sample.demo import load_demo
    from coordinator_app.core.store.db import open_database
    from coordinator_app.ui import language
    from coordinator_app.ui.context import UiContext
    from coordinator_app.ui.main_window import MainWindow
    from coordinator_app.ui.pages import kinds

    home = Path(tempfile.mkdtemp(prefix=f"screenshots-{lang}-"))
    os.environ["COORDINATOR_HOME"] = str(home / "home")
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, str(home / "settings"))
    i18n.set_language(lang)
    language.install_qt_translators(app, lang)
    folder.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []

    def save(window, name: str) -> None:
        _settle(app)
        path = folder / f"{name}.png"
        window.grab().save(str(path))
        saved.append(path)

    db = open_database(home / "coordinator.sqlite3")
    try:
        window = MainWindow(UiContext(Workspace(db)))
        window.resize(*size)
        window.show()
        save(window, "00-welcome")
        load_demo(window.context.workspace)
        window.welcome.finished.emit()
        window.dashboard.refresh()
        save(window, "01-dashboard")
        for number, kind in enumerate(kinds(), start=2):
            window.show_page(kind)
            page = window.list_pages[kind]
            _settle(app)
            first = page.model.id_at(0)
            if first is not None:
                page.open_record(first)
            save(window, f"{number:02d}-{kind}")
        window.close()
        # Gone before the next language's window (or a test after this one) looks for
        # the application's windows.
        window.deleteLater()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    finally:
        db.close()
    return saved


def reduced(source: Path, target: Path) -> None:
    """A copy in 256 colours: a screenshot has few, and the file is a third the size."""
    from PIL import Image

    with Image.open(source) as image:
        image.convert("RGB").quantize(256).save(target, optimize=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "screenshots")
    parser.add_argument("--readme", type=Path, help="also write the README's pictures here")
    parser.add_argument("--size", default="x".join(map(str, SIZE)),
                        help="the window's width and height, e.g. 1366x768")
    args = parser.parse_args(argv)
    size = tuple(int(part) for part in args.size.lower().split("x"))
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Coordinator")
    for lang in LANGUAGES:
        for path in shoot(lang, args.out / lang, app, size):
            print(path)
    if args.readme:
        args.readme.mkdir(parents=True, exist_ok=True)
        for lang, name in README:
            target = args.readme / f"{name[3:]}-{lang}.png"
            reduced(args.out / lang / f"{name}.png", target)
            print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
