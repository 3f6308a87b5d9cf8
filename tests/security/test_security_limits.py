"""Limits and abuse over real SMTP: size, line length, header count, recipients,
connections per client, time-outs, and never an open relay."""

from __future__ import annotations

import select
import smtplib
import socket
import time

import pytest

from tests.synthetic import build_message, nhs_numbers, spaced

EXT = "someone@partner.example.org"
SENDER = "dr.jones@example-trust.nhs.uk"


def test_size_declared_over_the_limit_is_552(make_gateway):
    gw = make_gateway(smtp={"max_message_size": 5000})
    with smtplib.SMTP("127.0.0.1", gw.port, timeout=5) as c:
        c.ehlo("x")
        assert c.mail(SENDER, ["SIZE=5001"])[0] == 552
        assert c.mail(SENDER, ["SIZE=4000"])[0] == 250


def test_data_over_the_size_limit_is_552_and_nothing_is_sent(make_gateway, sink):
    gw = make_gateway(smtp={"max_message_size": 5000})
    raw = build_message("x" * 70 + "\r\n" + ("y" * 70 + "\r\n") * 100)
    code, _ = gw.send(raw, SENDER, [EXT])
    assert code == 552
    assert gw.send(build_message("small\r\n"), SENDER, [EXT])[0] == 250  # the session limit is per message
    assert len(sink.wait_for(1)) == 1


def test_command_line_over_512_octets_is_refused_and_the_session_goes_on(make_gateway):
    gw = make_gateway()
    with smtplib.SMTP("127.0.0.1", gw.port, timeout=5) as c:
        c.ehlo("x")
        assert c.mail(SENDER)[0] == 250
        code, _ = c.rcpt("a" * 600 + "@partner.example.org")
        assert code == 500
        c.send(b"NOOP " + b"z" * 5000 + b"\r\n")  # longer than the reader's buffer
        assert c.getreply()[0] == 500
        assert c.rcpt(EXT)[0] == 250


def test_a_2mb_line_in_data_is_never_delivered_unscanned(make_gateway, sink):
    """DATA line length is the DATA reader's decision (refuse, or accept and scan);
    either way a 2 MB line with an NHS number in it is not delivered outside."""
    gw = make_gateway()
    nhs = nhs_numbers(1, seed=21)[0]
    body = "a" * (2 * 1024 * 1024) + f" NHS {spaced(nhs)}\r\n"
    raw = build_message(body)
    code, reply = gw.send(raw, SENDER, [EXT])
    assert code != 250 or b"Held" in reply, (code, reply)
    time.sleep(0.2)
    assert not sink.to(EXT)


@pytest.mark.parametrize("count, expected", [(50, 250), (51, 552)])
def test_header_count_over_the_limit_is_552_5_3_4(make_gateway, sink, count, expected):
    gw = make_gateway(smtp={"max_header_count": 50})
    raw = build_message("hello\r\n")
    present = raw.split(b"\r\n\r\n", 1)[0].count(b"\r\n") + 1
    extra = b"".join(b"X-Filler-%d: v\r\n" % i for i in range(count - present))
    code, reply = gw.send(extra + raw, SENDER, [EXT])
    assert code == expected, reply
    if expected == 552:
        assert reply.startswith(b"5.3.4")


def test_recipients_over_the_limit_get_452_and_the_rest_is_delivered(make_gateway, sink):
    gw = make_gateway(smtp={"max_recipients": 5})
    rcpts = [f"user{i}@partner.example.org" for i in range(7)]
    with smtplib.SMTP("127.0.0.1", gw.port, timeout=5) as c:
        c.ehlo("x")
        c.mail(SENDER)
        codes = [c.rcpt(r) for r in rcpts]
        assert [code for code, _ in codes] == [250] * 5 + [452] * 2
        assert codes[5][1].startswith(b"4.5.3")
        assert c.data(build_message("hello\r\n"))[0] == 250
    (msg,) = sink.wait_for(1)
    assert msg[1] == tuple(rcpts[:5])


def _banner(sock: socket.socket) -> bytes:
    sock.settimeout(5)
    return sock.recv(200)


