"""What dlpgate takes from inside aiosmtpd, aiosmtplib and asyncio: the one module that does.

Everything else uses the names defined here, never an underscore attribute of
an upstream object. Each piece says what it stands for. tests/test_upstream.py
pins them to the versions they were read from (READ_FROM, also the pins in
pyproject.toml): it fails when the installed versions differ or when the
source of an upstream function that this module copies, or that dlpgate
mirrors or relies on, has changed. A new release is read against this module
before the pins move.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

import aiosmtplib
from aiosmtpd import smtp as aiosmtpd_smtp
from aiosmtpd.smtp import MISSING, syntax

from dlpgate import smtp_data

READ_FROM = {"aiosmtpd": "1.4.6", "aiosmtplib": "5.1.3"}

log = logging.getLogger("dlpgate.smtp")

Command = Callable[[str | None], Awaitable[None]]

# -- asyncio.StreamReader -------------------------------------------------------
# Its line limit has no public setter, and its buffer no public view.


def reader_limit(reader: asyncio.StreamReader) -> int:
    return reader._limit  # type: ignore[attr-defined]


def set_reader_limit(reader: asyncio.StreamReader, limit: int) -> None:
    reader._limit = limit  # type: ignore[attr-defined]


def line_buffered(reader: asyncio.StreamReader | None) -> bool:
    """True when a whole line (the client's next command) is already in the reader."""
    buffer = getattr(reader, "_buffer", None)
    return buffer is not None and b"\n" in buffer


# -- aiosmtpd ----------------------------------------------------------------


class SMTP(aiosmtpd_smtp.SMTP):
    """aiosmtpd's SMTP session with its private parts behind named methods, and DATA read in large chunks.

    A subclass overrides the hooks (admit, on_timer_reset, quick_address) and
    calls the named methods; the defaults behave as aiosmtpd does.
    """

    # A message line longer than this (as received, CRLF not counted) is
    # answered 500 once the message is in; None: no limit.
    max_line_length: int | None = None

    # -- hooks ------------------------------------------------------------------

    async def admit(self) -> bool:
        """Before the greeting. False ends the session: the hook has replied and closed."""
        return True

    def on_timer_reset(self) -> None:
        """The idle timer is set again: a valid command came in, or set_timeout() was called."""

    def quick_address(self, arg: str) -> tuple[str, str] | None:
        """(address, rest) of a MAIL/RCPT argument read without aiosmtpd's parser; None leaves it to the parser."""
        return None

    # -- aiosmtpd's private methods, routed to the hooks ------------------------

    async def _handle_client(self) -> None:
        if await self.admit():
            await super()._handle_client()

    def _reset_timeout(self, duration: float | None = None) -> None:
        self.on_timer_reset()
        super()._reset_timeout(duration)

    def _getaddr(self, arg: str) -> tuple[str | None, str | None]:
        quick = self.quick_address(arg) if arg else None
        return super()._getaddr(arg) if quick is None else quick

    # -- named access to private state ------------------------------------------

    def set_timeout(self, seconds: float | None) -> None:
        """Close the session after this many idle seconds (None: the command time-out), from now."""
        self._reset_timeout(seconds)

    def set_greeting_timeout(self, seconds: float) -> None:
        """The time-out until the first command; aiosmtpd sets its own at the first valid one."""
        super()._reset_timeout(seconds)

    def wrap_commands(self, wrap: Callable[[str, Command], Command]) -> None:
        """Replace each SMTP command's method by wrap(name, method) for this session."""
        methods = self._smtp_methods
        for name, method in list(methods.items()):
            methods[name] = wrap(name, method)

    def line_waiting(self) -> bool:
        """The client's next command is already here (pipelined)."""
        return line_buffered(self._reader)

    @property
    def stream_writer(self) -> asyncio.StreamWriter:
        return self._writer

    @property
    def authenticates(self) -> bool:
        """An authenticator was given (SMTP AUTH is offered)."""
        return self._authenticator is not None

    def require_auth(self) -> None:
        """This session may send mail only once authenticated."""
        self._auth_required = True

    # -- DATA -------------------------------------------------------------------

    @syntax("DATA")
    async def smtp_DATA(self, arg: str) -> None:
        """aiosmtpd 1.4.6's smtp_DATA with the body read by dlpgate.smtp_data.read_data.

        The checks, replies and hand-over to the handler are aiosmtpd's; only the
        reading differs (same bytes in, same content out; tests/smtpdata).
        """
        if await self.check_helo_needed():
            return
        if await self.check_auth_needed("DATA"):
            return
        assert self.envelope is not None
        if not self.envelope.rcpt_tos:
            await self.push("503 Error: need RCPT command")
            return
        if arg:
            await self.push("501 Syntax: DATA")
            return
        await self.push("354 End data with <CR><LF>.<CR><LF>")
        reader = self._reader
        saved = reader_limit(reader)
        set_reader_limit(reader, max(saved, smtp_data.CHUNK))
        try:
            result = await smtp_data.read_data(reader, self.data_size_limit, self.max_line_length)
        except asyncio.CancelledError:
            log.info("connection lost during DATA")
            self._writer.close()
            raise
        except asyncio.IncompleteReadError:  # EOF normally cancels us first (eof_received)
            log.info("connection closed during DATA")
            self._writer.close()
            return
        finally:
            set_reader_limit(reader, saved)
        if result.error is not None:
            await self.push(result.error)
            self._set_post_data_state()
            return
        content = result.content
        assert content is not None  # no error: the message
        self.envelope.original_content = content
        self.envelope.content = content.decode("utf-8", errors="surrogateescape") if self._decode_data else content
        status = await self._call_handler_hook("DATA") if "DATA" in self._handle_hooks else MISSING
        self._set_post_data_state()
        await self.push("250 OK" if status is MISSING else status)


# -- aiosmtplib ---------------------------------------------------------------


async def write_payload(client: aiosmtplib.SMTP, payload: bytes) -> aiosmtplib.SMTPResponse:
    """Write bytes on the client's connection and read the server's one reply to them.

    For the message after DATA's 354: the second half of aiosmtplib's
    SMTPProtocol.execute_data_command, whose line-ending and dot-stuffing
    passes the caller has done already (dlpgate.smtp_data).
    """
    protocol = client.protocol
    if protocol is None:
        raise aiosmtplib.SMTPServerDisconnected("Connection lost")
    protocol.write(payload)
    return await protocol.read_response(timeout=client.timeout)
