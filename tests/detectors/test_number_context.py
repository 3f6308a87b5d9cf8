"""Context keywords near numbers, on texts long enough to need several windows.

Keywords.near_each and near_any scan bounded windows around the numbers; the
answers must equal a brute-force reading of the whole text, including across
window edges.
"""

from __future__ import annotations

import random
import re

import pytest

from dlpgate.detectors import nhs_number
from dlpgate.detectors.numbers import Keywords, find_candidates
from tests.synthetic import nhs_numbers

WINDOW = 300


def keywords() -> Keywords:
    return Keywords(nhs_number.CASE_SENSITIVE_KEYWORDS, nhs_number.KEYWORDS, WINDOW)


def brute_force(text: str, spans: list[tuple[int, int]]) -> list[bool]:
    """Whole-word keyword occurrences anywhere, then a distance check per span."""
    found = []
    for word in nhs_number.KEYWORDS:
        found += [(m.start(), m.end()) for m in re.finditer(r"(?<![^\W_])" + re.escape(word) + r"(?![^\W_])", text, re.I)]
    for word in nhs_number.CASE_SENSITIVE_KEYWORDS:
        found += [(m.start(), m.end()) for m in re.finditer(r"(?<![^\W_])" + re.escape(word) + r"(?![^\W_])", text)]
    return [any(ke >= s - WINDOW and ks <= e + WINDOW for ks, ke in found) for s, e in spans]


def clinic_list(rows: int, seed: int, keyword_every: int) -> str:
    rng = random.Random(seed)
    numbers = nhs_numbers(rows, seed=seed)
    lines = []
    for i in range(rows):
        note = "seen in clinic" if keyword_every and i % keyword_every == 0 else "follow up in some weeks"
        lines.append(f"{numbers[i]},Surname{rng.randint(0, 99)},{note}")
    return "\n".join(lines)


@pytest.mark.parametrize("keyword_every", [0, 1, 997, 5000])
def test_long_lists_answer_as_the_brute_force_does(keyword_every):
    text = clinic_list(6000, seed=keyword_every, keyword_every=keyword_every)
    assert len(text) > 200_000  # several windows of _MAX_WINDOW
    spans = [(c.start, c.end) for c in find_candidates(text)]
    assert len(spans) == 6000
    expected = brute_force(text, spans)
    kw = keywords()
    assert kw.near_each(text, spans) == expected
    assert kw.near_any(text, spans) == any(expected)
    assert any(expected) == bool(keyword_every)


def test_a_keyword_near_only_the_last_number_of_a_long_list_is_found():
    text = clinic_list(6000, seed=3, keyword_every=0) + " (patient)"
    spans = [(c.start, c.end) for c in find_candidates(text)]
    assert keywords().near_any(text, spans)
    assert keywords().near_each(text, spans)[-1] and not keywords().near_each(text, spans)[0]
