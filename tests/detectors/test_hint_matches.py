"""identifiers._hint_matches reads each hint's spans once (_Hint): the same groups, starts
and ends as the match it was read from."""

from __future__ import annotations

import random

from dlpgate.detectors import identifiers as I

_PIECES = [
    "Jane Example 03/04/1961", "Mr Colin EXAMPLE (M) 14-May-1961", "DOB: 02.03.61", "Patient: Joan Example",
    "KHAN, Imran (74y)", "Piotr Example RXX482913 - CTPA confirms PE", "Bed 12 Example - ?CVA", "Re: Jane Example",
    "12 Example Road, Leeds LS1 4AB", "our patient Dr Example", "spoke to dave example's wife", "Name\tWard",
    "Mrs Example's obs", "patients:\n- Jane Example\n- John Example", "K123456", "age 84", "\ud800 lone", "é ü 日本",
]


def test_a_hint_reads_as_its_match() -> None:
    assert I._hints.__self__.groups == I._HINT_GROUPS  # type: ignore[attr-defined]
    rng = random.Random(7)
    seen = 0
    for _ in range(300):
        text = rng.choice(["\n", " ", ". ", "\t"]).join(rng.sample(_PIECES, rng.randint(1, 8)))
        searched = I.without_surrogates(text)
        got = list(I._hint_matches(text))
        want = list(I._hints(searched))
        assert len(got) == len(want)
        seen += len(got)
        for hint, m in zip(got, want, strict=True):
            for g in range(I._HINT_GROUPS + 1):
                assert (hint.start(g), hint.end(g)) == m.span(g)
                assert hint.has(g) == (m.group(g) is not None)
                assert hint.group(g) == (None if m.group(g) is None else text[m.start(g):m.end(g)])
    assert seen > 500
