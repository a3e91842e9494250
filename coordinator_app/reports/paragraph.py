"""The paragraph every report prints: ReportLab's, breaking its lines once per width.

A table asks each of its paragraphs for its size while it measures its rows, again
when it splits across a page and again when it draws, always at its column's
width; ReportLab's Paragraph breaks its lines anew each time (in a 168-page pack,
17,516 line breakings for 6,173 paragraphs, a third of the whole build). The
lines depend only on the text, the style and the width, so the last breaking is
kept and given back while the width stays the same.
"""

from __future__ import annotations

from reportlab.platypus import Paragraph as _Paragraph
from reportlab.platypus.paragraph import _FUZZ

#: What Paragraph.wrap leaves on the paragraph, restored together.
_WRAPPED = ("width", "height", "blPara", "_wrapWidths", "_width_max")


class Paragraph(_Paragraph):
    """A Paragraph that remembers its lines for the last width it was wrapped to."""

    _wrapped: tuple | None = None

    def wrap(self, availWidth, availHeight):  # noqa: N802, N803 - ReportLab's names
        kept = self._wrapped
        if kept is not None and kept[0] == availWidth:
            for name, value in zip(_WRAPPED, kept[1:]):
                setattr(self, name, value)
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        if availWidth >= _FUZZ:  # narrower, ReportLab breaks no lines and keeps none
            self._wrapped = (availWidth, *(getattr(self, name, None) for name in _WRAPPED))
        return size
