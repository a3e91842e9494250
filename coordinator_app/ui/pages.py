"""The main window's pages in navigation order: the dashboard, then the list of each
top-level kind (core.records.registry); Ctrl+1… follow this order.

Read when the window gets its database, not when the window's module is imported:
the registry loads the models and SQLAlchemy, which the first frame does without.
"""

from __future__ import annotations

from functools import cache

from coordinator_app.i18n import N_

DASHBOARD = "dashboard"


@cache
def kinds() -> tuple[str, ...]:
    """The kinds that have a list page."""
    from coordinator_app.core.records.registry import TOP_LEVEL

    return tuple(spec.name for spec in TOP_LEVEL)


def pages() -> tuple[str, ...]:
    return (DASHBOARD, *kinds())


def title(page: str) -> str:
    """The page's title, marked for translation (translate where shown)."""
    if page == DASHBOARD:
        return N_("Dashboard")
    from coordinator_app.core.records.registry import spec

    return spec(page).plural_label
