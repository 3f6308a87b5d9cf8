"""The admin's documents: short README, the docs it points to exist, and every
`dlpgate` command they show parses with the real parser."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from dlpgate.cli import parser

ROOT = Path(__file__).resolve().parents[2]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), ROOT / "deploy" / "README.md"]


def test_readme_is_short_and_links_resolve():
    text = (ROOT / "README.md").read_text()
    assert len(text.splitlines()) < 200
    for target in re.findall(r"\]\(([^)#]+)\)", text):
        if not target.startswith("http"):
            assert (ROOT / target).exists(), target
    for doc in ("install", "configuration", "operations", "security", "performance"):
        assert f"docs/{doc}.md" in text
    # the console's first account comes after something made .venv
    assert ".venv/bin/dlpgate user add" not in text


def commands(path: Path):
    in_block = False
    for line in path.read_text().splitlines():
        if line.startswith("```"):
            in_block = line.strip() in ("```sh", "```bash")
            continue
        if not in_block:
            continue
        line = re.split(r"\s+#\s|\s[>|]\s|\s&&\s", line)[0].strip()
        m = re.match(r"^(?:\S*/)?dlpgate (.*)$", line)
        if m and not line.startswith(("python", "pip")):
            yield line, shlex.split(m.group(1))


CASES = [(p.name, line, argv) for p in DOCS for line, argv in commands(p)]


def test_the_docs_show_commands():
    assert len(CASES) > 20


@pytest.mark.parametrize("doc, line, argv", CASES, ids=[f"{d}:{line[:40]}" for d, line, _ in CASES])
def test_documented_command_parses(doc, line, argv):
    argv = [a for a in argv if a not in ("\\",)]
    if argv[:1] == ["--version"]:
        return
    argv = [re.sub(r"^ID$", "20261204-abc", a) for a in argv]
    try:
        parser().parse_args(argv)
    except SystemExit as exc:  # argparse's way of saying no
        pytest.fail(f"{doc}: `{line}` does not parse (exit {exc.code})")
