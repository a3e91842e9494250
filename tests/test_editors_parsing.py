"""What the form fields make of typed dates and amounts of money."""

from __future__ import annotations

from datetime import date

import pytest

from coordinator_app.core.errors import ValidationError
from coordinator_app.ui.widgets.dates import parse_date
from coordinator_app.core.text.formatting import parse_money
from coordinator_app.ui.widgets.money import money_text


@pytest.mark.parametrize("typed, minor", [
    ("186000", 18600000),
    ("186000.50", 18600050),
    ("186 000,50", 18600050),          # Ukrainian and Lithuanian writing
    ("186\u00a0000,50", 18600050),     # with the no-break space a copied figure has
    ("186,000.50", 18600050),          # English writing
    ("186.000,50", 18600050),          # German writing
    ("0,5", 50),
    ("186,000", 18600000),             # English thousands, not 186 with three decimals
    ("1,200,000", 120000000),
    ("0,500", 50),
    ("", None),
])
def test_amounts_in_the_ways_people_write_them(typed, minor):
    assert parse_money(typed, "EUR") == minor


def test_minor_units_follow_the_currency():
    assert parse_money("1500", "JPY") == 1500
    assert parse_money("1.250", "KWD") == 1250
    assert money_text(1500, "JPY") == "1,500"
    assert money_text(18600050, "EUR") == "186,000.50"


@pytest.mark.parametrize("lang, shown", [
    ("en", "186,000.50"), ("uk", "186\u00a0000,50"), ("lt", "186\u00a0000,50")])
def test_amounts_are_shown_as_the_language_writes_them_and_read_back(lang, shown):
    from coordinator_app import i18n

    i18n.set_language(lang)
    assert money_text(18600050, "EUR") == shown
    for minor, currency in ((18600050, "EUR"), (1250, "KWD"), (50, "UAH"), (1500, "JPY"),
                            (123456789, "KWD"), (0, "EUR")):
        assert parse_money(money_text(minor, currency), currency) == minor


@pytest.mark.parametrize("typed, message", [
    ("lots", "not an amount of money"),
    ("10.555", "more decimal places than EUR allows"),
])
def test_what_is_not_money_is_refused(typed, message):
    with pytest.raises(ValidationError, match=message):
        parse_money(typed, "EUR")


@pytest.mark.parametrize("typed, expected", [
    ("2026-02-11", date(2026, 2, 11)),
    ("11.02.2026", date(2026, 2, 11)),
    ("11/2/2026", date(2026, 2, 11)),
    ("  ", None),
    ("31.02.2026", "31.02.2026"),  # no such day: passed on for the services to refuse
    ("someday", "someday"),
])
def test_dates_typed_in_iso_or_day_month_year(typed, expected):
    assert parse_date(typed) == expected
