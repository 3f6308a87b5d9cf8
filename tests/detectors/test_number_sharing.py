"""The three number detectors share one analysis per segment within a message, kept on the
message; nothing is kept between messages (no cache keyed by whole texts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlpgate.detectors import build_all, numbers, recogniser
from dlpgate.types import DetectorContext, ParsedMessage, Segment

CTX = DetectorContext(config_dir=str(Path(__file__).resolve().parents[2] / "dlpgate" / "data"))
TEXT = "Patient NHS No 479 267 8536, seen today.\n" * 40


def test_no_whole_text_cache() -> None:
    assert not hasattr(numbers.scan, "cache_info")
    assert not hasattr(numbers.analyse, "cache_info")


def test_one_analysis_per_segment_per_message(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = recogniser.analyse

    def counted(text: str, *args: object, **kwargs: object) -> numbers.Analysis:
        calls.append(text)
        return real(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(recogniser, "analyse", counted)
    detectors = [d for d in build_all({}, CTX) if isinstance(d, recogniser.NumberDetector)]
    assert len(detectors) == 3
    segments = (Segment(TEXT, "message body"), Segment(TEXT + "x", "attachment a.txt"))
    for _ in range(2):  # a second message with the same texts is analysed afresh
        message = ParsedMessage(segments=segments)
        found = [f for d in detectors for f in d.detect(message)]
        assert any(f.kind == "nhs_number" for f in found)
    assert len(calls) == 4  # two segments, two messages; not once per detector


def test_a_copy_with_other_segments_is_not_served_stale_results() -> None:
    detectors = [d for d in build_all({}, CTX) if isinstance(d, recogniser.NumberDetector)]
    message = ParsedMessage(segments=(Segment(TEXT, "message body"),))
    assert [f for d in detectors for f in d.detect(message)]
    clean = ParsedMessage(segments=(Segment("nothing here", "message body"),), shared=message.shared)
    assert not [f for d in detectors for f in d.detect(clean)]


def test_digits_written_as_another_things_number_are_that_number_everywhere_in_the_message() -> None:
    # "PO 4500238131" in the body: the same digits alone in the subject or a file name are the order
    po = "4500238131"
    assert numbers.classify(po) is not None  # it passes the NHS number's check
    detectors = [d for d in build_all({}, CTX) if isinstance(d, recogniser.NumberDetector)]

    def strong(*segments: Segment) -> list[str]:
        message = ParsedMessage(segments=segments)
        return [f.where for d in detectors for f in d.detect(message) if f.confidence >= 0.5]

    alone = Segment(f"{po} - delivery query", "subject")
    assert strong(alone) == ["subject"]
    assert strong(alone, Segment(f"Our PO {po} has not arrived.", "message body")) == []
    assert strong(alone, Segment("Our PO 4500238148 has not arrived.", "message body")) == ["subject"]
    # a health number's own label is never overruled by another copy
    labelled = Segment(f"NHS No {po}", "message body")
    assert strong(labelled, Segment(f"Order {po}", "attachment a.txt")) == ["message body"]


def test_a_tel_link_a_mail_program_made_explains_nothing() -> None:
    # Outlook and Apple Mail turn digits into "tel:" links of their own accord
    detectors = [d for d in build_all({}, CTX) if isinstance(d, recogniser.NumberDetector)]
    body = Segment("Re: Jack Evans 4679495170 DOB 01/02/1960\nEcho booked for Tuesday.", "message body (html)")
    link = Segment("tel:4679495170", "message body (html), links")
    message = ParsedMessage(segments=(body, link))
    assert [f.where for d in detectors for f in d.detect(message) if f.confidence >= 0.5] == ["message body (html)"]
