"""The registry in dlpgate.detectors: MODULES, option checking, build_all."""

from __future__ import annotations

import types
from pathlib import Path

import pytest

from dlpgate import detectors
from dlpgate.detectors import MODULES, build_all, merged_options, option_errors, registry
from dlpgate.detectors.base import DetectorConfigError
from dlpgate.types import PROBLEM_REASONS, DetectorContext

CONFIG = str(Path(__file__).resolve().parents[2] / "dlpgate" / "data")

CTX = DetectorContext(internal_domains=("trust.nhs.uk",), config_dir=CONFIG)
NAMES = ["nhs_number", "chi_number", "hc_number", "health_terms", "exposed_recipients"]


def test_modules() -> None:
    assert list(MODULES) == NAMES
    for name, module in MODULES.items():
        assert module.NAME == name
        assert module.DEFAULTS["enabled"] is True
        assert callable(module.build)


def test_duplicate_name_raises() -> None:
    a = types.SimpleNamespace(NAME="x", DEFAULTS={"enabled": True}, __name__="a")
    b = types.SimpleNamespace(NAME="x", DEFAULTS={"enabled": True}, __name__="b")
    with pytest.raises(ValueError, match="duplicate detector NAME 'x'"):
        registry([a, b])


def test_build_all_defaults() -> None:
    built = build_all({}, CTX)
    assert [d.name for d in built] == NAMES
    assert all(callable(d.detect) for d in built)


def test_disable() -> None:
    built = build_all({"chi_number": {"enabled": False}, "health_terms": {"enabled": False}}, CTX)
    assert [d.name for d in built] == ["nhs_number", "hc_number", "exposed_recipients"]


def test_merge() -> None:
    merged = merged_options("nhs_number", {"test_range": True})
    assert merged["test_range"] is True and merged["context_window"] == 300
    merged = merged_options("health_terms", {"term_confidence": 1})
    assert merged["term_confidence"] == 1.0 and isinstance(merged["term_confidence"], float)


BAD = [
    ({"nope": {}}, "detectors.nope: unknown detector"),
    ({"nhs_number": {"colour": "red"}}, "detectors.nhs_number.colour: unknown option"),
    ({"nhs_number": {"test_range": "yes"}}, "detectors.nhs_number.test_range: expected true/false"),
    ({"nhs_number": {"enabled": 1}}, "detectors.nhs_number.enabled: expected true/false"),
    ({"exposed_recipients": {"min_webmail": True}},
     "detectors.exposed_recipients.min_webmail: expected an integer"),
    ({"exposed_recipients": {"min_domains": 2.5}},
     "detectors.exposed_recipients.min_domains: expected an integer"),
    ({"health_terms": {"lexicon": 3}}, "detectors.health_terms.lexicon: expected a string"),
    ({"chi_number": {"base_confidence": "high"}}, "detectors.chi_number.base_confidence: no longer used"),
    ({"chi_number": {"luhn_confidence": 0.8}}, "detectors.chi_number.luhn_confidence: no longer used"),
    ({"hc_number": {"context_confidence": 0.9}}, "detectors.hc_number.context_confidence: no longer used"),
    ({"hc_number": ["enabled"]}, "detectors.hc_number: expected a table of options"),
    ({"nhs_number": {"context_window": -1}}, "detectors.nhs_number.context_window: must be >= 0"),
    ({"nhs_number": {"base_confidence": 0.6}},
     "detectors.nhs_number.base_confidence: no longer used: each number's confidence now comes from the evidence"),
    ({"health_terms": {"lexicon": "missing.tsv"}},
     f"detectors.health_terms.lexicon: file not found: {CONFIG}/missing.tsv"),
    ({"exposed_recipients": {"webmail_domains": "missing.txt"}},
     f"detectors.exposed_recipients.webmail_domains: file not found: {CONFIG}/missing.txt"),
]


@pytest.mark.parametrize("options,message", BAD, ids=[m for _, m in BAD])
def test_bad_options(options, message: str) -> None:
    with pytest.raises(DetectorConfigError) as err:
        build_all(options, CTX)
    text = str(err.value)
    assert text.startswith(message)
    assert "\n" not in text


def test_option_errors_helper() -> None:
    assert option_errors("nhs_number", {"test_range": True}) is None
    assert option_errors("nhs_number", {"x": 1}).startswith("detectors.nhs_number.x:")


def test_disabled_detector_options_still_checked() -> None:
    with pytest.raises(DetectorConfigError, match="detectors.health_terms.oops"):
        build_all({"health_terms": {"enabled": False, "oops": 1}}, CTX)
    # ...but a disabled detector's files are not loaded.
    built = build_all({"health_terms": {"enabled": False, "lexicon": "missing.tsv"}}, CTX)
    assert "health_terms" not in [d.name for d in built]


def test_public_names() -> None:
    for name in detectors.__all__:
        assert hasattr(detectors, name)


def test_kinds_are_declared() -> None:
    assert detectors.known_kinds() == (
        "nhs_number", "chi_number", "hc_number", "health_terms", "patient_identifier", "exposed_recipients",
        "unscannable",
    )
    for name in ("nhs_number", "chi_number", "hc_number"):
        assert MODULES[name].KINDS == (name,)
    vocab = detectors.vocabulary()
    assert "phone" in vocab["nhs_number"] and "phone" in vocab["chi_number"]
    assert "" not in vocab["nhs_number"]
    assert vocab["unscannable"] == frozenset(PROBLEM_REASONS)
