"""The operators that place a PDF page's pictures: a "cm"'s six numbers read back from the
operator (pdf._cm_numbers) give what a pattern trying six numbers at every token gives."""

from __future__ import annotations

import random
import re

from dlpgate.mime.formats import pdf

# The one-pattern form: six numbers and "cm" matched where the first number starts.
_SLOW = re.compile(
    rb"(?<![^\s\]>)}])(?:(q)|(Q)|((?:" + pdf._NUMBER + rb"\s+){6})cm|/([^\s/\[\]()<>{}%]+)\s*Do)(?=[\s/\[\]()<>{}%]|\Z)"
)

_TOKENS = [b"q", b"Q", b"cm", b"Do", b"/Im0", b"/Fm1 Do", b"/Im2Do", b"m", b"l", b"c", b"re", b"f", b"S", b"BT", b"ET",
           b"Tj", b"(text)", b"[1 2]", b"<4142>", b"]", b"[", b"1", b"0", b"-1", b"+2", b".5", b"3.", b"12.75",
           b"1.2.3", b"1-1", b"--1", b"x1", b"%c", b"{", b"}"]
_GAPS = [b" ", b" ", b" ", b"\n", b"\r\n", b"\t", b"", b"  ", b"\x0c"]


def _slow_ops(data: bytes) -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    for m in _SLOW.finditer(data):
        if m.group(1):
            out.append(("q", None))
        elif m.group(2):
            out.append(("Q", None))
        elif m.group(3):
            out.append(("cm", tuple(float(v) for v in m.group(3).split())))
        else:
            out.append(("Do", m.group(4)))
    return out


def _fast_ops(data: bytes) -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    for m in pdf._PLACING.finditer(data):
        if m.group(1):
            out.append(("q", None))
        elif m.group(2):
            out.append(("Q", None))
        elif m.group(3):
            numbers = pdf._cm_numbers(data, m.start())
            if numbers is not None:
                out.append(("cm", numbers))
        else:
            out.append(("Do", m.group(4)))
    return out


def _stream(rng: random.Random) -> bytes:
    parts: list[bytes] = []
    for _ in range(rng.randint(0, 60)):
        if rng.random() < 0.2:  # a well-formed placement
            parts.append(b" ".join(rng.choice([b"1", b"0", b"-0.5", b"612", b".25", b"3."]) for _ in range(rng.randint(5, 7))))
            parts.append(rng.choice(_GAPS) or b" ")
            parts.append(b"cm")
        else:
            parts.append(rng.choice(_TOKENS))
        parts.append(rng.choice(_GAPS))
    return b"".join(parts)


def test_the_operators_read_back_are_those_the_one_pattern_finds() -> None:
    rng = random.Random(20261206)
    for _ in range(20_000):
        data = _stream(rng)
        assert _fast_ops(data) == _slow_ops(data), data


def test_a_placement_and_a_drawing_are_read() -> None:
    data = b"q\n1 0 0 1 72 700 cm\n/Im0 Do\nQ\n]100 0 0 50 0 0 cm /Fm1 Do"
    assert _fast_ops(data) == [("q", None), ("cm", (1.0, 0.0, 0.0, 1.0, 72.0, 700.0)), ("Do", b"Im0"), ("Q", None),
                               ("cm", (100.0, 0.0, 0.0, 50.0, 0.0, 0.0)), ("Do", b"Fm1")]
    assert _fast_ops(b"2 0 0 2 0 cm") == [] and _fast_ops(b"x1 0 0 1 0 0 cm") == []
