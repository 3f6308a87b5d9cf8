"""The collector of a parse keeps a segment as it did when it stripped every segment's text.

``mime._Collector`` asks ``str.isspace`` whether a normalised segment shows
anything, where it made a stripped copy of it, and keeps the segment itself
when normalising left its text as it was. On every character of the BMP alone
and on seeded strings of white space (every kind), format characters, line
ends and letters, it must keep what the stripped copy kept, with the same
text, place and flags.
"""

from __future__ import annotations

import random

from dlpgate.mime import _Collector
from dlpgate.mime.text import normalise
from dlpgate.types import Limits, Segment

_CHARS = [" ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x85", "\xa0", "\u2000", "\u2028", "\u3000", "\u200b", "\ufeff",
          "\x00", "a", "7", "\u0663", "\xad", "\u00e9"]


def _kept_before(seg: Segment) -> list[Segment]:
    text = normalise(seg.text)
    return [Segment(text, seg.where, seg.tabular, seg.records)] if text.strip() else []


def test_segments_are_kept_as_the_stripped_copy_kept_them() -> None:
    rng = random.Random(5)
    texts = [chr(cp) for cp in range(0x10000) if not 0xD800 <= cp < 0xE000]  # every white space is in the BMP
    texts += ["".join(rng.choice(_CHARS) for _ in range(rng.randint(0, 12))) for _ in range(20000)]
    kept = 0
    for i, text in enumerate(texts):
        seg = Segment(text, f"place {i % 7}", tabular=i % 2 == 0, records=i % 3 == 0)
        out = _Collector(Limits())
        out.add(seg)
        want = _kept_before(seg)
        assert out.segments == want, repr(text)
        kept += bool(want)
    assert kept > 50000
