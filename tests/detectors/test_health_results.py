"""A person's health written the way results and reports write it: a blood result with its
unit, and the abbreviations of radiology and acute medicine. Health details like any term:
held only with someone who identifies the patient."""

from __future__ import annotations

import pytest

from dlpgate import config, pipeline
from dlpgate.types import Action, Envelope
from tests.detectors.test_health_terms import terms
from tests.synthetic import build_message

RESULTS = [
    "K+ 6.9 mmol/L (H)",
    "Creat 412 umol/L",
    "Hb 62 g/L",
    "WCC 14.2 x10^9/L",
    "eGFR 28 mL/min/1.73m2",
    "HbA1c 86 mmol/mol",
    "Trop 5400 ng/L",
]


@pytest.mark.parametrize("text", RESULTS)
def test_a_blood_result_with_its_unit_is_a_health_detail(text: str) -> None:
    assert terms(text).get("general", 0) >= 1, text


@pytest.mark.parametrize("text", ["Report: bilateral segmental PEs with RV strain.", "CTPA booked", "CT head: SAH",
                                  "CT KUB: 3mm renal calculus", "hyperkalaemia on the gas"])
def test_radiology_and_acute_abbreviations(text: str) -> None:
    assert terms(text), text


@pytest.mark.parametrize(
    "text", ["The bottle holds 500 mL per minute", "Version 6.9 mmol is the firmware", "Size 62 g/Lt", "ratio 3/L4"]
)
def test_figures_that_are_no_result(text: str) -> None:
    assert terms(text) == {}, text


ENGINE = pipeline.build_engine(config.load(None))
ENV = Envelope(mail_from="results@example-trust.nhs.uk", rcpt_tos=("locum.doctor@outlook.com",))


def test_a_named_patients_results_are_held_and_results_alone_are_not() -> None:
    named = "Patient: PRENTICE, Malcolm\nDOB: 03/03/1947\nHosp No: K2209183\n\nK+ 6.9 mmol/L (H)  Creat 412 umol/L"
    assert pipeline.inspect(build_message(body=named, to="locum.doctor@outlook.com"), ENV, ENGINE).action == Action.HOLD
    anon = "Audit: median K+ 4.1 mmol/L across 212 samples; creatinine 88 umol/L."
    assert pipeline.inspect(build_message(body=anon, to="locum.doctor@outlook.com"), ENV, ENGINE).action != Action.HOLD


@pytest.mark.parametrize("text", ["bloods back: K 6.8, Na 128, Cr 412, Hb 71", "K+ 6.9mmol, Hb 62g, plts 45 x10*9"])
def test_results_without_their_units_three_on_a_line(text: str) -> None:
    # looked for beside a patient's label (a date of birth, a hospital number)
    assert terms(f"John Example DOB 03/04/1951 - {text}").get("general", 0) >= 3, text
    assert terms(text) == {}


def test_two_figures_with_letters_are_no_panel() -> None:
    assert terms("Order: Na 12 packs and K 3 boxes") == {}


# Bedside readings are looked for only on the lines where RE2 finds one of their marks; the
# fast path finds exactly what the pattern finds over the whole text.
READING_TEXTS = [
    "BP 168/94, sats 88% on air, temp 39.4",
    "Obs:\nB/P: 150/100\nSpO2 91%\nTemperature spiked to 38.9\nis now 36+2 and at 34/40",
    "Laura Example - 34/40, BP 150/100, +++ protein, sent to DAU.",
    "scored 34/40 in the quiz; CPU temp 39.5; room temp 21.5; BP 2019/20 budget; SATs 88%",
    "31+4 weeks\n" + "lorem ipsum dolor " * 400 + "\nsaturating at 92 % overnight\n" + "x" * 3000 + " bp 120/80",
    "nothing to read here at all, 12:30 at 04:15 is 36 and now 12",
    "line one\r\nBlood pressure: reading 168/94\r\n\u00e9t\u00e9 temp 37.5 \u2013 sats 97%",
]


@pytest.mark.parametrize("text", READING_TEXTS)
def test_readings_found_line_by_line_are_the_whole_texts(text: str) -> None:
    from dlpgate.detectors import health_terms as ht

    fast = ht._readings(text)
    whole = [m.start() for m in ht._READING_RE.finditer(text)]
    saved = ht._reading_matches
    try:
        ht._reading_matches = ht._READING_RE.finditer
        slow = ht._readings(text)
    finally:
        ht._reading_matches = saved
    assert fast == slow
    assert set(fast) <= set(whole)
    if "168/94" in text or "36+2" in text:
        assert fast  # (the set reads some readings: the comparison is not of two empty lists)
