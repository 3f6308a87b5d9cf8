"""The fast DATA path in a real gateway over loopback, and the relay's DATA into a real sink."""

from __future__ import annotations

import socket

from tests.conftest import INTERNAL
from tests.synthetic import build_message


def _session(port: int, script: bytes, expect_replies: int) -> list[bytes]:
    """Send script in one write (pipelined), return the reply lines (continuations dropped)."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        f = s.makefile("rb")
        greeting = f.readline()
        assert greeting.startswith(b"220")
        s.sendall(script)
        replies = []
        while len(replies) < expect_replies:
            line = f.readline()
            assert line, replies
            if line[3:4] != b"-":
                replies.append(line.rstrip(b"\r\n"))
        return replies


def _stuff(raw: bytes) -> bytes:
    out = raw.replace(b"\r\n.", b"\r\n..")
    return b"." + out if out.startswith(b".") else out


def test_pipelined_session_with_dot_lines_and_large_body(make_gateway, sink):
    gw = make_gateway()
    body = "\r\n".join(f".line {i} " + "x" * (i % 120) for i in range(30_000))  # ~2 MB, every line dot-stuffed
    raw = build_message(body, to=f"colleague@{INTERNAL}").replace(b"\n", b"\r\n").replace(b"\r\r\n", b"\r\n")
    assert len(raw) > 2_000_000
    script = (
        b"EHLO upstream.test\r\nMAIL FROM:<dr.jones@" + INTERNAL.encode() + b">\r\n"
        b"RCPT TO:<colleague@" + INTERNAL.encode() + b">\r\nDATA\r\n" + _stuff(raw) + b".\r\n"
        b"RSET\r\nNOOP\r\nQUIT\r\n"
    )
    replies = _session(gw.port, script, 8)
    codes = [r[:3] for r in replies]
    assert codes == [b"250", b"250", b"250", b"354", b"250", b"250", b"250", b"221"], replies
    ((mail_from, rcpts, delivered),) = sink.wait_for(1)
    assert rcpts == (f"colleague@{INTERNAL}",)
    assert delivered.endswith(raw)  # the gateway only adds its header on top


def test_size_limit_then_the_session_goes_on(make_gateway, sink):
    gw = make_gateway(smtp={"max_message_size": 5000})
    big = build_message("y" * 6000, to=f"colleague@{INTERNAL}")
    small = build_message("hello", to=f"colleague@{INTERNAL}")
    env = b"MAIL FROM:<a@" + INTERNAL.encode() + b">\r\nRCPT TO:<colleague@" + INTERNAL.encode() + b">\r\nDATA\r\n"
    script = b"EHLO upstream.test\r\n" + env + _stuff(big) + b".\r\n" + env + _stuff(small) + b".\r\nQUIT\r\n"
    replies = _session(gw.port, script, 10)
    codes = [r[:3] for r in replies]
    assert codes == [b"250", b"250", b"250", b"354", b"552", b"250", b"250", b"354", b"250", b"221"], replies
    assert replies[4].startswith(b"552 5.3.4")
    assert len(sink.wait_for(1)) == 1


def test_bare_lf_is_data_as_in_aiosmtpd(make_gateway, sink):
    """smtplib sends bare LFs as they are and dot-stuffs after them; for SMTP (and
    aiosmtpd) only CRLF ends a line, so that dot stays, and the relay then writes
    the LFs out as CRLF: the same bytes a stock aiosmtpd + aiosmtplib relay gives."""
    gw = make_gateway()
    code, _ = gw.send(b"Subject: lf only\n\nline one\n.\nline two\n", f"a@{INTERNAL}", [f"b@{INTERNAL}"])
    assert code == 250
    ((_, _, delivered),) = sink.wait_for(1)
    assert delivered == b"X-DLPGate-Action: deliver\r\nSubject: lf only\r\n\r\nline one\r\n..\r\nline two\r\n\r\n"


def test_empty_body(make_gateway, sink):
    gw = make_gateway()
    env = b"MAIL FROM:<a@" + INTERNAL.encode() + b">\r\nRCPT TO:<colleague@" + INTERNAL.encode() + b">\r\nDATA\r\n"
    replies = _session(gw.port, b"EHLO upstream.test\r\n" + env + b".\r\nQUIT\r\n", 6)
    assert [r[:3] for r in replies] == [b"250", b"250", b"250", b"354", b"250", b"221"], replies
