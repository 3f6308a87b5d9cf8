"""Hand a message to the downstream MTA and report exactly what it said.

The result tells the SMTP side which reply it may give: "ok" (every recipient
taken), "partial" (some taken, the rest refused), "temp" (nothing taken, try
again later) or "perm" (every recipient refused for good).

``ready``: something that must be done before the message may be delivered (the
verdict's durable audit record). The exchange with the downstream goes ahead
meanwhile, up to the message's last line; the final "." is sent only once
``ready`` is done. If it fails, the connection is closed before that dot, so the
downstream keeps nothing (RFC 5321 4.1.1.4), and NotReady is raised.
"""

from __future__ import annotations

import asyncio
import os
import re
import socket
import time
from collections.abc import Awaitable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Protocol

import aiosmtplib
from aiosmtplib.email import quote_address

from dlpgate.canonical import Canonical, line_endings
from dlpgate.smtp_data import dot_stuff
from dlpgate.types import HostPort
from dlpgate.upstream import write_payload


class RelayStatus(StrEnum):
    """What the downstream did with a message."""

    OK = "ok"  # accepted for every recipient
    PARTIAL = "partial"  # accepted for some; `refused` says who was not
    TEMP = "temp"  # not accepted, for now: try again
    PERM = "perm"  # refused for good


OK, PARTIAL, TEMP, PERM = RelayStatus.OK, RelayStatus.PARTIAL, RelayStatus.TEMP, RelayStatus.PERM


@dataclass(frozen=True)
class RelayResult:
    status: RelayStatus
    code: int = 250
    message: str = ""
    # recipient -> (code, reply) for each refused recipient
    refused: dict[str, tuple[int, str]] = field(default_factory=dict)


class Relay(Protocol):
    async def send(
        self,
        mail_from: str,
        rcpt_tos: tuple[str, ...],
        raw: bytes,
        smtputf8: bool = False,
        eight_bit: bool = False,
        ready: Awaitable[object] | None = None,
    ) -> RelayResult: ...


class NotReady(Exception):
    """What had to be done before delivery failed (its error is the cause): nothing was delivered."""


async def _await_ready(ready: Awaitable[object]) -> None:
    try:
        await ready
    except Exception as exc:
        raise NotReady from exc


_CTRL = re.compile(r"[\x00-\x1f\x7f]+")


def clean_reply(text: str, limit: int = 200) -> str:
    """A downstream reply, safe to quote in our own SMTP reply (one line, short)."""
    return _CTRL.sub(" ", text).strip()[:limit]


def _status_for(code: int) -> RelayStatus:
    return TEMP if 400 <= code < 500 else PERM


# "local@domain" with a dot-atom local part and a plain domain: the commonest
# envelope address. aiosmtplib quotes every MAIL/RCPT address with the email
# package's full RFC 5322 parser (about a third of the relay's CPU per message);
# this form quotes to itself in angle brackets, so it is done directly.
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9-]+"
_SIMPLE_ADDRESS = re.compile(rf"{_ATOM}(?:\.{_ATOM})*@{_LABEL}(?:\.{_LABEL})*")


def quote_envelope_address(address: str) -> str:
    """"<address>" for MAIL FROM / RCPT TO, as aiosmtplib's quote_address gives it."""
    if _SIMPLE_ADDRESS.fullmatch(address):
        return f"<{address}>"
    return quote_address(address)


class StaleConnection(Exception):
    """A kept-open connection failed before anything was sent: try a new one."""


