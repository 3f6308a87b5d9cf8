"""The number detectors keep to the inspection deadline and bound the work per candidate."""

from __future__ import annotations

import inspect
import time
from pathlib import Path

import pytest

from dlpgate.detectors import build_all, chi_number, hc_number, nhs_number
from dlpgate.detectors.base import Detector
from dlpgate.mime.errors import InspectionTimeout
from dlpgate.types import DetectorContext, ParsedMessage, Segment
from tests.synthetic import nhs_numbers

CTX = DetectorContext(config_dir=str(Path(__file__).resolve().parents[2] / "dlpgate" / "data"))


def test_detect_signature_matches_the_protocol() -> None:
    want = inspect.signature(Detector.detect)
    for module in (nhs_number, chi_number, hc_number):
        got = inspect.signature(module.build(module.DEFAULTS, CTX).detect)
        assert list(got.parameters) == ["message", "deadline"]
        assert got.parameters["deadline"].default is None
        assert str(got) == str(want).replace("self, ", "")


def test_a_passed_deadline_stops_a_long_list() -> None:
    text = "\n".join(f"+44 {n[:3]} {n[3:6]} {n[6:]}" for n in nhs_numbers(3000, seed=4))
    message = ParsedMessage(segments=(Segment(text, "message body"),))
    with pytest.raises(InspectionTimeout):
        for d in build_all({}, CTX):
            d.detect(message, deadline=time.monotonic() - 1)


def test_phone_like_lines_cost_about_what_a_clinic_list_does() -> None:
    # Every line a phone number with a prefix that once sent each candidate to the
    # phone-number matcher: per-candidate work is now bounded.
    numbers = nhs_numbers(20_000, seed=8, prefix_range=(700, 799))
    phones = "\n".join(f"Mobile: +44 {n[:3]} {n[3:6]} {n[6:]}" for n in numbers)
    clinic = "\n".join(f"{n},Surname,Clinic" for n in numbers)
    detectors = build_all({}, CTX)

    def cost(text: str) -> float:
        started = time.process_time()
        found = [f for d in detectors for f in d.detect(ParsedMessage(segments=(Segment(text, "b"),)))]
        assert found
        return time.process_time() - started

    phone_cost, clinic_cost = cost(phones), cost(clinic)
    print(f"\n20,000 phone lines: {phone_cost:.2f} s CPU; 20,000 clinic rows: {clinic_cost:.2f} s CPU")
    assert phone_cost < 3.0
