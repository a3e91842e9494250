"""Writers killed at random moments lose nothing they reported as saved (scripts/crash_harness.py)."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

import pytest

HARNESS = Path(__file__).resolve().parent.parent / "scripts" / "crash_harness.py"


def load_harness():
    spec = importlib.util.spec_from_file_location("crash_harness", HARNESS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_killed_writers_lose_no_reported_commit(tmp_path):
    out = io.StringIO()
    result = load_harness().run(10, tmp_path / "crash.sqlite3", seed=5, out=out)
    assert result["trials"] == 10
    assert result["commits"] > 0, "the writer never got to commit anything"
    assert result["lost"] == 0 and result["corrupt"] == 0, out.getvalue()
    assert "PASS" in out.getvalue()


@pytest.mark.slow
def test_harness_catches_a_writer_that_reports_before_committing(tmp_path):
    # The check above is only worth something if it sees a loss when there is one.
    out = io.StringIO()
    result = load_harness().run(6, tmp_path / "early.sqlite3", seed=7, report_early=True,
                                out=out)
    assert result["lost"] > 0
    assert "FAIL" in out.getvalue()
