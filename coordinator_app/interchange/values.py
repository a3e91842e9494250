"""Cell text read as what a field holds: dates, countries, choices, money.

Each reader returns the value or raises ValueError with a message for the
person (which cell is added by the caller)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from coordinator_app.core.records import countries, vocab
from coordinator_app.core.errors import ValidationError
from coordinator_app.core.text.folding import fold
from coordinator_app.i18n import LANGUAGES, _, gettext_in
from coordinator_app.interchange.table import cell_text

_DMY = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})$")
#: A date cell a CSV wrote as Excel's day number ("45699", "45699.5").
_SERIAL = re.compile(r"^\d{5}(?:[.,]\d+)?$")
_YMD = re.compile(r"^(\d{4})[./](\d{1,2})[./](\d{1,2})$")
#: Excel counts days from 30 December 1899 (its 1900 leap-year bug included).
_EXCEL_EPOCH = date(1899, 12, 30)


def read_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 < value < 80000:
        return _EXCEL_EPOCH + timedelta(days=int(value))
    text = cell_text(value)
    if _SERIAL.match(text):
        return read_date(float(text.replace(",", ".")))
    for attempt in (lambda: date.fromisoformat(text[:10]) if len(text) >= 10 else None,):
        try:
            found = attempt()
            if found:
                return found
        except ValueError:
            pass
    for pattern, order in ((_DMY, (2, 1, 0)), (_YMD, (0, 1, 2))):
        match = pattern.match(text)
        if match:
            parts = [int(g) for g in match.groups()]
            if pattern is _DMY and len(match.group(3)) == 2:
                # "11.02.26": a two-digit year is of this century up to 69, as Excel reads it.
                parts[2] += 2000 if parts[2] < 70 else 1900
            try:
                return date(parts[order[0]], parts[order[1]], parts[order[2]])
            except ValueError:
                break
    raise ValueError(_("“{value}” is not a date (YYYY-MM-DD or DD.MM.YYYY)").format(value=text))


def read_country(value: Any) -> str | None:
    text = cell_text(value)
    if not text:
        return None
    code = countries.code_of(text)
    if code is None:
        raise ValueError(_("“{value}” is not a country (a name, or a code such as UA or LT)")
                         .format(value=text))
    return code


def read_choice(value: Any, choices: dict[str, str]) -> str | None:
    """A code of a vocabulary, from its code or its label in any language of the app."""
    text = cell_text(value)
    if not text:
        return None
    folded = fold(text).replace("_", " ")
    for code, label in choices.items():
        forms = {fold(code).replace("_", " "), fold(label)}
        forms.update(fold(gettext_in(lang, label)) for lang in LANGUAGES)
        if folded in forms:
            return code
    raise ValueError(_("“{value}” is not one of: {choices}").format(
        value=text, choices=", ".join(choices)))


_SYMBOLS = {"€": "EUR", "$": "USD", "₴": "UAH", "грн": "UAH", "£": "GBP", "zł": "PLN",
            "zl": "PLN"}


def read_money(value: Any, currency: str | None) -> tuple[int | None, str | None]:
    """(minor units, currency): "€ 12 000", "12 000,50 грн", "UAH 480000" or a number,
    in `currency` unless the cell names its own."""
    from coordinator_app.core.text.formatting import parse_money

    if value is None or value == "":
        return None, currency
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        text = repr(float(value)) if isinstance(value, float) else str(value)
    else:
        text = cell_text(value)
    for symbol, code in _SYMBOLS.items():
        if symbol in text:
            currency = currency or code
            text = text.replace(symbol, "")
    named = re.search(r"\b([A-Za-z]{3})\b", text)
    if named and named.group(1).upper() in vocab.CURRENCIES:
        currency = currency or named.group(1).upper()
        text = text.replace(named.group(1), "")
    try:
        return parse_money(text, currency), currency
    except ValidationError as exc:
        raise ValueError(exc.message) from None


def read_number(value: Any) -> float | None:
    """A quantity: a number cell, or text typed as people type numbers ("1 200,5",
    "1,200.5", "40 шт." with the unit after it)."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = cell_text(value).replace("\u00a0", " ")
    exponent = re.match(r"^\s*([-+]?\d+(?:[.,]\d+)?[eE][-+]?\d+)\s*$", text)
    if exponent:  # "1,2E+02": a spreadsheet's way to write 120
        return float(exponent.group(1).replace(",", "."))
    match = re.match(r"^\s*([-+]?[\d\s.,']+)", text)
    digits = re.sub(r"[\s']", "", match.group(1)) if match else ""
    if "," in digits and "." in digits:
        # The last of the two marks the decimals: "1.200,5" or "1,200.5".
        thousands = "." if digits.rfind(",") > digits.rfind(".") else ","
        digits = digits.replace(thousands, "").replace(",", ".")
    else:
        digits = digits.replace(",", ".")
    try:
        return float(digits)
    except ValueError:
        raise ValueError(_("“{value}” is not a number").format(value=text)) from None


def split_values(text: str, *, commas: bool = True) -> list[str]:
    """Several values typed in one cell: "a@x.ua; b@x.ua", Google's "a ::: b", lines."""
    pattern = r"\s*(?::::|;|\n|,)\s*" if commas else r"\s*(?::::|;|\n)\s*"
    return [part.strip() for part in re.split(pattern, text) if part.strip()]
