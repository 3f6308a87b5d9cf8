"""Probe mail (tests/probes) through the inspection `dlpgate scan` uses: each message's name
says what the gateway must do with it (h: hold, d: deliver or rewrite, r: rewrite).

The envelope is `dlpgate scan`'s: the sender from the From header, one external
recipient. The shipped default config, with the 999 test range of NHS numbers read
as real (a few probes use it). The messages the gateway does not answer rightly yet are
listed in tests/probes/known.toml with the reason; one listed that comes right fails too.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from dlpgate import config as config_mod
from dlpgate import pipeline
from dlpgate.cli import envelope_from_headers
from dlpgate.types import Action, Envelope

ROOT = Path(__file__).resolve().parent / "probes"
PROJECT = ROOT.parent.parent
RECIPIENT = "someone@partner.example.org"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> pipeline.Engine:
    text = (PROJECT / "config" / "dlpgate.toml").read_text(encoding="utf-8")
    assert "test_range = false" in text
    path = tmp_path_factory.mktemp("probes") / "dlpgate.toml"
    path.write_text(text.replace("test_range = false", "test_range = true"), encoding="utf-8")
    return pipeline.build_engine(config_mod.load(path))


def right(name: str, action: Action) -> bool:
    if name.startswith("h"):
        return action >= Action.HOLD
    if name.startswith("r"):
        return action == Action.REWRITE
    return action < Action.HOLD


def test_the_sets_are_there() -> None:
    files = sorted(ROOT.rglob("*.eml"))
    assert len(files) > 800
    assert {p.name[0] for p in files} <= {"h", "d", "r"}
    assert sum(p.name.startswith("h") for p in files) > 300


def test_each_probe_is_answered_as_its_name_says(engine: pipeline.Engine) -> None:
    known = {e["file"]: e["why"] for e in tomllib.loads((ROOT / "known.toml").read_text(encoding="utf-8"))["known"]}
    wrong: list[str] = []
    for path in sorted(ROOT.rglob("*.eml")):
        rel = path.relative_to(ROOT).as_posix()
        raw = path.read_bytes()
        envelope = Envelope(envelope_from_headers(raw).mail_from, (RECIPIENT,))
        verdict = pipeline.inspect(raw, envelope, engine)
        ok = right(path.name, verdict.action)
        if not ok and rel not in known:
            wrong.append(f"{rel}: {verdict.action.label} by {sorted(verdict.acting_rules)}")
        elif ok and rel in known:
            wrong.append(f"{rel}: now answered rightly ({verdict.action.label}): take it out of known.toml")
    missing = sorted(set(known) - {p.relative_to(ROOT).as_posix() for p in ROOT.rglob("*.eml")})
    assert not wrong and not missing, "\n".join(wrong + [f"{m}: listed in known.toml, no such file" for m in missing])
