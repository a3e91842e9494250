"""Record text printed for a reader of one language (core.records.languages).

A report is written entirely in its language, the records' own text included.
Where a value is missing in that language the original is printed instead, with
its language named beside it in small capitals ("EN"), never silently mixed in.
`ReaderText` is that text: a plain string everywhere (sorting, joining, PDF
metadata), which the report's paragraphs print with its tag (`markup`).
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from coordinator_app.core.records import languages
from coordinator_app.core.text.normal import nfc


class ReaderText(str):
    """Text for the reader; `lang` is the original's language where it stands in for
    a missing translation, else None."""

    lang: str | None = None

    def __new__(cls, text: str, lang: str | None = None):
        made = super().__new__(cls, text)
        made.lang = lang
        return made


def reader_text(obj: Any, field: str, lang: str) -> ReaderText | None:
    """A record's field for a reader of `lang` (None where it has no text at all)."""
    if obj is None:
        return None
    shown = languages.for_reader(obj, field, lang)
    if shown.text is None:
        return None
    return ReaderText(shown.text, shown.lang)


def tag(lang: str) -> str:
    """The discreet mark of a text printed in another language than the report's."""
    return f'\u00a0<font size="6.5">[{lang.upper()}]</font>'


def markup(text: Any) -> str:
    """Paragraph markup for `text`, escaped, with its language tag if it has one."""
    body = escape(nfc(str(text)))
    lang = getattr(text, "lang", None)
    return body + tag(lang) if lang else body


def joined(items: list[Any], separator: str = "; ") -> str:
    """Markup of several texts in one line, each with its own tag."""
    return escape(separator).join(markup(item) for item in items)
