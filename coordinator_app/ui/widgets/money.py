"""Money in forms: amounts typed as text ("1 200 000,50"), stored as integer minor
units of their currency (cents; none for JPY), never as a float. The currency is
its ISO code, found by typing its code or its name in the interface language
("гри" offers "UAH — українська гривня"), and named beside the code."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable

from babel.numbers import format_decimal
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLabel, QLineEdit, QWidget

from coordinator_app.core.records import currencies, vocab
from coordinator_app.core.errors import ValidationError
from coordinator_app.core.text.formatting import babel_locale, parse_money
from coordinator_app.core.text.normal import clean
from coordinator_app.i18n import _
from coordinator_app.ui.widgets.fields import Field
from coordinator_app.ui.widgets.picker import popup_rect


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
        self.code_name: QLabel | None = None
        if currency:
            self.code = QLineEdit(self)
            self.code.setPlaceholderText("EUR")
            self.code.setAccessibleName(_("Currency"))
            self.code.setToolTip(_("The currency's code; type its code or name to choose"))
            self.code.setMaxLength(3)
            self.code.setMaximumWidth(self.code.fontMetrics().horizontalAdvance("WWWW") + 16)
            self.code.textChanged.connect(self._edited)
            self.code.textChanged.connect(self._name_code)
            self.code.textEdited.connect(self._offer_currencies)
            self.code.editingFinished.connect(self._left_code)
            self.currencies = QStandardItemModel(self)
            self.completer = QCompleter(self.currencies, self)
            self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
            self.completer.setMaxVisibleItems(12)
            self.completer.setWidget(self.code)
            self.completer.activated[QModelIndex].connect(self._currency_chosen)
            self._row.addWidget(self.code)
            # The code's name in the interface language: "UAH" alone is not for everyone.
            self.code_name = QLabel(self)
            self.code_name.setObjectName("currency_name")
            self.code_name.setEnabled(False)  # drawn muted: it says, it is not typed in
            self._row.addWidget(self.code_name)
            # Beside its currency code in a form, an amount needs no full width.
            self.edit.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance("0" * 18) + 16)
            self._row.addStretch(1)

    # -- the currency ----------------------------------------------------------------
    def _offer_currencies(self, text: str) -> None:
        """The currencies whose code or name begins with what was typed, by name."""
        self.currencies.clear()
        found = currencies.matching(text) if text.strip() else []
        for code, name in found:
            item = QStandardItem(f"{code} — {name}")
            item.setData(code, Qt.ItemDataRole.UserRole)
            item.setEditable(False)
            self.currencies.appendRow(item)
        if found and self.code is not None:
            self.completer.complete(popup_rect(self.completer, self.currencies, self.code))
            self.completer.popup().setCurrentIndex(self.completer.completionModel().index(0, 0))
        else:
            self.completer.popup().hide()

    def _currency_chosen(self, index: QModelIndex) -> None:
        item = self.currencies.itemFromIndex(self.completer.completionModel().mapToSource(index))
        if item is None or self.code is None:
            return
        code = item.data(Qt.ItemDataRole.UserRole)
        # The completer writes the chosen line after this slot: put the code back after it.
        QTimer.singleShot(0, self, lambda: self.code.setText(code) if self.code else None)
        self.code.setText(code)
        self.dirty = True
        self._commit()

    def _left_code(self) -> None:
        code = self.currency()
        if self.completer.popup().isVisible() and code not in vocab.CURRENCIES:
            return  # still choosing
        self.completer.popup().hide()
        self._commit()

    def _name_code(self, text: str) -> None:
        if self.code_name is None or self.code is None:
            return
        code = clean(text.upper())
        if code and code not in vocab.CURRENCIES:
            # The start of a code or of a name ("гри") is not saved after a pause,
            # which would only earn a refusal while the list of currencies is open;
            # leaving the field saves it (and the services say what is wrong).
            self._timer.stop()
        name = currencies.name_of(code) if code and code in vocab.CURRENCIES else ""
        self.code_name.setText(name)
        self.code.setAccessibleDescription(name)

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
