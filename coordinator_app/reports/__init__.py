"""Printed reports: the memorandum summary of one agreement and briefing packs.

ReportLab is heavy to import, so this package's entry points import it only
when a report is actually printed; importing `coordinator_app.reports` costs
nothing at start-up. Nothing here knows about Qt: the app runs these same
functions on a worker thread, and the command line calls them directly.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from coordinator_app.core.records.service import Workspace
from coordinator_app.reports.progress import Progress



def render_memorandum(workspace: Workspace, agreement_id: str, out_path: str | Path,
                      lang: str, *, bilingual: bool = False) -> Path:
    """Print the one- or two-page summary of one agreement to `out_path` (PDF); with
    `bilingual`, in Ukrainian and Lithuanian side by side instead of in `lang`."""
    if bilingual:
        from coordinator_app.reports import bilingual as two_columns

        return two_columns.render(workspace, agreement_id, Path(out_path))
    from coordinator_app.reports.memorandum import render

    return render(workspace, agreement_id, Path(out_path), lang)


def render_briefing(workspace: Workspace, out_path: str | Path, lang: str,
                    organization_ids: Iterable[str] = (), agreement_ids: Iterable[str] = (),
                    date_from: date | None = None, date_to: date | None = None,
                    progress: Progress | None = None) -> Path:
    """Print a briefing pack for a meeting or visit to `out_path` (PDF).

    The pack covers the chosen organisations (and the agreements they are party
    to), the chosen agreements, and/or what happens between the two dates. With
    nothing chosen it covers every agreement in the database.
    """
    from coordinator_app.reports.briefing import render

    return render(workspace, Path(out_path), lang, tuple(organization_ids),
                  tuple(agreement_ids), date_from, date_to, progress)


def render_contact_sheet(workspace: Workspace, kind: str, record_ids: Iterable[str],
                         out_path: str | Path, lang: str,
                         progress: Progress | None = None) -> Path:
    """Print the contact sheet of the chosen people or organisations (`kind`), in the
    order given, to `out_path` (PDF)."""
    from coordinator_app.reports.contact_sheet import render

    return render(workspace, kind, list(record_ids), Path(out_path), lang, progress)


__all__ = ["render_memorandum", "render_briefing", "render_contact_sheet", "Progress"]
