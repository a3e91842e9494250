"""Search finds places and people the way people spell them, among thousands of
other records: Russian-style spellings of Ukrainian places and names, Lithuanian
towns in any grammatical case, typos, and the official spellings as before
(cases and targets: tests/support/search_quality.py)."""

from __future__ import annotations

import pytest
from support import search_quality as quality


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    from coordinator_app.core.store.db import open_database
    from coordinator_app.core.records.service import Workspace

    folder = tmp_path_factory.mktemp("spellings")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COORDINATOR_HOME", str(folder / "home"))
        db = open_database(folder / "spellings.sqlite3")
        try:
            workspace = Workspace(db)
            quality.build(workspace, distractors=3000)
            return quality.measure(workspace, quality.cases())
        finally:
            db.close()


@pytest.mark.slow
@pytest.mark.parametrize("group", list(quality.TARGETS))
def test_each_kind_of_spelling_meets_its_target(measured, group):
    first, share = quality.TARGETS[group]
    result = measured[group]
    assert result.cases >= 20
    assert result.share >= share, (
        f"{group}: {result.found}/{result.cases} in the first {first}; "
        f"missed (query, rank): {result.misses[:20]}")
