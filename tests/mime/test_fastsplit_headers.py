"""fastsplit reads a header block as the stdlib's compat32 parser reads it, or declines.

``fastsplit._read_headers`` stores the fields itself instead of running the
stdlib's feed parser on each header block. On every header block of every
test message (tests/**/*.eml, with LF and CRLF line ends) and on seeded
blocks of folded, empty, colon-first and odd fields, it must either decline
(where the stdlib notes a defect, or the fast path declines by rule) or give a
Message whose every attribute equals the stdlib's, and keep on it the
``headers.raw_index`` of the stdlib's.
"""

from __future__ import annotations

import random
from email import policy
from email.message import Message
from email.parser import Parser
from pathlib import Path

from dlpgate.mime import fastsplit
from dlpgate.mime.headers import raw_index
from tests.mime.test_fastsplit_fast_paths import BLANK_LINE, HEADER_LINE

TESTS = Path(__file__).resolve().parents[1]


def _stdlib(block: str) -> Message | None:
    """The stdlib's headers-only parse of the block, or None where fastsplit must decline."""
    msg = Parser(policy=policy.compat32).parsestr(block, headersonly=True)
    if msg.defects or vars(msg).get("_payload") or msg.get_unixfrom():
        return None
    keys = [k.lower() for k in msg.keys()]
    if keys.count("content-type") > 1 or keys.count("content-transfer-encoding") > 1:
        return None
    if str(msg.get("content-type", "")).lower().count("boundary") > 1:
        return None
    return msg


def _fast(lines: list[str]) -> Message | None:
    try:
        return fastsplit._read_headers("".join(line + "\n" for line in lines))[0]
    except fastsplit._Fallback:
        return None


def _blocks(text: str) -> list[tuple[list[str], str]]:
    """Every paragraph that fastsplit would read as a header block: (its lines, the
    block with the blank line after it)."""
    out = []
    start = 0
    for m in BLANK_LINE.finditer(text):
        head_end = m.start() + (2 if text.startswith("\r\n", m.start()) else 1)
        head = text[start:head_end]
        start = m.end()
        lines = head.split("\n")[:-1]
        if lines and all(HEADER_LINE.match(line) for line in lines):
            out.append((lines, head + text[head_end : m.end()]))
    return out


def _seeded(n: int, seed: int) -> list[tuple[list[str], str]]:
    rng = random.Random(seed)
    pieces = ["Subject: a", "Subject:", "Subject:b", "X-A:  \t b  ", "To: a@b, c@d", " folded", "\tfolded\t",
              " ", "\t", ":no name", "Content-Type: text/plain", "content-type: multipart/mixed; boundary=x",
              "Content-Transfer-Encoding: base64", 'Content-Type: text/plain; boundary="a"; boundary="b"',
              "A:b:c", "Ünicode: é", "X-\udcff: \udcfe", "Name With Space: x", "X: \x0b\x0c\x1c\u2028 y",
              "Received: from a\r", "X: y \r"]
    out = []
    for _ in range(n):
        eol = rng.choice(["\r\n", "\n"])
        lines = [rng.choice(pieces).rstrip("\r") if eol == "\n" else rng.choice(pieces).rstrip("\r") + "\r"
                 for _ in range(rng.randint(1, 8))]
        lines = [line for line in lines if line not in ("", "\r")]
        if not lines or not all(HEADER_LINE.match(line) for line in lines):
            continue
        block = "".join(line + "\n" for line in lines) + eol
        out.append((lines, block))
    return out


def _check(lines: list[str], block: str) -> bool:
    want = _stdlib(block)
    got = _fast(lines)
    if want is None:
        assert got is None, block
        return False
    assert got is not None, block
    kept = vars(got).copy()
    # the index it gathered on the way, kept for the walker: the one headers.raw_index gives
    assert kept.pop(fastsplit._RAW_INDEX) == raw_index(want) == fastsplit.raw_index(got), block
    assert kept == vars(want), block
    return True


def test_every_header_block_of_the_test_mail_reads_as_the_stdlib_reads_it() -> None:
    same = 0
    paths = sorted(TESTS.rglob("*.eml"))
    assert len(paths) > 300
    for path in paths:
        text = path.read_bytes().decode("ascii", "surrogateescape")
        for variant in {text, text.replace("\r\n", "\n"), text.replace("\r\n", "\n").replace("\n", "\r\n")}:
            if "\r" in variant.replace("\r\n", ""):
                continue  # fastsplit declines a bare CR before reading headers
            for lines, block in _blocks(variant):
                same += _check(lines, block)
    assert same > 800


def test_seeded_header_blocks_read_as_the_stdlib_reads_them() -> None:
    blocks = _seeded(20000, seed=3)
    assert len(blocks) > 5000
    same = sum(_check(lines, block) for lines, block in blocks)
    assert same > 3000
