"""hc_number (Northern Ireland Health and Care number): 320-399, Modulus 11. Synthetic numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlpgate.detectors import hc_number
from dlpgate.types import DetectorContext, ParsedMessage, Segment

CONFIG = str(Path(__file__).resolve().parents[2] / "dlpgate" / "data")

CTX = DetectorContext(config_dir=CONFIG)


def mod11(nine: str) -> int | None:
    total = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    return 0 if check == 11 else None if check == 10 else check


def valid(prefix: str, start: int = 0) -> str:
    i = start
    while True:
        nine = prefix + str(i).zfill(9 - len(prefix))
        if (c := mod11(nine)) is not None:
            return nine + str(c)
        i += 1


def g(n: str, sep: str = " ") -> str:
    return f"{n[:3]}{sep}{n[3:6]}{sep}{n[6:]}"


LOW = valid("320", 11)
MID = valid("355", 4711)
HIGH = valid("399", 808)


def detect(text: str):
    det = hc_number.build(hc_number.DEFAULTS, CTX)
    return det.detect(ParsedMessage(segments=(Segment(text, "message body"),)))


def count(text: str) -> int:
    """Instances the shipped rule acts on (confidence at least 0.5)."""
    return sum(f.count for f in detect(text) if f.confidence >= 0.5)


VALID = [
    ("320 lower bound", f"H&C number {LOW}", 1),
    ("399 upper bound", f"HCN {HIGH}", 1),
    ("grouped", f"Health and Care number: {g(MID)}", 1),
    ("hyphens", f"patient {g(MID, '-')}", 1),
    ("NBSP", f"HCN {g(MID, chr(0xA0))}", 1),
    ("3-7 grouping after the label", f"HCN {MID[:3]} {MID[3:]}", 1),
    ("narrow NBSP", f"HCN {g(LOW, chr(0x202F))}", 1),
    ("no context", f"{MID}", 1),
    ("several", f"{LOW} {g(MID)} {HIGH} {LOW}", 4),
]

INVALID = [
    ("319 below range", f"HCN {valid('319', 5)}"),
    ("400 is NHS, not H&C", f"HCN {valid('400', 5)}"),
    ("wrong check digit", f"HCN {MID[:9]}{(int(MID[9]) + 1) % 10}"),
    ("11-digit run", f"HCN {MID}5"),
    ("9-digit run", f"HCN {MID[:9]}"),
    ("3-7 grouping without a label", f"see {MID[:3]} {MID[3:]}"),
    ("in a tracking URL", f"https://track.example.com/parcel?id={MID}&utm=1"),
    ("Tel cue", f"Tel: {g(MID)}"),
    ("Fax cue", f"Fax {MID}"),
]


@pytest.mark.parametrize("label,text,n", VALID, ids=[v[0] for v in VALID])
def test_valid(label: str, text: str, n: int) -> None:
    assert count(text) == n


@pytest.mark.parametrize("label,text", INVALID, ids=[v[0] for v in INVALID])
def test_invalid(label: str, text: str) -> None:
    assert count(text) == 0


def test_finding() -> None:
    findings = detect(f"H&C number {MID} and {LOW}")
    assert {(f.kind, f.detector, f.identifies_patient) for f in findings} == {("hc_number", "hc_number", True)}
    assert sum(f.count for f in findings) == 2 and max(f.confidence for f in findings) > 0.95
    assert {e for f in findings for e in f.evidence} == {f"*** *** {MID[6:]}", f"*** *** {LOW[6:]}"}
    (f,) = detect(f"see {MID}")
    assert 0.5 < f.confidence < 0.8
    (f,) = detect(f"ref {MID}")
    assert f.confidence < 0.5 and f.category == "other_id"
