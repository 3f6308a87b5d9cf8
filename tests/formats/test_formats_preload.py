"""A worker loads the readers' libraries before its first message (mime/formats/preload.py)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from dlpgate.mime.formats import preload

MIME = Path(__file__).resolve().parents[2] / "dlpgate" / "mime"


def _imported_in_functions() -> dict[str, set[str]]:
    """Each library (not the standard library's, not dlpgate's) that a module of dlpgate.mime
    imports below its top level, with the files that do."""
    found: dict[str, set[str]] = {}
    for path in MIME.rglob("*.py"):
        tree = ast.parse(path.read_text())
        top = {id(node) for node in tree.body}
        for node in ast.walk(tree):
            if id(node) in top:
                continue
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                root = name.split(".")[0]
                if root != "dlpgate" and root not in sys.stdlib_module_names:
                    found.setdefault(name, set()).add(path.name)
    return found


def test_every_library_a_reader_imports_late_is_preloaded() -> None:
    listed = set(preload.LIBRARIES) | set(preload.ON_FIRST_USE) | {name for choices in preload.ALTERNATIVES for name in choices}
    found = _imported_in_functions()
    assert "extract_msg" in found and "pypdf" in found  # the scan reads the readers
    missing = {
        name: sorted(files) for name, files in found.items()
        if not any(entry == name or entry.startswith(name + ".") for entry in listed)
    }
    assert not missing, f"add to preload.LIBRARIES or ON_FIRST_USE: {missing}"


def test_preload_loads_them_all_here() -> None:
    assert preload.preload() == []
    assert {"extract_msg", "pypdf", "openpyxl", "lxml.etree", "tnefparse"} <= set(sys.modules)


def test_a_missing_library_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "tnefparse", None)  # import tnefparse now raises ImportError
    assert preload.preload() == ["tnefparse"]
