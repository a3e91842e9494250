"""Subcommands of `coordinator`, one module per group; see coordinator_app.cli."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from coordinator_app.core.db import open_database
from coordinator_app.core.paths import default_db_path
from coordinator_app.core.service import Workspace


def open_workspace(args: argparse.Namespace) -> Workspace:
    return Workspace(open_database(args.db or default_db_path()))


def print_json(document: Any) -> None:
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
