"""Detector spans: what the console highlights and a notice masks is what the detectors find.

The highlighter (dlpgate.web.content) and the masked Subject (notice.mask_subject)
ask the configured detectors where their findings are; these tests hold them to
the detectors' own counts, the lexicon's case-sensitive ("exact") terms included.
"""

from __future__ import annotations

import pytest

from dlpgate import config, pipeline
from dlpgate.actions import notice
from dlpgate.detectors.spans import Span, flagged_spans
from dlpgate.types import ParsedMessage, Segment
from dlpgate.web.content import Highlighter
from tests.detectors.test_chi_number import chi
from tests.detectors.test_nhs_number import nhs_like
from tests.synthetic import nhs_numbers, spaced

SETTINGS = config.from_mapping({}, config.PROJECT_CONFIG_DIR)
DETECTORS = {d.name: d for d in pipeline.build_detectors(SETTINGS)}
HIGHLIGHTER = Highlighter(SETTINGS)
(N,) = nhs_numbers(1, seed=1402, prefix_range=(600, 799))


def term_count(text: str) -> int:
    found = DETECTORS["health_terms"].detect(ParsedMessage(segments=(Segment(text, "subject"),)))
    return sum(f.count for f in found if f.kind == "health_terms")


def marked(text: str) -> list[str]:
    html = str(HIGHLIGHTER.render(text, unmasked=True)[0])
    return [piece.split("</mark>")[0] for piece in html.split("<mark>")[1:]]


# Lexicon terms flagged "exact" match only as written; others in any natural case.
CASES = [
    ("Booked for TOP next week", ["TOP"]),
    ("put it on top of the pile", []),
    ("Referred to GUM today", ["GUM"]),
    ("chewing gum under the desk", []),
    ("Started PrEP last month", ["PrEP"]),
    ("no need to prep the room", []),
    ("Living with AIDS", ["AIDS"]),
    ("new hearing aids fitted", []),
    ("Letter about HIV for Sam", ["HIV"]),
    ("letter about hiv for Sam", ["hiv"]),
    # A term naming the trust in a signature is not counted, so not highlighted either.
    ("Example Mental Health NHS Foundation Trust", []),
]


@pytest.mark.parametrize("text, terms", CASES, ids=[c[0] for c in CASES])
def test_a_term_is_highlighted_exactly_when_the_detector_counts_it(text, terms):
    assert marked(text) == terms
    assert term_count(text) == len(terms)


@pytest.mark.parametrize("text, terms", CASES, ids=[c[0] for c in CASES])
def test_a_term_in_the_subject_is_masked_exactly_when_the_detector_counts_it(text, terms):
    masked = notice.mask_subject(text, SETTINGS)
    for term in terms:
        assert term not in masked
    assert masked.count(notice.MASK) == len(terms)
    if not terms:
        assert masked == text


def test_health_term_spans_are_the_places_the_detector_counts():
    text = "Seen by CAMHS; history of self-harm and PTSD. Put it on top."
    spans = DETECTORS["health_terms"].spans(text)
    assert [text[s.start:s.end] for s in spans] == ["CAMHS", "self-harm", "PTSD"]
    assert {s.kind for s in spans} == {"health_terms"} and term_count(text) == 3


def test_number_spans_are_the_numbers_each_detector_reports():
    chi_number = chi("010180")
    test_range = nhs_like("999", 31)
    text = f"NHS {spaced(N)}; CHI {chi_number}; test patient {test_range}; call 01632 960 123"
    spans = flagged_spans(DETECTORS.values(), text)
    assert [(text[s.start:s.end], s.kind) for s in spans] == [(spaced(N), "nhs_number"), (chi_number, "chi_number")]
    # The test range is reported (and so highlighted) only when the detector is told to.
    settings = config.from_mapping({"detectors": {"nhs_number": {"test_range": True}}}, config.PROJECT_CONFIG_DIR)
    assert test_range in [text[s.start:s.end] for s in Highlighter(settings).spans(text)]


def test_overlapping_spans_go_to_the_first_then_the_longest():
    class Fixed:
        def spans(self, text: str) -> list[Span]:
            return [Span(4, 9, "b"), Span(0, 3, "a"), Span(4, 12, "c"), Span(10, 14, "d")]

    assert flagged_spans([Fixed(), object()], "x" * 20) == [Span(0, 3, "a"), Span(4, 12, "c")]
