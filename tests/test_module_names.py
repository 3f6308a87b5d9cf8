"""No module of the package defines a top-level name twice: a second definition silently
replaces the first for every function that reads it (a reach, a pattern), wherever it is used."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "dlpgate"


def _defined(tree: ast.Module) -> Counter[str]:
    names: Counter[str] = Counter()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names[node.name] += 1
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            names[node.target.id] += 1
    return names


def test_no_module_defines_a_name_twice() -> None:
    twice = {
        f"{path.relative_to(PACKAGE.parent)}: {name}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for name, n in _defined(ast.parse(path.read_text(encoding="utf-8"))).items()
        if n > 1
    }
    assert not twice, sorted(twice)
