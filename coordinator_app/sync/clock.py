"""The hybrid logical clock: wall-clock milliseconds that never run backwards.

A stamp is one integer, `milliseconds << 16 | counter` (48 + 16 bits), compared
as a number; ties between devices are broken by the device id (merge orders by
(stamp, origin)). Each local operation takes a stamp above every stamp this copy
has seen, so an edit made after reading a bundle is newer than what the bundle
held even when this laptop's clock is behind. A stamp from far in the future (a
laptop whose clock was set wrong) is not allowed to drag this copy's clock with it:
it is kept for ordering and the peer is flagged (`far_off`).
"""

from __future__ import annotations

import time

COUNTER_BITS = 16
COUNTER_MASK = (1 << COUNTER_BITS) - 1
#: A peer whose clock is further off than this is flagged, and not followed.
MAX_DRIFT_MS = 24 * 60 * 60 * 1000


def wall_ms() -> int:
    return time.time_ns() // 1_000_000


def pack(ms: int, counter: int = 0) -> int:
    return (ms << COUNTER_BITS) | counter


def millis(stamp: int) -> int:
    return stamp >> COUNTER_BITS


def tick(last: int, now_ms: int | None = None) -> int:
    """The stamp of a new local event after `last`, the highest stamp seen so far."""
    now_ms = wall_ms() if now_ms is None else now_ms
    if now_ms > millis(last):
        return pack(now_ms)
    if last & COUNTER_MASK == COUNTER_MASK:
        # The counter is spent within one millisecond: borrow the next millisecond.
        return pack(millis(last) + 1)
    return last + 1


def far_off(stamp: int, now_ms: int | None = None) -> int | None:
    """How many milliseconds `stamp` is ahead of this laptop's clock, when more than
    MAX_DRIFT_MS; None when it is within reason."""
    now_ms = wall_ms() if now_ms is None else now_ms
    ahead = millis(stamp) - now_ms
    return ahead if ahead > MAX_DRIFT_MS else None


def receive(last: int, stamp: int, now_ms: int | None = None) -> int:
    """The clock after seeing a foreign `stamp`: it follows stamps within reason,
    and ignores one too far ahead of this laptop's own clock."""
    if far_off(stamp, now_ms) is not None:
        return last
    return max(last, stamp)


def offset(other_wall_ms: int | None, now_ms: int | None = None) -> int | None:
    """How far another laptop's clock is from this one's (+ ahead, - behind), when
    further than MAX_DRIFT_MS; None when within reason or unknown."""
    if not isinstance(other_wall_ms, int):
        return None
    now_ms = wall_ms() if now_ms is None else now_ms
    difference = other_wall_ms - now_ms
    return difference if abs(difference) > MAX_DRIFT_MS else None
