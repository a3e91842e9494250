"""The list filter finds what the list shows: a status or kind as it reads in the
interface's language, besides the names and text search finds."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from coordinator_app import i18n
from coordinator_app.core.views import listing
from coordinator_app.core.views.listing import ListQuery
from coordinator_app.core.records.models import Agreement, Organization
from support.windows import active_window


def shown(workspace, kind: str, text: str) -> list[tuple[str, ...]]:
    query = ListQuery(kind, text=text)
    with workspace.read() as session:
        rows = listing.page(session, query, 0, 1000)
        assert listing.count(session, query) == len(rows)
    return [row.cells for row in rows]


def stored(workspace, cls, **where) -> int:
    with workspace.read() as session:
        query = select(func.count()).select_from(cls).where(cls.deleted_at.is_(None))
        for name, value in where.items():
            query = query.where(getattr(cls, name) == value)
        return session.scalar(query)


def column(kind: str, key: str) -> int:
    return [c.key for c in listing.SPECS[kind].columns].index(key)


@pytest.fixture
def language():
    yield i18n.set_language
    i18n.set_language("en")


def test_a_status_is_found_as_the_list_shows_it(demo_workspace):
    active = stored(demo_workspace, Agreement, status="active")
    assert active >= 2
    rows = shown(demo_workspace, "agreement", "active")
    assert len(rows) == active
    assert {cells[column("agreement", "status")] for cells in rows} == {"Active"}
    assert len(shown(demo_workspace, "agreement", "Act")) == active  # as it is typed


def test_a_kind_is_found_in_every_record_of_that_kind(demo_workspace):
    municipalities = stored(demo_workspace, Organization, kind="municipality")
    assert municipalities > 7
    rows = shown(demo_workspace, "organization", "Municipality")
    assert len(rows) == municipalities


def test_labels_are_matched_in_the_interface_language(demo_workspace, language):
    active = stored(demo_workspace, Agreement, status="active")
    language("uk")
    rows = shown(demo_workspace, "agreement", "діє")
    assert len(rows) == active
    assert {cells[column("agreement", "status")] for cells in rows} == {"Діє"}
    language("lt")
    assert len(shown(demo_workspace, "agreement", "aktyvus")) == active
    assert shown(demo_workspace, "agreement", "active") == []  # not what it reads in lt


def test_each_word_matches_a_label_or_the_records_text(demo_workspace):
    rows = shown(demo_workspace, "agreement", "active memorandum")
    assert rows
    for cells in rows:
        assert cells[column("agreement", "status")] == "Active"
        assert "memorandum" in " ".join(cells).casefold()
    kharkiv = shown(demo_workspace, "organization", "Kharkiv municipality")
    assert kharkiv and all(cells[column("organization", "kind")] == "Municipality / community"
                           for cells in kharkiv)


def test_the_filter_box_counts_what_the_list_shows(qtbot, demo_workspace):
    window = active_window(qtbot, demo_workspace)
    window.show_page("agreement")
    page = window.list_pages["agreement"]
    page.filter.setText("active")
    active = stored(demo_workspace, Agreement, status="active")
    qtbot.waitUntil(lambda: page.model.rowCount() == active)
    assert page.count_label.text() == f"{active} records match"
