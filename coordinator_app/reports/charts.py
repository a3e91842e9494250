"""Charts drawn with reportlab.graphics, legible on a black-and-white printer.

Bars are mid-grey with a black outline and carry their count at the end, so
the chart reads without colour and without measuring against the axis.
"""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit

from coordinator_app.reports import fonts
from coordinator_app.reports.document import nfc

LABEL_SIZE = 7.5
LINE = LABEL_SIZE * 1.2


def _wrap(text: str, width: float) -> list[str]:
    lines = simpleSplit(nfc(text), fonts.REGULAR, LABEL_SIZE, width)
    return lines[:3] if len(lines) <= 3 else lines[:2] + [lines[2].rstrip() + "…"]


CAPTION_ROOM = 18
AXIS_ROOM = 16


def horizontal_bars(items: list[tuple[str, int]], width: float, caption: str,
                    max_height: float) -> list[Drawing]:
    """One bar per (label, count), longest first in the order given, top to bottom.

    A drawing cannot split across pages, so bars that would not fit in `max_height`
    go on in further drawings, each on the same scale; only the first has the caption."""
    label_width = width * 0.38
    wrapped = [_wrap(label, label_width - 6) for label, _ in items]
    row = max(16.0, max((len(lines) for lines in wrapped), default=1) * LINE + 5)
    per_drawing = max(1, int((max_height - CAPTION_ROOM - AXIS_ROOM) // row))
    top = max((count for _, count in items), default=1)
    return [_bars(items[start:start + per_drawing], wrapped[start:start + per_drawing],
                  width, label_width, row, top, "" if start else caption)
            for start in range(0, max(len(items), 1), per_drawing)]


def _bars(items: list[tuple[str, int]], wrapped: list[list[str]], width: float,
          label_width: float, row: float, top: int, caption: str) -> Drawing:
    plot_height = row * max(len(items), 1)
    drawing = Drawing(width, plot_height + (CAPTION_ROOM if caption else 0) + AXIS_ROOM)
    # The renderer starts every drawing in its default font (Helvetica, which the PDF
    # would not embed) unless the drawing names its own.
    drawing.initialFontName = fonts.REGULAR
    drawing.initialFontSize = LABEL_SIZE
    if caption:
        drawing.add(String(0, drawing.height - 11, nfc(caption), fontName=fonts.BOLD,
                           fontSize=9))

    chart = HorizontalBarChart()
    chart.x = label_width
    chart.y = AXIS_ROOM
    chart.width = width - label_width - 24
    chart.height = plot_height
    # The bar chart draws the first category at the bottom; reverse to read top-down.
    chart.data = [[count for _, count in reversed(items)]]
    chart.categoryAxis.categoryNames = ["\n".join(lines) for lines in reversed(wrapped)]
    chart.categoryAxis.labels.fontName = fonts.REGULAR
    chart.categoryAxis.labels.fontSize = LABEL_SIZE
    chart.categoryAxis.labels.leading = LINE
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.textAnchor = "end"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = colors.black
    chart.categoryAxis.tickLeft = 0
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(top, 1) + (1 if top < 5 else top // 5)
    chart.valueAxis.valueStep = max(1, (top + 4) // 5)
    chart.valueAxis.labels.fontName = fonts.REGULAR
    chart.valueAxis.labels.fontSize = LABEL_SIZE
    chart.valueAxis.labelTextFormat = "%d"
    chart.valueAxis.strokeColor = colors.black
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.Color(0.8, 0.8, 0.8)
    chart.valueAxis.gridStrokeWidth = 0.3
    chart.bars[0].fillColor = colors.Color(0.6, 0.6, 0.6)
    chart.bars[0].strokeColor = colors.black
    chart.bars[0].strokeWidth = 0.5
    chart.barWidth = 8
    chart.groupSpacing = max(2, row - 10)
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = fonts.BOLD
    chart.barLabels.fontSize = LABEL_SIZE
    chart.barLabels.nudge = 6
    chart.barLabels.boxAnchor = "w"
    drawing.add(chart)
    return drawing
