"""dlpgate's DATA reader against aiosmtpd's own: same bytes in, same content, replies and leftover out."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.smtpdata.harness import both

CASES = {
    "plain": b"Subject: hi\r\n\r\nhello\r\n.\r\n",
    "empty body": b".\r\n",
    "one empty line": b"\r\n.\r\n",
    "blank lines": b"\r\n\r\n\r\n.\r\n",
    "stuffed dot line": b"..\r\n.\r\n",
    "stuffed first line": b".hello\r\nworld\r\n.\r\n",
    "stuffed double": b"x\r\n...\r\n..y\r\n.\r\n",
    "dot at line end": b"x.\r\ny.\r\n.\r\n",
    "dot space is not the end": b". \r\nx\r\n.\r\n",
    "bare LF dot LF is data": b"a\n.\nb\r\n.\r\n",
    "bare LF then dot line": b"a\n.\r\n.\r\n",
    "CRLF dot LF is data": b"a\r\n.\n\r\n.\r\n",
    "bare CR": b"a\r.\r\n.\r\n",
    "LF only message": b"Subject: x\n\nbody\n.\n\r\n.\r\n",
    "CR before terminator": b"a\r\r\n.\r\n",
    "8-bit": "Subject: caf\u00e9\r\n\r\n\u00fc\u00f1\u00ee\r\n".encode() + b"\xff\xfe\r\n.\r\n",
    "NUL": b"a\x00b\r\n.\r\n",
    "pipelined RSET": b"x\r\n.\r\nRSET\r\n",
    "pipelined QUIT after empty": b".\r\nQUIT\r\n",
    "pipelined next message": b"x\r\n.\r\nMAIL FROM:<a@b.c>\r\nRCPT TO:<d@e.f>\r\nDATA\r\n",
    "second dot line stays": b"x\r\n.\r\n.\r\n",
    "terminator-like inside": b"a\r\n..\r\n.x\r\n\r\n.\r\n",
    "line of 999": b"a" * 999 + b"\r\n.\r\n",
    "line of 1000": b"a" * 1000 + b"\r\n.\r\n",
    "stuffed line of 999": b"." + b"a" * 998 + b"\r\n.\r\n",
    "stuffed line of 1000": b"." + b"a" * 999 + b"\r\n.\r\n",
    "long line later": b"short\r\n" + b"b" * 5000 + b"\r\nafter\r\n.\r\nQUIT\r\n",
    "long LF-only text": b"x\n" * 800 + b"\r\n.\r\n",
}


@pytest.mark.parametrize("name", list(CASES))
async def test_whole_input_in_one_piece(name):
    reference, ours = await both([CASES[name]])
    assert ours == reference


@pytest.mark.parametrize("name", [n for n in CASES if len(CASES[n]) < 200])
async def test_split_at_every_position(name):
    data = CASES[name]
    for i in range(1, len(data)):
        reference, ours = await both([data[:i], data[i:]])
        assert ours == reference, i


@pytest.mark.parametrize("name", [n for n in CASES if len(CASES[n]) < 200])
async def test_one_byte_at_a_time(name):
    data = CASES[name]
    reference, ours = await both([data[i : i + 1] for i in range(len(data))])
    assert ours == reference


@pytest.mark.parametrize("chunk", [5, 6, 7, 8, 13])
@pytest.mark.parametrize("name", list(CASES))
async def test_tiny_read_chunks(name, chunk):
    """A reader limit of a few bytes drives every LimitOverrunError path."""
    data = CASES[name]
    reference, ours = await both([data], chunk=chunk)
    assert ours == reference


def _body(rng: random.Random, size: int) -> bytes:
    lines, n = [], 0
    while n < size:
        line = rng.choice([b"", b".", b"..", b".x", b"x."]) + bytes(
            rng.randrange(32, 127) for _ in range(rng.randrange(0, 90))
        )
        line = b".." if line == b"." else line  # a lone dot would end the message early
        lines.append(line)
        n += len(line) + 2
    return b"\r\n".join(lines) + b"\r\n.\r\nQUIT\r\n"


@pytest.mark.parametrize("seed", range(3))
async def test_large_message_terminator_at_chunk_boundaries(seed):
    from dlpgate import smtp_data

    rng = random.Random(seed)
    data = _body(rng, 3 * smtp_data.CHUNK + 1234)
    end = data.index(b"\r\n.\r\nQUIT")
    for cut in range(end - 3, end + 7):
        reference, ours = await both([data[:cut], data[cut:]])
        assert ours == reference, cut
    pieces = [data[i : i + 4093] for i in range(0, len(data), 4093)]
    reference, ours = await both(pieces)
    assert ours == reference
    assert ours.rest == b"QUIT\r\n"


@pytest.mark.parametrize(
    "body, limit",
    [
        (b"12345678\r\n.\r\n", 10),  # 10 bytes counted: exactly at the limit
        (b"123456789\r\n.\r\n", 10),  # 11: over
        (b"..345678\r\n.\r\n", 10),  # the transparency dot counts
        (b"...45678\r\n.\r\n", 10),
        (b"1234\r\n5678\r\n.\r\nRSET\r\n", 11),
        (b"1234\r\n5678\r\n.\r\nRSET\r\n", 12),
        (b".\r\n", 1),
        (b"\r\n.\r\n", 1),
        (b"\r\n\r\n.\r\n", 3),
        (b"\r\n\r\n.\r\n", 4),
        (b"x" * 900 + b"\r\n" + b"y" * 900 + b"\r\n.\r\nQUIT\r\n", 1802),
        (b"x" * 900 + b"\r\n" + b"y" * 900 + b"\r\n.\r\nQUIT\r\n", 1803),
    ],
)
async def test_size_limit_exactly_as_aiosmtpd(body, limit):
    reference, ours = await both([body], size_limit=limit)
    assert ours == reference
    reference, ours = await both([body], size_limit=limit, chunk=5)
    assert ours == reference


async def test_size_exceeded_by_a_long_blank_run_is_still_552():
    body = b"\r\n" * 50_000 + b".\r\nNOOP\r\n"
    reference, ours = await both([body], size_limit=1000)
    assert ours == reference
    assert ours.codes == ("354", "552") and ours.rest == b"NOOP\r\n"


_alphabet = st.sampled_from([b"a", b".", b"\r", b"\n", b"\r\n", b"\r\n.", b".\r\n", b"\r\n.\r\n", b"\xe9"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    parts=st.lists(_alphabet, max_size=40),
    cuts=st.lists(st.integers(min_value=0, max_value=200), max_size=4),
    chunk=st.sampled_from([None, 5, 9]),
    size_limit=st.sampled_from([None, 3, 8, 20]),
)
async def test_random_streams(parts, cuts, chunk, size_limit):
    data = b"".join(parts) + b"\r\n.\r\nQUIT\r\n"
    points = sorted({c for c in cuts if 0 < c < len(data)})
    pieces = [data[a:b] for a, b in zip([0, *points], [*points, len(data)], strict=True)]
    reference, ours = await both(pieces, chunk=chunk, size_limit=size_limit)
    assert ours == reference
