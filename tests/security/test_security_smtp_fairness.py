"""Issue 12, defect 7: idle connections cannot shut the real MTA out.

60 idle connections from 127.0.0.1 (the per-client limit is 20) and then a real
message from the same address: it is accepted, and the idle ones were closed
(oldest first) to make room. A connection that sends nothing is closed after
smtp.greeting_timeout, not the long command time-out.
"""

from __future__ import annotations

import select
import socket
import time

from tests.conftest import write_config
from tests.ops.conftest import Node, base_config, wait_smtp
from tests.security.smtp_raw import RawSMTP
from tests.synthetic import build_message

SENDER = "dr.jones@example-trust.nhs.uk"
EXT = "someone@partner.example.org"


def _open_idle(port: int, n: int) -> list[socket.socket]:
    socks = []
    for _ in range(n):
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
        socks.append(s)
    return socks


def _closed(s: socket.socket, wait: float = 0.0) -> bool:
    ready, _, _ = select.select([s], [], [], wait)
    if not ready:
        return False
    try:
        data = s.recv(4096)
        while data and not data.endswith(b"\r\n"):
            data += s.recv(4096)
        if data.startswith(b"220"):  # the banner; look again for the close
            return _closed(s, wait)
        return data == b"" or data.startswith(b"421")
    except OSError:
        return True


def test_60_idle_connections_do_not_shut_out_a_real_message(make_gateway, sink):
    gw = make_gateway()  # max_connections_per_client = 20, the default
    idle = _open_idle(gw.port, 60)
    try:
        with RawSMTP(gw.port) as c:
            assert c.banner.startswith(b"220"), c.banner
            reply = c.send(SENDER, [EXT], build_message("the real one\r\n"))
        assert reply.startswith(b"250"), reply
        assert len(sink.wait_for(1)) == 1
        # The oldest idle ones were closed to make room; at most 20 are left open.
        time.sleep(0.3)
        still_open = [s for s in idle if not _closed(s)]
        assert len(still_open) <= 20
        assert _closed(idle[0], 1.0)
    finally:
        for s in idle:
            s.close()


def test_sessions_in_a_transaction_are_not_closed_for_newcomers(make_gateway, sink):
    gw = make_gateway(smtp={"max_connections_per_client": 3})
    busy = [RawSMTP(gw.port) for _ in range(3)]
    try:
        for c in busy:
            assert c.cmd("EHLO x").startswith(b"250")
            assert c.cmd(f"MAIL FROM:<{SENDER}>").startswith(b"250")
        with socket.create_connection(("127.0.0.1", gw.port), timeout=5) as s:
            assert s.recv(100).startswith(b"421 4.7.0")
        # ... and they finish their messages.
        for c in busy:
            assert c.cmd(f"RCPT TO:<{EXT}>").startswith(b"250")
            assert c.data(build_message("busy\r\n")).startswith(b"250")
        assert len(sink.wait_for(3)) == 3
    finally:
        for c in busy:
            c.close()


def test_a_connection_that_says_nothing_is_closed_after_the_greeting_timeout(make_gateway):
    gw = make_gateway(smtp={"greeting_timeout": 0.5, "command_timeout": 300})
    with socket.create_connection(("127.0.0.1", gw.port), timeout=5) as s:
        assert s.recv(100).startswith(b"220")
        start = time.monotonic()
        assert s.recv(100) == b""
        assert time.monotonic() - start < 3
    # A client that speaks at once gets the long command time-out afterwards.
    with RawSMTP(gw.port) as c:
        assert c.cmd("EHLO x").startswith(b"250")
        time.sleep(1.0)
        assert c.cmd("NOOP").startswith(b"250")


def test_idle_connections_against_a_served_gateway_with_two_workers(tmp_path, sink):
    """The same through `dlpgate serve`: per-worker limits, the kernel spreads the connections."""
    settings = base_config(tmp_path, sink.port, smtp={"workers": 2})
    node = Node(write_config(tmp_path / "node.toml", settings), settings)
    try:
        wait_smtp(node.port, proc=node.proc)
        idle = _open_idle(node.port, 60)
        try:
            time.sleep(0.5)
            with RawSMTP(node.port) as c:
                assert c.banner.startswith(b"220"), c.banner
                reply = c.send(SENDER, [EXT], build_message("through the idle crowd\r\n"))
            assert reply.startswith(b"250"), reply
            assert len(sink.wait_for(1)) == 1
        finally:
            for s in idle:
                s.close()
    finally:
        node.stop()


def test_a_session_stalled_inside_a_transaction_makes_room_too(make_gateway, sink):
    """MAIL FROM, then silence: not idle, but stalled; past greeting_timeout it may be closed for a newcomer."""
    gw = make_gateway(smtp={"max_connections_per_client": 2, "greeting_timeout": 0.5})
    stalled = [RawSMTP(gw.port) for _ in range(2)]
    try:
        for c in stalled:
            assert c.cmd("EHLO x").startswith(b"250")
            assert c.cmd(f"MAIL FROM:<{SENDER}>").startswith(b"250")
        time.sleep(0.8)
        with RawSMTP(gw.port) as c:
            assert c.banner.startswith(b"220"), c.banner
            assert c.send(SENDER, [EXT], build_message("after the stalled ones\r\n")).startswith(b"250")
        assert len(sink.wait_for(1)) == 1
    finally:
        for c in stalled:
            c.close()


def test_help_still_lists_the_commands(make_gateway):
    gw = make_gateway()
    with RawSMTP(gw.port) as c:
        assert c.cmd("EHLO x").startswith(b"250")
        reply = c.cmd("HELP")
        assert b"DATA" in reply and b"MAIL" in reply and b"RCPT" in reply
        assert c.cmd("HELP MAIL").startswith(b"250 Syntax: MAIL FROM")
