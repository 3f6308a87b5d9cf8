"""identifiers.re2_lines searches an ASCII text's bytes with RE2 (its offsets are its characters'),
any other text as characters: on random texts of bedside readings and the words around them,
ASCII or not, it finds what the search of the text as characters (kept below) finds."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

import re2

from dlpgate.detectors import health_terms, identifiers

PIECES = ["BP 168/94", "bp 120/80", "B/P: 130/85", "blood pressure was 150/90", "sats 88%", "SpO2 91 %", "saturating 94%",
          "temp 39.4", "Temp: 38.2", "febrile 38.9", "had 38.9 temp", "36+2/40", "is now 36+2", "at 34/40", "scored 34/40",
          "CPU temp 39.5", "+3", "/40", "Mrs Example", "\n", "\r\n", " ", "\t", ",", ".", "x", "7", "12"]
NOT_ASCII = ["\u00e9", "\u00b0", "\u2019", "\u4e2d"]


def _by_characters(pattern: re.Pattern[str], hint: str) -> Iterator[re.Match[str]]:
    """re2_lines as it searched every text, as characters."""
    finditer = re2.compile(hint).finditer

    def matches(text: str) -> Iterator[re.Match[str]]:
        done = -1
        for at in [m.start() for m in finditer(text)]:
            if at < done:
                continue
            start, end = identifiers.line_bounds(text, at)
            done = end
            yield from pattern.finditer(text, start, end)

    return matches  # type: ignore[return-value]


def test_ascii_texts_read_as_characters_are() -> None:
    rng = random.Random(5)
    reference = _by_characters(health_terms._READING_RE, health_terms._READING_HINT.pattern)
    found = 0
    for n in range(6_000):
        pieces = PIECES + NOT_ASCII if n % 3 == 0 else PIECES
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 20)))
        got = [(m.span(), m.group()) for m in health_terms._reading_matches(text)]
        assert got == [(m.span(), m.group()) for m in reference(text)], text  # type: ignore[operator]
        found += bool(got)
    assert found > 3_000
