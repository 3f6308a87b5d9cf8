"""Health and Care numbers (Northern Ireland).

Ten digits found like every health number (contiguous or 3-3-4 with one
separator, no longer digit run, not a telephone number); first three digits
320-399; Modulus 11 check digit right. Every instance is counted, at
``base_confidence`` (0.6), or ``context_confidence`` (0.95) with a keyword
("H&C", "HCN", "Health and Care number", "patient", "DOB", "HSC", ...) within
``context_window`` characters.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dlpgate.detectors.base import DetectorConfigError
from dlpgate.detectors.checksums import is_hc_number
from dlpgate.detectors.numbers import Keywords, Tally, find_candidates, mask
from dlpgate.types import DetectorContext, Finding, ParsedMessage

NAME = "hc_number"
KIND = "hc_number"

DEFAULTS: Mapping[str, Any] = {
    "enabled": True,
    "context_window": 300,
    "base_confidence": 0.6,
    "context_confidence": 0.95,
}

CASE_SENSITIVE_KEYWORDS = ("H&C", "HCN", "HSC", "DOB", "D.O.B", "NHS", "GP", "A&E", "NI")
KEYWORDS = (
    "H&C number", "H&C no", "health and care number", "health & care number",
    "health and care no", "HSC trust", "Northern Ireland", "patient", "patients",
    "date of birth", "hospital", "clinic", "referral", "ward", "consultant",
    "discharge", "admission", "appointment", "surgery",
)


class HcNumberDetector:
    def __init__(self, *, keywords: Keywords, base: float, context: float) -> None:
        self.name = NAME
        self._keywords = keywords
        self._base = base
        self._context = context

    def detect(self, message: ParsedMessage, deadline: float | None = None) -> list[Finding]:
        tally = Tally(NAME)
        for segment in message.segments:
            text = segment.text
            hits = find_candidates(text, is_hc_number)
            if not hits:
                continue
            context = self._keywords.near_each(text, [(c.start, c.end) for c in hits])
            for cand, near in zip(hits, context, strict=True):
                tally.add(
                    KIND,
                    segment.where,
                    mask(cand.digits),
                    self._context if near else self._base,
                    identifies_patient=True,
                )
        return tally.findings()


def build(options: Mapping[str, Any], ctx: DetectorContext) -> HcNumberDetector:
    opts = {**DEFAULTS, **options}
    window = int(opts["context_window"])
    if window < 0:
        raise DetectorConfigError(f"detectors.{NAME}.context_window: must be >= 0, got {window}")
    confs = {}
    for key in ("base_confidence", "context_confidence"):
        value = float(opts[key])
        if not 0.0 <= value <= 1.0:
            raise DetectorConfigError(f"detectors.{NAME}.{key}: must be between 0 and 1, got {value}")
        confs[key] = value
    return HcNumberDetector(
        keywords=Keywords(CASE_SENSITIVE_KEYWORDS, KEYWORDS, window),
        base=confs["base_confidence"],
        context=confs["context_confidence"],
    )
