"""bellum's modules import one another without cycles (docs/architecture.md): a cycle held
together by an import inside a function is still a cycle."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "bellum"


def _module(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _graph(top_level_only: bool) -> dict[str, set[str]]:
    mods = {_module(p): p for p in SRC.rglob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for m, p in mods.items():
        tree = ast.parse(p.read_text(encoding="utf-8"))
        nodes = tree.body if top_level_only else ast.walk(tree)
        for node in nodes:
            names = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            # (a submodule importing its own package's other modules is no cycle)
            graph[m] |= {n for n in names if n in mods and n != m and not m.startswith(n + ".")}
    return graph


def _reaches(graph, a: str, b: str) -> bool:
    seen, todo = set(), [a]
    while todo:
        x = todo.pop()
        if x == b:
            return True
        if x not in seen:
            seen.add(x)
            todo.extend(graph[x])
    return False


def test_imports_cli_and_store_have_no_cycle():
    g = _graph(top_level_only=False)
    for a, b in (("bellum.cli", "bellum.cli_structure"), ("bellum.store", "bellum.structure")):
        assert not (_reaches(g, a, b) and _reaches(g, b, a)), (a, b)


def test_imports_module_level_graph_is_acyclic():
    g = _graph(top_level_only=True)
    cycles = sorted({tuple(sorted((a, b))) for a in g for b in g[a] if _reaches(g, b, a)})
    assert not cycles, cycles
