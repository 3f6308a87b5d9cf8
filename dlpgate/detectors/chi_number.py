"""CHI numbers (Community Health Index, NHS Scotland).

The first six digits are the date of birth DDMMYY: a real date (29 February
when YY % 4 == 0), and a plausible birth: not after the message date (or
today) and at most 120 years before it. The check digit passes Modulus 11
(numbers issued so far) or Modulus 10 / Luhn (the rule for numbers issued from
2025). Written contiguously, 3-3-4, or as the date then four digits
("150387 1234").

A Luhn-only number starts from a low prior and is reported at a confidence the
default rule acts on only with CHI or patient context nearby; ``luhn = false``
ignores such numbers altogether. A Modulus 11 number written together, with no
label, in no list, and nothing for a patient around it (no patient or clinical
words, person, date of birth or health terms near, not Scotland's mail) is one
ten-digit count, ID or time in three hundred: it too is reported below the
default rule's threshold. CHI prefixes (010-311) never overlap the NHS
(400-799, 999) or H&C (320-399) ranges, so no digits are reported twice.
Finding and weighing are shared: see :mod:`dlpgate.detectors.recogniser`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dlpgate.detectors.numbers import CATEGORIES as CATEGORIES
from dlpgate.detectors.recogniser import RETIRED as RETIRED
from dlpgate.detectors.recogniser import NumberDetector, Scheme, build_scheme
from dlpgate.types import DetectorContext

NAME = "chi_number"
KIND = "chi_number"
KINDS: tuple[str, ...] = (KIND,)

DEFAULTS: Mapping[str, Any] = {
    "enabled": True,
    # Report Luhn-only numbers (the check NHS Scotland uses for numbers issued from 2025).
    "luhn": True,
    # Characters either side of a number searched for patient/clinical words.
    "context_window": 300,
}

SCHEME = Scheme(NAME, "CHI number", DEFAULTS)


def build(options: Mapping[str, Any], ctx: DetectorContext) -> NumberDetector:
    return build_scheme(SCHEME, options, ctx)
