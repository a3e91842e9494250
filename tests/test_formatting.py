"""Dates, numbers and money read as each language writes them."""

from __future__ import annotations

import os
import time
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest

from coordinator_app import i18n
from coordinator_app.core.text.formatting import (
    DATETIME_GLUE,
    LARGEST_NUMBER,
    LOCALES,
    NUMERIC_DATE,
    PLAIN_CLDR,
    format_date,
    format_datetime,
    format_money,
    format_number,
)

NBSP = "\u00a0"
SIGNED = date(2026, 2, 11)


@pytest.fixture
def kyiv_time():
    """The laptop's clock set to Kyiv (UTC+2 in February)."""
    if not hasattr(time, "tzset"):
        pytest.skip("time zones cannot be switched on this platform")
    old = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Kyiv"
    time.tzset()
    yield
    if old is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = old
    time.tzset()


def test_memorandum_date_in_each_language():
    assert format_date(SIGNED, "uk") == "11.02.2026"
    assert format_date(SIGNED, "lt") == "2026-02-11"
    assert format_date(SIGNED, "en") == "11 Feb 2026"


def test_numeric_dates_and_times_read_as_babel_writes_their_patterns(kyiv_time):
    # Written out without Babel's dates module (the first window shows dates before it
    # would be loaded): the same text as Babel's, every day of a leap year and of
    # years written with fewer digits, and every minute of a day in Kyiv's time.
    from datetime import timedelta

    from babel.dates import format_date as babel_date
    from babel.dates import format_time as babel_time

    days = [date(2024, 1, 1) + timedelta(days=n) for n in range(366)]
    days += [date(1, 1, 1), date(999, 9, 9), date(2026, 12, 31), date(9999, 12, 31)]
    for lang, pattern in NUMERIC_DATE.items():
        for day in days:
            assert format_date(day, lang) == babel_date(day, pattern, locale=LOCALES[lang])
        start = datetime(2026, 3, 29, 0, 0, tzinfo=timezone.utc)  # the clocks go forward
        for minute in range(0, 24 * 60, 7):
            moment = start + timedelta(minutes=minute)
            local = moment.astimezone()
            expected = DATETIME_GLUE[lang].format(
                babel_time(local.timetz().replace(tzinfo=None), "HH:mm", locale=LOCALES[lang]),
                babel_date(local.date(), pattern, locale=LOCALES[lang]))
            assert format_datetime(moment, lang) == expected


def test_whole_numbers_read_as_babel_writes_them():
    # Whole numbers are written without loading a locale's data (the first window shows
    # counts before Babel would be loaded): the same text as Babel's.
    from babel.numbers import format_decimal

    numbers = [*range(-1100, 1100, 7), 999_999, 1_000_000, -12_345_678, LARGEST_NUMBER,
               2**53 - 1, 10**20]
    numbers += [float(n) for n in numbers if abs(n) < 2**53]
    numbers += [0.0, -0.0, 2.0**53, 1e20, 1234.5, -0.25, 40.0000001]
    for lang, locale in LOCALES.items():
        for number in numbers:
            assert format_number(number, lang) == format_decimal(number, locale=locale), number


def test_the_plain_cldr_data_is_babels():
    from babel import Locale

    for lang, locale in LOCALES.items():
        data = Locale.parse(locale)
        months = data.months["format"]["abbreviated"]
        assert PLAIN_CLDR[lang]["months"] == tuple(months[m] for m in range(1, 13))
        assert PLAIN_CLDR[lang]["group"] == data.number_symbols["latn"]["group"]


def test_long_dates_for_running_text():
    assert format_date(SIGNED, "uk", style="long") == "11 лютого 2026\u202fр."
    assert format_date(SIGNED, "lt", style="long") == "2026 m. vasario 11 d."
    assert format_date(SIGNED, "en", style="long") == "11 February 2026"


def test_missing_values_are_blank():
    assert format_date(None) == ""
    assert format_datetime(None) == ""
    assert format_number(None) == ""
    assert format_money(None, "EUR") == ""


def test_stored_utc_moment_shows_local_wall_clock(kyiv_time):
    moment = datetime(2026, 2, 11, 22, 30, tzinfo=timezone.utc)
    # 00:30 next day in Kyiv: the date moves too.
    assert format_datetime(moment, "uk") == "12.02.2026, 00:30"
    assert format_datetime(moment, "lt") == "2026-02-12 00:30"
    assert format_date(moment, "uk") == "12.02.2026"
    # Naive values are UTC, as the database stores them.
    assert format_datetime(moment.replace(tzinfo=None), "en") == "12 Feb 2026, 00:30"


def test_numbers_use_the_languages_separators():
    assert format_number(1234567.5, "uk") == f"1{NBSP}234{NBSP}567,5"
    assert format_number(Decimal("1234567.5"), "lt") == f"1{NBSP}234{NBSP}567,5"
    assert format_number(1234567.5, "en") == "1,234,567.5"
    assert format_number(40, "uk") == "40"


def test_money_from_minor_units():
    assert format_money(123456789, "EUR", "lt") == f"1{NBSP}234{NBSP}567,89{NBSP}EUR"
    assert format_money(123456789, "UAH", "uk") == f"1{NBSP}234{NBSP}567,89{NBSP}UAH"
    assert format_money(123456789, "EUR", "en") == f"EUR{NBSP}1,234,567.89"
    # A letter code never runs into the digits.
    assert format_money(150000, "UAH", "en") == f"UAH{NBSP}1,500.00"
    assert format_money(-5, "eur", "en") == f"-EUR{NBSP}0.05"


def test_every_currency_reads_as_its_code_in_every_language():
    # A locale's symbols cover some currencies only: uk wrote "₴" beside "EUR".
    for lang in ("uk", "lt", "en"):
        shown = [format_money(48000000, code, lang) for code in ("EUR", "UAH", "USD")]
        assert [text.replace(NBSP, " ").split(" ")[0 if lang == "en" else -1]
                for text in shown] == ["EUR", "UAH", "USD"], shown


def test_money_keeps_the_currencys_own_decimals():
    assert format_money(1500, "JPY", "en") == f"JPY{NBSP}1,500"
    assert format_money(1500, "KWD", "lt") == f"1,500{NBSP}KWD"


def test_default_language_is_the_current_one():
    previous = i18n.current_language()
    try:
        i18n.set_language("uk")
        assert format_date(SIGNED) == "11.02.2026"
        assert format_number(2.5) == "2,5"
        i18n.set_language("lt")
        assert format_date(SIGNED) == "2026-02-11"
    finally:
        i18n.set_language(previous)


def test_changing_language_changes_the_default_every_time():
    previous = i18n.current_language()
    try:
        for lang, expected in [("uk", "2,5"), ("en", "2.5"), ("lt", "2,5"), ("en", "2.5")]:
            i18n.set_language(lang)
            assert format_number(2.5) == expected
            assert format_money(250, "EUR") == format_money(250, "EUR", lang)
    finally:
        i18n.set_language(previous)
