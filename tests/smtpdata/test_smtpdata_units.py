"""The pieces of dlpgate/smtp_data.py on their own, and the relay's encoding against aiosmtplib's."""

from __future__ import annotations

import pytest
from aiosmtplib.protocol import PERIOD_REGEX, normalize_message_line_endings
from hypothesis import given, settings
from hypothesis import strategies as st

from dlpgate import smtp_data
from dlpgate.canonical import line_endings
from dlpgate.smtp import GatewaySMTP
from tests.smtpdata.harness import FastSMTP, run_data


def test_the_harness_runs_dlpgates_method():
    assert FastSMTP.smtp_DATA is GatewaySMTP.smtp_DATA
    assert "read_data" in GatewaySMTP.smtp_DATA.__code__.co_names


@pytest.mark.parametrize(
    "data, limit, over",
    [
        (b"", 5, False),
        (b"12345\r\n", 5, False),
        (b"123456\r\n", 5, True),
        (b"1\r\n123456\r\n1\r\n", 5, True),
        (b"12345\r\n12345\r\n12345\r\n", 5, False),
        (b"12345\r\n" * 1000 + b"123456\r\n", 5, True),
        (b"12345\r\n" * 1000, 1000, False),
        (b"1234\n\n\n\r\n", 5, True),  # bare LFs end no line
        (b"1234\r\r\n", 5, False),
    ],
)
def test_longest_line_over(data, limit, over):
    assert smtp_data.longest_line_over(data, limit) is over
    assert over is (max(map(len, data.split(b"\r\n"))) > limit)


@pytest.mark.parametrize(
    "stuffed, plain",
    [
        (b"", b""),
        (b"..\r\n", b".\r\n"),
        (b"a\r\n..b\r\n", b"a\r\n.b\r\n"),
        (b"...\r\n", b"..\r\n"),
        (b"a.\r\n", b"a.\r\n"),
    ],
)
def test_unstuff(stuffed, plain):
    assert smtp_data.unstuff(stuffed) == plain


async def test_size_wins_over_a_long_line():
    body = b"x" * 2000 + b"\r\n.\r\nQUIT\r\n"
    out = await run_data(FastSMTP, [body], size_limit=1000, max_line_length=1000)
    assert out.codes == ("354", "552") and out.content is None and out.rest == b"QUIT\r\n"


async def test_long_lines_pass_under_dlpgates_default():
    from dlpgate.config import SmtpSettings

    body = b"<p>" + b"word " * 40_000 + b"</p>\r\n"
    out = await run_data(FastSMTP, [body + b".\r\n"], max_line_length=SmtpSettings().max_line_length)
    assert out.codes == ("354", "250") and out.content == body
    out = await run_data(FastSMTP, [body + b".\r\n"], max_line_length=1000)
    assert out.codes == ("354", "500") and out.content is None


def _aiosmtplib_payload(raw: bytes) -> bytes:
    return PERIOD_REGEX.sub(b"..", normalize_message_line_endings(raw)) + b".\r\n"


@pytest.mark.parametrize(
    "raw",
    [b"", b"a", b".", b".\r\n", b"a\r\n.b\r\n", b"a\nb\n", b"a\rb", b"a\r\n\r\n.\r\n..\r\n", b"\r\n.", b"x\n.y\r.z"],
)
def test_relay_encoding_matches_aiosmtplib(raw):
    assert smtp_data.dot_stuff(line_endings(raw)) == _aiosmtplib_payload(raw)
    assert line_endings(raw) == normalize_message_line_endings(raw)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([b"a", b".", b"\r", b"\n", b"\r\n", b"\xe9", b"\r\n."]), max_size=30))
def test_relay_encoding_matches_aiosmtplib_random(parts):
    raw = b"".join(parts)
    assert smtp_data.dot_stuff(line_endings(raw)) == _aiosmtplib_payload(raw)
