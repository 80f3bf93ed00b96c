"""The first-party import graph: no cycles (type-only imports count; an import deferred into a
function does not), and ``archive/`` stands alone (it never imports ``crawler`` nor Scrapy)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("archive", "crawler")


def _module_name(path: Path) -> str:
    """Return the dotted module name of a source file under ROOT."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    """Return every first-party module by name."""
    return {_module_name(p): p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")}


def _import_nodes(node: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Return the import statements of a module outside function bodies (``TYPE_CHECKING``
    blocks, ``try`` and class bodies included): what importing it, or type-checking it, loads.
    An import inside a function is a deliberate run-time deferral and is left out."""
    found: list[ast.Import | ast.ImportFrom] = []
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        if isinstance(child, (ast.Import, ast.ImportFrom)):
            found.append(child)
        found.extend(_import_nodes(child))
    return found


def _imported(tree: ast.AST, modules: dict[str, Path]) -> set[str]:
    """Return the modules a parsed file imports (type-only imports included, see
    ``_import_nodes``); ``from package import name`` counts as the submodule when it is one."""
    found: set[str] = set()
    for node in _import_nodes(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif node.module and node.level == 0:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in modules else node.module)
    return found


def import_graph() -> dict[str, set[str]]:
    """Return module -> the first-party modules it imports."""
    modules = _modules()
    graph = {}
    for name, path in modules.items():
        imported = _imported(ast.parse(path.read_text(), str(path)), modules)
        graph[name] = {m for m in imported if m in modules and m != name}
    return graph


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Return the import cycles found by a depth-first walk (each as its chain of modules)."""
    state: dict[str, int] = {}
    cycles: list[list[str]] = []
    for root in sorted(graph):
        if root in state:
            continue
        state[root] = 1
        path, todo = [root], [iter(sorted(graph[root]))]
        while todo:
            target = next(todo[-1], None)
            if target is None:
                state[path.pop()] = 2
                todo.pop()
            elif state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                state[target] = 1
                path.append(target)
                todo.append(iter(sorted(graph[target])))
    return cycles


def test_no_import_cycles_type_only_imports_included() -> None:
    cycles = find_cycles(import_graph())
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles)


def test_the_cycle_check_sees_a_type_only_import() -> None:
    graph = {"a": {"b"}, "b": {"a"}, "c": set()}
    assert find_cycles(graph) == [["a", "b", "a"]]
    source = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from crawler.x import Y\n"
    assert _imported(ast.parse(source), {"crawler.x": ROOT}) >= {"crawler.x"}
    deferred = "def load() -> None:\n    from crawler.x import Y\n"
    assert "crawler.x" not in _imported(ast.parse(deferred), {"crawler.x": ROOT})


def test_archive_imports_nothing_from_the_crawler_nor_scrapy() -> None:
    modules = _modules()
    bad = {
        name: sorted(
            m
            for m in _imported(ast.parse(path.read_text()), modules)
            if m.split(".")[0] in ("crawler", "scrapy")
        )
        for name, path in modules.items()
        if name.split(".")[0] == "archive"
    }
    assert not {name: found for name, found in bad.items() if found}
