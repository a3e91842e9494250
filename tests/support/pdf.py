"""Reading printed reports back: their text, as a reader's PDF tool extracts it."""

from __future__ import annotations

from pypdf import PdfReader


def pages_text(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def flat(text: str) -> str:
    """Text with line breaks and runs of spaces as single spaces (wrapping moves them)."""
    return " ".join(text.split())


def squashed(text: str) -> str:
    """Text with no white space at all: where lines wrap, even inside a long word,
    does not matter."""
    return "".join(text.split())


def printed_whole(text: str, document: str, *, probe: int = 12, gap: int = 2000,
                  gaps: int = 12) -> bool:
    """Whether every character of `text` is in `document` (both squashed), in order.

    A long text split across pages is interrupted where a page ends: by the running
    footer and header, a table's repeated header row, the other cells of its row.
    So `text` may resume up to `gap` characters further on, at most `gaps` times;
    each resumption must match the next `probe` characters exactly, which random
    text does not do by chance. Each place `text` starts is tried (a title also
    appears cut short in the running header)."""
    text, document = squashed(text), squashed(document)
    start = document.find(text[:probe])
    while start >= 0:
        if _continues(text, document, start, probe, gap, gaps):
            return True
        start = document.find(text[:probe], start + 1)
    return False


def _continues(text: str, document: str, at: int, probe: int, gap: int, gaps: int) -> bool:
    done = 0
    while True:
        while done < len(text) and at < len(document) and document[at] == text[done]:
            done += 1
            at += 1
        if done == len(text):
            return True
        if gaps == 0:
            return False
        gaps -= 1
        resumed = document.find(text[done:done + probe], at, at + gap + probe)
        if resumed < 0:
            return False
        at = resumed
