"""chi_number: dates (including 29 February), Modulus 11 and Luhn, context rules.

All numbers are synthetic, computed here with independent check-digit code.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dlpgate.detectors import chi_number, nhs_number
from dlpgate.detectors.checksums import is_ddmmyy
from dlpgate.types import DetectorContext, ParsedMessage, Segment

CONFIG = str(Path(__file__).resolve().parents[2] / "dlpgate" / "data")

CTX = DetectorContext(config_dir=CONFIG)


def mod11_ok(ten: str) -> bool:
    total = sum(int(d) * w for d, w in zip(ten[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(ten[9])


def luhn_ok(ten: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(ten)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        total += d
    return total % 10 == 0


def chi(ddmmyy: str, rule: str = "mod11", start: int = 0) -> str:
    """A synthetic CHI number for a date: rule "mod11", or "luhn" (Luhn, NOT Modulus 11)."""
    for i in range(start, start + 10_000):
        ten = ddmmyy + str(i % 1000).zfill(3) + str(i // 1000 % 10)
        if rule == "mod11" and mod11_ok(ten):
            return ten
        if rule == "luhn" and luhn_ok(ten) and not mod11_ok(ten):
            return ten
    raise AssertionError("no number found")


def no_check(ddmmyy: str) -> str:
    """Date-prefixed ten digits that pass neither rule."""
    for i in range(10_000):
        ten = ddmmyy + str(i).zfill(4)
        if not mod11_ok(ten) and not luhn_ok(ten):
            return ten
    raise AssertionError


def g(n: str, sep: str = " ") -> str:
    return f"{n[:3]}{sep}{n[3:6]}{sep}{n[6:]}"


def detect(text: str, **options):
    det = chi_number.build({**chi_number.DEFAULTS, **options}, CTX)
    return det.detect(ParsedMessage(segments=(Segment(text, "message body"),)))


HOLD = 0.5  # min_confidence of the shipped rule


def count(text: str, **options) -> int:
    """Instances the shipped rule acts on (confidence at least HOLD)."""
    return sum(f.count for f in detect(text, **options) if f.confidence >= HOLD)


DATES = [
    ("010170", True),
    ("311299", True),
    ("290200", True),  # 2000 was a leap year
    ("290296", True),
    ("290204", True),
    ("290297", False),  # 29 Feb in a year that is never a leap year
    ("290201", False),
    ("300296", False),  # 30 February
    ("310496", False),  # 31 April
    ("000196", False),
    ("320196", False),
    ("011396", False),
    ("010096", False),
    ("280297", True),
    ("311096", True),
    ("310996", False),
]


@pytest.mark.parametrize("ddmmyy,valid", DATES)
def test_dates(ddmmyy: str, valid: bool) -> None:
    assert is_ddmmyy(ddmmyy) is valid
    assert count(f"CHI number {chi(ddmmyy)}") == (1 if valid else 0)


MOD11 = chi("150387", "mod11")
LUHN = chi("070512", "luhn")
LEAP = chi("290288", "mod11")
LEAP_LUHN = chi("290200", "luhn")

# (label, text, count held, lowest confidence)
VALID = [
    ("Modulus 11 with CHI context", f"CHI number {MOD11}", 1, 0.95),
    ("Modulus 11 grouped", f"CHI: {g(MOD11)}", 1, 0.95),
    ("Modulus 11 NBSP", f"CHI no. {g(MOD11, chr(0xA0))}", 1, 0.95),
    ("Modulus 11 thin space", f"patient {g(MOD11, chr(0x2009))}", 1, 0.9),
    ("Modulus 11 date then four digits", f"CHI {MOD11[:6]} {MOD11[6:]}", 1, 0.95),
    ("Modulus 11, 3-7 grouping after the label", f"CHI number {MOD11[:3]} {MOD11[3:]}", 1, 0.6),
    ("Modulus 11 without a label, beside a patient's words", f"see {MOD11}, seen in clinic today", 1, 0.6),
    ("Luhn with CHI context", f"CHI {LUHN}", 1, 0.85),
    ("Luhn with patient context", f"the patient, {g(LUHN, '-')}", 1, 0.5),
    ("Luhn with NHS Scotland context", f"NHS Scotland record {LUHN}", 1, 0.5),
    ("29 February Modulus 11", f"CHI {LEAP}", 1, 0.95),
    ("29 February 2000 Luhn", f"DOB / CHI {LEAP_LUHN}", 1, 0.85),
]

INVALID = [
    ("Modulus 11 written alone, nothing for it", f"see {MOD11}"),
    ("Luhn without context", f"see {LUHN}"),
    ("Luhn with an order label", f"order ref {LUHN}"),
    ("Modulus 11 with an order label", f"order ref {MOD11}"),
    ("Luhn far from context", f"CHI {'x' * 400} {LUHN}"),
    ("no check digit rule", f"CHI number {no_check('150387')}"),
    ("29 February non-leap", f"CHI number {chi('290297')}"),
    ("31 April", f"CHI number {chi('310487')}"),
    ("month 13", f"CHI number {chi('011387')}"),
    ("11-digit run", f"CHI number {MOD11}0"),
    ("9-digit run", f"CHI number {MOD11[:9]}"),
    ("3-7 grouping without a label", f"see {MOD11[:3]} {MOD11[3:]}"),
    ("Luhn in an odd grouping", f"CHI number {LUHN[:3]} {LUHN[3:]}"),
    ("phone cue", f"Tel: {g(MOD11)}"),
    ("+44 prefix", f"CHI +44 {g(MOD11)}"),
]


@pytest.mark.parametrize("label,text,n,confidence", VALID, ids=[v[0] for v in VALID])
def test_valid(label: str, text: str, n: int, confidence: float) -> None:
    findings = detect(text)
    assert count(text) == n
    assert min(f.confidence for f in findings) >= confidence
    assert findings[0].identifies_patient and findings[0].kind == "chi_number"


@pytest.mark.parametrize("label,text", INVALID, ids=[v[0] for v in INVALID])
def test_invalid(label: str, text: str) -> None:
    assert count(text) == 0


def test_luhn_option_off() -> None:
    assert count(f"CHI {LUHN}", luhn=False) == 0
    assert count(f"CHI {MOD11}", luhn=False) == 1


def test_nhs_range_numbers_are_not_chi() -> None:
    # A valid NHS number (4xx/6xx/7xx) is never reported as CHI, and CHI never as NHS.
    nhs = next(
        f"4{i:08d}{c}"
        for i in range(1000, 100000)
        for c in range(10)
        if mod11_ok(f"4{i:08d}{c}")
    )
    text = f"CHI {nhs} and CHI {MOD11}"
    assert count(text) == 1
    nhs_det = nhs_number.build(nhs_number.DEFAULTS, CTX)
    found = nhs_det.detect(ParsedMessage(segments=(Segment(text, "body"),)))
    assert sum(f.count for f in found) == 1


def test_masked_evidence() -> None:
    findings = detect(f"CHI {MOD11}, CHI {LUHN}")
    assert sum(f.count for f in findings) == 2
    evidence = [e for f in findings for e in f.evidence]
    assert sorted(evidence) == sorted([f"*** *** {MOD11[6:]}", f"*** *** {LUHN[6:]}"])
    assert all(MOD11[:6] not in e and LUHN[:6] not in e for e in evidence)


# --- a CHI written alone ---------------------------------------------------------------
#
# Ten digits whose first six are a date and that pass Modulus 11 are one count, ID or time
# in three hundred: written as software writes its numbers, with no label, in no list, and
# nothing around them for a patient, they are not held outside Scotland's mail.

BARE = chi("151200")  # 15/12/00, a count or a time as much as a CHI


@pytest.mark.parametrize("text", [
    BARE,
    f"Re {BARE}",
    f"DISK CRITICAL - free space: /var/lib/pgsql 4821 MB (3.2% inode=91%);| /var/lib/pgsql=1441600000B;1361000007;1470000008;0;{BARE}",
    f"Job 77 finished: {BARE} rows copied from stage to live.",
    f'{{"id": 7, "bytes": {BARE}, "state": "done"}}',
    f"{BARE}.0",
], ids=["alone", "after Re", "monitoring perfdata", "a job's log line", "a JSON value", "a sheet's number"])
def test_a_chi_written_alone_with_nothing_for_it_is_not_held(text: str) -> None:
    assert count(text) == 0
    assert detect(text)  # still reported, below the rule's threshold


@pytest.mark.parametrize("text", [
    f"CHI: {BARE}",
    f"Hospital number {BARE}",
    f"Please book {BARE} into the diabetes clinic next week.",
    f"Joan Example {BARE}",
    f"{BARE} - EXAMPLE, Joan",
    f"Name: Mrs Joan Example\nAddress: 1 Example Road\n{BARE}",
    f"Could you pull the notes for Mrs Example {BARE}, please?",
    f"Could you check the notes of {BARE}? She is on the ward.",
    f"{BARE}, born 15/12/2000",
    f"{BARE} HIV antibody positive",
    f"Result for {BARE}: adenocarcinoma of the sigmoid colon",
    f"Please check {BARE}.\n\nJane Smith\nAdmin Officer\nNHS Lothian",
    f"Please check {BARE[:6]} {BARE[6:]}",  # the date apart, as a CHI is written by hand
    f"Please check {g(BARE)}",
    "\n".join(chi(d) for d in ("150387", "020202", "030303", "151200")),  # a list of CHIs
], ids=["CHI label", "patient label", "clinical words", "a name before it", "a name after it",
        "a person's fields above it", "a titled name near", "a third person near", "its date of birth",
        "a health term", "a diagnosis", "a Scottish board's signature", "6-4", "3-3-4", "a list of CHIs"])
def test_a_chi_with_anything_for_a_patient_is_held(text: str) -> None:
    assert count(text) >= 1, [(f.confidence, f.category) for f in detect(text)]


@pytest.mark.parametrize("sender,to,internal", [
    ("jane.smith@nhs.scot", "someone@example.com", ()),
    ("jane.smith@example-trust.nhs.uk", "records@nhslothian.scot.nhs.uk", ()),
    ("jane.smith@example.org", "someone@example.com", ("nhs.scot",)),
])
def test_a_chi_alone_in_scotlands_mail_is_held(sender: str, to: str, internal: tuple[str, ...]) -> None:
    det = chi_number.build(chi_number.DEFAULTS, DetectorContext(config_dir=CONFIG, internal_domains=internal))
    text = f"Can you look at {BARE} before Friday?"
    scottish = ParsedMessage(segments=(Segment(text, "message body"),), from_=(sender,), to=(to,))
    english = ParsedMessage(segments=(Segment(text, "message body"),), from_=("jane.smith@example-trust.nhs.uk",),
                            to=("someone@example.com",))
    assert max(f.confidence for f in det.detect(scottish)) >= HOLD
    assert max(f.confidence for f in chi_number.build(chi_number.DEFAULTS, CTX).detect(english)) < HOLD
    # ... or a part of it names Scotland's health service
    signed = ParsedMessage(segments=(Segment(text, "message body"), Segment("NHS Grampian", "attachment sig.txt")))
    assert max(f.confidence for f in chi_number.build(chi_number.DEFAULTS, CTX).detect(signed)) >= HOLD
