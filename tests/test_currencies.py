"""Currencies from Babel's CLDR data: which codes are accepted, how many decimals an
amount has, the names a picker shows in the interface language, and the picker."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt

from coordinator_app import i18n
from coordinator_app.core.errors import ValidationError
from coordinator_app.core.records import currencies, vocab
from coordinator_app.core.records.models import Project, ProjectPartner
from coordinator_app.core.store import migrate
from coordinator_app.core.store.db import open_database
from coordinator_app.core.records.service import Workspace
from coordinator_app.core.text.formatting import format_money
from support.editors import open_editor, settle

NBSP = "\u00a0"


def test_decimals_are_cldr_s_for_every_currency():
    assert [vocab.minor_units(code) for code in ("EUR", "UAH", "JPY", "KWD")] == [2, 2, 0, 3]
    # The typed-out table gave these two decimals, and the dinar three.
    assert [vocab.minor_units(code) for code in ("HUF", "IQD", "VND", "UGX")] == [0, 0, 0, 0]
    assert format_money(1250000, "HUF", "en") == f"HUF{NBSP}1,250,000"


def test_a_withdrawn_currency_is_accepted_and_a_made_up_one_refused(workspace):
    litas = workspace.create(Project, title="Plungė school roof, 2014", budget_minor=100,
                             currency="LTL")
    assert litas.currency == "LTL"
    try:
        workspace.create(Project, title="P", budget_minor=100, currency="EUX")
    except ValidationError as exc:
        assert exc.field == "currency" and "EUX" in str(exc)
    else:
        raise AssertionError("EUX was accepted")


def test_currency_names_are_in_the_interface_language():
    assert currencies.name_of("UAH", "uk") == "українська гривня"
    assert currencies.name_of("EUR", "lt") == "Euras"
    assert currencies.name_of("usd", "en") == "US Dollar"
    assert currencies.name_of("EUX", "en") == "EUX"


def test_the_picker_lists_the_currencies_in_use_the_usual_ones_first():
    listed = currencies.listed("uk")
    assert [code for code, _name in listed[:3]] == ["EUR", "UAH", "USD"]
    codes = {code for code, _name in listed}
    assert {"PLN", "GBP", "HUF"} <= codes and "LTL" not in codes and "DEM" not in codes


def test_a_currency_is_found_by_its_code_or_a_word_of_its_name():
    assert currencies.matching("гри", "uk")[0] == ("UAH", "українська гривня")
    assert currencies.matching("zlo", "en")[0][0] == "PLN"
    assert currencies.matching("us", "en")[0][0] == "USD"  # the code's matches first


def test_amounts_in_currencies_with_fewer_decimals_keep_their_sum_when_migrated(db_path):
    """A budget of 1 250 000,00 HUF was stored as 125000000 hundredths; with no
    decimals it is 1250000, and the partner's contribution follows its project."""
    migrate.upgrade(db_path, "0015")
    stamp = "2026-02-11 09:30:00.000000"
    raw = sqlite3.connect(db_path)
    with raw:
        for row_id, currency, minor in (("p-huf", "HUF", 125000051), ("p-eur", "EUR", 18600050),
                                        ("p-iqd", "IQD", 7000500)):
            raw.execute("insert into projects (id, title, status, budget_minor, currency, "
                        "created_at, updated_at, device_id) values (?, 'P', 'planned', ?, ?, "
                        "?, ?, 'old')", (row_id, minor, currency, stamp, stamp))
        raw.execute("insert into organizations (id, name, kind, created_at, updated_at, "
                    "device_id) values ('o-1', 'Budapest', 'municipality', ?, ?, 'old')",
                    (stamp, stamp))
        raw.execute("insert into project_partners (id, project_id, organization_id, role, "
                    "contribution_minor, created_at, updated_at, device_id) values "
                    "('pp-1', 'p-huf', 'o-1', 'donor', 5000049, ?, ?, 'old')", (stamp, stamp))
    raw.close()
    db = open_database(db_path)
    try:
        workspace = Workspace(db)
        assert workspace.get(Project, "p-huf").budget_minor == 1250001
        assert workspace.get(Project, "p-eur").budget_minor == 18600050
        assert workspace.get(Project, "p-iqd").budget_minor == 7001
        assert workspace.get(ProjectPartner, "pp-1").contribution_minor == 50000
    finally:
        db.close()


def test_the_money_field_finds_a_currency_by_its_name_and_names_the_code(qtbot, context):
    i18n.set_language("uk")
    editor = open_editor("project", context, qtbot)
    code = editor.budget.code
    code.setFocus()
    code.setText("гри")  # QTest types ASCII only
    code.textEdited.emit("гри")
    popup = editor.budget.completer.popup()
    assert popup.isVisible()
    shown = [editor.budget.currencies.item(row).text()
             for row in range(editor.budget.currencies.rowCount())]
    assert shown[0] == "UAH — українська гривня"
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    settle(qtbot)
    assert code.text() == "UAH"
    assert editor.budget.code_name.text() == "українська гривня"
