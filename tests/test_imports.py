"""The Python modules (monaydb, monay_bench) have no import cycle, and each imports on its own.

Issue 9: `demo.py` imported its stories inside a function and the stories imported `demo.py`
back (a cycle kept alive only by the import order), the bench helpers were reached through
sys.path edits. Now:
- the graph of every import in tools/monaydb and bench/monay_bench (at the top or nested in a
  function, TYPE_CHECKING blocks included) has no cycle;
- no monaydb module imports one of ours from inside a function (the way a cycle hides);
- every module imports first, alone, in a fresh interpreter (clean of our modules);
- nothing edits sys.path.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = {"monaydb": ROOT / "tools" / "monaydb", "monay_bench": ROOT / "bench" / "monay_bench"}


def modules() -> dict[str, Path]:
    """Every module of our packages by dotted name (a package by its __init__.py)."""
    out = {}
    for name, path in PACKAGES.items():
        for f in sorted(path.rglob("*.py")):
            parts = [name, *f.relative_to(path).with_suffix("").parts]
            if parts[-1] == "__init__":
                parts = parts[:-1]
            out[".".join(parts)] = f
    return out


MODULES = modules()


def _resolve(module: str, node: ast.Import | ast.ImportFrom) -> list[str]:
    """The modules of ours that one import statement loads."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name in MODULES]
    is_pkg = MODULES[module].name == "__init__.py"
    if node.level:
        base = module.split(".")
        base = base[: len(base) - node.level + (1 if is_pkg else 0)]
        target = ".".join(base + ([node.module] if node.module else []))
    else:
        target = node.module or ""
    found = [target] if target in MODULES else []
    found += [f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in MODULES]
    return found


def import_graph() -> tuple[dict[str, set[str]], list[str]]:
    """Edges module -> modules it imports (anywhere in it), and the imports of ours made inside a
    function of a monaydb module."""
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    nested: list[str] = []
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(), str(path))
        for fn in ast.walk(tree):
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef) and module.startswith("monaydb"):
                nested += [f"{module}:{n.lineno} imports {t}" for n in ast.walk(fn)
                           if isinstance(n, ast.Import | ast.ImportFrom) for t in _resolve(module, n)]
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                graph[module].update(t for t in _resolve(module, node) if t != module)
    return graph, nested


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_import_graph_has_no_cycle() -> None:
    graph, _ = import_graph()
    assert graph["monaydb.demo"] >= {"monaydb.demo_billing", "monaydb.demo_groups", "monaydb.demo_vault"}, \
        "the graph sees the demo's stories (the parser resolves our imports)"
    assert cycles(graph) == []


def test_the_cycle_check_can_fail() -> None:
    """The old shape: demo imports demo_billing (in a function), demo_billing imports demo."""
    graph, _ = import_graph()
    graph["monaydb.demo_billing"] = graph["monaydb.demo_billing"] | {"monaydb.demo"}
    assert ["monaydb.demo", "monaydb.demo_billing"] in cycles(graph)


def test_monaydb_imports_its_own_modules_at_the_top() -> None:
    _, nested = import_graph()
    assert nested == []


def test_nothing_edits_sys_path() -> None:
    offenders = [f"{p.relative_to(ROOT)}:{n}" for d in ("tools", "bench", "tests") for p in (ROOT / d).rglob("*.py")
                 for n, line in enumerate(p.read_text().splitlines(), 1)
                 if "sys.path" in line and p.name != Path(__file__).name]
    assert offenders == []


@pytest.mark.parametrize("package", sorted(PACKAGES))
def test_each_module_imports_alone_in_a_fresh_interpreter(package: str) -> None:
    """Each module first, with none of ours loaded (from outside the tree: the installed
    packages, not the working directory)."""
    names = [m for m in MODULES if m.split(".")[0] == package and not m.endswith("__main__")]
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    for loaded in [m for m in sys.modules if m.split('.')[0] in ('monaydb', 'monay_bench')]:\n"
        "        del sys.modules[loaded]\n"
        "    importlib.import_module(name)\n"
        "print('ok')\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd="/", timeout=300)
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stderr[-3000:]
