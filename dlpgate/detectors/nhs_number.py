"""NHS numbers (England, Wales, Isle of Man): 400-499 and 600-799, Modulus 11.

The 999 range is reserved for test data and is reported only with
``test_range``. Finding and weighing are shared by the three health numbers:
see :mod:`dlpgate.detectors.recogniser` and :mod:`dlpgate.detectors.numbers`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dlpgate.detectors.numbers import CATEGORIES as CATEGORIES
from dlpgate.detectors.recogniser import CASE_SENSITIVE_KEYWORDS, KEYWORDS, NumberDetector, Scheme, build_scheme
from dlpgate.detectors.recogniser import RETIRED as RETIRED
from dlpgate.types import DetectorContext

NAME = "nhs_number"
KIND = "nhs_number"
KINDS: tuple[str, ...] = (KIND,)

DEFAULTS: Mapping[str, Any] = {
    "enabled": True,
    # Also report numbers in the 999 test range (never issued to a patient).
    "test_range": False,
    # Characters either side of a number searched for patient/clinical words.
    "context_window": 300,
}

SCHEME = Scheme(NAME, "NHS number", DEFAULTS)

__all__ = ["CASE_SENSITIVE_KEYWORDS", "CATEGORIES", "DEFAULTS", "KEYWORDS", "KINDS", "NAME", "build"]


def build(options: Mapping[str, Any], ctx: DetectorContext) -> NumberDetector:
    return build_scheme(SCHEME, options, ctx)
