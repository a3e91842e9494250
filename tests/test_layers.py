"""The core knows no screen, the screens read through the core, and no module
needs itself back through another."""

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
    for folder in ("core", "reports", "commands", "interchange"):
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


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _import_graph() -> dict[str, set[str]]:
    """Which project modules each module imports, at its top or inside a function:
    an import put off until a call is still a dependency."""
    modules = {_module_name(path) for path in PACKAGE.rglob("*.py")}

    def known(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        name = _module_name(path)
        targets = {known(imported) for imported in _imports(path)
                   if imported.startswith("coordinator_app")}
        graph[name] = {target for target in targets if target and target != name}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while (member := stack.pop()) != node:
                group.append(member)
            if group:
                found.append(sorted([node, *group]))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_module_imports_itself_back_through_others():
    # A package importing its own submodules is a package, not a cycle.
    graph = {name: {target for target in targets if not name.startswith(f"{target}.")}
             for name, targets in _import_graph().items()}
    assert _cycles(graph) == []


def test_the_core_is_in_rooms_each_saying_what_it_holds():
    core = PACKAGE / "core"
    loose = sorted(path.name for path in core.glob("*.py") if path.name != "__init__.py")
    assert loose == ["about.py", "errors.py"]
    for room in (path for path in core.iterdir() if (path / "__init__.py").is_file()):
        doc = ast.get_docstring(ast.parse((room / "__init__.py").read_text(encoding="utf-8")))
        assert doc and len(doc) > 60, room.name


def test_every_module_of_the_records_loads_when_it_is_imported_first():
    """The models package loads the registry (which gives the models their translatable
    columns), and the registry uses modules that the models use: whichever of them a
    program imports first, none may meet another half loaded."""
    import subprocess
    import sys

    names = sorted(_module_name(path) for folder in ("records", "views")
                   for path in (PACKAGE / "core" / folder).rglob("*.py"))
    code = (
        "import importlib, sys\n"
        "for name in sys.argv[1:]:\n"
        "    for loaded in [m for m in sys.modules if m.startswith('coordinator_app')]:\n"
        "        del sys.modules[loaded]\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except Exception as exc:\n"
        "        print(f'{name}: {exc!r}')\n")
    done = subprocess.run([sys.executable, "-c", code, *names], capture_output=True,
                          text=True, timeout=600, cwd=PACKAGE.parent)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
