"""NHS numbers (England, Wales, Isle of Man).

Ten digits, contiguous or grouped 3-3-4 with one consistent separator, not
inside a longer digit run and not a telephone number (see
:mod:`dlpgate.detectors.numbers`); the first three digits in an issued range
(400-499 or 600-799); the Modulus 11 check digit right. The 999 range is
reserved for test data and is accepted only with the ``test_range`` option.

Every instance is counted. Confidence is ``base_confidence`` (0.6), raised to
``context_confidence`` (0.95) when a patient/NHS keyword is within
``context_window`` characters before or after the number.

Candidates that start 010-311 (a CHI date) or 320-399 (a Health and Care
number) never reach this detector's ranges, so the three number detectors
never report the same digits twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dlpgate.detectors.base import DetectorConfigError
from dlpgate.detectors.checksums import nhs_candidate_ok
from dlpgate.detectors.numbers import Keywords, Tally, find_candidates, mask
from dlpgate.types import DetectorContext, Finding, ParsedMessage

NAME = "nhs_number"
KIND = "nhs_number"

DEFAULTS: Mapping[str, Any] = {
    "enabled": True,
    "test_range": False,
    "context_window": 300,
    "base_confidence": 0.6,
    "context_confidence": 0.95,
}

CASE_SENSITIVE_KEYWORDS = ("NHS", "N.H.S", "GP", "DOB", "D.O.B", "A&E", "MRN", "CHI", "ED")
KEYWORDS = (
    "NHS no", "NHS number", "NHS num", "nhs.net", "patient", "patients", "pt", "date of birth",
    "hospital", "referral", "referred", "clinic", "surgery", "ward", "consultant",
    "discharge", "discharged", "admission", "admitted", "appointment", "diagnosis",
    "treatment", "medical", "medication", "prescription", "GP practice", "health",
    "nurse", "midwife", "health visitor", "outpatient", "inpatient", "trust",
)


class NhsNumberDetector:
    def __init__(self, *, test_range: bool, keywords: Keywords, base: float, context: float) -> None:
        self.name = NAME
        self._test_range = test_range
        self._keywords = keywords
        self._base = base
        self._context = context

    def _accept(self, digits: str) -> bool:
        return nhs_candidate_ok(digits, self._test_range)

    def detect(self, message: ParsedMessage, deadline: float | None = None) -> list[Finding]:
        tally = Tally(NAME)
        for segment in message.segments:
            text = segment.text
            hits = find_candidates(text, self._accept)
            if not hits:
                continue
            near = self._keywords.near_any(text, [(c.start, c.end) for c in hits])
            confidence = self._context if near else self._base
            # One tally entry per place: a clinic list has one number per row.
            for cand in hits[: Tally.MAX_EVIDENCE]:
                tally.add(KIND, segment.where, mask(cand.digits), confidence, identifies_patient=True)
            rest = len(hits) - Tally.MAX_EVIDENCE
            if rest > 0:
                tally.add(KIND, segment.where, "", confidence, identifies_patient=True, count=rest)
        return tally.findings()


def _confidence(options: Mapping[str, Any], key: str) -> float:
    value = float(options[key])
    if not 0.0 <= value <= 1.0:
        raise DetectorConfigError(f"detectors.{NAME}.{key}: must be between 0 and 1, got {value}")
    return value


def build(options: Mapping[str, Any], ctx: DetectorContext) -> NhsNumberDetector:
    opts = {**DEFAULTS, **options}
    window = int(opts["context_window"])
    if window < 0:
        raise DetectorConfigError(f"detectors.{NAME}.context_window: must be >= 0, got {window}")
    return NhsNumberDetector(
        test_range=bool(opts["test_range"]),
        keywords=Keywords(CASE_SENSITIVE_KEYWORDS, KEYWORDS, window),
        base=_confidence(opts, "base_confidence"),
        context=_confidence(opts, "context_confidence"),
    )
