"""Dates, numbers and money as a reader of the chosen language expects them.

Every screen, report and command formats through here, so that a date reads
"11.02.2026" to a Ukrainian, "2026-02-11" to a Lithuanian and "11 Feb 2026" in
English, and 1 234 567,50 EUR is not printed as 1234567.5. Babel carries the
CLDR data, so nothing here needs the operating system's locales (which a
Windows laptop set to English would not have). Numeric dates, times and whole
numbers are written out here as Babel writes them, from the little of CLDR's data
they need (PLAIN_CLDR): loading a locale's data through Babel imports its dates
module and time zones, some 50 ms that the first window would wait for.

`None` formats as an empty string: lists and reports show a blank cell for a
missing value rather than the word "None".
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timezone
from functools import lru_cache
from typing import TYPE_CHECKING

from coordinator_app import i18n
from coordinator_app.i18n import _
from coordinator_app.core.errors import ValidationError
from coordinator_app.core.records.vocab import minor_units

if TYPE_CHECKING:
    from decimal import Decimal

    from babel import Locale

#: The CLDR locale used for each interface language. English is British English:
#: the readers are European, and "11 Feb 2026" is unambiguous where "2/11/26" is not.
LOCALES = {"en": "en_GB", "uk": "uk_UA", "lt": "lt_LT"}

#: Numeric dates as written in each country's official documents (the CLDR "short"
#: forms use two-digit years, which a memorandum never does).
NUMERIC_DATE = {"en": "d MMM y", "uk": "dd.MM.y", "lt": "y-MM-dd"}

#: How a date and a time are joined ({0} time, {1} date), as CLDR gives it.
DATETIME_GLUE = {"en": "{1}, {0}", "uk": "{1}, {0}", "lt": "{1} {0}"}

#: What numeric dates and whole numbers need of CLDR's data for each language: the
#: months' abbreviated names and the separator of groups of digits (tests/
#: test_formatting.py holds them to Babel's).
PLAIN_CLDR = {
    "en": {"months": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept",
                      "Oct", "Nov", "Dec"),
           "group": ","},
    "uk": {"months": ("січ.", "лют.", "бер.", "квіт.", "трав.", "черв.", "лип.", "серп.",
                      "вер.", "жовт.", "лист.", "груд."),
           "group": "\u00a0"},
    "lt": {"months": ("saus.", "vas.", "kov.", "bal.", "geg.", "birž.", "liep.", "rugp.",
                      "rugs.", "spal.", "lapkr.", "gruod."),
           "group": "\u00a0"},
}

#: Separator babel leaves out between a letter currency code and a digit (CLDR's
#: currencySpacing rule): "UAH 1,200.00", not "UAH1,200.00".
_NBSP = "\u00a0"


def _lang(lang: str | None) -> str:
    lang = lang or i18n.current_language()
    return lang if lang in LOCALES else "en"


def babel_locale(lang: str | None = None) -> Locale:
    return _parsed(LOCALES[_lang(lang)])


@lru_cache(maxsize=None)
def _parsed(name: str) -> Locale:
    from babel import Locale

    return Locale.parse(name)


def to_local(value: datetime) -> datetime:
    """A stored UTC moment as the laptop's wall-clock time. Naive values are UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone()


def format_date(value: date | datetime | None, lang: str | None = None, *,
                style: str = "numeric") -> str:
    """A calendar date: style "numeric" for lists and forms, "long" for running text
    ("11 лютого 2026 р.", "2026 m. vasario 11 d.", "11 February 2026")."""
    if value is None:
        return ""
    lang = _lang(lang)
    if isinstance(value, datetime):
        value = to_local(value).date()
    if style == "numeric":
        return _numeric_date(value, lang)
    from babel.dates import format_date as babel_date

    return babel_date(value, format=style, locale=babel_locale(lang))


#: The fields of the NUMERIC_DATE patterns: day, month (MMM: its abbreviated name),
#: year, each as wide as written.
_DATE_FIELD = re.compile(r"d+|MMM|M{1,2}|y+")


def _numeric_date(value: date, lang: str) -> str:
    """`value` in the language's NUMERIC_DATE pattern, as Babel formats that pattern
    (the patterns use Latin digits and no quoted text)."""

    def field(match: re.Match) -> str:
        letter, width = match.group()[0], len(match.group())
        if letter == "d":
            return f"{value.day:0{width}d}"
        if letter == "y":
            return f"{value.year % 100:02d}" if width == 2 else f"{value.year:0{width}d}"
        if width <= 2:
            return f"{value.month:0{width}d}"
        return PLAIN_CLDR[lang]["months"][value.month - 1]

    return _DATE_FIELD.sub(field, NUMERIC_DATE[lang])


def format_datetime(value: datetime | None, lang: str | None = None) -> str:
    """A moment (stored in UTC) in local time, to the minute: "11.02.2026, 14:05"."""
    if value is None:
        return ""
    lang = _lang(lang)
    local = to_local(value)
    day = format_date(local.date(), lang)
    return DATETIME_GLUE[lang].format(f"{local.hour:02d}:{local.minute:02d}", day)


def format_ago(value: datetime, lang: str | None = None, now: datetime | None = None) -> str:
    """How long ago `value` was, in words: "2 days ago", "just now" under a minute."""
    from babel.dates import format_timedelta

    elapsed = (now or datetime.now(timezone.utc)) - value
    if elapsed.total_seconds() < 60:
        return _("just now")
    return format_timedelta(-elapsed, add_direction=True, locale=babel_locale(lang),
                            threshold=1.5)


