"""CHI numbers (Community Health Index, NHS Scotland).

Ten digits found like every health number (contiguous or 3-3-4 with one
separator, no longer digit run, not a telephone number). The first six digits
are the date of birth DDMMYY and must be a real date; 29 February is accepted
when YY % 4 == 0 (a leap year as 19YY or 20YY; 00 is 2000). The check digit
passes Modulus 11 (numbers issued so far) or Modulus 10 / Luhn (the rule NHS
Scotland uses for new numbers from 2025).

How CHI and NHS numbers are told apart
--------------------------------------
A candidate that is a valid NHS number in an issued range (400-499, 600-799)
or the test range (999) is left to ``nhs_number`` and is never reported here;
only a candidate that is valid CHI and *not* a valid NHS-range number is
reported as ``chi_number``. (A CHI number starts with a day, 01-31, so its first
three digits are 010-311 and the ranges cannot actually collide; the rule is
kept explicit so that this stays true if ranges change.)

False positives
---------------
A DDMMYY date plus a check digit is a weak signal: about 3.7% of random
six-digit prefixes are dates, and Luhn accepts one check digit in ten, so
roughly 1 in 270 random ten-digit strings (order numbers, timestamps,
references) would pass. Therefore:

* Modulus 11 matches are reported with or without context: without context at
  ``base_confidence`` (0.5), with a CHI keyword ("CHI", "CHI number",
  "CHI no", "patient", "DOB", "date of birth", "NHS Scotland", ...) within
  ``context_window`` characters at ``context_confidence`` (0.95).
  Modulus 11 excludes one in eleven prefixes outright and is the long-standing
  rule, so these are reported as they are.
* Luhn-only matches (valid Luhn, not Modulus 11) are reported ONLY with CHI
  context nearby, at ``luhn_confidence`` (0.85). Set ``luhn`` to false to ignore
  them entirely.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dlpgate.detectors.base import DetectorConfigError
from dlpgate.detectors.checksums import chi_check, is_hc_number, is_nhs_number
from dlpgate.detectors.numbers import Keywords, Tally, find_candidates, mask
from dlpgate.types import DetectorContext, Finding, ParsedMessage

NAME = "chi_number"
KIND = "chi_number"

DEFAULTS: Mapping[str, Any] = {
    "enabled": True,
    "luhn": True,
    "context_window": 300,
    "base_confidence": 0.5,
    "context_confidence": 0.95,
    "luhn_confidence": 0.85,
}

CASE_SENSITIVE_KEYWORDS = ("CHI", "DOB", "D.O.B", "NHS", "GP", "A&E")
KEYWORDS = (
    "CHI number", "CHI no", "CHI num", "community health index", "patient", "patients",
    "date of birth", "NHS Scotland", "health board", "NHS Lothian", "NHS Greater Glasgow",
    "NHS Grampian", "NHS Tayside", "NHS Highland", "NHS Fife", "hospital", "clinic",
    "referral", "ward", "consultant", "discharge", "admission", "appointment", "surgery",
)


class ChiNumberDetector:
    def __init__(
        self, *, luhn: bool, keywords: Keywords, base: float, context: float, luhn_conf: float
    ) -> None:
        self.name = NAME
        self._luhn = luhn
        self._keywords = keywords
        self._base = base
        self._context = context
        self._luhn_conf = luhn_conf

    def _accept(self, digits: str) -> bool:
        if digits[0] > "3":  # DD is 01-31: most candidates (NHS numbers) stop here
            return False
        rule = chi_check(digits)
        if rule is None or (rule == "luhn" and not self._luhn):
            return False
        # NHS-range numbers belong to nhs_number (see module docstring).
        return not (is_nhs_number(digits, test_range=True) or is_hc_number(digits))

    def detect(self, message: ParsedMessage, deadline: float | None = None) -> list[Finding]:
        tally = Tally(NAME)
        for segment in message.segments:
            text = segment.text
            hits = [(cand, chi_check(cand.digits)) for cand in find_candidates(text, self._accept)]
            if not hits:
                continue
            context = self._keywords.near_each(text, [(c.start, c.end) for c, _ in hits])
            for (cand, rule), near in zip(hits, context, strict=True):
                if rule == "luhn":
                    if not near:
                        continue
                    confidence = self._luhn_conf
                else:
                    confidence = self._context if near else self._base
                tally.add(KIND, segment.where, mask(cand.digits), confidence, identifies_patient=True)
        return tally.findings()


def build(options: Mapping[str, Any], ctx: DetectorContext) -> ChiNumberDetector:
    opts = {**DEFAULTS, **options}
    window = int(opts["context_window"])
    if window < 0:
        raise DetectorConfigError(f"detectors.{NAME}.context_window: must be >= 0, got {window}")
    confs = {}
    for key in ("base_confidence", "context_confidence", "luhn_confidence"):
        value = float(opts[key])
        if not 0.0 <= value <= 1.0:
            raise DetectorConfigError(f"detectors.{NAME}.{key}: must be between 0 and 1, got {value}")
        confs[key] = value
    return ChiNumberDetector(
        luhn=bool(opts["luhn"]),
        keywords=Keywords(CASE_SENSITIVE_KEYWORDS, KEYWORDS, window),
        base=confs["base_confidence"],
        context=confs["context_confidence"],
        luhn_conf=confs["luhn_confidence"],
    )
