"""The installer scripts under packaging/, importable by the tests that check them."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def packaging_module(name: str):
    """packaging/NAME.py as a module (they import each other as plain scripts do)."""
    if str(PACKAGING) not in sys.path:
        sys.path.insert(0, str(PACKAGING))
    return importlib.import_module(name)
