"""No finding ever carries a detected value: masked numbers, category labels, counts."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from dlpgate.detectors import build_all
from dlpgate.detectors.lexicon import load_lexicon
from dlpgate.types import DetectorContext, ParsedMessage, Segment

CONFIG = str(Path(__file__).resolve().parents[2] / "dlpgate" / "data")

CTX = DetectorContext(internal_domains=("trust.nhs.uk",), config_dir=CONFIG)
DETECTORS = build_all({}, CTX)
TERMS = load_lexicon(f"{CONFIG}/lexicon/health_terms.tsv")


def mod11(nine: str) -> int | None:
    total = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    return 0 if check == 11 else None if check == 10 else check


def synthetic(prefix: str, n: int) -> list[str]:
    out, i = [], 0
    while len(out) < n:
        nine = prefix + str(i * 7919 % 10 ** (9 - len(prefix))).zfill(9 - len(prefix))
        if (c := mod11(nine)) is not None:
            out.append(nine + str(c))
        i += 1
    return out


def run(message: ParsedMessage):
    return [f for d in DETECTORS for f in d.detect(message)]


def test_evidence_never_holds_values() -> None:
    numbers = synthetic("45", 3) + synthetic("62", 3) + synthetic("35", 3) + synthetic("1503", 3)
    text = "\n".join(
        [f"Patient NHS number {n[:3]} {n[3:6]} {n[6:]}, CHI {n}, H&C {n}" for n in numbers]
        + ["DOB 03/04/1964, MRN 7654321", "HIV, schizophrenia, termination of pregnancy, BRCA1"]
    )
    to = ("ann.smith@gmail.com", "bob.jones@hotmail.co.uk", *(f"x@org{i}.com" for i in range(12)))
    findings = run(ParsedMessage(segments=(Segment(text, "message body"),), to=to))
    kinds = {f.kind for f in findings}
    assert {"nhs_number", "chi_number", "hc_number", "health_terms", "patient_identifier",
            "exposed_recipients"} <= kinds
    term_texts = {t.text.casefold() for t in TERMS}
    for f in findings:
        assert len(f.evidence) <= 3
        for ev in f.evidence:
            # No run of five or more digits: never a whole or partial number, MRN or date.
            assert not re.search(r"\d{5}", ev.replace(" ", "").replace("*", "")), ev
            assert "@" not in ev and "gmail" not in ev and "smith" not in ev
            assert "1964" not in ev and "7654321" not in ev
            if f.kind == "health_terms":
                assert ev == f"[{f.category} term]"
                inner = ev[1:-len(" term]")]
                assert inner.casefold() not in term_texts
            if f.kind in ("nhs_number", "chi_number", "hc_number"):
                assert re.fullmatch(r"\*\*\* \*\*\* \d{4}", ev), ev


@settings(max_examples=60, deadline=None)
@given(
    prefix=st.sampled_from(["4", "6", "7", "32", "35", "39"]),
    body=st.integers(min_value=0, max_value=10**8),
    sep=st.sampled_from(["", " ", "-", "\u00a0", "\u2009", "\u202f", "\u2007"]),
    noise=st.text(alphabet="abc NHS patient .,;\n", max_size=40),
)
def test_numbers_masked_property(prefix: str, body: int, sep: str, noise: str) -> None:
    nine = (prefix + str(body).zfill(9))[:9]
    check = mod11(nine)
    if check is None:
        return
    n = nine + str(check)
    shown = f"{n[:3]}{sep}{n[3:6]}{sep}{n[6:]}"
    text = f"{noise} {shown} {noise}"
    for f in run(ParsedMessage(segments=(Segment(text, "body"),))):
        if f.kind in ("nhs_number", "hc_number", "chi_number"):
            assert f.count == 1
            assert f.evidence == (f"*** *** {n[6:]}",)
