"""The typeface every report prints in: DejaVu Sans, shipped with the app.

The 14 standard PDF fonts have no Cyrillic and no Lithuanian ogoneks, and a
laptop's own fonts differ from one machine to the next, so reports embed the
copy in `resources/fonts`. Registering the four faces as one family lets
`<b>` and `<i>` in paragraphs pick the right file.
"""

from __future__ import annotations

import threading
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"

FAMILY = "DejaVuSans"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"

FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Make the family known to ReportLab; safe to call from any thread, any number of times."""
    global _registered
    with _lock:
        if _registered:
            return
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        for name, filename in FILES.items():
            path = FONT_DIR / filename
            if not path.is_file():
                from coordinator_app.core.errors import CoordinatorError
                from coordinator_app.i18n import _

                raise CoordinatorError(_(
                    "The report font {path} is missing; reinstall Coordinator.").format(
                        path=path))
            pdfmetrics.registerFont(TTFont(name, str(path)))
        pdfmetrics.registerFontFamily(FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC,
                                      boldItalic=BOLD_ITALIC)
        _registered = True


def covers(text: str) -> set[str]:
    """The characters of `text` the regular face has no glyph for (empty: all print)."""
    register_fonts()
    from reportlab.pdfbase import pdfmetrics

    face = pdfmetrics.getFont(REGULAR).face
    return {ch for ch in text if ch.isprintable() and ord(ch) not in face.charToGlyph}
