"""Write coordinator_app/core/records/kind_digest.py again from the registry.

    python scripts/update_kind_digest.py          rewrite it
    python scripts/update_kind_digest.py --check  exit 1 if it is out of date

Run it after changing a kind's declaration or model (tests/test_kind_digest.py
says when it is due)."""

from __future__ import annotations

import sys
from pathlib import Path

from coordinator_app.core.records import digest

TARGET = Path(digest.__file__).with_name("kind_digest.py")


def main(argv: list[str]) -> int:
    text = digest.render()
    if "--check" in argv:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET} is out of date: run scripts/update_kind_digest.py")
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
