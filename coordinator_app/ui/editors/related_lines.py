"""Sections of an editor that list what a record takes part in (an organisation's
agreements and projects, a person's signatures and meetings), read by core.views.related:
"Title · Active · 11.02.2026", each line opening its record."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from coordinator_app.core.records import vocab
from coordinator_app.core.views import related
from coordinator_app.core.text.formatting import format_date
from coordinator_app.i18n import _
from coordinator_app.ui.context import UiContext
from coordinator_app.ui.widgets.record_lines import RecordLines

Read = Callable[[Session, str], tuple[list[related.Link], int]]


def line_text(link: related.Link, codes: dict[str, str] | None = None) -> str:
    detail = link.detail
    if detail and codes is not None:
        detail = _(codes.get(detail, detail))
    return " · ".join(part for part in (link.title, detail, format_date(link.when)) if part)


def link_lines(read: Read, codes: dict[str, str] | None = None):
    """The lines of a RecordLines from a core.views.related read; `codes` translates the
    detail (a status, a kind of meeting) when it is a code."""
    def lines(session: Session, record_id: str):
        found, total = read(session, record_id)
        return [(line_text(link, codes), link.kind, link.id) for link in found], total

    return lines


def agreements_of(context: UiContext, name: str) -> RecordLines:
    return RecordLines(context, link_lines(related.agreements_of, vocab.AGREEMENT_STATUSES),
                       _("Not a party to any agreement."), name=name)


def projects_of(context: UiContext, name: str) -> RecordLines:
    return RecordLines(context, link_lines(related.projects_of, vocab.PROJECT_STATUSES),
                       _("No projects."), name=name)


def agreements_signed_by(context: UiContext, name: str) -> RecordLines:
    return RecordLines(context, link_lines(related.agreements_signed_by),
                       _("Has signed no agreement."), name=name)


def activities_of(context: UiContext, kind: str, name: str) -> RecordLines:
    read = lambda session, record_id: related.activities_of(session, kind, record_id)  # noqa: E731
    return RecordLines(context, link_lines(read, vocab.ACTIVITY_KINDS),
                       _("No meetings, calls or visits recorded."), name=name)
