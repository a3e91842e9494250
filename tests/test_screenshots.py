"""`make screenshots`: every page at 1280×800, from the demo, in the language asked."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from coordinator_app import i18n

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "screenshots.py"


def test_each_page_is_written_at_1280_by_800_in_the_language_asked(qtbot, tmp_path,
                                                                   own_qt_settings):
    spec = importlib.util.spec_from_file_location("screenshots", SCRIPT)
    screenshots = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(screenshots)
    try:
        saved = screenshots.shoot("lt", tmp_path / "lt", QApplication.instance())
    finally:
        from coordinator_app.ui import language

        i18n.set_language("en")
        language.install_qt_translators(QApplication.instance(), "en")
    from coordinator_app.ui.main_window import MainWindow

    # Its window is gone: a test after this one finds only the windows it made.
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    names = [path.stem for path in saved]
    assert names == ["00-welcome", "01-dashboard", "02-organization", "03-person",
                     "04-agreement", "05-project", "06-activity", "07-need"]
    for path in saved:
        image = QImage(str(path))
        assert (image.width(), image.height()) == (1280, 800), path.name
    # Not blank: a page of records has many colours (text, selection, lines).
    image = QImage(str(tmp_path / "lt" / "04-agreement.png"))
    colours = {image.pixel(x, y) for x in range(0, 1280, 7) for y in range(0, 800, 7)}
    assert len(colours) > 20
    screenshots.reduced(tmp_path / "lt" / "01-dashboard.png", tmp_path / "small.png")
    full = (tmp_path / "lt" / "01-dashboard.png").stat().st_size
    assert (tmp_path / "small.png").stat().st_size < full