def format_number(value: int | float | Decimal | None, lang: str | None = None) -> str:
    """A quantity with the language's grouping and decimal mark: 1 234,5 / 1,234.5."""
    if value is None:
        return ""
    whole = _whole(value)
    if whole is not None:
        digits = f"{abs(whole):,}".replace(",", PLAIN_CLDR[_lang(lang)]["group"])
        return "-" + digits if whole < 0 else digits
    from babel.numbers import format_decimal

    return format_decimal(value, locale=babel_locale(lang))


def _whole(value: int | float | Decimal) -> int | None:
    """`value` as an int where Babel writes it as one (as a whole number), else None.
    Past 2**53 a float's digits are those of its shortest repr, not of the int, and
    Babel writes -0.0 with its sign."""
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53 and (
            value or math.copysign(1.0, value) > 0):
        return int(value)
    return None


def format_money(minor: int | None, currency: str, lang: str | None = None) -> str:
    """An amount kept in integer minor units (cents, kopiykas), with its currency.

    format_money(123456789, "EUR", "lt") == "1 234 567,89 EUR" (with no-break spaces).
    The currency is always its ISO code, where it stands in the language's pattern:
    a locale knows symbols for some currencies only (Ukrainian has ₴ but writes EUR,
    Lithuanian € but UAH), and one list showed "4 200 000,00 ₴" above "480 000,00
    EUR"; a code is also never ambiguous ($, kr). The number of decimals is the
    currency's own (core.records.vocab.minor_units), so yen have none and dinars three,
    whatever the locale's pattern says.
    """
    if minor is None:
        return ""
    currency = (currency or "").upper()
    locale = babel_locale(lang)
    exponent = minor_units(currency)
    # Imported with the money, as Babel is: the first window formats dates only.
    from decimal import Decimal

    amount = Decimal(int(minor)).scaleb(-exponent)
    from babel.numbers import parse_pattern

    # ¤¤ in a pattern stands for the ISO code, ¤ for the locale's symbol.
    pattern = parse_pattern(locale.currency_formats["standard"].pattern.replace("¤", "¤¤"))
    pattern.frac_prec = (exponent, exponent)
    text = pattern.apply(amount, locale, currency=currency, currency_digits=False)
    return _space_letter_symbol(text)


def _space_letter_symbol(text: str) -> str:
    out = []
    for i, ch in enumerate(text):
        if i and (
            (ch.isdigit() and text[i - 1].isalpha()) or (ch.isalpha() and text[i - 1].isdigit())
        ):
            out.append(_NBSP)
        out.append(ch)
    return "".join(out)


#: The largest amount of money (in minor units), count or quantity accepted: ten
#: trillion in major units is beyond any budget, and far inside SQLite's 64-bit integers.
LARGEST_NUMBER = 10**15


def amount_too_large(currency: str | None) -> str:
    """What to say of an amount of money over LARGEST_NUMBER minor units."""
    return _("the amount is too large; at most {limit}").format(
        limit=format_money(LARGEST_NUMBER, currency or "EUR"))


#: Commas only between groups of three digits: thousands, not decimals.
_THOUSANDS = re.compile(r"^-?[1-9]\d{0,2}(,\d{3})+$")


def parse_money(text: str, currency: str | None) -> int | None:
    """'1 200 000,50' in EUR -> 120000050 minor units; ValidationError if not money."""
    raw = re.sub(r"[\s\u00a0\u202f']", "", text)
    if not raw:
        return None
    if "," in raw and "." in raw:
        # Both: the one written last separates the decimals.
        raw = raw.replace(",", "") if raw.rfind(".") > raw.rfind(",") else \
            raw.replace(".", "").replace(",", ".")
    elif _THOUSANDS.match(raw) and babel_locale().number_symbols["latn"]["decimal"] == ".":
        raw = raw.replace(",", "")  # "186,000" and "1,200,000" as English writes them
    else:
        raw = raw.replace(",", ".")  # a decimal comma, as Ukrainian and Lithuanian write
    from decimal import Decimal, InvalidOperation

    try:
        amount = Decimal(raw)
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite():  # Decimal reads "inf" and "nan" too
        raise ValidationError(_("“{value}” is not an amount of money (e.g. 1200000.50)").format(
            value=text.strip()))
    digits = minor_units(currency or "EUR")
    if amount.copy_abs() > Decimal(LARGEST_NUMBER).scaleb(-digits):
        # Said before scaling: "1e999999999" would overflow, or become a huge int.
        raise ValidationError(amount_too_large(currency))
    minor = amount.scaleb(digits)
    if minor != minor.to_integral_value():
        raise ValidationError(_("“{value}” has more decimal places than {currency} allows").format(
            value=text.strip(), currency=currency or "EUR"))
    return int(minor)


def language_name(code: str, lang: str | None = None, *, alone: bool = True) -> str:
    """A language's name as the reader's language writes it, from CLDR: capitalised
    where it stands alone or starts a sentence ("Литовська"), else as written inside
    one ("назва (литовська)")."""
    name = babel_locale(lang).languages.get(code) or code
    return name[:1].upper() + name[1:] if alone else name
