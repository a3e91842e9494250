"""The crash harness (scripts/crash_harness.py and the modules beside it), for the tests."""

from __future__ import annotations

import importlib
import os
import random
import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


def harness_module(name: str = "crash_harness"):
    """One of the harness's modules: crash_harness, crash_checks or crash_writer."""
    if str(SCRIPTS) not in sys.path:
        sys.path.insert(0, str(SCRIPTS))
    return importlib.import_module(name)


def run_seed() -> int:
    """A new seed for every test run, so the trials differ from run to run;
    CRASH_SEED=N repeats the run that printed it."""
    return int(os.environ.get("CRASH_SEED") or random.SystemRandom().randrange(2**31))