class _Replies(asyncio.Protocol):
    """Collects every SMTP reply that arrives, in order, while it is the transport's protocol.

    aiosmtplib's protocol hands over one reply per command sent and drops data
    that arrives while a reply waits to be read, so it cannot read pipelined
    replies. For one MAIL..DATA exchange this protocol takes the transport's
    data (asyncio's public set_protocol); the client's own protocol is put back
    afterwards and hears of a connection lost meanwhile.
    """

    def __init__(self, inner: asyncio.BaseProtocol, loop: asyncio.AbstractEventLoop):
        self.inner = inner
        self.loop = loop
        self.buffer = bytearray()
        self.replies: list[aiosmtplib.SMTPResponse] = []
        self.error: BaseException | None = None
        self.waiter: asyncio.Future | None = None

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            end = self._complete()
            if end < 0:
                break
            lines = bytes(self.buffer[:end]).split(b"\n")[:-1]
            del self.buffer[:end]
            try:
                code = int(lines[0][:3])
            except ValueError:
                self._fail(aiosmtplib.SMTPResponseException(-1, "Malformed SMTP response"))
                return
            message = b"\n".join(line[4:].strip(b" \t\r\n") for line in lines)
            self.replies.append(aiosmtplib.SMTPResponse(code, message.decode("utf-8", "surrogateescape")))
        if len(self.buffer) > 1 << 16:
            self._fail(aiosmtplib.SMTPResponseException(-1, "Response too long"))
        self._wake()

    def _complete(self) -> int:
        """End offset of the first complete reply in the buffer, or -1."""
        start = 0
        while True:
            nl = self.buffer.find(b"\n", start)
            if nl < 0:
                return -1
            if self.buffer[start + 3 : start + 4] != b"-":
                return nl + 1
            start = nl + 1

    def _fail(self, exc: BaseException) -> None:
        if self.error is None:
            self.error = exc
        self._wake()

    def _wake(self) -> None:
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_result(None)

    def pause_writing(self) -> None:
        self.inner.pause_writing()

    def resume_writing(self) -> None:
        self.inner.resume_writing()

    def eof_received(self) -> bool | None:
        self._fail(aiosmtplib.SMTPServerDisconnected("Unexpected EOF received"))
        return self.inner.eof_received() if isinstance(self.inner, asyncio.Protocol) else None

    def connection_lost(self, exc: Exception | None) -> None:
        self._fail(aiosmtplib.SMTPServerDisconnected("Connection lost"))
        self.inner.connection_lost(exc)

    async def take(self, timeout: float | None) -> aiosmtplib.SMTPResponse:
        """The next reply, in order."""
        while not self.replies:
            if self.error is not None:
                raise self.error
            self.waiter = self.loop.create_future()
            try:
                await asyncio.wait_for(self.waiter, timeout)
            except TimeoutError:
                raise aiosmtplib.SMTPReadTimeoutError("Timed out waiting for server response") from None
            finally:
                self.waiter = None
        return self.replies.pop(0)


