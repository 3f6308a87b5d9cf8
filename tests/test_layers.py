"""Imports follow the map in ARCHITECTURE.md: each module imports only what its row allows."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "dlpgate"


def allowed() -> dict[str, set[str] | None]:
    """module or package -> what it may import (None: anything), read from ARCHITECTURE.md's table."""
    rules: dict[str, set[str] | None] = {}
    for line in (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"\| `([a-z_]+)/?` \| .* \| (.*) \|$", line)
        if m:
            names = set(re.findall(r"`([a-z_*]+)`", m.group(2)))
            rules[m.group(1)] = None if "*" in names else names
    return rules


def unit(module: str) -> str:
    """dlpgate.mime.formats.pdf -> mime; dlpgate.gateway -> gateway."""
    return module.split(".")[1]


def imports(path: Path) -> set[str]:
    """The dlpgate modules a file imports, at any level (function-level imports too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "dlpgate":
                found.update(f"dlpgate.{a.name}" for a in node.names)
            elif node.module.startswith("dlpgate."):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("dlpgate."))
    return found


def test_the_map_names_every_module_and_package():
    rules = allowed()
    modules = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__", "__main__"}
    packages = {p.name for p in PACKAGE.iterdir() if p.is_dir() and any(p.glob("*.py"))}
    units = modules | packages
    assert units - set(rules) == set(), "modules missing from ARCHITECTURE.md's table"
    assert set(rules) - units == set(), "ARCHITECTURE.md names modules that do not exist"


def test_every_import_is_one_the_map_allows():
    rules = allowed()
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT).with_suffix("")
        parts = rel.parts
        if parts[-1] == "__init__" and len(parts) == 2:
            continue  # the package's own __init__ (version)
        here = parts[1]
        may = rules.get(here)
        if may is None:
            continue
        for target in imports(path):
            there = unit(target)
            if there != here and there != "__version__" and there not in may:
                wrong.append(f"{rel}: imports {target} ({here} may import {sorted(may) or 'nothing'})")
    assert wrong == []


def test_the_check_catches_an_import_against_the_map(tmp_path):
    """The rule reader and the import reader work: mime may not import the store."""
    rules = allowed()
    assert "store" not in rules["mime"] and rules["cli"] is None
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from dlpgate.store import open_store\n")
    assert {unit(m) for m in imports(bad)} == {"store"}
