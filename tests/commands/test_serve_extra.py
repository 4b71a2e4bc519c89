"""The server's libraries are an extra (``newsgraph[serve]``): the library and the CLI work without them."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

from newsgraph.commands.serve import SERVER_MODULES

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "newsgraph"
SERVER_PARTS = ("api", "web", "server.py", "commands/serve.py")  # the only places that may import them

# Blocks the server's libraries in a fresh interpreter (an import of a name set to None fails), then imports
# every module of the package outside the server, and runs the CLI. jinja2 stays importable: spaCy needs it
# (it is the extra's only for newsgraph's own use); the static check below covers it.
BLOCKED = ("fastapi", "starlette", "uvicorn")
SCRIPT = """
import importlib, pkgutil, sys
args = sys.argv[1:]
for name in {blocked!r}:
    sys.modules[name] = None
import newsgraph
server = ("newsgraph.api", "newsgraph.web", "newsgraph.server")
modules = [m.name for m in pkgutil.walk_packages(newsgraph.__path__, "newsgraph.") if not m.name.startswith(server)]
for name in modules:
    importlib.import_module(name)
print(len(modules), "modules imported", file=sys.stderr)
from newsgraph.cli import main
sys.argv = ["newsgraph", "--help"]
try:
    main()
except SystemExit as stop:
    print("help exit", stop.code, file=sys.stderr)
sys.argv = ["newsgraph", *args]
main()
"""


def run_blocked(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PACKAGE.parent), *sys.path])}
    return subprocess.run([sys.executable, "-c", SCRIPT.format(blocked=BLOCKED), *args], capture_output=True,
                          text=True, env=env, timeout=300)


def test_library_and_cli_import_without_the_server(tmp_path: Path) -> None:
    result = run_blocked("serve", "--db", str(tmp_path / "news.duckdb"))
    lines = result.stderr.strip().splitlines()
    assert "modules imported" in lines[0], result.stderr  # every non-server module imported
    assert int(lines[0].split()[0]) > 50
    assert lines[1] == "help exit 0" and "serve" in result.stdout and "ingest" in result.stdout  # the CLI works
    assert result.returncode == 3, result.stderr
    assert lines[2:] == ["newsgraph: serve needs the server extra (fastapi, starlette, uvicorn not installed): "
                         "pip install 'newsgraph[serve]'"]


def _module_level_imports(path: Path) -> set[str]:
    """Top-level packages imported at module level (not inside functions)."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                continue
            if isinstance(child, ast.Import):
                found.update(alias.name.split(".")[0] for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                found.add(child.module.split(".")[0])
            visit(child)

    visit(ast.parse(path.read_text("utf-8")))
    return found


def test_only_the_server_imports_the_server_libraries_at_module_level() -> None:
    offenders = {}
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith(SERVER_PARTS):
            continue
        if used := _module_level_imports(path) & {*SERVER_MODULES, "markupsafe"}:
            offenders[relative] = sorted(used)
    assert offenders == {}
    assert _module_level_imports(PACKAGE / "server.py") >= {"fastapi", "starlette"}  # the check sees imports