class FastDataSMTP(aiosmtplib.SMTP):
    """aiosmtplib's client with the message prepared for DATA in a few C-level passes.

    sendmail_fast() is aiosmtplib's sendmail() (same commands, same errors,
    RSET after a refusal) built from its public calls; only the encoding of
    the body differs: aiosmtplib runs regular-expression substitutions over
    every line, about 50 ms of CPU for a 2 MB message (dlpgate/smtp_data.py).
    The bytes sent are the same; a canonical.Canonical message skips the
    line-ending pass and smtp_data.DotFree bytes the dot-stuffing search,
    which cannot change them.
    """

    async def sendmail_fast(
        self,
        sender: str,
        recipients: list[str],
        raw: bytes,
        mail_options: list[str],
        reused: bool = False,
        ready: Awaitable[object] | None = None,
    ) -> tuple[dict[str, aiosmtplib.SMTPResponse], str]:
        options = list(mail_options)
        encoding = "utf-8" if any(o.lower() == "smtputf8" for o in options) else "ascii"
        # A Canonical message has CRLF line endings and a final CRLF already.
        normalized = raw if isinstance(raw, Canonical) else line_endings(raw)
        await self._greet()
        if encoding == "utf-8" and not self.supports_extension("smtputf8"):
            raise aiosmtplib.SMTPNotSupported("SMTPUTF8 is not supported by this server")
        if self.supports_extension("size"):
            options.insert(0, f"size={len(normalized)}")
        if self.supports_extension("pipelining") and recipients:
            return await self._sendmail_pipelined(sender, recipients, normalized, options, encoding, reused, ready)
        try:
            await self._mail_on(sender, options, encoding, reused)
            refused = []
            for rcpt in recipients:
                try:
                    await self._rcpt(rcpt, encoding)
                except aiosmtplib.SMTPRecipientRefused as exc:
                    refused.append(exc)
            if len(refused) == len(recipients):
                raise aiosmtplib.SMTPRecipientsRefused(refused)
            if ready is not None:  # one command at a time: before DATA (nothing of the message sent yet)
                await _await_ready(ready)
            response = await self._data_prepared(dot_stuff(normalized))
        except (aiosmtplib.SMTPResponseException, aiosmtplib.SMTPRecipientsRefused):
            await self._rset_quietly()
            raise
        return {e.recipient: aiosmtplib.SMTPResponse(e.code, e.message) for e in refused}, response.message

    async def _greet(self) -> None:
        if self.is_ehlo_or_helo_needed:
            try:
                await self.ehlo()
            except aiosmtplib.SMTPHeloError:
                if not self.is_connected:
                    raise
                await self.helo()

    async def _mail_on(self, sender: str, options: list[str], encoding: str, reused: bool) -> None:
        """MAIL; on a kept connection the server may have gone meanwhile: StaleConnection (nothing sent yet)."""
        try:
            await self._mail(sender, options, encoding)
        except (aiosmtplib.SMTPServerDisconnected, aiosmtplib.SMTPTimeoutError, ConnectionError) as exc:
            if reused:
                raise StaleConnection from exc
            raise
        except aiosmtplib.SMTPResponseException as exc:
            if reused and exc.code == 421:  # the server is closing this idle session
                raise StaleConnection from exc
            raise

    async def _rset_quietly(self) -> None:
        try:
            await self.rset()
        except (ConnectionError, aiosmtplib.SMTPResponseException):
            pass

    def _open_transport(self, reused: bool) -> asyncio.Transport:
        transport = self.transport
        if not isinstance(transport, asyncio.Transport) or transport.is_closing() or self.protocol is None:
            if reused:
                raise StaleConnection
            raise aiosmtplib.SMTPServerDisconnected("Server not connected")
        return transport

    async def _sendmail_pipelined(
        self,
        sender: str,
        recipients: list[str],
        normalized: bytes,
        options: list[str],
        encoding: str,
        reused: bool,
        ready: Awaitable[object] | None = None,
    ) -> tuple[dict[str, aiosmtplib.SMTPResponse], str]:
        """sendmail_fast's exchange with MAIL, every RCPT and DATA sent at once (RFC 2920).

        The same outcomes and exceptions as one command at a time: the
        message is sent only after 354 with at least one recipient accepted;
        a 354 with none accepted gets an empty message ("."), as RFC 2920 says.
        """
        commands = [b"MAIL FROM:" + quote_envelope_address(sender).encode(encoding)]
        commands[0] = b" ".join([commands[0], *(o.encode("ascii") for o in options)])
        commands += [b"RCPT TO:" + quote_envelope_address(r).encode(encoding) for r in recipients]
        commands.append(b"DATA")
        transport = self._open_transport(reused)
        inner = transport.get_protocol()
        replies = _Replies(inner, asyncio.get_running_loop())
        transport.set_protocol(replies)
        try:
            mail = await self._first_reply(transport, replies, b"\r\n".join(commands) + b"\r\n", reused)
            if mail.code == 421:  # the server is closing: the replies that follow may never come
                self.close()
                if reused:
                    raise StaleConnection from aiosmtplib.SMTPSenderRefused(mail.code, mail.message, sender)
                raise aiosmtplib.SMTPSenderRefused(mail.code, mail.message, sender)
            rcpt_replies, start = await self._replies(replies, len(recipients) + 1)
            refused = [
                aiosmtplib.SMTPRecipientRefused(r.code, r.message, rcpt)
                for rcpt, r in zip(recipients, rcpt_replies, strict=True)
                if r.code not in (250, 251)
            ]
            failure: Exception | None = None
            if mail.code != 250:
                failure = aiosmtplib.SMTPSenderRefused(mail.code, mail.message, sender)
            elif len(refused) == len(recipients):
                failure = aiosmtplib.SMTPRecipientsRefused(refused)
            elif start.code != 354:
                failure = aiosmtplib.SMTPDataError(start.code, start.message)
            if failure is not None:
                if start.code == 354:  # nothing to send after all: an empty message ends DATA
                    transport.write(b".\r\n")
                    await replies.take(self.timeout)
            else:
                payload = dot_stuff(normalized)
                if ready is not None:  # the message but its final ".", then what delivery waits for
                    transport.write(memoryview(payload)[:-3])
                    try:
                        await _await_ready(ready)
                    except BaseException:
                        self.close()  # no final dot: the downstream keeps nothing
                        raise
                    payload = payload[-3:]
                done = await self._message(transport, replies, payload)
                if done.code != 250:
                    failure = aiosmtplib.SMTPDataError(done.code, done.message)
        finally:
            if not transport.is_closing():
                transport.set_protocol(inner)
        if failure is not None:
            await self._rset_quietly()
            raise failure
        return {e.recipient: aiosmtplib.SMTPResponse(e.code, e.message) for e in refused}, done.message

    async def _first_reply(
        self, transport: asyncio.Transport, replies: _Replies, commands: bytes, reused: bool
    ) -> aiosmtplib.SMTPResponse:
        try:
            transport.write(commands)
            return await replies.take(self.timeout)
        except (aiosmtplib.SMTPServerDisconnected, aiosmtplib.SMTPTimeoutError, ConnectionError) as exc:
            self.close()
            if reused:
                raise StaleConnection from exc
            raise

    async def _replies(self, replies: _Replies, count: int) -> tuple[list[aiosmtplib.SMTPResponse], aiosmtplib.SMTPResponse]:
        """The next `count` replies: (all but the last, the last)."""
        try:
            got = [await replies.take(self.timeout) for _ in range(count)]
        except (aiosmtplib.SMTPServerDisconnected, aiosmtplib.SMTPTimeoutError):
            self.close()
            raise
        return got[:-1], got[-1]

    async def _message(self, transport: asyncio.Transport, replies: _Replies, payload: bytes) -> aiosmtplib.SMTPResponse:
        """The message after 354, and the server's reply to it."""
        transport.write(payload)
        try:
            return await replies.take(self.timeout)
        except (aiosmtplib.SMTPServerDisconnected, aiosmtplib.SMTPTimeoutError):
            self.close()
            raise

    # mail() and rcpt() of aiosmtplib 5 (same commands, same exceptions), with
    # the address quoted by quote_envelope_address.
    async def _mail(self, sender: str, options: list[str], encoding: str) -> aiosmtplib.SMTPResponse:
        addr = quote_envelope_address(sender).encode(encoding)
        response = await self.execute_command(b"MAIL", b"FROM:" + addr, *(o.encode("ascii") for o in options))
        if response.code != 250:
            raise aiosmtplib.SMTPSenderRefused(response.code, response.message, sender)
        return response

    async def _rcpt(self, recipient: str, encoding: str) -> aiosmtplib.SMTPResponse:
        addr = quote_envelope_address(recipient).encode(encoding)
        response = await self.execute_command(b"RCPT", b"TO:" + addr)
        if response.code not in (250, 251):
            raise aiosmtplib.SMTPRecipientRefused(response.code, response.message, recipient)
        return response

    async def _data_prepared(self, payload: bytes) -> aiosmtplib.SMTPResponse:
        """DATA with a payload already dot-stuffed and terminated."""
        start = await self.execute_command(b"DATA")
        if start.code != 354:
            raise aiosmtplib.SMTPDataError(start.code, start.message)
        if self.protocol is None:
            raise aiosmtplib.SMTPServerDisconnected("Connection lost")
        try:
            response = await write_payload(self, payload)
        except (aiosmtplib.SMTPServerDisconnected, aiosmtplib.SMTPTimeoutError):
            self.close()
            raise
        if response.code != 250:
            raise aiosmtplib.SMTPDataError(response.code, response.message)
        return response


