"""The main window's pages in navigation order: the dashboard, then the list of each
top-level kind (core.records.registry); Ctrl+1… follow this order.

The kinds are read from the registry's digest (core.records.kind_digest), which
imports nothing: the first window shows the navigation and the dashboard before
the registry, the models and SQLAlchemy are loaded.
"""

from __future__ import annotations

from functools import cache

from coordinator_app.i18n import N_

DASHBOARD = "dashboard"


@cache
def kinds() -> tuple[str, ...]:
    """The kinds that have a list page, in the registry's order (read from its digest:
    the navigation is built before the registry and SQLAlchemy are loaded)."""
    from coordinator_app.core.records.kind_digest import KINDS

    return tuple(name for name, spec in KINDS.items() if spec["top_level"])


def pages() -> tuple[str, ...]:
    return (DASHBOARD, *kinds())


def title(page: str) -> str:
    """The page's title, marked for translation (translate where shown)."""
    if page == DASHBOARD:
        return N_("Dashboard")
    from coordinator_app.core.records.kind_digest import KINDS

    return KINDS[page]["plural_label"]


def new_label(kind: str) -> str:
    """The File → New record menu's entry for `kind`, marked for translation."""
    from coordinator_app.core.records.kind_digest import KINDS

    return KINDS[kind]["new_label"]
