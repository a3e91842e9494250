"""A field kept in several languages (core.records.languages): one input, and beside it
a small switch, uk · lt · en, that says which language the input shows.

The input shows the interface language's text; where a record has none in that
language it shows the original, as the reports do, and the switch says so. A
language with no text yet is marked on the switch; shown, its input is empty, the
original reads as its placeholder, and "Copy original" puts the original's text
there in one click, to be translated in place (nothing is translated for the user:
the app is offline). Each language is its own column, so each commit is one
language's change, one undo step of its own.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from coordinator_app import i18n
from coordinator_app.core.records.languages import LANGUAGES, ORIGINAL, typed_in
from coordinator_app.core.text.formatting import language_name
from coordinator_app.core.text.normal import clean
from coordinator_app.i18n import _
from coordinator_app.ui.widgets.fields import Field, FocusOut, GrowingTextEdit

#: Drawn after a language's code on the switch where the record has no text in it.
MISSING_MARK = "\u00a0\u2205"  # ∅
#: The same mark on a table cell's one button, where every pixel is the text's.
COMPACT_MARK = "\u2205"
#: Opens a translatable field's menu of languages from its input.
LANGUAGE_KEY = "Ctrl+Shift+L"


def key(field: str, lang: str) -> str:
    """The name of one language of a field, as the services take it ("title.lt")."""
    return f"{field}.{lang}"


def _tip(lang: str, missing: list[str], original: str | None) -> str:
    name = language_name(lang)
    if lang in missing:
        return _("{language}: no text yet").format(language=name)
    if lang == original:
        return _("{language}: the original").format(language=name)
    return name


class LanguageSwitch(QWidget):
    """uk · lt · en as three small buttons, one checked: the language shown. Compact
    (a table's cell, where width is dear), one button that shows the language and
    opens the field's menu of languages. Neither takes a stop of Tab, which goes from
    field to field; the keyboard reaches the languages by the field's shortcut."""

    chosen = Signal(str)

    def __init__(self, menu: QMenu, *, compact: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QToolButton] = {}
        self.menu_button: QToolButton | None = None
        if compact:
            self.menu_button = QToolButton(self)
            self.menu_button.setAutoRaise(True)
            self.menu_button.setStyleSheet("QToolButton { padding: 0px; }"
                                           "QToolButton::menu-indicator { image: none; }")
            self.menu_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.menu_button.setMenu(menu)
            self.menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            row.addWidget(self.menu_button)
            # As narrow as its text: the cell's text needs the width more.
            self.menu_button.setFixedWidth(
                self.menu_button.fontMetrics().horizontalAdvance("en" + COMPACT_MARK) + 8)
        for lang in () if compact else LANGUAGES:
            button = QToolButton(self)
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _checked=False, lang=lang: self.chosen.emit(lang))
            self.group.addButton(button)
            row.addWidget(button)
            self.buttons[lang] = button
            self._fix_width(button, lang)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def _fix_width(self, button: QToolButton, lang: str) -> None:
        """As wide as its widest look (bold, marked missing), so the switch keeps its
        width and every field of the form ends at the same edge."""
        font = button.font()
        font.setBold(True)
        font.setItalic(True)
        button.setFont(font)
        button.setText(lang + MISSING_MARK)
        button.setFixedWidth(button.sizeHint().width() + 2)
        button.setFont(self.font())

    def show_state(self, shown: str, missing: list[str], original: str | None,
                   title: str) -> None:
        """Check `shown`, mark the `missing` languages, name each button for a screen
        reader ("Title (Lithuanian)") and in its tip."""
        if self.menu_button is not None:
            self.menu_button.setText(shown + (COMPACT_MARK if missing else ""))
            tips = [_tip(lang, missing, original) for lang in LANGUAGES]
            self.menu_button.setToolTip("\n".join(tips))
            self.menu_button.setAccessibleName(_("{field} in {language}").format(
                field=title, language=language_name(shown, alone=False)))
            self.menu_button.setAccessibleDescription("; ".join(tips))
        for lang, button in self.buttons.items():
            tip = _tip(lang, missing, original)
            button.setText(lang + MISSING_MARK if lang in missing else lang)
            button.setToolTip(tip)
            button.setAccessibleName(_("{field} in {language}").format(
                field=title, language=language_name(lang, alone=False)))
            button.setAccessibleDescription(tip)
            button.setChecked(lang == shown)
            font = button.font()
            font.setBold(lang == shown)
            font.setItalic(lang in missing)
            button.setFont(font)


