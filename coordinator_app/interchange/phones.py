"""Phone numbers as typed, read with phonenumbers and stored as E.164 (+380671234567).

A number is read in the country of its row (or organisation, or the file); one
that does not parse as a number of any country is kept as it was typed."""

from __future__ import annotations

import re

import phonenumbers

from coordinator_app.core.records.validation import PHONE


#: A number a spreadsheet wrote as a decimal: "380501234567.0", "380501234567,00".
_DECIMAL = re.compile(r"^(\+?\d{5,})[.,]0+$")
#: A number in exponent form, as Excel shows a long one: "3.80501234567E+11", "3,8E+11".
_EXPONENT = re.compile(r"^(\d)[.,](\d+)[eE]\+?(\d{1,2})$")


def shortened(text: str) -> bool:
    """A number in exponent form with fewer digits than it had ("3.80501E+11"): the
    spreadsheet kept only the first few, and the rest cannot be read back."""
    match = _EXPONENT.match(str(text).strip())
    return bool(match) and len(match.group(2)) < int(match.group(3))


def as_typed(text: str) -> str:
    """A number as it was before a spreadsheet wrote it as a decimal or in exponent
    form with every digit kept ("3.80501234567E+11" → "380501234567")."""
    raw = str(text).strip()
    match = _DECIMAL.match(raw)
    if match:
        return match.group(1)
    match = _EXPONENT.match(raw)
    if match and len(match.group(2)) == int(match.group(3)):
        return match.group(1) + match.group(2)
    return raw


def normalise(text: str, country: str | None) -> tuple[str, bool]:
    """(the value to store, whether it is a phone number the rules accept)."""
    raw = " ".join(as_typed(text).split())
    if raw.lower().startswith("tel:"):
        raw = raw[4:]
    candidate = re.sub(r"^00", "+", raw.strip())
    try:
        number = phonenumbers.parse(candidate, (country or "UA").upper())
    except phonenumbers.NumberParseException:
        number = None
    if candidate.isdigit() and len(candidate) >= 11 and not (
            number is not None and phonenumbers.is_valid_number(number)):
        # "370612345678": an international number whose + a spreadsheet dropped when
        # it took the cell for a number.
        try:
            international = phonenumbers.parse("+" + candidate, None)
        except phonenumbers.NumberParseException:
            international = None
        if international is not None and phonenumbers.is_valid_number(international):
            number = international
    if number is not None and phonenumbers.is_possible_number(number):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), True
    return raw, bool(PHONE.match(raw))


_LITHUANIAN = set("ąčęėįšųūžĄČĘĖĮŠŲŪŽ")


def country_of(texts: list[str]) -> str | None:
    """The country a row's names suggest when nothing says it: Lithuanian letters in
    a name or employer mean a Lithuanian number ("8 612 34567"); otherwise None."""
    for text in texts:
        if _LITHUANIAN & set(text or ""):
            return "LT"
    return None
