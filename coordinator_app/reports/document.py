"""The page every report is printed on: A4, running header and footer, outline.

Each page carries the report's title, the date it was made, how fresh its data
is ("data as of": the newest entry of the change journal) and "page X of Y".
Y is known only when the last page is laid out, so the canvas keeps every page
open until the end and draws the header and footer in `save()`; the page numbers
of the briefing pack's contents are drawn then too (see reports.contents), so
every report is laid out in one pass.

Headings that should appear in the PDF's bookmarks are `Heading` paragraphs;
the document template turns each into an outline entry and notes the page it
landed on for the contents.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from coordinator_app import __version__
from coordinator_app.core.errors import CoordinatorError
from coordinator_app.core.text.formatting import format_datetime
from coordinator_app.core.store.safe_write import output_path, reason_text, replacing
from coordinator_app.i18n import _, gettext_in
from coordinator_app.reports import fonts
from coordinator_app.reports.paragraph import Paragraph
from coordinator_app.reports.record_text import markup

PAGE = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 22 * mm
MARGIN_BOTTOM = 20 * mm
#: Where the running header and footer sit, inside the top and bottom margins.
HEADER_Y = PAGE[1] - 12 * mm
FOOTER_Y = 10 * mm
RUNNING_SIZE = 7.5


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class ReportInfo:
    """What the running header, the footer and the PDF's metadata say."""

    title: str
    subject: str
    lang: str
    generated_at: datetime
    data_as_of: datetime | None
    #: Who the document is from: the app, in the report's language.
    author: str = "Coordinator"


class Heading(Paragraph):
    """A heading that gets a PDF bookmark at `level` (and a contents line if `toc`)."""

    def __init__(self, text: str, style, *, level: int, key: str, toc: bool,
                 outline: bool = True):
        marked = markup(text)  # with its language tag, if it stands in for a translation
        text = nfc(text)
        super().__init__(marked, style)
        self.outline_text = text
        #: The contents draw their lines as paragraphs, which read markup: a title with
        #: "<b>" or "&" in it must reach them escaped.
        self.contents_text = marked
        self.level = level
        self.key = key
        self.toc = toc
        self.outline = outline


class RuledHeading(Flowable):
    """A heading with a rule under it, laid out and moved to the next page as one.

    ReportLab's KeepTogether would do the same by laying its content out in a copy
    of the frame and then once more in the frame itself; a report has a few hundred
    such headings."""

    def __init__(self, heading: Heading, rule: Flowable):
        super().__init__()
        self.heading = heading
        self.rule = rule
        self._gap = max(heading.getSpaceAfter(), rule.getSpaceBefore())

    def getSpaceBefore(self):  # noqa: N802 - ReportLab's name
        return self.heading.getSpaceBefore()

    def getSpaceAfter(self):  # noqa: N802 - ReportLab's name
        return self.rule.getSpaceAfter()

    def wrap(self, availWidth, availHeight):  # noqa: N802, N803 - ReportLab's names
        width, height = self.heading.wrap(availWidth, availHeight)
        rule_width, self._rule_height = self.rule.wrap(availWidth, availHeight)
        self.width = max(width, rule_width)
        self.height = height + self._gap + self._rule_height
        return self.width, self.height

    def split(self, availWidth, availHeight):  # noqa: N802, N803 - ReportLab's names
        # Taller than any page only when the heading is: then it goes its own way.
        self.wrap(availWidth, availHeight)
        return [] if self.height <= PAGE[1] - MARGIN_TOP - MARGIN_BOTTOM else [
            self.heading, self.rule]

    def draw(self):
        self.heading.drawOn(self.canv, 0, self._rule_height + self._gap)
        self.rule.drawOn(self.canv, 0, 0)


