"""Money in forms: amounts typed as text ("1 200 000,50"), stored as integer minor
units of their currency (cents; none for JPY), never as a float."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable

from babel.numbers import format_decimal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from coordinator_app.core.records import vocab
from coordinator_app.core.errors import ValidationError
from coordinator_app.core.text.formatting import babel_locale, parse_money
from coordinator_app.core.text.normal import clean
from coordinator_app.i18n import _
from coordinator_app.ui.widgets.fields import Field


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
            self.code.setAccessibleName(_("Currency"))
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
