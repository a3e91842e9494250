"""One way of writing each thing in each language: the window's title, sums of money,
dates in every field, Ukrainian's apostrophe and its word for Undo."""

from __future__ import annotations

import re
from datetime import date

import pytest
from babel.messages.pofile import read_po
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication

from coordinator_app import i18n
from coordinator_app.core.text.formatting import format_date
from coordinator_app.ui import language
from coordinator_app.ui.context import UiContext
from coordinator_app.ui.report_dialogs import BriefingDialog
from support.windows import active_window

CATALOGUE = i18n.LOCALE_DIR / "{lang}" / "LC_MESSAGES" / "coordinator.po"


@pytest.fixture
def speak(qapp):
    def choose(lang: str) -> None:
        i18n.set_language(lang)
        language.install_qt_translators(qapp, lang)

    yield choose
    choose("en")


def translations(lang: str) -> dict[str, str]:
    with open(str(CATALOGUE).format(lang=lang), "rb") as handle:
        catalogue = read_po(handle)
    found = {}
    for message in catalogue:
        if message.id:
            key = message.id if isinstance(message.id, str) else message.id[0]
            text = message.string if isinstance(message.string, str) else " ".join(message.string)
            found[key] = text
    return found


def test_the_window_names_the_app_once_in_its_language(qtbot, demo_workspace, speak):
    speak("uk")
    window = active_window(qtbot, demo_workspace)
    assert window.windowTitle() == demo_workspace.db.path.name
    assert QApplication.applicationDisplayName() == "Координатор"


def test_sums_in_different_currencies_read_alike_in_a_list(qtbot, demo_workspace, speak):
    speak("uk")
    window = active_window(qtbot, demo_workspace)
    window.show_page("project")
    page = window.list_pages["project"]
    budget = [c.key for c in page.model.spec.columns].index("budget")
    sums = [page.model.index(row, budget).data() for row in range(page.model.rowCount())]
    sums = [text for text in sums if text]
    assert {text.rsplit("\u00a0", 1)[1] for text in sums} >= {"EUR", "UAH"}
    assert not any(symbol in text for text in sums for symbol in "€₴$")


def test_the_briefing_period_reads_as_every_other_date(qtbot, demo_workspace, speak):
    for lang in ("uk", "lt", "en"):
        speak(lang)
        dialog = BriefingDialog(UiContext(demo_workspace))
        qtbot.addWidget(dialog)
        dialog.date_from.setDate(QDate(2026, 11, 30))
        assert dialog.date_from.text() == format_date(date(2026, 11, 30)), lang


def test_ukrainian_writes_one_apostrophe():
    straight = re.compile(r"[а-яіїєґ]'[а-яіїєґ]", re.IGNORECASE)
    offending = [text for text in translations("uk").values() if straight.search(text)]
    assert offending == []


def test_ukrainian_undo_is_not_the_word_for_cancel():
    uk = translations("uk")
    assert uk["Undo"] == uk["&Undo"].replace("&", "") == "Повернути"
    for msgid, text in uk.items():
        if "Undo (Ctrl+Z)" in msgid:
            assert "Скасуван" not in text and "скасуван" not in text, msgid
