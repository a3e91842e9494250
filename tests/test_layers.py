"""The core knows no screen, and the screens read through the core."""

from __future__ import annotations

import ast
from pathlib import Path

import coordinator_app

PACKAGE = Path(coordinator_app.__file__).resolve().parent


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
             for alias in node.names]
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names += [f"{node.module}.{alias.name}" for alias in node.names]
    return names


def test_the_core_reports_and_commands_never_import_qt():
    modules = [PACKAGE / "i18n.py", PACKAGE / "cli.py"]
    for folder in ("core", "reports", "commands"):
        modules += sorted((PACKAGE / folder).rglob("*.py"))
    offending = {path.relative_to(PACKAGE).as_posix(): name for path in modules
                 for name in _imports(path) if name.startswith("PySide6")}
    assert offending == {}


def test_the_screens_build_no_sql_of_their_own():
    """Every read a screen shows goes through a core function, which applies the
    tombstone rule; a screen may only hold the session it is handed."""
    offending = {path.relative_to(PACKAGE).as_posix(): name
                 for path in sorted((PACKAGE / "ui").rglob("*.py"))
                 for name in _imports(path)
                 if name.startswith("sqlalchemy") and name != "sqlalchemy.orm.Session"}
    assert offending == {}
