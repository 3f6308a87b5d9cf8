"""Replies to pipelined MAIL/RCPT go out together (RFC 2920), and say exactly what one-by-one replies say."""

from __future__ import annotations

import asyncio

import pytest

from dlpgate.smtp import GatewaySMTP, parse_networks
from tests.smtpdata.harness import AIOSMTPD_LINE_LIMIT, Capture

BODY = b"Subject: hi\r\n\r\nhello\r\n.\r\n"


class Counting(GatewaySMTP):
    writes: list[bytes]

    def connection_made(self, transport):
        super().connection_made(transport)
        self.writes = []
        real = transport.write

        def write(data):
            self.writes.append(bytes(data))
            real(data)

        transport.write = write


async def _session(grouped: bool, commands: bytes, body: bytes | None) -> tuple[bytes, list[bytes]]:
    """Send commands in one piece; then the body after 354 (if any), then QUIT. All reply bytes and the server's writes."""
    servers: list[Counting] = []

    def factory():
        s = Counting(
            Capture(), networks=parse_networks(("127.0.0.0/8",)), hostname="gw.test", max_line_length=AIOSMTPD_LINE_LIMIT
        )
        s.group_replies = grouped
        servers.append(s)
        return s

    loop = asyncio.get_running_loop()
    server = await loop.create_server(factory, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    got = bytearray(await reader.readline())  # greeting
    writer.write(commands)
    want = commands.count(b"\r\n") + 4  # EHLO is multi-line: read until 354 or enough lines
    lines = 0
    while lines < want:
        line = await asyncio.wait_for(reader.readline(), 5)
        got += line
        if line[3:4] == b" ":
            lines += 1
        if line.startswith(b"354") or (lines == commands.count(b"\r\n")):
            break
    if body is not None and got.rstrip().endswith(b"End data with <CR><LF>.<CR><LF>"):
        writer.write(body)
        got += await asyncio.wait_for(reader.readline(), 5)
    writer.write(b"QUIT\r\n")
    got += await asyncio.wait_for(reader.readline(), 5)
    writer.close()
    server.close()
    await server.wait_closed()
    return bytes(got), servers[0].writes


PIPELINED = (
    b"EHLO client.test\r\n"
    b"MAIL FROM:<a@example.org>\r\n"
    b"RCPT TO:<b@example.org>\r\n"
    b"RCPT TO:<c\x00@example.org>\r\n"  # refused (501), in its place among the replies
    b"RCPT TO:<d@example.org>\r\n"
    b"DATA\r\n"
)


async def test_pipelined_replies_are_the_same_bytes_in_fewer_writes():
    slow, slow_writes = await _session(False, PIPELINED, BODY)
    fast, fast_writes = await _session(True, PIPELINED, BODY)
    assert fast == slow
    assert b"501 5.5.2" in fast and b"250 2.0.0 captured" in fast
    # MAIL, 3 RCPT and the 354 go out as one write instead of five
    assert len(slow_writes) - len(fast_writes) == 4, (slow_writes, fast_writes)
    assert any(w.startswith(b"250 ") and w.endswith(b"354 End data with <CR><LF>.<CR><LF>\r\n") for w in fast_writes)


@pytest.mark.parametrize("tail", [b"", b"RSET\r\n", b"NOOP\r\n"])
async def test_a_reply_the_client_waits_for_is_not_held(tail):
    """MAIL/RCPT with nothing more pipelined behind them (or another command): every reply arrives."""
    commands = b"EHLO client.test\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.org>\r\n" + tail
    slow, _ = await _session(False, commands, None)
    fast, _ = await _session(True, commands, None)
    assert fast == slow
    assert fast.count(b"250 ") >= 3


async def test_replies_held_for_grouping_go_out_before_a_hang_up():
    """A session closed while replies wait to be grouped (a drain, a timeout) sends them first, in order."""
    servers: list[Counting] = []

    def factory():
        s = Counting(Capture(), networks=parse_networks(("127.0.0.0/8",)), hostname="gw.test", max_line_length=AIOSMTPD_LINE_LIMIT)
        servers.append(s)
        return s

    server = await asyncio.get_running_loop().create_server(factory, "127.0.0.1", 0)
    reader, writer = await asyncio.open_connection("127.0.0.1", server.sockets[0].getsockname()[1])
    await reader.readline()  # greeting
    session = servers[0]
    session._held_replies.extend([b"250 2.1.0 Sender OK\r\n", b"250 2.1.5 Recipient OK\r\n"])
    assert session.hang_up("421 4.3.2 Shutting down")
    rest = await asyncio.wait_for(reader.read(), 5)
    assert rest == b"250 2.1.0 Sender OK\r\n250 2.1.5 Recipient OK\r\n421 4.3.2 Shutting down\r\n"
    writer.close()
    server.close()
    await server.wait_closed()