@dataclass
class _Kept:
    client: FastDataSMTP
    opened: float  # time.monotonic() of connect
    idle_since: float


class SmtpRelay:
    """Relays with aiosmtplib to host:port.

    tls: "none" (plain), "opportunistic" (STARTTLS when offered, certificate not
    checked, as MTAs do between each other) or "required" (STARTTLS must work and
    the certificate must verify against ca_file or the system store; otherwise
    nothing is sent and the result is temporary, so the upstream gets 451).

    reuse_seconds > 0 keeps a connection open that long after a message, for the
    next one (as Postfix's connection cache does): no new TCP, TLS and EHLO per
    message. A kept connection is used for at most MAX_AGE seconds, and if it
    turns out dead when MAIL is sent, nothing has been sent yet and the message
    goes over a new connection. 0 means one connection per message.
    """

    MAX_KEPT = 16
    MAX_AGE = 300.0

    def __init__(
        self,
        host: str,
        port: int,
        timeout: float = 60.0,
        helo: str | None = None,
        tls: str = "opportunistic",
        ca_file: str = "",
        reuse_seconds: float = 0.0,
    ):
        # The EHLO name is worked out once: aiosmtplib would call getfqdn() on every connection.
        self.host, self.port, self.timeout, self.helo = host, port, timeout, helo or socket.getfqdn()
        self.tls, self.ca_file = tls, ca_file or None
        self.reuse_seconds = reuse_seconds
        self._kept: list[_Kept] = []  # oldest first; the newest is reused first
        self._loop: asyncio.AbstractEventLoop | None = None
        self._sweep: asyncio.TimerHandle | None = None
        self._closing: set[asyncio.Task] = set()

    @classmethod
    def from_spec(cls, spec: str, **options) -> SmtpRelay:
        """From "host:port" (or "[v6 address]:port"); options as for the constructor."""
        addr = HostPort.parse(spec)
        return cls(addr.host, addr.port, **options)

    def _tls_options(self) -> dict:
        if self.tls == "none":
            return {"start_tls": False}
        if self.tls == "required":
            return {"start_tls": True, "validate_certs": True, "cert_bundle": self.ca_file}
        return {"start_tls": None, "validate_certs": False}

    async def send(
        self,
        mail_from: str,
        rcpt_tos: tuple[str, ...],
        raw: bytes,
        smtputf8: bool = False,
        eight_bit: bool = False,
        ready: Awaitable[object] | None = None,
    ) -> RelayResult:
        options = ["SMTPUTF8"] if smtputf8 else []
        if eight_bit:
            options.append("BODY=8BITMIME")
        kept = self._take()
        if kept is not None:
            try:
                return await self._send_on(kept.client, kept.opened, mail_from, rcpt_tos, raw, options, True, ready)
            except StaleConnection:
                _drop(kept.client, kept.client.transport)
        client = FastDataSMTP(
            hostname=self.host, port=self.port, timeout=self.timeout, local_hostname=self.helo, **self._tls_options()
        )
        try:
            await client.connect()
        except (TimeoutError, aiosmtplib.SMTPException, OSError) as exc:
            _drop(client, client.transport)
            return self._failure(exc)
        except asyncio.CancelledError:
            _drop(client, client.transport)
            raise
        return await self._send_on(client, time.monotonic(), mail_from, rcpt_tos, raw, options, False, ready)

    async def _send_on(
        self,
        client: FastDataSMTP,
        opened: float,
        mail_from: str,
        rcpt_tos: tuple[str, ...],
        raw: bytes,
        options: list[str],
        reused: bool,
        ready: Awaitable[object] | None = None,
    ) -> RelayResult:
        try:
            errors, _reply = await client.sendmail_fast(mail_from, list(rcpt_tos), raw, options, reused, ready)
        except StaleConnection:
            raise
        except (asyncio.CancelledError, NotReady):  # e.g. the outbox stopping: the session is cut short
            _drop(client, client.transport)
            raise
        except Exception as exc:  # sorted into a result below; the session is ended either way
            await self._quit(client)
            return self._failure(exc)
        await self._keep_or_quit(client, opened)
        if errors:
            refused = {rcpt: (resp.code, clean_reply(resp.message)) for rcpt, resp in errors.items()}
            return RelayResult(PARTIAL, 250, "", refused)
        return RelayResult(OK)

    @staticmethod
    def _failure(exc: BaseException) -> RelayResult:
        if isinstance(exc, aiosmtplib.SMTPRecipientsRefused):
            refused = {r.recipient: (r.code, clean_reply(r.message)) for r in exc.recipients}
            codes = [c for c, _ in refused.values()]
            status = TEMP if any(400 <= c < 500 for c in codes) else PERM
            first = next(iter(refused.values()), (550, "recipients refused"))
            return RelayResult(status, first[0], first[1], refused)
        if isinstance(exc, aiosmtplib.SMTPResponseException):
            return RelayResult(_status_for(exc.code), exc.code, clean_reply(exc.message))
        if isinstance(exc, (TimeoutError, aiosmtplib.SMTPException, OSError)):
            return RelayResult(TEMP, 451, f"downstream unavailable ({exc.__class__.__name__})")
        raise exc

    # -- kept connections ----------------------------------------------------

    def _take(self) -> _Kept | None:
        loop = asyncio.get_running_loop()
        if self._loop is not loop:  # first use, or a new event loop: nothing kept is usable
            for kept in self._kept:
                _drop(kept.client, kept.client.transport)
            self._kept, self._loop, self._sweep = [], loop, None
        self._expire()
        while self._kept:
            kept = self._kept.pop()
            if kept.client.is_connected:
                return kept
            _drop(kept.client, kept.client.transport)
        return None

    async def _keep_or_quit(self, client: FastDataSMTP, opened: float) -> None:
        now = time.monotonic()
        if (
            self.reuse_seconds <= 0
            or not client.is_connected
            or now - opened >= self.MAX_AGE
            or len(self._kept) >= self.MAX_KEPT
            or self._loop is not asyncio.get_running_loop()
        ):
            await self._quit(client)
            return
        self._kept.append(_Kept(client, opened, now))
        if self._sweep is None:
            self._sweep = self._loop.call_later(self.reuse_seconds, self._sweep_now)

    def _sweep_now(self) -> None:
        self._sweep = None
        self._expire()
        if self._kept and self._loop is not None:
            self._sweep = self._loop.call_later(self.reuse_seconds, self._sweep_now)

    def _expire(self) -> None:
        now = time.monotonic()
        while self._kept and (now - self._kept[0].idle_since > self.reuse_seconds or now - self._kept[0].opened >= self.MAX_AGE):
            self._quit_later(self._kept.pop(0).client)

    def _quit_later(self, client: FastDataSMTP) -> None:
        task = asyncio.get_running_loop().create_task(self._quit(client))
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    @staticmethod
    async def _quit(client: FastDataSMTP, timeout: float | None = None) -> None:
        transport = client.transport
        try:
            if client.is_connected:
                await client.quit(timeout=timeout) if timeout else await client.quit()
        except asyncio.CancelledError:
            _drop(client, transport)
            raise
        except Exception:  # the message is already accepted or refused
            pass
        _drop(client, transport)

    async def aclose(self) -> None:
        """QUIT every kept connection (at shutdown), waiting a second at most."""
        if self._sweep is not None:
            self._sweep.cancel()
            self._sweep = None
        kept, self._kept = self._kept, []
        try:
            await asyncio.wait_for(
                asyncio.gather(*(self._quit(k.client, 1.0) for k in kept), *self._closing, return_exceptions=True), 2.0
            )
        except TimeoutError:
            for k in kept:
                _drop(k.client, k.client.transport)