def _command(sock: socket.socket, line: bytes) -> bytes:
    sock.sendall(line + b"\r\n")
    reply = b""
    while not reply.endswith(b"\r\n") or reply.split(b"\r\n")[-2][3:4] == b"-":
        chunk = sock.recv(1000)
        if not chunk:
            break
        reply += chunk
    return reply


def test_connections_per_client_over_the_limit_get_421_when_none_is_idle(make_gateway):
    gw = make_gateway(smtp={"max_connections_per_client": 2})
    a = socket.create_connection(("127.0.0.1", gw.port))
    b = socket.create_connection(("127.0.0.1", gw.port))
    try:
        for s in (a, b):  # both in a transaction: neither is idle
            assert _banner(s).startswith(b"220")
            assert _command(s, b"EHLO x").startswith(b"250")
            assert _command(s, f"MAIL FROM:<{SENDER}>".encode()).startswith(b"250")
        with socket.create_connection(("127.0.0.1", gw.port)) as c:
            assert _banner(c).startswith(b"421 4.7.0")
        a.close()
        time.sleep(0.2)
        with socket.create_connection(("127.0.0.1", gw.port)) as d:
            assert _banner(d).startswith(b"220")
        assert _command(b, b"RSET").startswith(b"250")  # the busy session was left alone
    finally:
        a.close()
        b.close()


def test_idle_client_is_dropped_after_command_timeout(make_gateway):
    gw = make_gateway(smtp={"command_timeout": 0.5})
    with socket.create_connection(("127.0.0.1", gw.port)) as s:
        assert _banner(s).startswith(b"220")
        start = time.monotonic()
        s.settimeout(5)
        assert s.recv(100) == b""  # closed by the gateway
        assert time.monotonic() - start < 3


def test_slow_data_is_cut_after_data_timeout_and_does_not_block_others(make_gateway, sink):
    gw = make_gateway(smtp={"command_timeout": 5, "data_timeout": 1.0})
    with socket.create_connection(("127.0.0.1", gw.port)) as s:
        s.settimeout(5)
        f = s.makefile("rb")
        f.readline()
        for cmd in (b"EHLO x", f"MAIL FROM:<{SENDER}>".encode(), f"RCPT TO:<{EXT}>".encode(), b"DATA"):
            s.sendall(cmd + b"\r\n")
            line = f.readline()
            while line[3:4] == b"-":
                line = f.readline()
        assert line.startswith(b"354")
        start = time.monotonic()
        # Meanwhile another client is served normally.
        assert gw.send(build_message("other client\r\n"), SENDER, [EXT])[0] == 250
        closed = False
        while time.monotonic() - start < 4 and not closed:
            try:
                s.sendall(b"Subject: slow\r\n")  # a trickle, never the final dot
                ready, _, _ = select.select([s], [], [], 0.2)
                closed = bool(ready) and s.recv(100) == b""
            except OSError:
                closed = True
        assert closed
        assert time.monotonic() - start < 3.5
    assert len(sink.wait_for(1)) == 1


def test_a_slow_downstream_is_not_cut_off_by_the_command_timeout(make_gateway, sink):
    gw = make_gateway(smtp={"command_timeout": 0.5, "relay_timeout": 5.0})
    sink.stall = 1.2
    code, _ = gw.send(build_message("slow downstream\r\n"), SENDER, [EXT])
    assert code == 250
    assert len(sink.wait_for(1)) == 1


def test_client_outside_allowed_clients_is_refused_never_an_open_relay(make_gateway, sink):
    gw = make_gateway(smtp={"allowed_clients": ["127.0.0.1/32"]})
    try:
        with socket.create_connection(("127.0.0.1", gw.port), source_address=("127.0.0.2", 0)) as s:
            banner = _banner(s)
    except OSError as exc:  # pragma: no cover - no 127.0.0.2 on this host
        pytest.skip(f"cannot bind 127.0.0.2: {exc}")
    assert banner.startswith(b"554 5.7.1")
    with pytest.raises(smtplib.SMTPConnectError) as err:
        smtplib.SMTP("127.0.0.1", gw.port, timeout=5, source_address=("127.0.0.2", 0))
    assert err.value.smtp_code == 554
    # the allowed address still relays
    assert gw.send(build_message("hello\r\n"), SENDER, [EXT])[0] == 250
    assert len(sink.wait_for(1)) == 1
