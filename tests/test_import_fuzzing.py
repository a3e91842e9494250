"""Random bytes and damaged real files never crash an import and never half-write it."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.interchange import DATA, counts

from coordinator_app.core.errors import CoordinatorError
from coordinator_app.core.records import registry
from coordinator_app.interchange.apply import apply_plan
from coordinator_app.interchange.plan import make_plan
from coordinator_app.interchange.sources import open_data

TOP_LEVEL = tuple(spec.name for spec in registry.TOP_LEVEL)
SAMPLES = sorted(p for p in DATA.iterdir() if p.suffix in (".csv", ".vcf", ".xlsx", ".ods"))
FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


def _import(workspace, data: bytes, name: str) -> None:
    """The whole import; a refusal must leave the database exactly as it was."""
    before = counts(workspace, TOP_LEVEL)
    try:
        source = open_data(data, name)
        with workspace.read() as session:
            plan = make_plan(session, "person", source.records())
        outcome = apply_plan(workspace, plan, skip_bad=True, backup=False)
    except CoordinatorError:
        assert counts(workspace, TOP_LEVEL) == before
        return
    after = counts(workspace, TOP_LEVEL)
    if outcome.change_set is None:
        assert after == before
    else:
        # Whatever kind the damaged file's header now names (a needs sheet's may read
        # as people): every record made is one the outcome counts.
        assert sum(after[kind] - before[kind] for kind in TOP_LEVEL) == \
            outcome.created + outcome.organizations


@FUZZ
@given(data=st.binary(max_size=2000),
       name=st.sampled_from(["x.csv", "x.vcf", "x.xlsx", "x.ods", "x.txt"]))
def test_random_bytes_never_crash(workspace, data, name):
    _import(workspace, data, name)


def _mutations():
    return st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255),
                              st.sampled_from(["flip", "cut", "insert"])),
                    min_size=1, max_size=8)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_damaged_real_files_never_crash_or_half_write(workspace, path):
    original = path.read_bytes()

    @FUZZ
    @given(changes=_mutations())
    def damaged(changes):
        data = bytearray(original)
        for position, byte, how in changes:
            if not data:
                break
            at = position % len(data)
            if how == "flip":
                data[at] = byte
            elif how == "cut":
                del data[at:]
            else:
                data.insert(at, byte)
        _import(workspace, bytes(data), path.name)

    damaged()