def _drop(client: FastDataSMTP, transport: asyncio.BaseTransport | None) -> None:
    """Close the socket at once. A plain close() of a TLS connection waits for a
    close_notify exchange, which a stopping event loop (or a gone peer) never finishes."""
    try:
        client.close()
        if isinstance(transport, asyncio.Transport):
            transport.abort()
    except RuntimeError:  # its event loop is already closed, and with it the socket's use
        pass


class DirRelay:
    """For trying dlpgate without a downstream MTA: writes each delivery as .eml.

    The envelope is written in X-Envelope-From / X-Envelope-To lines ahead of
    the message, the way a maildrop would; the file appears atomically. The
    folder is 0700 and the files 0600: they hold the mail itself.
    """

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    async def send(
        self,
        mail_from: str,
        rcpt_tos: tuple[str, ...],
        raw: bytes,
        smtputf8: bool = False,
        eight_bit: bool = False,
        ready: Awaitable[object] | None = None,
    ) -> RelayResult:
        if ready is not None:
            await _await_ready(ready)
        try:
            await asyncio.to_thread(self._write, mail_from, rcpt_tos, raw)
        except OSError as exc:
            return RelayResult(TEMP, 451, f"outbox folder not writable ({exc.__class__.__name__})")
        return RelayResult(OK)

    def _write(self, mail_from: str, rcpt_tos: tuple[str, ...], raw: bytes) -> None:
        from dlpgate.store import make_private_dir

        make_private_dir(self.folder)
        name = f"{time.time_ns()}-{os.getpid()}-{os.urandom(3).hex()}.eml"
        head = f"X-Envelope-From: <{mail_from}>\r\n" + "".join(f"X-Envelope-To: <{r}>\r\n" for r in rcpt_tos)
        tmp = self.folder / (name + ".tmp")
        with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as fh:
            fh.write(head.encode("utf-8") + raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.folder / name)


def make_relay(
    spec: str, timeout: float = 60.0, helo: str | None = None, tls: str = "opportunistic", ca_file: str = "", reuse_seconds: float = 0.0
) -> Relay:
    if spec.startswith("dir:"):
        return DirRelay(spec[4:])
    return SmtpRelay.from_spec(spec, timeout=timeout, helo=helo, tls=tls, ca_file=ca_file, reuse_seconds=reuse_seconds)


def relay_for(smtp, keep_connections: bool = False) -> Relay:
    """The relay an SmtpSettings describes (next hop, time-out, EHLO name, TLS).

    keep_connections: the gateway's own relay keeps downstream connections open
    for smtp.relay_reuse_seconds; one-off senders (the CLI, the console) do not.
    """
    reuse = smtp.relay_reuse_seconds if keep_connections else 0.0
    return make_relay(smtp.relay, smtp.relay_timeout, smtp.relay_helo or smtp.hostname or None, smtp.relay_tls, smtp.relay_ca_file, reuse)
