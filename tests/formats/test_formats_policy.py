"""Protected content as a policy choice: rule categories, and the inspection.ocr key."""

from __future__ import annotations

import pytest

from dlpgate import config, policy
from dlpgate.config import DEFAULT_RULES, ConfigError, Rule
from dlpgate.types import Action, Finding, Problem


def unscannable(*reasons: str) -> list[Finding]:
    return policy.problem_findings([Problem(r, f"attachment {r}.zip") for r in reasons])


# An operator who accepts password-protected archives as a sanctioned channel:
SANCTIONED = [
    r if r.name != "unscannable_external" else Rule(name=r.name, kinds=r.kinds, except_categories=("encrypted",))
    for r in DEFAULT_RULES.values()
] + [Rule(name="encrypted_external", kinds=("unscannable",), categories=("encrypted",), action="deliver")]


@pytest.mark.parametrize(
    "reasons, rules, action, hits",
    [
        (["encrypted"], list(DEFAULT_RULES.values()), Action.HOLD, ["unscannable_external"]),
        (["encrypted"], SANCTIONED, Action.DELIVER, ["encrypted_external"]),
        (["too_large"], SANCTIONED, Action.HOLD, ["unscannable_external"]),
        (["encrypted", "corrupt"], SANCTIONED, Action.HOLD, ["unscannable_external", "encrypted_external"]),
        ([], SANCTIONED, Action.DELIVER, []),
    ],
)
def test_categories_make_protected_content_a_policy_choice(reasons, rules, action, hits) -> None:
    got, got_hits = policy.decide(unscannable(*reasons), rules, True)
    assert got == action and [h.name for h in got_hits] == hits


def test_categories_count_towards_min_count() -> None:
    rule = Rule(name="many_encrypted", kinds=("unscannable",), categories=("encrypted",), min_count=2)
    assert policy.decide(unscannable("encrypted", "corrupt"), [rule], True)[0] == Action.DELIVER
    two = unscannable("encrypted") + [Finding("mime", "unscannable", "attachment b.zip", 1, category="encrypted")]
    assert policy.decide(two, [rule], True)[0] == Action.HOLD


def test_config_keys() -> None:
    s = config.from_mapping(
        {
            "inspection": {"ocr": True},
            "rules": {
                "unscannable_external": {"except_categories": ["encrypted"]},
                "encrypted_external": {"kinds": ["unscannable"], "categories": ["encrypted"], "action": "deliver"},
            },
        },
        config.PROJECT_CONFIG_DIR,
    )
    assert s.inspection.ocr is True and s.inspection.limits.ocr is True
    assert s.rules["unscannable_external"].except_categories == ("encrypted",)
    assert s.rules["encrypted_external"].categories == ("encrypted",)
    assert config.from_mapping({}, config.PROJECT_CONFIG_DIR).inspection.limits.ocr is False
    with pytest.raises(ConfigError, match="inspection.ocr"):
        config.from_mapping({"inspection": {"ocr": "yes"}}, config.PROJECT_CONFIG_DIR)
    with pytest.raises(ConfigError, match="rules.x.categories"):
        config.from_mapping(
            {"rules": {"x": {"kinds": ["unscannable"], "categories": "encrypted"}}}, config.PROJECT_CONFIG_DIR
        )


def test_shipped_config_loads_with_the_new_keys() -> None:
    s = config.load(config.PROJECT_CONFIG_DIR / "dlpgate.toml")
    assert s.inspection.ocr is False
    assert s.rules["unscannable_external"].categories == ()
