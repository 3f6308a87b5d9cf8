"""The pattern for a mail address in text starts at the start of its run of local-part
characters and takes the run whole: it finds what the plainer pattern finds, and costs one
pass over a long word or link rather than one per character of it."""

from __future__ import annotations

import random
import re
import time

from dlpgate.detectors import identifiers

PLAIN = re.compile(r"[\w.+'\-]+@[\w\-]+(?:\.[\w\-]+)+")
PIECES = ["a", "jo", ".", "+", "'", "-", "_", "@", "x.org", "nhs.uk", " ", "\n", "<", ">", ":", ",", "é", "7", "@b.c"]


def _glued(spans: list[tuple[int, int]]) -> bool:
    """An address that starts where the one before it ends ("a@b.c+d@e.f"): the plain pattern
    reads a second one from the middle of the run, the fast one reads the run as one."""
    return any(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))


def test_finds_what_the_plain_pattern_finds() -> None:
    rng = random.Random(11)
    compared = 0
    for _ in range(20_000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randrange(1, 25)))
        low = rng.choice((0, 0, text.find(" ") + 1, text.find("\n") + 1))
        plain = [m.span() for m in PLAIN.finditer(text, low)]
        if _glued(plain):
            continue
        compared += 1
        assert [m.span() for m in identifiers._MAIL_ADDRESS_RE.finditer(text, low)] == plain, (text, low)
    assert compared > 19_000


def test_a_long_run_costs_one_pass() -> None:
    # A link or a token of thousands of characters with no "@": the plain pattern tries a match from
    # each of its characters (quadratic); the fast one from its first only.
    text = ("x" * 4_000 + " ") * 3
    start = time.perf_counter()
    assert identifiers._MAIL_ADDRESS_RE.search(text) is None
    fast = time.perf_counter() - start
    start = time.perf_counter()
    assert PLAIN.search(text) is None
    plain = time.perf_counter() - start
    assert fast * 50 < plain, (fast, plain)
