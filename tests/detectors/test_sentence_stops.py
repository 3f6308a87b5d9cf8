"""The sentence-end patterns put the stop first and look back from it (a search skips from
stop to stop); they find exactly what the plainer form, with its checks before the stop, finds."""

from __future__ import annotations

import random
import re

from dlpgate.detectors import identifiers

_CHECKS_FIRST = r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)[.!?]"
SENTENCE_END = re.compile(_CHECKS_FIRST + r"(?:[ \t]|$)|\n", re.M)
SENTENCE_STOP = re.compile(_CHECKS_FIRST + r"+(?=\s|$)|\n[ \t\r]*\n")
PIECES = ["Mr", "Mrs", "Ms", "Dr", "A", "x", "Jo", ".", "!", "?", " ", "\t", "\n", "\n\n", "..", "?!", "ab", "Q", "é"]


def test_stop_first_patterns_find_what_the_checks_first_ones_do() -> None:
    rng = random.Random(5)
    for _ in range(20_000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randrange(1, 30)))
        low = rng.randrange(0, len(text) + 1)
        high = rng.randrange(low, len(text) + 1)
        for fast, plain in ((identifiers._SENTENCE_END_RE, SENTENCE_END), (identifiers._SENTENCE_STOP_RE, SENTENCE_STOP)):
            assert [m.span() for m in fast.finditer(text, low, high)] == [
                m.span() for m in plain.finditer(text, low, high)
            ], (text, low, high)


def test_titles_and_initials_end_no_sentence() -> None:
    text = "Seen by Dr. Example and Mrs J. K. Example. Then home! Next?"
    ends = [m.start() for m in identifiers._SENTENCE_END_RE.finditer(text)]
    assert [text[e - 7:e + 1] for e in ends] == ["Example.", "en home!", "e! Next?"]
