"""Text normalisation: everything stored is NFC; folding is for search only."""

from __future__ import annotations

import unicodedata


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def clean(value: str | None) -> str | None:
    """NFC, trimmed; an empty string becomes None so 'blank' has one meaning."""
    if value is None:
        return None
    value = nfc(value).strip()
    return value or None


def strip_marks(value: str) -> str:
    decomposed = unicodedata.normalize("NFD", value)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
