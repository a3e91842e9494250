"""Write coordinator_app/core/records/kind_digest.py and list_digest.py again from the
registry.

    python scripts/update_kind_digest.py          rewrite them
    python scripts/update_kind_digest.py --check  exit 1 if one is out of date

Run it after changing a kind's declaration or model (tests/test_kind_digest.py
says when it is due)."""

from __future__ import annotations

import sys
from pathlib import Path

from coordinator_app.core.records import digest

FOLDER = Path(digest.__file__).parent


def main(argv: list[str]) -> int:
    stale = 0
    for name, render in digest.MODULES.items():
        target, text = FOLDER / name, render()
        if "--check" not in argv:
            target.write_text(text, encoding="utf-8")
        elif (target.read_text(encoding="utf-8") if target.exists() else "") != text:
            print(f"{target} is out of date: run scripts/update_kind_digest.py")
            stale = 1
    return stale


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
