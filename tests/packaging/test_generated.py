"""The man page and the shell completions are generated from the parser (`make man`)
with argparse-manpage and shtab; the checked-in files must match the parser."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import dlpgate

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def test_man_page_is_up_to_date(tmp_path):
    out = tmp_path / "dlpgate.1"
    subprocess.run(
        [BIN / "argparse-manpage", "--module", "dlpgate.cli", "--function", "parser", "--prog", "dlpgate",
         "--project-name", "dlpgate", "--version", dlpgate.__version__,
         "--description", "outbound-mail data-loss-prevention gateway for health organisations",
         "--manual-title", "dlpgate manual", "--output", str(out)],
        check=True, capture_output=True,
    )
    # The first line carries the build date.
    fresh = out.read_text().splitlines()[1:]
    shipped = (ROOT / "docs" / "dlpgate.1").read_text().splitlines()[1:]
    assert fresh == shipped, "docs/dlpgate.1 is out of date: run `make man`"
    text = "\n".join(shipped)
    for word in ("quarantine release", "\\-\\-reason", "config check", "user unlock", "exit status"):
        assert word in text, word


def test_completions_are_up_to_date():
    for shell, name in (("bash", "dlpgate.bash"), ("zsh", "_dlpgate")):
        fresh = subprocess.run([BIN / "shtab", f"--shell={shell}", "dlpgate.cli.parser"], check=True, capture_output=True, text=True).stdout
        assert fresh == (ROOT / "deploy" / "completion" / name).read_text(), f"deploy/completion/{name} is out of date: run `make man`"
        assert "unlock" in fresh and "--since" in fresh


def test_bash_completion_completes_subcommands(tmp_path):
    script = f"""
source {ROOT / 'deploy' / 'completion' / 'dlpgate.bash'}
COMP_WORDS=(dlpgate quarantine re); COMP_CWORD=2; COMP_LINE="dlpgate quarantine re"; COMP_POINT=${{#COMP_LINE}}
_shtab_dlpgate
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    proc = subprocess.run(["bash", "-c", script], capture_output=True, text=True)
    assert "release" in proc.stdout.split(), proc.stdout + proc.stderr
