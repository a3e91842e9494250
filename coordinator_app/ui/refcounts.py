"""Keep None, True and False alive under PySide6 6.12 on Python 3.11.

PySide6 6.12 drops one reference to None each time Python calls a Qt method that
returns nothing (`setText`, `setEnabled`, `QTimer.start`…), and one to True or
False each time a `Signal(bool)` reaches a Python slot. On Python 3.12 and later
these objects are immortal (PEP 683) and the lost references do not matter; on
3.11 their counts run down as the app is used until Python aborts with
"none_dealloc: deallocating None" (or bool_dealloc) — after a few thousand
clicks, or at exit. Giving the three objects a reference count no session can
exhaust is what 3.12 does for them anyway.
"""

from __future__ import annotations

import sys

#: More references than any session drops (one per Qt call): 2**40 calls.
MARGIN = 1 << 40
_done = False


def protect_singletons() -> None:
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    import ctypes

    for singleton in (None, True, False):
        # ob_refcnt is the first field of every object in a release build of CPython.
        count = ctypes.c_ssize_t.from_address(id(singleton))
        count.value += MARGIN
    _done = True
