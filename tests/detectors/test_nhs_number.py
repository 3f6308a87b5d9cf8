"""nhs_number: valid and invalid values side by side.

Every number here is synthetic: computed by ``nhs_like`` below (an independent
Modulus 11 implementation), never copied from anywhere.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dlpgate.detectors import nhs_number
from dlpgate.types import DetectorContext, ParsedMessage, Segment

CONFIG = str(Path(__file__).resolve().parents[2] / "dlpgate" / "data")

CTX = DetectorContext(config_dir=CONFIG)


# --- synthetic numbers ----------------------------------------------------------


def mod11(nine: str) -> int | None:
    total = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    return 0 if check == 11 else None if check == 10 else check


def nhs_like(prefix: str, start: int = 0) -> str:
    """The first 10-digit Modulus-11-valid number starting with ``prefix``."""
    i = start
    while True:
        nine = prefix + str(i).zfill(9 - len(prefix))
        check = mod11(nine)
        if check is not None:
            return nine + str(check)
        i += 1


def check_ten(prefix: str) -> str:
    """Nine digits whose Modulus 11 check would be 10 (no valid number), plus a 0."""
    i = 0
    while True:
        nine = prefix + str(i).zfill(9 - len(prefix))
        total = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True))
        if 11 - total % 11 == 10:
            return nine + "0"
        i += 1


def wrong_check(number: str) -> str:
    return number[:9] + str((int(number[9]) + 1) % 10)


def g(number: str, sep: str = " ") -> str:
    return f"{number[:3]}{sep}{number[3:6]}{sep}{number[6:]}"


A = nhs_like("401", 777)  # 4xx range
B = nhs_like("612", 4242)  # 6xx range
M = nhs_like("7911", 5150)  # 7xx range that is also a valid UK mobile without its 0
T = nhs_like("999", 31)  # test range
OUT = nhs_like("300", 99)  # valid Modulus 11, not an issued range
OUT5 = nhs_like("512", 1)  # 500-599: not issued


def test_helpers_agree_with_published_example() -> None:
    # The well-known documentation example 943 476 5919 (not an issued range).
    assert mod11("943476591") == 9


def detect(text: str, **options):
    det = nhs_number.build({**nhs_number.DEFAULTS, **options}, CTX)
    return det.detect(ParsedMessage(segments=(Segment(text, "message body"),)))


HOLD = 0.5  # min_confidence of the shipped rule


def count(text: str, **options) -> int:
    """Instances the shipped rule acts on (confidence at least HOLD)."""
    return sum(f.count for f in detect(text, **options) if f.confidence >= HOLD)


VALID = [
    ("4xx contiguous", f"NHS number {A}", 1),
    ("6xx grouped with spaces", f"Patient NHS No: {g(B)}", 1),
    ("hyphens", f"nhs no {g(A, '-')}", 1),
    ("NBSP", f"NHS number {g(A, chr(0xA0))}", 1),
    ("thin space", f"NHS number {g(B, chr(0x2009))}", 1),
    ("narrow NBSP", f"NHS number {g(B, chr(0x202F))}", 1),
    ("figure space", f"NHS number {g(A, chr(0x2007))}", 1),
    ("bare 7xx grouped next to patient words", f"Patient {g(M)} seen in clinic", 1),
    ("bare 7xx contiguous", f"patient {M}", 1),
    ("no context at all", f"{A}", 1),
    ("inside punctuation", f"({A}), [{g(B)}].", 2),
    ("start and end of text", f"{A} and {B}", 2),
    ("every instance counted", f"{A} {A} {g(A)} {B}", 4),
    ("comma separated list", f"{A},{B},{g(M)}", 3),
    ("line per number", f"{A}\n{B}\n{g(M, '-')}\n", 3),
    # Once refused; people write them (issue 11).
    ("mixed separators", f"NHS number {A[:3]}-{A[3:6]} {A[6:]}", 1),
    ("mixed separators NBSP", f"NHS number {A[:3]} {A[3:6]}{chr(0xA0)}{A[6:]}", 1),
    ("double space", f"NHS number {A[:3]}  {A[3:6]}  {A[6:]}", 1),
    # Any other grouping, right after its label.
    ("3-7 grouping after the label", f"NHS number {A[:3]} {A[3:]}", 1),
    ("4-3-3 grouping after the label", f"NHS No: {A[:4]} {A[4:7]} {A[7:]}", 1),
    ("6-4 grouping after the label", f"NHS number {A[:6]}-{A[6:]}", 1),
    ("digit boxes after the label", "NHS number: " + " ".join(A), 1),
    ("a phone's brackets after the label", f"NHS number: ({A[:3]}) {A[3:6]}-{A[6:]}", 1),
    ("Welsh label, odd grouping", f"Rhif GIG: {A[:4]} {A[4:7]} {A[7:]}", 1),
    # A range no NHS number is issued from counts under the NHS number's own label only.
    ("unissued 5xx after its label", f"NHS number {OUT5}", 1),
    ("unissued 8xx grouped after its label", f"NHS No: {g(nhs_like('853', 7))}", 1),
    ("unissued, the label in brackets", f"Mr Example (NHS {g(OUT5)}) was transferred", 1),
    ("unissued, Welsh label", f"Rhif GIG / NHS Number: {g(OUT5)}", 1),
    ("the documentation example after its label", "NHS Number: 943 476 5919", 1),
    ("unissued 00x after its label", f"NHS number {nhs_like('005', 3)}", 1),
]

INVALID = [
    ("wrong check digit", f"NHS number {wrong_check(A)}"),
    ("wrong check digit grouped", f"NHS number {g(wrong_check(B))}"),
    ("check digit would be 10", f"NHS number {check_ten('4')}"),
    ("out of range 300", f"NHS number {OUT}"),
    ("unissued 5xx without a label", f"see {OUT5}"),
    ("unissued 5xx beside patient words", f"Patient {g(OUT5)} seen in clinic with diabetes"),
    ("unissued 5xx after a patient's other label", f"Hospital number {OUT5}"),
    ("unissued 5xx after another thing's label", f"Order no {g(OUT5)}"),
    ("test range 999 by default", f"NHS number {T}"),
    ("11-digit run", f"NHS number {A}1"),
    ("11-digit run before", f"NHS number 1{A}"),
    ("9-digit run", f"NHS number {A[:9]}"),
    ("3-7 grouping without a label", f"see {A[:3]} {A[3:]}"),
    ("odd grouping after a phone cue", f"NHS Direct tel {A[:4]} {A[4:7]} {A[7:]}"),
    ("a phone's brackets without a label", f"call the clinic on ({A[:3]}) {A[3:6]}-{A[6:]}"),
    ("a bleep is a phone", f"Bleep {A}"),
    ("an asset tag", f"Asset tag {A}"),
    ("a licence key", f"Licence key: {g(A, '-')}"),
    ("decimal", f"total {A}.50"),
    ("part of a grouped longer run", f"{A[:3]} {A[3:6]} {A[6:]}7"),
    # Telephone numbers (M is a valid 7xx NHS number AND a valid UK mobile).
    ("+44 prefix", f"+44 {g(M)}"),
    ("+44 (0) prefix", f"+44 (0){g(M)}"),
    ("+44 (0) spaced", f"+44 (0) {g(M)}"),
    ("0044 prefix", f"0044 {M}"),
    ("(+44) prefix", f"(+44) {g(M)}"),
    ("NBSP after +44", f"+44{chr(0xA0)}{g(M, chr(0xA0))}"),
    ("leading 0 spaced", f"0 {g(M)}"),
    ("leading 0 attached", f"0{M}"),
    ("Tel cue", f"Tel {g(M)}"),
    ("Tel: cue", f"Tel: {g(A)}"),
    ("Phone cue", f"Phone {M}"),
    ("phone number cue", f"phone number: {g(B)}"),
    ("Mob cue", f"Mob {g(M)}"),
    ("Mobile cue", f"Mobile: {M}"),
    ("Fax cue", f"Fax {g(A, '-')}"),
    ("M: cue", f"M: {g(M)}"),
    ("T: cue", f"T: {g(A)}"),
    ("T: +44 cue", f"T: +44 {g(M)}"),
    ("Call cue", f"Call {g(M)} today"),
    ("tel. no. cue", f"tel. no. {g(B)}"),
    ("5-6 phone grouping", f"07{M[1:4]} {M[4:]}"),
    ("11-digit mobile", f"0{M}"),
    ("3-4-4 grouping", f"0{M[:2]} {M[2:6]} {M[6:]}"),
    ("4-3-4 grouping", f"0{M[:3]} {M[3:6]} {M[6:]}"),
    ("4-6 grouping", f"{A[:4]} {A[4:]}"),
    ("5-5 grouping", f"{A[:5]} {A[5:]}"),
    ("+44 7700 900019 drama number", "+44 7700 900019"),
    ("07700 900019 drama number", "07700 900019"),
]


@pytest.mark.parametrize("label,text,expected", VALID, ids=[v[0] for v in VALID])
def test_valid(label: str, text: str, expected: int) -> None:
    assert count(text) == expected


@pytest.mark.parametrize("label,text", INVALID, ids=[v[0] for v in INVALID])
def test_invalid(label: str, text: str) -> None:
    assert count(text) == 0


def test_test_range_option() -> None:
    assert count(f"NHS number {T}") == 0
    assert count(f"NHS number {T}", test_range=True) == 1
    assert count(f"NHS number {g(T)}", test_range=True) == 1


def test_finding_shape_and_masking() -> None:
    # One finding per place and confidence: a rule counts those at or above its threshold.
    findings = detect(f"Patient {g(A)} and {B} and {A} again")
    assert {(f.detector, f.kind, f.where, f.identifies_patient) for f in findings} == {
        ("nhs_number", "nhs_number", "message body", True)
    }
    assert sum(f.count for f in findings) == 3
    evidence = {ev for f in findings for ev in f.evidence}
    assert evidence == {f"*** *** {A[6:]}", f"*** *** {B[6:]}"}
    for ev in evidence:
        assert A not in ev.replace(" ", "") and B not in ev.replace(" ", "")


def test_evidence_at_most_three() -> None:
    numbers = [nhs_like("450", i * 1000) for i in range(6)]
    (f,) = detect("\n".join(numbers))
    assert f.count == 6 and len(f.evidence) == 3


def test_context_raises_confidence() -> None:
    far = "x" * 400
    bare = detect(f"please check {A}")[0].confidence
    assert 0.5 < bare < 0.8
    assert detect(f"NHS number: {A}")[0].confidence > 0.95
    assert detect(f"{A} for the patient")[0].confidence > bare
    assert detect(f"clinic {far} {A}")[0].confidence == bare
    assert detect(f"clinic {'x' * 250} {A}")[0].confidence > bare


def test_one_finding_per_segment() -> None:
    det = nhs_number.build(nhs_number.DEFAULTS, CTX)
    msg = ParsedMessage(
        segments=(
            Segment(f"NHS {A}", "message body"),
            Segment(f"{A},x\n{B},y", "attachment list.csv", tabular=True),
            Segment("nothing here 12345", "attachment notes.txt"),
        )
    )
    found = {f.where: f.count for f in det.detect(msg)}
    assert found == {"message body": 1, "attachment list.csv": 2}


def test_phone_and_nhs_in_same_text() -> None:
    text = f"Patient {g(A)}. Call us on +44 {g(M)} or 0{M}. Mobile {g(B)}"
    assert count(text) == 1


@pytest.mark.parametrize(
    "context",
    ["Date of\nbirth", "NHS", "N.H.S. no", "GP practice", "the Patient's", "D.O.B", "Hospital No", "Discharged"],
)
def test_context_keywords(context: str) -> None:
    assert detect(f"{context}: {A}")[0].confidence > 0.85


@pytest.mark.parametrize("not_context", ["gp", "impatient", "wardrobe", "clinically", "Example General Hospital", "Park Road Surgery"])
def test_not_context(not_context: str) -> None:
    # Upper-case keywords (GP, DOB) are exact; words containing a keyword are not keywords.
    assert detect(f"{not_context} {A}")[0].confidence == detect(f"seen {A}")[0].confidence


U5 = nhs_like("537", 40_404)  # unissued, and no UK number once a 0 is put before it
U9 = nhs_like("921", 5_150)


@pytest.mark.parametrize("text", [
    f"Teaching file - {U5} - small cell lung cancer, cisplatin chemotherapy",
    f"{g(U9)}: schizophrenia, started on clozapine last month",
    f"Handover\nBay 3\n{U5} - sepsis, on IV antibiotics\nBay 4 empty",
], ids=["a subject's line", "a note's line, grouped", "a line of a handover"])
def test_an_unissued_number_alone_on_a_line_of_clinical_detail_counts(text: str) -> None:
    # no NHS number is issued from the range, but a patient's diagnosis and treatment on its
    # own line is evidence enough that one was meant (mistyped, or from a system's test data)
    assert count(text) == 1


@pytest.mark.parametrize("text", [
    f"Teaching file - {U5} - lung cancer awareness stand",  # one health word: an event
    f"Invoice {U5} - chemotherapy chairs, sepsis training",  # another thing's label
    f"Refs {U5}, 1234567890, 2345678901 - sepsis, chemotherapy",  # a list of numbers that fail
    f"{nhs_like('005', 9)} - sepsis, chemotherapy",  # 00x: a UK phone number without spaces
    f"{nhs_like('845', 12_345)} - sepsis, chemotherapy",  # 0845 ...: a phone number that lost its 0
    f"{U5}\nSepsis and chemotherapy were discussed at the meeting.",  # the detail on another line
], ids=["one health word", "another thing's label", "a list of failing look-alikes", "00x", "a lost 0", "another line"])
def test_an_unissued_number_without_clinical_detail_on_its_line_does_not(text: str) -> None:
    assert count(text) == 0
