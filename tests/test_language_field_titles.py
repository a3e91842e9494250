"""One language of a text kept in several is named in words wherever a field is named:
"Title (Lithuanian)", "Назва (литовська)", never its column `title_lt`: in History, the
Conflicts tab and the command line's history and conflicts."""

from __future__ import annotations

import pytest

from coordinator_app import i18n
from coordinator_app.core.records.field_titles import field_title
from coordinator_app.core.records.models import Agreement
from coordinator_app.ui.context import UiContext
from coordinator_app.ui.sync_conflicts import ConflictsTable
from support.editors import open_editor, settle
from support.sync import close, exchange_all, laptops, send

UK = "Меморандум про співпрацю Плунге – Харків"
LT = "Plungės ir Charkivo bendradarbiavimo memorandumas"


@pytest.mark.parametrize(("lang", "title", "original"), [
    ("en", "Title (Lithuanian)", "Purpose (language of the original)"),
    ("uk", "Назва (литовська)", "Мета (мова оригіналу)"),
    ("lt", "Pavadinimas (lietuvių)", "Tikslas (originalo kalba)"),
])
def test_a_language_s_column_is_named_by_its_field_and_language(lang, title, original):
    i18n.set_language(lang)
    assert field_title("agreement", "title_lt") == title
    assert field_title("agreement", "purpose_lang") == original


def test_a_form_s_name_for_the_field_comes_first_and_keeps_the_language():
    titles = {("commitment", "description"): "What"}
    assert field_title("commitment", "description_en", titles) == "What (English)"
    assert field_title("commitment", "description", titles) == "What"


def test_a_column_that_is_no_language_is_not_taken_for_one():
    """A person's `languages` or an organisation's `name` end like no language column."""
    assert field_title("person", "languages") == "Languages"
    assert field_title("organization", "name") == "Name"


def test_history_names_the_language_edited(qtbot, context):
    with context.workspace.edit() as edit:
        record_id = edit.create(Agreement, title=UK, **{"title.lt": "Memorandumas"}).id
    context.workspace.update("agreement", record_id, **{"title.lt": LT})
    i18n.set_language("uk")
    editor = open_editor("agreement", context, qtbot)
    editor.show_record(record_id)
    editor.history.toggle.click()
    settle(qtbot)
    newest = editor.history.tree.topLevelItem(0)
    assert newest.child(0).text(1) == f"Назва (литовська): Memorandumas → {LT}"


def test_history_on_the_command_line_names_the_language(workspace, cli):
    record = workspace.create(Agreement, title=UK)
    workspace.update("agreement", record.id, **{"title.lt": LT})
    out = cli("history", "agreements", record.id, db=workspace.db.path).stdout
    assert "Title (Lithuanian)" in out and "title_lt" not in out


@pytest.fixture
def conflict_on_the_lithuanian_title(tmp_path):
    a, b = laptops(tmp_path, 2)
    agreement = a.create(Agreement, title=UK, **{"title.lt": "Memorandumas"})
    send(a, b)
    a.update(Agreement, agreement.id, **{"title.lt": LT})
    b.update(Agreement, agreement.id, **{"title.lt": "Plungės–Charkivo memorandumas"})
    exchange_all([a, b])
    yield a
    close([a, b])


def test_the_conflicts_tab_names_the_language_in_conflict(qtbot, conflict_on_the_lithuanian_title):
    i18n.set_language("uk")
    table = ConflictsTable(UiContext(conflict_on_the_lithuanian_title))
    qtbot.addWidget(table)
    with conflict_on_the_lithuanian_title.read() as session:
        table.refresh(session)
    assert table.table.item(0, 1).text() == "Назва (литовська)"


def test_conflicts_on_the_command_line_name_the_language(conflict_on_the_lithuanian_title, cli):
    out = cli("conflicts", "list", db=conflict_on_the_lithuanian_title.db.path).stdout
    assert "Title (Lithuanian)" in out and "title_lt" not in out