def _fit(text: str, font: str, size: float, width: float) -> str:
    """`text`, shortened with an ellipsis so that it fits `width`."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def canvas_class(info: ReportInfo) -> type[Canvas]:
    """A canvas that draws the running header and footer once the page count is known."""

    lang = info.lang
    generated = nfc(gettext_in(lang, "Generated {moment}").format(
        moment=format_datetime(info.generated_at, lang)))
    as_of = nfc(gettext_in(lang, "Data as of {moment}").format(
        moment=format_datetime(info.data_as_of, lang)) if info.data_as_of
        else gettext_in(lang, "Data as of: no data recorded yet"))
    page_of = nfc(gettext_in(lang, "Page {page} of {pages}"))

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []
            self._marks: dict[int, list[tuple[str, float, float]]] = {}
            #: The page each heading landed on, by its key.
            self._heading_pages: dict[str, int] = {}
            #: Page numbers drawn at the end: (form name, heading key, style, room, dots).
            self._late: list[tuple[str, str, object, float, str]] = []

        def showPage(self):  # noqa: N802 - ReportLab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def mark(self, key: str, left: float, top: float) -> None:
            """A bookmark here. Pages reach the PDF only in save(), and a bookmark
            names the page being written, so it is set then."""
            self._marks.setdefault(self._pageNumber, []).append((key, left, top))

        def note_heading(self, key: str) -> None:
            self._heading_pages[key] = self._pageNumber

        def late_page_number(self, key: str, style, width: float, dots: str) -> None:
            """Leave the rest of the line, up to `width`, for the page number of the
            heading `key`, drawn in save() once every heading has its page. Called by
            a paragraph while it draws, at the end of its text."""
            x, y = self._curr_tx_info["cur_x"], self._curr_tx_info["cur_y"]
            name = f"contents{len(self._late)}"
            self._late.append((name, key, style, width - x, dots))
            self.saveState()
            self.translate(x, y)
            self.doForm(name)
            self.linkRect("", key, (0, -2, width - x, style.leading - 2), relative=1)
            self.restoreState()

        def _draw_late_page_numbers(self) -> None:
            for name, key, style, room, dots in self._late:
                number = str(self._heading_pages.get(key, ""))
                font, size = style.fontName, style.fontSize
                number_width = stringWidth(number, font, size)
                dot_width = stringWidth(dots, font, size) if dots else 0
                count = int((room - number_width) / dot_width) if dot_width else 0
                self.beginForm(name, lowerx=0, lowery=-size, upperx=max(room, 1),
                               uppery=2 * size)
                self.setFont(font, size)
                self.setFillColor(style.textColor)
                self.drawRightString(room, 0, count * dots + number)
                self.endForm()

        def save(self):
            total = len(self._pages)
            marks = self._marks
            self._draw_late_page_numbers()
            for state in self._pages:
                self.__dict__.update(state)
                for key, left, top in marks.get(self._pageNumber, ()):
                    self.bookmarkPage(key, fit="XYZ", left=left, top=top)
                self._running(total)
                super().showPage()
            super().save()

        def _running(self, total: int) -> None:
            width = PAGE[0] - 2 * MARGIN_X
            self.saveState()
            self.setFillGray(0)
            self.setStrokeGray(0)
            self.setLineWidth(0.4)
            self.setFont(fonts.REGULAR, RUNNING_SIZE)
            right = PAGE[0] - MARGIN_X
            self.drawRightString(right, HEADER_Y, generated)
            title_room = width - stringWidth(generated, fonts.REGULAR, RUNNING_SIZE) - 8 * mm
            self.setFont(fonts.BOLD, RUNNING_SIZE)
            self.drawString(MARGIN_X, HEADER_Y, _fit(info.title, fonts.BOLD, RUNNING_SIZE,
                                                     title_room))
            self.line(MARGIN_X, HEADER_Y - 2 * mm, right, HEADER_Y - 2 * mm)
            self.line(MARGIN_X, FOOTER_Y + 4 * mm, right, FOOTER_Y + 4 * mm)
            self.setFont(fonts.REGULAR, RUNNING_SIZE)
            self.drawString(MARGIN_X, FOOTER_Y, as_of)
            self.setFont(fonts.BOLD, RUNNING_SIZE)
            self.drawRightString(right, FOOTER_Y,
                                 page_of.format(page=self._pageNumber, pages=total))
            self.restoreState()

    return NumberedCanvas


class ReportDocument(BaseDocTemplate):
    """A4 portrait, one frame; turns `Heading`s into bookmarks and contents lines."""

    def __init__(self, path: Path, info: ReportInfo,
                 on_flowable: Callable[[], None] | None = None):
        fonts.register_fonts()
        super().__init__(
            str(path), pagesize=PAGE,
            leftMargin=MARGIN_X, rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
            title=info.title, author=info.author, subject=info.subject,
            creator=f"Coordinator {__version__}", producer=f"Coordinator {__version__}",
            lang=info.lang, displayDocTitle=True,
            # No standard PDF font may slip in: everything printed uses the shipped face.
            initialFontName=fonts.REGULAR, initialFontSize=10,
        )
        self.info = info
        self.on_flowable = on_flowable
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])

    def afterFlowable(self, flowable) -> None:  # noqa: N802 - ReportLab's name
        if self.on_flowable is not None:
            self.on_flowable()
        heading = flowable.heading if isinstance(flowable, RuledHeading) else flowable
        if not isinstance(heading, Heading):
            return
        if heading.outline:
            top = self.frame._y + flowable.height + flowable.getSpaceAfter() + 6
            self.canv.mark(heading.key, self.frame._x1, top)
            self.canv.addOutlineEntry(heading.outline_text, heading.key,
                                      level=heading.level, closed=heading.level >= 1)
        if heading.toc:
            self.canv.note_heading(heading.key)


def write_pdf(path: Path, info: ReportInfo, story: list,
              on_flowable: Callable[[], None] | None = None) -> Path:
    """Lay out `story` into `path`, in one pass (contents included: reports.contents).
    The file appears whole or not at all (a half-written PDF would open as a broken
    document on a laptop that lost power), and a device, folder or link at `path` is
    refused before any work is done (see core.store.safe_write)."""
    target = output_path(path)
    try:
        with replacing(target) as temporary:
            doc = ReportDocument(temporary, info, on_flowable)
            doc.build(story, canvasmaker=canvas_class(info))
    except OSError as exc:
        raise CoordinatorError(_("The report could not be written to {path}: {reason}").format(
            path=target, reason=reason_text(exc))) from exc
    return target
