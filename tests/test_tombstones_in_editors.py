"""An editor shows no deleted record through its relations: not as a row of a relation
table, a chosen record in a picker, a member, a tag or a checked priority area; and
shows it again once it is brought back. Every foreign key of every model is walked
(tests/support/linked_world.py)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from coordinator_app.core.records.registry import MODELS
from coordinator_app.ui.context import UiContext
from coordinator_app.ui.editors import editor_for
from support.linked_world import TOP_LEVEL, build, editor_text, foreign_keys


@pytest.fixture
def world(workspace):
    return build(workspace)


def test_no_editor_shows_a_deleted_record_through_a_relation(world, qtbot):
    context = UiContext(world.workspace)
    editors = {}
    for kind in (cls.KIND for cls in TOP_LEVEL):
        editors[kind] = editor_for(kind)(context)
        qtbot.addWidget(editors[kind])

    def shown_in(cluster: set[str]) -> dict[str, str]:
        texts = {}
        with world.workspace.read() as session:
            live = [(cls.KIND, obj.id) for cls in TOP_LEVEL for obj in session.scalars(
                select(cls).where(cls.id.in_(cluster), cls.deleted_at.is_(None)))]
        for kind, record_id in live:
            editors[kind].show_record(record_id)
            texts[world.marker(record_id)] = editor_text(editors[kind])
        return texts

    relations_shown: list[bool] = []
    targets: dict[str, list[str]] = {}
    with world.workspace.read() as session:
        for cls, holder_id in world.holders:
            holder = session.get(cls, holder_id)
            for c, key, target_cls in foreign_keys():
                if c is cls and getattr(holder, key):
                    targets.setdefault(getattr(holder, key), []).append(
                        f"{cls.__name__}.{key}")
    def showing(marker: str, cluster: set[str]) -> set[str]:
        return {viewer for viewer, text in shown_in(cluster).items()
                if viewer != marker and marker.lower() in text.lower()}

    problems = []
    for target_id, relations in targets.items():
        with world.workspace.read() as session:
            target_cls = next(cls for cls in MODELS
                              if session.get(cls, target_id) is not None)
        marker, cluster = world.marker(target_id), world.cluster(target_id)
        before = showing(marker, cluster)
        world.set_deleted(target_cls, target_id, True)
        if found := showing(marker, cluster):
            problems.append(f"deleted {target_cls.__name__} {marker} (through "
                            f"{', '.join(relations)}) shows in the editors of {sorted(found)}")
        world.set_deleted(target_cls, target_id, False)
        assert showing(marker, cluster) == before, f"{marker} shows again once restored"
        relations_shown.append(bool(before))
    assert not problems, "\n".join(problems)
    assert sum(relations_shown) >= 15, "the editors show most relations from the other end"
