"""What a change is called reads in the language of whoever looks, not of whoever
made it: the journal keeps the label's key, and it is translated when shown."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from coordinator_app import i18n
from coordinator_app.core.views import dashboard
from coordinator_app.core.records.change_labels import Label, readable
from coordinator_app.core.records.models import Agreement, Change
from coordinator_app.i18n import N_
from coordinator_app.ui.context import UiContext
from coordinator_app.ui.dashboard import DashboardPage
from coordinator_app.ui.editors import editor_for
from support.editors import settle, type_into


@pytest.fixture
def language():
    yield i18n.set_language
    i18n.set_language("en")


def test_a_label_reads_in_the_language_current_when_it_is_read(language):
    label = Label(N_("Change “{field}”"), field=Label(N_("Signed at")))
    assert label == "Change “Signed at”"
    language("uk")
    assert readable(label.key) == "Змінити «Місце підписання»"
    assert label.again() == readable(label.key)
    language("lt")
    assert readable(label.key) == "Keisti „Pasirašymo vieta“"


def test_names_in_a_label_are_kept_as_written(language):
    label = Label(N_("Delete “{name}”"), name="Харківська міська рада")
    language("uk")
    assert readable(label.key) == "Видалити «Харківська міська рада»"


def test_labels_stored_as_text_before_keys_read_as_they_are():
    assert readable("Змінити «Статус»") == "Змінити «Статус»"
    assert readable("[draft] notes") == "[draft] notes"
    assert readable(None) == ""


def test_a_change_made_in_ukrainian_shows_in_english_on_the_dashboard(
        workspace, qtbot, language):
    language("uk")
    context = UiContext(workspace)
    editor = editor_for("agreement")(context)
    qtbot.addWidget(editor)
    editor.show()
    type_into(qtbot, editor.title, "Memorandum")
    type_into(qtbot, editor.signed_place, "Kharkiv")
    settle(qtbot)
    with workspace.read() as session:
        assert "Змінити" not in (session.scalars(select(Change.label)).first() or "")
    language("en")
    with workspace.read() as session:
        [item] = dashboard.recent_changes(session)
    assert item.detail == "Change “Signed at”"
    page = DashboardPage(context)
    qtbot.addWidget(page)
    page.refresh(date(2026, 3, 1))
    line = page.recent.tree.topLevelItem(0)
    assert (line.text(0), line.text(1)) == ("Memorandum", "Change “Signed at”")
    assert workspace.get(Agreement, editor.current_id()).signed_place == "Kharkiv"
