"""Health and Care numbers (Northern Ireland): 320-399, Modulus 11.

Finding and weighing are shared by the three health numbers: see
:mod:`dlpgate.detectors.recogniser` and :mod:`dlpgate.detectors.numbers`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dlpgate.detectors.numbers import CATEGORIES as CATEGORIES
from dlpgate.detectors.recogniser import RETIRED as RETIRED
from dlpgate.detectors.recogniser import NumberDetector, Scheme, build_scheme
from dlpgate.types import DetectorContext

NAME = "hc_number"
KIND = "hc_number"
KINDS: tuple[str, ...] = (KIND,)

DEFAULTS: Mapping[str, Any] = {
    "enabled": True,
    # Characters either side of a number searched for patient/clinical words.
    "context_window": 300,
}

SCHEME = Scheme(NAME, "Health and Care number", DEFAULTS)


def build(options: Mapping[str, Any], ctx: DetectorContext) -> NumberDetector:
    return build_scheme(SCHEME, options, ctx)
