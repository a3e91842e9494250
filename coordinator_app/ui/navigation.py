"""The list of pages down the window's left side, which steps aside on small screens.

On a window narrower than COMPACT_WIDTH (a 1024-pixel screen, a laptop's window
beside another) the list is hidden, so the list and the editor share the width;
the pages stay a key away (Ctrl+1…) and in the Go menu, and F9 (as in Thunderbird)
shows or hides the list. Once the person shows or hides it themselves, that
choice is kept, on this laptop, whatever the width.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from coordinator_app.i18n import _
from coordinator_app.ui.pages import pages
from coordinator_app.ui.pages import title as page_title
from coordinator_app.ui.settings_store import app_settings

#: Below this window width the list of pages is hidden, unless the person chose.
COMPACT_WIDTH = 1200
KEY = "window/navigation"


class Navigation(QListWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("navigation")
        self.setAccessibleName(_("Pages"))
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.setFont(font)
        line = QFontMetrics(font).height()
        for number, name in enumerate(pages(), start=1):
            item = QListWidgetItem(_(page_title(name)), self)
            item.setToolTip(f"{_(page_title(name))} (Ctrl+{number})")
            item.setSizeHint(QSize(0, line * 2))
        width = max(QFontMetrics(font).horizontalAdvance(_(page_title(name)))
                    for name in pages())
        self.setFixedWidth(width + 2 * line)
        chosen = app_settings().value(KEY)
        #: "shown" or "hidden" when the person chose; None to follow the window's width.
        self.chosen = chosen if chosen in ("shown", "hidden") else None

    def fit(self, window_width: int) -> None:
        """Shown or hidden as chosen, or as the window's width allows."""
        if self.chosen is not None:
            self.setVisible(self.chosen == "shown")
        else:
            self.setVisible(window_width >= COMPACT_WIDTH)

    def choose(self, shown: bool) -> None:
        """The person shows or hides the list: kept from now on."""
        self.chosen = "shown" if shown else "hidden"
        settings = app_settings()
        settings.setValue(KEY, self.chosen)
        settings.sync()
        self.setVisible(shown)
