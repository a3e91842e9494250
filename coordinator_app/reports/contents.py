"""The contents of a briefing pack: laid out once, page numbers filled in at the end.

Every heading the contents list is in the story before layout starts, so the
lines are known; only their page numbers are not. ReportLab's own table of
contents lays the whole document out a second time to learn them, which doubled
the time of a pack. Here each line ends in a PDF form named for its heading,
and the canvas (document.NumberedCanvas) draws the dots and the number into
that form when it saves the document, as it draws "page X of Y". The line
fills the same room whatever its number, so nothing moves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Table

from coordinator_app.reports.paragraph import Paragraph

#: The name of the paragraph callback that leaves room for a line's page number.
_CALLBACK = "contentsPageNumber"


@dataclass(frozen=True)
class Line:
    level: int
    #: Markup, already escaped (document.Heading.contents_text).
    text: str
    #: The heading's bookmark key: the page it lands on is the line's number.
    key: str


class Contents(Flowable):
    """The lines of the contents, each linked to its heading, with late page numbers."""

    def __init__(self, lines: Sequence[Line], level_styles: Sequence[ParagraphStyle],
                 table_style: Sequence[tuple], dots: str = " . "):
        super().__init__()
        self.lines = list(lines)
        self.level_styles = list(level_styles)
        self.table_style = list(table_style)
        self.dots = dots
        self._table: Table | None = None
        #: The lines as paragraphs, made at the first wrap: their text does not depend
        #: on the width, and a split wraps the contents again.
        self._rows: list[list[Paragraph]] | None = None

    def _style(self, level: int) -> ParagraphStyle:
        return self.level_styles[min(level, len(self.level_styles) - 1)]

    def wrap(self, availWidth, availHeight):  # noqa: N802, N803 - ReportLab's names
        styles = {line.key: self._style(line.level) for line in self.lines}

        def page_number(canvas, kind, key):
            canvas.late_page_number(key, styles[key], availWidth, self.dots)

        self.canv.setNamedCB(_CALLBACK, page_number)
        if self._rows is None:
            self._rows = [[Paragraph(f'<a href="#{line.key}">{line.text}</a>'
                                     f'<onDraw name="{_CALLBACK}" label="{line.key}"/>',
                                     self._style(line.level))] for line in self.lines]
        self._table = Table(self._rows or [[""]], colWidths=(availWidth,),
                            style=self.table_style)
        self.width, self.height = self._table.wrapOn(self.canv, availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth, availHeight):  # noqa: N802, N803 - ReportLab's names
        # The parts are plain tables: their paragraphs still call back by name.
        self.wrap(availWidth, availHeight)
        return self._table.splitOn(self.canv, availWidth, availHeight)

    def drawOn(self, canvas, x, y, _sW=0):  # noqa: N802, N803 - ReportLab's names
        self._table.drawOn(canvas, x, y, _sW)
