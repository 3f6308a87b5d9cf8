"""Run the real-mail regression set through the inspection `dlpgate scan --json` uses.

The shipped default config (config/dlpgate.toml), one internal sender and one
external envelope recipient, so every content rule applies. A hold is described
by its acting rules and the finding kinds (with category: the problem reason for
`unscannable`, the term category for `health_terms`) that those rules count.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from dlpgate import config as config_mod
from dlpgate import pipeline
from dlpgate.cli import envelope_from_headers
from dlpgate.types import Action, Envelope, Verdict

ROOT = Path(__file__).resolve().parent
PROJECT = ROOT.parent.parent
EXPECTED = ROOT / "expected_holds.toml"
ENVELOPE = Envelope(mail_from="staff@example-trust.nhs.uk", rcpt_tos=("someone@partner.example.org",))


@dataclass(frozen=True)
class Outcome:
    file: str  # relative to tests/realmail
    action: str = ""
    rules: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    wheres: tuple[str, ...] = ()
    error: str = ""

    @property
    def held(self) -> bool:
        return self.action in ("hold", "reject")


@dataclass
class Expected:
    holds: dict[str, dict] = field(default_factory=dict)
    known_false: dict[str, dict] = field(default_factory=dict)


def message_files() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*.eml") if p.is_file())


@lru_cache(maxsize=1)
def engine() -> pipeline.Engine:
    settings = config_mod.load(PROJECT / "config" / "dlpgate.toml")
    return pipeline.build_engine(settings)


def describe(verdict: Verdict, rules: dict) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    acting = tuple(sorted(verdict.acting_rules))
    counted = {k for name in acting for k in rules[name].kinds}
    kinds: set[str] = set()
    wheres: set[str] = set()
    for f in verdict.findings:
        if f.kind in counted:
            kinds.add(f"{f.kind}:{f.category}" if f.category else f.kind)
            wheres.add(f"{f.kind} @ {f.where}")
    return acting, tuple(sorted(kinds)), tuple(sorted(wheres))


def scan(path: Path) -> Outcome:
    rel = path.relative_to(ROOT).as_posix()
    eng = engine()
    try:
        raw = path.read_bytes()
        envelope_from_headers(raw)  # `dlpgate scan` reads the headers first: it must not crash either
        verdict = pipeline.inspect(raw, ENVELOPE, eng)
    except BaseException as exc:  # a crash is the result being checked
        if isinstance(exc, KeyboardInterrupt):
            raise
        return Outcome(rel, error=f"{exc.__class__.__name__}: {str(exc)[:200]}")
    if verdict.action < Action.HOLD:
        return Outcome(rel, action=verdict.action.label)
    rules, kinds, wheres = describe(verdict, {r.name: r for r in eng.rules})
    return Outcome(rel, action=verdict.action.label, rules=rules, kinds=kinds, wheres=wheres)


def scan_all() -> list[Outcome]:
    return [scan(p) for p in message_files()]


def load_expected(path: Path = EXPECTED) -> Expected:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out = Expected()
    for section, target in (("hold", out.holds), ("known_false", out.known_false)):
        for entry in data.get(section, []):
            if entry["file"] in out.holds or entry["file"] in out.known_false:
                raise ValueError(f"{path.name}: {entry['file']} is listed twice")
            target[entry["file"]] = entry
    return out


def compare(outcomes: list[Outcome], expected: Expected) -> list[str]:
    """Every difference between what happens now and what the list says, one line each."""
    problems: list[str] = []
    seen: set[str] = set()
    for o in outcomes:
        seen.add(o.file)
        if o.error:
            problems.append(f"{o.file}: inspection crashed: {o.error}")
            continue
        entry = expected.holds.get(o.file) or expected.known_false.get(o.file)
        if o.held and entry is None:
            problems.append(
                f"{o.file}: unexpected {o.action} by {list(o.rules)} on {list(o.kinds)} ({'; '.join(o.wheres)});"
                " if it is right, add it to expected_holds.toml with a justification"
                " (python -m tests.realmail.refresh prints the entry)"
            )
        elif not o.held and entry is not None:
            problems.append(
                f"{o.file}: listed as held in expected_holds.toml but now {o.action}; remove the entry"
                " (or find why the hold stopped)"
            )
        elif o.held and entry is not None:
            want = (tuple(sorted(entry.get("rules", []))), tuple(sorted(entry.get("kinds", []))))
            if want != (o.rules, o.kinds):
                problems.append(
                    f"{o.file}: held for other reasons than listed: now rules={list(o.rules)} kinds={list(o.kinds)},"
                    f" listed rules={list(want[0])} kinds={list(want[1])}"
                )
    for name in sorted((set(expected.holds) | set(expected.known_false)) - seen):
        problems.append(f"{name}: listed in expected_holds.toml but no such message in tests/realmail")
    for name, entry in {**expected.holds, **expected.known_false}.items():
        if not str(entry.get("why", "")).strip():
            problems.append(f"{name}: listed in expected_holds.toml without a `why`")
    return problems
