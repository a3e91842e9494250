"""Identifiers and clocks made on this device, never by a server."""

from __future__ import annotations

import os
import time
from datetime import datetime, timezone

#: Random bytes read from the system at once for the ids' random bits: one read a
#: thousand ids instead of one each, a third of the making of an id.
_POOL_BYTES = 4096


def new_id() -> str:
    # Imported here: the start-up checks read this module for utcnow(), before the
    # first page is painted, and uuid loads the platform module with it.
    import uuid

    return str(uuid.uuid4())


class _Ordered:
    """Time-ordered UUIDs (version 7 of RFC 9562, its counter method): the
    millisecond, a count of the ids this process made (from a random start), and
    random bits. Each sorts after the one made before it, so rows written in bulk
    append to the end of every index of ids instead of landing on random pages,
    which past the page cache made a load of a million random (version 4) ids
    crawl from disk."""

    def __init__(self) -> None:
        self.count = int.from_bytes(os.urandom(5), "big")
        self.millisecond = 0
        self.pool: list[int] = []
        # A forked process must not make the ids its parent makes from the same pool.
        os.register_at_fork(after_in_child=self.pool.clear)

    def make(self) -> str:
        # Never behind the last id made, even if the clock steps back.
        self.millisecond = max(self.millisecond, time.time_ns() // 1_000_000) & (1 << 48) - 1
        self.count = (self.count + 1) & (1 << 42) - 1
        if self.count == 0:
            self.millisecond += 1  # the count wrapped: move on, so the order holds
        value = ((self.millisecond << 80) | (0x7 << 76) | (self.count >> 30) << 64
                 | (0b10 << 62) | (self.count & (1 << 30) - 1) << 32
                 | (self.pool.pop() if self.pool else self._refill()))
        text = f"{value:032x}"
        return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"

    def reserve(self, count: int) -> tuple[int, int]:
        """(millisecond, first count) of a block of `count` ids (`many`): the ids made
        after sort after them."""
        self.millisecond = max(self.millisecond, time.time_ns() // 1_000_000) & (1 << 48) - 1
        if self.count + count >= 1 << 42:
            self.millisecond += 1  # the count would wrap: move on, so the order holds
            self.count = 0
        first = self.count + 1
        self.count += count
        return self.millisecond, first

    def many(self, count: int) -> list[str]:
        """`count` ids in order, as `make` makes them one at a time, with one reading
        of the clock and of random bits for them all: half the processor time of
        `make`'s, which a generate of a million people spent on five million ids."""
        millisecond, first = self.reserve(count)
        # Random 32-bit numbers, read in the machine's byte order: any order is random.
        randoms = memoryview(os.urandom(4 * count)).cast("I")
        made = []
        append = made.append
        prefix, upper = "", -1
        for number, bits in zip(range(first, first + count), randoms):
            # The first three groups change only with the count's upper 12 bits, once
            # in 2**30 ids: written once, and each id's last two groups from its own
            # 30 bits and random ones (a third of the time of making all 128 bits).
            if number >> 30 != upper:
                upper = number >> 30
                prefix = f"{millisecond >> 16:08x}-{millisecond & 65535:04x}-7{upper:03x}-"
            low = number & (1 << 30) - 1
            append(f"{prefix}{32768 | low >> 16:04x}-{(low & 65535) << 32 | bits:012x}")
        return made

    def _refill(self) -> int:
        """Fill the pool of random 32-bit numbers again; returns one of them."""
        raw = os.urandom(_POOL_BYTES)
        self.pool.extend(int.from_bytes(raw[start:start + 4], "big")
                         for start in range(0, _POOL_BYTES, 4))
        return self.pool.pop()


_ORDERED = _Ordered()
ordered_id = _ORDERED.make
ordered_ids = _ORDERED.many


def utcnow() -> datetime:
    return datetime.now(timezone.utc)
