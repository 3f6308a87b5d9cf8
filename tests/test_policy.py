from __future__ import annotations

import pytest

from dlpgate import policy
from dlpgate.config import DEFAULT_RULES, Rule
from dlpgate.types import Action, Finding, Problem


def f(kind: str, count: int = 1, identifies: bool = False) -> Finding:
    return Finding(detector=kind, kind=kind, where="message body", count=count, identifies_patient=identifies)


RULES = list(DEFAULT_RULES.values())


@pytest.mark.parametrize(
    "findings, external, action, hits",
    [
        ([], True, Action.DELIVER, []),
        ([f("nhs_number", identifies=True)], True, Action.HOLD, ["health_identifier_external"]),
        ([f("nhs_number", identifies=True)], False, Action.DELIVER, []),
        ([f("chi_number", identifies=True)], True, Action.HOLD, ["health_identifier_external"]),
        ([f("hc_number", identifies=True)], True, Action.HOLD, ["health_identifier_external"]),
        ([f("health_terms", 3)], True, Action.DELIVER, []),
        ([f("health_terms"), f("patient_identifier", identifies=True)], True, Action.HOLD, ["patient_health_data_external"]),
        ([f("health_terms"), f("patient_identifier", identifies=True)], False, Action.DELIVER, []),
        ([f("exposed_recipients", 5)], False, Action.REWRITE, ["exposed_recipients"]),
        (
            [f("exposed_recipients", 5), f("nhs_number", identifies=True)],
            True,
            Action.HOLD,
            ["health_identifier_external", "exposed_recipients"],
        ),
        ([f("unscannable")], True, Action.HOLD, ["unscannable_external"]),
    ],
)
def test_decide(findings, external, action, hits):
    got, got_hits = policy.decide(findings, RULES, external)
    assert got == action
    assert [h.name for h in got_hits] == hits


def test_most_severe_wins_and_audit_only_records_but_delivers():
    rules = [
        Rule(name="trial", kinds=("nhs_number",), action="reject", audit_only=True),
        Rule(name="rw", kinds=("nhs_number",), recipients="any", action="rewrite"),
    ]
    action, hits = policy.decide([f("nhs_number")], rules, True)
    assert action == Action.REWRITE and [h.name for h in hits] == ["trial", "rw"]


def test_min_count_and_disabled():
    rules = [Rule(name="bulk", kinds=("nhs_number",), min_count=3), Rule(name="off", kinds=("nhs_number",), enabled=False)]
    assert policy.decide([f("nhs_number", 2)], rules, True)[0] == Action.DELIVER
    assert policy.decide([f("nhs_number", 3)], rules, True)[0] == Action.HOLD


@pytest.mark.parametrize(
    "rcpt, external",
    [
        ("a@example-trust.nhs.uk", False),
        ("a@MAIL.Example-Trust.NHS.uk", False),
        ("a@nhs.net", False),
        ("a@gmail.com", True),
        ("a@notexample-trust.nhs.uk", True),
        ("a@example-trust.nhs.uk.evil.com", True),
    ],
)
def test_external_recipients(rcpt, external):
    got = policy.external_recipients((rcpt,), ("example-trust.nhs.uk",), ("nhs.net",))
    assert bool(got) is external


def test_only_severe_problems_are_unscannable():
    probs = [Problem("encrypted", "attachment a.zip"), Problem("unknown_charset", "message body", severe=False)]
    (finding,) = policy.problem_findings(probs)
    assert finding.kind == "unscannable" and finding.where == "attachment a.zip" and finding.category == "encrypted"