class TranslatedField(Field):
    """One translatable field (`name`) of a record; see the module docstring. `lines`
    above 0 makes it a multi-line field that grows with its text."""

    language_shown = Signal(str)

    def __init__(self, name: str, placeholder: str = "", *, lines: int = 0,
                 compact: bool = False, parent: QWidget | None = None):
        super().__init__((name, key(name, ORIGINAL), *(key(name, lang) for lang in LANGUAGES)),
                         parent)
        self.name = name
        self.placeholder = placeholder
        self.title = ""
        self.stored: dict[str, Any] = {}
        #: The language the user chose for this record; None follows the interface's.
        self.chosen: str | None = None
        self.lang = i18n.current_language()
        if lines:
            self.edit: QLineEdit | GrowingTextEdit = GrowingTextEdit(lines, self)
            self._focus_filter = FocusOut(self._left)
            self.edit.installEventFilter(self._focus_filter)
        else:
            self.edit = QLineEdit(self)
            self.edit.editingFinished.connect(self._left)
        self.edit.textChanged.connect(self._edited)
        self.add_input(self.edit)
        self.menu = QMenu(self)
        self.menu.aboutToShow.connect(self._fill_menu)
        self.switch = LanguageSwitch(self.menu, compact=compact, parent=self)
        self.switch.chosen.connect(self.show_language)
        self.copy_button = QToolButton(self)
        self.copy_button.setText(_("Copy original"))
        self.copy_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.copy_button.clicked.connect(self.copy_original)
        self.copy_button.hide()
        self.compact = compact
        # The keyboard's way to the languages: Tab stays for going from field to field.
        shortcut = QAction(self.edit)
        shortcut.setShortcut(QKeySequence(LANGUAGE_KEY))
        shortcut.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.triggered.connect(self.open_menu)
        self.edit.addAction(shortcut)
        align = Qt.AlignmentFlag.AlignTop if lines else Qt.AlignmentFlag.AlignVCenter
        self._row.addWidget(self.switch, 0, align)
        self._row.addWidget(self.copy_button, 0, align)
        self.setFocusProxy(self.edit)

    # -- what is shown -------------------------------------------------------------
    def text(self) -> str:
        return (self.edit.toPlainText() if isinstance(self.edit, GrowingTextEdit)
                else self.edit.text())

    def _set_text(self, text: str) -> None:
        if isinstance(self.edit, GrowingTextEdit):
            self.edit.setPlainText(text)
            return
        cursor = self.edit.cursorPosition()
        self.edit.setText(text)
        self.edit.setCursorPosition(min(cursor, len(text)) if self.in_use() else 0)
        self.edit.setToolTip(text if len(text) > 30 else "")

    def original(self) -> str | None:
        """The original's language, None while the field has no text at all."""
        return self.stored.get(key(self.name, ORIGINAL))

    def text_in(self, lang: str) -> str | None:
        return self.stored.get(key(self.name, lang))

    def missing(self) -> list[str]:
        if self.original() is None:
            return []
        return [lang for lang in LANGUAGES if not self.text_in(lang)]

    def _language_to_show(self) -> str:
        if self.chosen is not None:
            return self.chosen
        interface = i18n.current_language()
        original = self.original()
        # The interface's language where it has text, else the original: the record
        # reads whole, and the switch says in which language.
        return interface if original is None or self.text_in(interface) else original

    def _show(self, values: dict[str, Any]) -> None:
        self.stored = dict(values)
        self.lang = self._language_to_show()
        self._set_text(self.text_in(self.lang) or "")
        self._refresh()

    def _refresh(self) -> None:
        original, missing = self.original(), self.missing()
        shown_missing = self.lang in missing
        if shown_missing:
            self.edit.setPlaceholderText(_("Original ({lang}): {text}").format(
                lang=original, text=self.text_in(original) or ""))
        else:
            self.edit.setPlaceholderText(self.placeholder)
        self.copy_button.setVisible(shown_missing)
        self.copy_button.setToolTip(_("Copy the original ({original}) here, to translate "
                                      "it").format(original=original) if shown_missing else "")
        self.copy_button.setAccessibleName(_("Copy the original here ({language})").format(
            language=language_name(self.lang, alone=False)))
        self.switch.show_state(self.lang, missing, original, self.title)
        self.edit.setAccessibleDescription(
            _("Language shown: {language}; {key} for the others").format(
                language=language_name(self.lang, alone=False), key=LANGUAGE_KEY))
        if self.compact:
            self.copy_button.hide()  # the cell's menu offers it: its width is the text's

    def retitle(self, title: str) -> None:
        """The field's title as shown (translated), which its buttons' names repeat."""
        self.title = title
        self._refresh()

    def detach_switch(self) -> LanguageSwitch:
        """Take the switch out of the field's row, for its table to place (still the
        field's: it shows and chooses the field's languages)."""
        self._row.removeWidget(self.switch)
        return self.switch

    # -- what the user does ----------------------------------------------------------
    def open_menu(self) -> None:
        """The languages as a menu under the input (the field's shortcut opens it)."""
        self.menu.popup(self.edit.mapToGlobal(self.edit.rect().bottomLeft()))

    def _fill_menu(self) -> None:
        self.menu.clear()
        original, missing = self.original(), self.missing()
        for lang in LANGUAGES:
            action = self.menu.addAction(
                f"{lang}\t{_tip(lang, missing, original)}",
                lambda lang=lang: self.show_language(lang))
            action.setCheckable(True)
            action.setChecked(lang == self.lang)
        self.menu.addSeparator()
        copy = self.menu.addAction(_("Copy original"), self.copy_original)
        copy.setEnabled(self.lang in missing)

    def show_language(self, lang: str) -> None:
        """Show (and edit) the field in `lang`: what was typed in the language shown
        before is saved first, as its own step."""
        if self.dirty and not self.refused:
            self._commit()
        if self.dirty:  # refused: the user fixes it in the language it was typed in
            self.switch.show_state(self.lang, self.missing(), self.original(), self.title)
            return
        self.visit += 1  # another language is another undo step
        self.chosen = lang
        self.lang = lang
        self._loading = True
        try:
            self._set_text(self.text_in(lang) or "")
        finally:
            self._loading = False
        self._refresh()
        self.language_shown.emit(lang)

    def copy_original(self) -> None:
        """Put the original's text in the language shown, saved at once."""
        original = self.original()
        if original is None or self.lang == original:
            return
        self.visit += 1
        self._set_text(self.text_in(original) or "")
        self.dirty = True
        self._commit()
        self.visit += 1
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def new_record(self) -> None:
        self.chosen = None

    def values(self) -> dict[str, Any]:
        text = clean(self.text())
        original = self.original()
        if original is None:
            # The field's first text is the original: in the language chosen on the
            # switch, else the one shown unless its letters say another.
            if not text:
                return {self.name: None}
            lang = self.lang if self.chosen is not None else typed_in(text, self.lang)
            return {self.name: text, key(self.name, ORIGINAL): lang}
        if self.lang == original:
            return {self.name: text}
        return {key(self.name, self.lang): text}

    def shows(self, values: dict[str, Any]) -> bool:
        return all(values.get(name) == value for name, value in self.values().items())


def text_field(cls: type, name: str, placeholder: str = "", *, lines: int = 0,
               compact: bool = False) -> Field:
    """The input for the column `name` of `cls`: a TranslatedField where the registry
    declares the field translatable (`compact` in a table's cell), else a plain line
    (or `lines` lines) of text."""
    if name in getattr(cls, "TRANSLATABLE", ()):
        return TranslatedField(name, placeholder, lines=lines, compact=compact)
    from coordinator_app.ui.widgets.fields import NotesField, TextField

    return NotesField(name, lines) if lines else TextField(name, placeholder)
