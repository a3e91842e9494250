"""Random histories on three laptops converge: whatever the edits, deletions,
restores, duplicate merges (each other's way too) and resolutions, and whatever the order, repetition and staleness of the
exchanges, and the clocks' skew, copies holding the same operations show the same
records and the same conflicts, and no operation is lost.

20 histories per run; SYNC_SOAK=500 (make sync-soak) runs more."""

from __future__ import annotations

import os
import random
import shutil

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from coordinator_app.core.errors import CoordinatorError
from coordinator_app.core.records.models import Organization
from coordinator_app.core.store.db import open_database
from coordinator_app.core.views.duplicates import merge
from coordinator_app.sync import clock, operations
from coordinator_app.sync.conflicts import open_conflicts, resolve
from coordinator_app.sync.merge import apply
from support.sync import close, digest, empty_copies, exchange_all, missing, operation_ids

LAPTOPS = 3
EXAMPLES = int(os.environ.get("SYNC_SOAK", "20"))
FIELDS = ("name", "region", "notes")
WORDS = ("Kharkiv", "Харків", "Plungė", "Kaunas", "Миколаїв", None)

laptop = st.integers(0, LAPTOPS - 1)
send = st.tuples(st.just("send"), laptop, laptop, st.sampled_from(("fresh", "stale", "twice",
                                                                 "shuffled")))
# Exchanges as often as edits: most histories edit what another laptop made.
step = st.one_of(
    send, send, send,
    st.tuples(st.just("create"), laptop, st.sampled_from(WORDS[:-1])),
    st.tuples(st.just("edit"), laptop, st.integers(0, 7), st.sampled_from(FIELDS),
              st.sampled_from(WORDS)),
    st.tuples(st.just("delete"), laptop, st.integers(0, 7)),
    st.tuples(st.just("restore"), laptop, st.integers(0, 7)),
    st.tuples(st.just("merge"), laptop, st.integers(0, 7), st.integers(0, 7)),
    st.tuples(st.just("resolve"), laptop, st.integers(1, 3)),
    st.tuples(st.just("clock"), laptop, st.sampled_from((-300_000, 0, 300_000,
                                                         -400 * 86_400_000))),
)


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("template")
    db = open_database(folder / "empty.sqlite3")
    db.close()
    return folder / "empty.sqlite3"


def _ids(workspace) -> list[str]:
    with workspace.read() as session:
        return sorted(session.scalars(Organization.__table__.select().with_only_columns(
            Organization.id)).all())


def _run(workspaces, action, skew, rng) -> None:
    kind, who = action[0], workspaces[action[1]]
    if kind == "create":
        who.create(Organization, name=action[2])
    elif kind in ("edit", "delete", "restore"):
        ids = _ids(who)
        if not ids:
            return
        record_id = ids[action[2] % len(ids)]
        try:
            if kind == "edit":
                value = action[4] if action[3] != "name" else (action[4] or "Unnamed")
                who.update(Organization, record_id, **{action[3]: value})
            elif kind == "delete":
                who.delete(Organization, record_id)
            else:
                who.restore(Organization, record_id)
        except CoordinatorError:
            pass  # deleted already, or not deleted: a person could not do it either
    elif kind == "merge":
        ids = _ids(who)
        if len(ids) < 2:
            return
        keep, gone = ids[action[2] % len(ids)], ids[action[3] % len(ids)]
        try:
            merge(who, "organization", keep, gone)
        except CoordinatorError:
            pass  # the same record, or one deleted: a person could not merge them either
    elif kind == "send":
        target = workspaces[action[2]]
        if target is who:
            return
        how = action[3]
        if how == "stale":
            with who.read() as session:
                ops = list(operations.after(session, {}))
        else:
            ops = missing(who, target)
        if how == "shuffled":
            rng.shuffle(ops)
        apply(target, ops)
        if how == "twice":
            apply(target, ops)
    elif kind == "resolve":
        with who.read() as session:
            found = open_conflicts(session)
        if found:
            conflict = found[0]
            try:
                resolve(who, conflict.id, min(action[2], len(conflict.versions)))
            except CoordinatorError:
                pass
    elif kind == "clock":
        skew[action[1]] = action[2]


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@example(history=[("create", 0, "Kharkiv"), ("create", 0, "Харків"), ("send", 0, 1, "fresh"),
                  ("merge", 0, 0, 1), ("merge", 1, 1, 0), ("send", 1, 2, "fresh"),
                  ("resolve", 2, 2), ("restore", 1, 0)], seed=2)
@example(history=[("create", 0, "Kharkiv"), ("send", 0, 1, "fresh"),
                  ("edit", 0, 0, "region", "Харків"), ("edit", 1, 0, "region", "Kaunas"),
                  ("delete", 2, 0), ("send", 0, 2, "fresh"), ("delete", 2, 0)], seed=1)
@given(history=st.lists(step, min_size=4, max_size=30), seed=st.integers(0, 2**16))
def test_random_histories_on_three_laptops_converge(history, seed, template, tmp_path,
                                                    monkeypatch):
    folder = tmp_path / f"run-{seed}-{len(history)}"
    folder.mkdir()
    workspaces = empty_copies(template, folder, LAPTOPS)
    skew = [0] * LAPTOPS
    real = clock.wall_ms
    rng = random.Random(seed)
    try:
        for action in history:
            who = action[1]
            monkeypatch.setattr(clock, "wall_ms", lambda who=who: real() + skew[who])
            _run(workspaces, action, skew, rng)
        monkeypatch.setattr(clock, "wall_ms", real)
        made = set().union(*(operation_ids(w) for w in workspaces))
        exchange_all(workspaces)
        digests = {digest(w) for w in workspaces}
        assert len(digests) == 1, "copies holding the same operations differ"
        held = [operation_ids(w) for w in workspaces]
        # Settling merges may add a laptop's own edits while exchanging: all hold them.
        assert all(ids == held[0] for ids in held), "copies hold different operations"
        assert made <= held[0], "an operation was lost"
    finally:
        close(workspaces)
        shutil.rmtree(folder, ignore_errors=True)
