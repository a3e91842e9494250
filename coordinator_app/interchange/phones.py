"""Phone numbers as typed, read with phonenumbers and stored as E.164 (+380671234567).

A number is read in the country of its row (or organisation, or the file); one
that does not parse as a number of any country is kept as it was typed."""

from __future__ import annotations

import re

import phonenumbers

from coordinator_app.core.records.validation import PHONE


def normalise(text: str, country: str | None) -> tuple[str, bool]:
    """(the value to store, whether it is a phone number the rules accept)."""
    raw = " ".join(str(text).split())
    if raw.lower().startswith("tel:"):
        raw = raw[4:]
    candidate = re.sub(r"^00", "+", raw.strip())
    try:
        number = phonenumbers.parse(candidate, (country or "UA").upper())
    except phonenumbers.NumberParseException:
        number = None
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
