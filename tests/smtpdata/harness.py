"""Run DATA through aiosmtpd's own smtp_DATA and through dlpgate's, on the same bytes.

Both run the real method of a real SMTP object; only the socket is replaced by
an asyncio.StreamReader fed in chosen pieces (so a terminator can be split at
any position) and a writer that records the replies.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from types import SimpleNamespace

from aiosmtpd.smtp import SMTP, Envelope, Session

from dlpgate import smtp_data
from dlpgate.smtp import GatewaySMTP

AIOSMTPD_LINE_LIMIT = SMTP.line_length_limit - 2  # 1001 with CRLF = 999 without


class FakeWriter:
    def __init__(self) -> None:
        self.out = bytearray()
        self.closed = False

    def write(self, data: bytes) -> None:
        self.out += data

    async def drain(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True


class Capture:
    def __init__(self) -> None:
        self.content: bytes | None = None

    async def handle_DATA(self, server, session, envelope) -> str:
        self.content = envelope.original_content
        return "250 2.0.0 captured"


class FastSMTP(SMTP):
    """Plain aiosmtpd with dlpgate's DATA method, the one GatewaySMTP uses."""

    smtp_DATA = GatewaySMTP.smtp_DATA


@dataclass(frozen=True)
class Outcome:
    codes: tuple[str, ...]  # reply codes written after DATA, in order
    content: bytes | None  # what the handler got (None: not called)
    rest: bytes  # bytes left in the reader for the next command


async def run_data(
    cls: type[SMTP],
    pieces: list[bytes],
    *,
    size_limit: int | None = 33554432,
    max_line_length: int = AIOSMTPD_LINE_LIMIT,
    reader_limit: int = SMTP.line_length_limit,
) -> Outcome:
    loop = asyncio.get_running_loop()
    handler = Capture()
    server = cls(handler, data_size_limit=size_limit, loop=loop, hostname="test.local")
    server.max_line_length = max_line_length  # read by dlpgate's DATA; aiosmtpd's has 999 built in
    reader = asyncio.StreamReader(limit=reader_limit, loop=loop)
    writer = FakeWriter()
    server._reader, server._writer = reader, writer
    server.transport = SimpleNamespace(close=lambda: None)  # "connected"
    server.session = Session(loop)
    server.session.host_name = "client.test"
    server.envelope = Envelope()
    server.envelope.mail_from = "a@example.org"
    server.envelope.rcpt_tos = ["b@example.org"]
    task = loop.create_task(server.smtp_DATA(None))
    for piece in pieces:
        reader.feed_data(piece)
        for _ in range(3):
            await asyncio.sleep(0)
    await asyncio.wait_for(task, 10)
    rest = bytes(reader._buffer)
    codes = tuple(line[:3].decode() for line in bytes(writer.out).split(b"\r\n") if line)
    return Outcome(codes, handler.content, rest)


async def both(pieces: list[bytes], *, chunk: int | None = None, **kw) -> tuple[Outcome, Outcome]:
    """(aiosmtpd, dlpgate) for the same input; chunk shrinks dlpgate's read size."""
    reference = await run_data(SMTP, pieces, **kw)
    saved = smtp_data.CHUNK
    if chunk:
        smtp_data.CHUNK = chunk
    try:
        ours = await run_data(FastSMTP, pieces, reader_limit=chunk or SMTP.line_length_limit, **kw)
    finally:
        smtp_data.CHUNK = saved
    return reference, ours
