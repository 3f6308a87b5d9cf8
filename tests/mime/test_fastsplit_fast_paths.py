"""fastsplit's quick forms give what the line-by-line forms they replace gave.

* ``_blank_line`` (a search from the first line feed) against ``BLANK_LINE``'s
  own search (``\\r?\\n\\r?\\n``);
* ``_read_headers`` (the block checked and split by two patterns) against the
  earlier reading, kept below: the block split into lines, each line checked
  with ``HEADER_LINE``, then the fields gathered one line at a time. Both
  must decline the same blocks and build the same Message (every attribute),
  and the index that comes with it must be ``headers.raw_index`` of it;

on every test message (tests/**/*.eml, as is, with LF and with CRLF line
ends), on every paragraph of them read as a header block, and on seeded
blocks of fields, folded lines, blank and odd lines and every kind of line end.
"""

from __future__ import annotations

import random
import re
from email.message import Message
from pathlib import Path

import pytest

from dlpgate.mime import fastsplit
from dlpgate.mime import headers as H

TESTS = Path(__file__).resolve().parents[1]

# The earlier reading's patterns: a blank line, and a line of a header block (a
# field's first line, its name printable ASCII, or a continuation).
BLANK_LINE = re.compile(r"\r?\n\r?\n")
HEADER_LINE = re.compile(r"(?:[\041-\071\073-\176]*:|[\t ])")


def _read_headers_before(head: str) -> Message:
    lines = head.split("\n")[:-1]
    for line in lines:
        if not HEADER_LINE.match(line):
            raise fastsplit._Fallback
    msg = Message()
    fields: list[tuple[str, list[str]]] = []
    for line in lines:
        if line[0] in " \t":
            if not fields:
                raise fastsplit._Fallback
            fields[-1][1].append(line + "\n")
            continue
        colon = line.find(":")
        if colon <= 0:
            raise fastsplit._Fallback
        fields.append((line[:colon], [line[colon + 1 :].lstrip(" \t") + "\n"]))
    for name, value in fields:
        msg.set_raw(name, "".join(value).rstrip("\r\n"))
    msg.set_payload("")
    keys = [k.lower() for k in msg.keys()]
    if keys.count("content-type") > 1 or keys.count("content-transfer-encoding") > 1:
        raise fastsplit._Fallback
    if str(msg.get("content-type", "")).lower().count("boundary") > 1:
        raise fastsplit._Fallback
    return msg


def _texts() -> list[str]:
    out = []
    for path in sorted(TESTS.rglob("*.eml")):
        text = path.read_bytes().decode("ascii", "surrogateescape")
        out += [text, text.replace("\r\n", "\n"), text.replace("\r\n", "\n").replace("\n", "\r\n")]
    return out


_PIECES = ["\r\n", "\n", "\r", " ", "\t", "a", ":", "\r\n\r\n", "\n\n", "\n\r\n", "\r\n\n", "\r\r\n"]


def test_blank_line_is_found_where_the_pattern_finds_it() -> None:
    rng = random.Random(8)
    texts = _texts() + ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 12))) for _ in range(30000)]
    assert len(texts) > 30900
    for text in texts:
        m = BLANK_LINE.search(text)
        assert fastsplit._blank_line(text) == (None if m is None else m.span()), repr(text[:200])


def _paragraphs(text: str) -> list[str]:
    """Every stretch of ``text`` up to a blank line, with the line end before it: what
    fastsplit reads as a header block when a message or part starts there."""
    out = []
    start = 0
    for m in BLANK_LINE.finditer(text):
        head_end = m.start() + (2 if text.startswith("\r\n", m.start()) else 1)
        out.append(text[start:head_end])
        start = m.end()
    return out


_LINES = ["Subject: a", "Subject:", "Subject:b", "X-A:  \t b  ", "To: a@b, c@d", " folded", "\tfolded\t", " ", "\t",
          ":no name", "Content-Type: text/plain", "content-type: multipart/mixed; boundary=x", "A:b:c", "Ünicode: é",
          "X-\udcff: \udcfe", "Name With Space: x", "X: \x0b\x0c\x1c\u2028 y", "Received: from a\r", "X: y \r", "\r",
          "no colon", "X:\r\r", "Content-Transfer-Encoding: base64", 'Content-Type: a/b; boundary="a"; boundary="b"',
          "X-Tab\t: y", "\x7f: y", "~!#$%&'*+-.^_`|: y"]


def _seeded_blocks(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        eol = rng.choice(["\n", "\r\n"])
        out.append("".join(rng.choice(_LINES) + rng.choice([eol, eol, "\n"]) for _ in range(rng.randint(1, 8))))
    return out


def _outcome(read, head: str) -> tuple[str, object]:
    try:
        got = read(head)
    except fastsplit._Fallback:
        return "declines", None
    msg = got[0] if isinstance(got, tuple) else got
    attrs = vars(msg).copy()
    index = attrs.pop(fastsplit._RAW_INDEX, None)  # the index the fast reading keeps: headers.raw_index's
    assert index is None or index == H.raw_index(msg), repr(head[:300])
    return "reads", attrs


def test_header_blocks_read_as_the_line_by_line_reading_read_them() -> None:
    blocks = [p for text in _texts() for p in _paragraphs(text) if p] + _seeded_blocks(20000, seed=9)
    assert len(blocks) > 25000
    read = 0
    for head in blocks:
        want = _outcome(_read_headers_before, head)
        assert _outcome(fastsplit._read_headers, head) == want, repr(head[:300])
        if want[0] == "reads":
            msg, index = fastsplit._read_headers(head)
            assert index == H.raw_index(msg)
            read += 1
    assert read > 4000


@pytest.mark.parametrize("head", ["X: a\n", "X: a\r\n \r\n", "X:\n\tb\n", "X:  \n y\n", "X: a\r\r\n"])
def test_folded_and_blank_values(head: str) -> None:
    assert _outcome(fastsplit._read_headers, head) == _outcome(_read_headers_before, head)
