"""Time-ordered ids: unique and in order past one pool of random bits, never
repeated by a process forked from one that has a pool in hand, and in order when
made a block at a time."""

from __future__ import annotations

import os
import uuid

import pytest

from coordinator_app.core.records.ids import ordered_id, ordered_ids


def test_ids_made_past_several_pools_of_random_bits_are_unique_ordered_uuid7():
    made = [ordered_id() for _ in range(5000)]  # a pool holds 1,024 numbers
    assert made == sorted(made)
    assert len(set(made)) == len(made)
    assert {uuid.UUID(value).version for value in made} == {7}
    # The last 32 bits are random, not a count: they do not simply step by one.
    tails = {int(value[-8:], 16) for value in made}
    assert len(tails) > 4900


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the system has no fork")
def test_a_forked_process_does_not_make_the_ids_of_its_parent():
    ordered_id()  # the parent's pool is filled, and holds the next random bits
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(reading)
        os.write(writing, "\n".join(ordered_id() for _ in range(50)).encode())
        os._exit(0)
    os.close(writing)
    with os.fdopen(reading) as pipe:
        theirs = pipe.read().split("\n")
    os.waitpid(child, 0)
    ours = [ordered_id() for _ in range(50)]
    # Same millisecond and count are possible; the random bits must differ.
    assert not {value[-8:] for value in ours} & {value[-8:] for value in theirs}


def test_ids_made_many_at_a_time_are_ordered_uuid7_between_those_made_one_by_one():
    before = ordered_id()
    made = ordered_ids(3000)
    after = ordered_id()
    assert [before, *made, after] == sorted([before, *made, after])
    assert len(set(made)) == 3000
    assert {uuid.UUID(value).version for value in made} == {7}
    assert {uuid.UUID(value).variant for value in made} == {uuid.RFC_4122}
    assert len({int(value[-8:], 16) for value in made}) > 2900  # random bits, not a count


def test_ids_made_many_at_a_time_across_a_turn_of_the_counts_upper_bits_stay_in_order():
    from coordinator_app.core.records.ids import _Ordered

    made = _Ordered()
    # The count's lower 30 bits are about to turn over: its upper bits, in the third
    # group of the id, change within the block.
    made.count = (5 << 30) - 10
    block = made.many(20)
    assert block == sorted(block) and len(set(block)) == 20
    assert {value[15:18] for value in block} == {"004", "005"}
    assert [int(value.replace("-", "")[16:], 16) >> 32 & (1 << 30) - 1 for value in block] == [
        *range((1 << 30) - 9, 1 << 30), *range(11)]
    assert {uuid.UUID(value).version for value in block} == {7}
    assert {uuid.UUID(value).variant for value in block} == {uuid.RFC_4122}
