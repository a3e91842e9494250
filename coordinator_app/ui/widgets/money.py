"""Money in forms: amounts typed as text ("1 200 000,50"), stored as integer minor
units of their currency (cents; none for JPY), never as a float."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any, Callable

from babel.numbers import format_decimal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from coordinator_app.core import vocab
from coordinator_app.core.errors import ValidationError
from coordinator_app.core.formatting import babel_locale
from coordinator_app.core.text import clean
from coordinator_app.core.validation import LARGEST_NUMBER, amount_too_large
from coordinator_app.i18n import _
from coordinator_app.ui.widgets.fields import Field


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
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite():  # Decimal reads "inf" and "nan" too
        raise ValidationError(_("“{value}” is not an amount of money (e.g. 1200000.50)").format(
            value=text.strip()))
    digits = vocab.minor_units(currency or "EUR")
    if amount.copy_abs() > Decimal(LARGEST_NUMBER).scaleb(-digits):
        # Said before scaling: "1e999999999" would overflow, or become a huge int.
        raise ValidationError(amount_too_large(currency))
    minor = amount.scaleb(digits)
    if minor != minor.to_integral_value():
        raise ValidationError(_("“{value}” has more decimal places than {currency} allows").format(
            value=text.strip(), currency=currency or "EUR"))
    return int(minor)


def money_text(minor: int | None, currency: str | None) -> str:
    """The amount as the interface language writes it ("186 000,50", "186,000.50");
    parse_money reads it back to the same minor units."""
    if minor is None:
        return ""
    digits = vocab.minor_units(currency or "EUR")
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(Decimal(minor).scaleb(-digits), format=pattern,
                          locale=babel_locale(), decimal_quantization=False)


class MoneyField(Field):
    """An amount stored as integer minor units, with or without its currency code."""

    def __init__(self, amount: str, currency: str | None = None,
                 currency_of: Callable[[], str | None] | None = None,
                 parent: QWidget | None = None):
        super().__init__((amount,) + ((currency,) if currency else ()), parent)
        self.currency_of = currency_of
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(money_text(0, currency_of() if currency_of else None))
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.edit.textChanged.connect(self._edited)
        self.edit.editingFinished.connect(self._commit)
        self.add_input(self.edit, 2)
        self.code: QLineEdit | None = None
        if currency:
            self.code = QLineEdit(self)
            self.code.setPlaceholderText("EUR")
            self.code.setMaxLength(3)
            self.code.setMaximumWidth(self.code.fontMetrics().horizontalAdvance("WWWW") + 16)
            self.code.textChanged.connect(self._edited)
            self.code.editingFinished.connect(self._commit)
            self._row.addWidget(self.code)
            # Beside its currency code in a form, an amount needs no full width.
            self.edit.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance("0" * 18) + 16)
            self._row.addStretch(1)

    def currency(self) -> str | None:
        if self.code is not None:
            return clean(self.code.text().upper())
        return self.currency_of() if self.currency_of else None

    def values(self) -> dict[str, Any]:
        currency = self.currency()
        values: dict[str, Any] = {}
        if self.code is not None:
            values[self.names[1]] = currency
        try:
            values[self.names[0]] = parse_money(self.edit.text(), currency)
        except ValidationError as exc:
            exc.field = self.names[0]
            raise
        return values

    def _show(self, values: dict[str, Any]) -> None:
        currency = values.get(self.names[1]) if self.code is not None else self.currency()
        if self.code is not None:
            self.code.setText(currency or "")
        self.edit.setText(money_text(values.get(self.names[0]), currency))
