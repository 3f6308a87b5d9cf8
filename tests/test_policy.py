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


def fc(kind: str, confidence: float, count: int = 1, identifies: bool = True) -> Finding:
    return Finding(detector=kind, kind=kind, where="message body", count=count, confidence=confidence,
                   identifies_patient=identifies)


@pytest.mark.parametrize(
    "findings, action",
    [
        ([fc("nhs_number", 0.73)], Action.HOLD),  # a number on its own
        ([fc("nhs_number", 0.5)], Action.HOLD),  # the threshold itself counts
        ([fc("nhs_number", 0.49)], Action.DELIVER),  # a phone number, an order number...
        ([fc("nhs_number", 0.04, 12), fc("chi_number", 0.2)], Action.DELIVER),
        ([fc("nhs_number", 0.04, 12), fc("hc_number", 0.98)], Action.HOLD),
        # a health term needs an identifier at or above the threshold
        ([fc("health_terms", 0.9, identifies=False), fc("nhs_number", 0.1)], Action.DELIVER),
        ([fc("health_terms", 0.9, identifies=False), fc("nhs_number", 0.8)], Action.HOLD),
    ],
)
def test_min_confidence_of_the_shipped_rules(findings, action):
    assert policy.decide(findings, RULES, True)[0] == action


def test_min_confidence_counts_only_findings_at_or_above_it():
    rule = Rule(name="bulk", kinds=("nhs_number",), min_count=3, min_confidence=0.9)
    assert policy.decide([fc("nhs_number", 0.95, 2), fc("nhs_number", 0.6, 5)], [rule], True)[0] == Action.DELIVER
    assert policy.decide([fc("nhs_number", 0.95, 3), fc("nhs_number", 0.6, 5)], [rule], True)[0] == Action.HOLD


@pytest.mark.parametrize(
    "toml, message",
    [
        ("[rules.x]\nkinds = [\"nhs_number\"]\nmin_confidence = 1.5\n", "config: rules.x.min_confidence must be between 0 and 1"),
        ("[rules.x]\nkinds = [\"nhs_number\"]\nmin_confidence = \"high\"\n", "config: rules.x.min_confidence must be a number"),
        ("[rules.x]\nkinds = [\"nhs_numbers\"]\n", "config: rules.x.kinds: unknown finding kind 'nhs_numbers'"),
        ("[rules.x]\nkinds = [\"nhs_number\"]\ncategories = [\"telephone\"]\n", "config: rules.x.categories: 'telephone' is not a category of nhs_number"),
    ],
)
def test_rule_validation(tmp_path, toml: str, message: str):
    from dlpgate import config

    p = tmp_path / "c.toml"
    p.write_text(toml)
    with pytest.raises(config.ConfigError) as err:
        config.load(p)
    assert str(err.value).startswith(message) and "\n" not in str(err.value)


def test_rule_categories_of_number_kinds_are_accepted(tmp_path):
    from dlpgate import config

    p = tmp_path / "c.toml"
    p.write_text('[rules.phones]\nkinds = ["nhs_number"]\ncategories = ["phone"]\naction = "deliver"\nmin_confidence = 0.0\n')
    assert config.load(p).rules["phones"].categories == ("phone",)


def test_shipped_config_uses_min_confidence():
    from dlpgate import config

    settings = config.load(config.PROJECT_CONFIG_DIR / "dlpgate.toml")
    assert settings.rules["health_identifier_external"].min_confidence == 0.5
    assert settings.rules["patient_health_data_external"].min_confidence == 0.5
    assert DEFAULT_RULES["health_identifier_external"].min_confidence == 0.5
