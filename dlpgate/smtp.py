"""The SMTP side: envelope in, reply out. Everything else is the gateway's.

aiosmtpd does the protocol. Two things are changed from its defaults: a client
outside smtp.allowed_clients gets 554 at connect (never an open relay), and an
unexpected error is answered 451 rather than aiosmtpd's "500 Error: (Exc)",
which would bounce the mail and leak internals.

Limits (README "Limits and abuse"): SIZE (552, aiosmtpd), command lines of
512 octets (aiosmtpd: 500), recipients per message (452 4.5.3 past
smtp.max_recipients), header fields per message (552 5.3.4 past
smtp.max_header_count), connections per client address
(smtp.max_connections_per_client: at the limit the client's longest-idle
session, one waiting for a command between transactions, is closed with 421 to
make room, else one stalled inside a transaction for smtp.greeting_timeout;
only when none is idle or stalled does the new connection get 421 4.7.0), a
short time-out for the first command (smtp.greeting_timeout), an idle time-out
between commands (smtp.command_timeout) and a time-out for the whole DATA
transfer (smtp.data_timeout). Once the message is in, the decision is never
cut off by a time-out or a client that hangs up: it runs to the end
(shielded), so what the gateway did is always consistent with what it stored.

Addresses: a NUL byte in MAIL FROM or RCPT TO is refused (501 5.5.2), and so is
non-ASCII without the SMTPUTF8 parameter on MAIL (553 5.6.7, RFC 6531). A
recipient at an internal domain whose local part routes elsewhere
(x%gmail.com@trust..., "x@gmail.com"@trust...; dlpgate/addresses.py) gets
553 5.1.3 unless smtp.routed_local_parts = "external", which accepts it and
counts it as external.
"""

from __future__ import annotations

import asyncio
import functools
import ipaddress
import logging
import re
import ssl
import time
from typing import Any

from aiosmtpd.smtp import MISSING, SMTP, syntax

from dlpgate.addresses import routed
from dlpgate.gateway import REPLY_TEMPFAIL, Gateway
from dlpgate.policy import domain_of, in_domains
from dlpgate.smtp_data import read_data
from dlpgate.types import Envelope

log = logging.getLogger("dlpgate.smtp")
# aiosmtpd logs every sender and recipient address at INFO; our own decision
# line carries counts instead, so keep its log to warnings.
logging.getLogger("mail.log").setLevel(logging.WARNING)


def parse_networks(cidrs: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(c, strict=False) for c in cidrs)


def client_allowed(peer: Any, networks) -> bool:
    try:
        host = peer[0] if isinstance(peer, tuple) else str(peer)
        addr = ipaddress.ip_address(host.split("%", 1)[0])
    except (ValueError, TypeError, IndexError):
        return False
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
        addr = addr.ipv4_mapped
    return any(addr in net for net in networks)


REPLY_EVICTED = "421 4.7.0 Too many connections from your address; closing this idle one"


class ConnectionCounter:
    """Open sessions per client address, shared by every session of one listener.

    At the limit, the client's session that has been idle longest (waiting for a
    command between transactions) is closed to make room for the new one: idle
    connections cannot shut out the MTA's next real message. Failing that, a
    session stalled inside a transaction (waiting for a command for
    stale_after seconds: MAIL given, then silence) is closed. Only when every
    session of that client is busy is the new one refused.
    """

    def __init__(self, limit: int, stale_after: float = 30.0):
        self.limit = limit
        # A session silent this long inside a transaction (not in DATA) is stalled:
        # an MTA sends its commands back to back.
        self.stale_after = stale_after
        self.open: dict[str, set[GatewaySMTP]] = {}

    def enter(self, host: str, session: GatewaySMTP) -> bool:
        sessions = self.open.setdefault(host, set())
        if len(sessions) >= self.limit:
            victim = self._victim(sessions)
            if victim is None:
                return False
            sessions.discard(victim)
            victim.evict()
        sessions.add(session)
        return True

    def _victim(self, sessions: set[GatewaySMTP]) -> GatewaySMTP | None:
        """The longest-idle session between transactions; else one stalled inside a transaction."""
        waiting = [s for s in sessions if s.waiting_for_command()]
        idle = [s for s in waiting if s.idle()]
        if idle:
            return min(idle, key=lambda s: s.last_active)
        now = time.monotonic()
        stalled = [s for s in waiting if now - s.last_active >= self.stale_after]
        return min(stalled, key=lambda s: s.last_active) if stalled else None

    def leave(self, host: str, session: GatewaySMTP) -> None:
        sessions = self.open.get(host)
        if sessions is None:
            return
        sessions.discard(session)
        if not sessions:
            del self.open[host]


def _peer_host(peer: Any) -> str:
    return str(peer[0]) if isinstance(peer, tuple) else str(peer)


# "<local@domain>" with a dot-atom local part and a plain domain: by far the
# commonest MAIL/RCPT argument. aiosmtpd parses every address with the email
# package's full RFC 5322 parser; this one is read directly (same result).
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9-]+"
_SIMPLE_ADDRESS = re.compile(rf"<({_ATOM}(?:\.{_ATOM})*@{_LABEL}(?:\.{_LABEL})*)>")


def simple_address(arg: str) -> tuple[str, str] | None:
    """(address, rest) as aiosmtpd's _getaddr gives them, for the simple form; else None."""
    m = _SIMPLE_ADDRESS.match(arg)
    if m is None:
        return None
    rest = arg[m.end() :]
    if rest[:1] in (" ", "\t"):
        rest = rest.lstrip()  # the parser takes white space after ">" with the address
        if rest.startswith("("):
            return None  # a comment: leave it to the full parser
    elif rest.startswith("("):
        return None
    return m.group(1), rest


class GatewaySMTP(SMTP):
    def __init__(
        self,
        handler: Handler,
        *,
        networks,
        counter: ConnectionCounter | None = None,
        data_timeout: float | None = None,
        greeting_timeout: float | None = None,
        **kwargs: Any,
    ):
        super().__init__(handler, **kwargs)
        self._networks = networks
        self._counter = counter
        self._counted: str | None = None
        self._data_timeout = data_timeout
        self._greeting_timeout = greeting_timeout
        self.last_active = time.monotonic()
        self.__ident__ = "dlpgate ESMTP"
        self._grouping = False  # inside MAIL or RCPT: its reply may wait for the next one
        self._held_replies: list[bytes] = []
        if data_timeout:
            # The DATA transfer gets its own time-out: aiosmtpd's timer is
            # re-armed once per command, so set it as DATA starts.
            data_method = self._smtp_methods["DATA"]

            @functools.wraps(data_method)
            async def timed_data(arg: str) -> None:
                self._reset_timeout(self._data_timeout)
                await data_method(arg)

            self._smtp_methods["DATA"] = timed_data
        # Know when the session is waiting for a command (not in DATA, nor in
        # the decision that follows it), and since when.
        self._in_command = False
        for name, method in list(self._smtp_methods.items()):
            self._smtp_methods[name] = self._tracked(method)

    def _tracked(self, method):
        @functools.wraps(method)  # HELP reads the syntax attributes
        async def run(arg: str | None) -> None:
            self._in_command = True
            try:
                await method(arg)
            finally:
                self._in_command = False
                self.last_active = time.monotonic()

        return run

    # RFC 2920: replies to pipelined commands may be sent together. A MAIL or
    # RCPT reply is held while the client's next command is already here, and
    # goes out with the next reply (or as soon as the session waits), so a
    # pipelined MAIL, 3 RCPT, DATA costs one write instead of five. A client
    # waiting for a reply never waits longer: with nothing more to read, the
    # reply is sent at once.
    group_replies = True

    def _more_input(self) -> bool:
        buffer = getattr(self._reader, "_buffer", None)
        return buffer is not None and b"\n" in buffer

    async def push(self, status: Any) -> None:
        line = (status.encode("utf-8" if self.enable_SMTPUTF8 else "ascii") if isinstance(status, str) else status) + b"\r\n"
        if self._grouping and self.group_replies and self._more_input():
            if not self._held_replies:
                asyncio.get_running_loop().call_soon(self._flush_replies)
            self._held_replies.append(line)
            return
        if self._held_replies:
            line = b"".join(self._held_replies) + line
            self._held_replies.clear()
        self._writer.write(line)
        await self._writer.drain()

    def _flush_replies(self) -> None:
        if self._held_replies:
            data = b"".join(self._held_replies)
            self._held_replies.clear()
            transport = self.transport
            if transport is not None and not transport.is_closing():
                self._writer.write(data)

    def waiting_for_command(self) -> bool:
        return not self._in_command

    def idle(self) -> bool:
        """Waiting for a command between transactions (or for the first one)."""
        env = self.envelope
        return env is None or not env.mail_from

    def evict(self) -> None:
        """Close this idle session to make room for another of the same client."""
        self._counted = None
        transport = self.transport
        if transport is not None and not transport.is_closing():
            log.info("closed an idle session to make room for a new one from the same client")
            transport.write(REPLY_EVICTED.encode() + b"\r\n")
            transport.close()

    def _reset_timeout(self, duration: float | None = None) -> None:
        # Called for every valid command: the time of the client's last activity.
        self.last_active = time.monotonic()
        super()._reset_timeout(duration)

    def _address_error(self, arg: str | None, rcpt: bool) -> str | None:
        """The reply refusing a MAIL/RCPT argument that no well-behaved client sends, or None."""
        if not arg:
            return None
        if "\x00" in arg:
            return "501 5.5.2 NUL byte in the command"
        if not arg.isascii():
            if rcpt:
                utf8 = bool(self.envelope is not None and self.envelope.smtp_utf8)
            else:
                utf8 = "SMTPUTF8" in arg.upper().split()[1:]
            if not utf8:
                return "553 5.6.7 Non-ASCII address without SMTPUTF8"
        return None

    @syntax("MAIL FROM: <address>", extended=" [SP <mail-parameters>]")
    async def smtp_MAIL(self, arg: str | None) -> None:
        self._grouping = True
        try:
            error = self._address_error(arg, rcpt=False)
            if error is not None:
                await self.push(error)
                return
            await super().smtp_MAIL(arg)
        finally:
            self._grouping = False

    @syntax("RCPT TO: <address>", extended=" [SP <mail-parameters>]")
    async def smtp_RCPT(self, arg: str | None) -> None:
        self._grouping = True
        try:
            if self.envelope is not None and self.envelope.mail_from:
                error = self._address_error(arg, rcpt=True)
                if error is not None:
                    await self.push(error)
                    return
            await super().smtp_RCPT(arg)
        finally:
            self._grouping = False

    def _getaddr(self, arg: str) -> tuple[str | None, str | None]:
        simple = simple_address(arg) if arg else None
        if simple is None or (self.local_part_limit and len(simple[0].rpartition("@")[0]) > self.local_part_limit):
            return super()._getaddr(arg)
        return simple

    async def _handle_client(self) -> None:
        if not client_allowed(self.session.peer, self._networks):
            if self._authenticator is None:
                log.warning("refused connection from a client outside smtp.allowed_clients")
                await self.push("554 5.7.1 This gateway does not relay for your address")
                self.transport.close()
                return
            # SMTP AUTH is configured: this client may relay once it has
            # authenticated (after STARTTLS; see dlpgate/auth.py).
            self._auth_required = True
        if self._counter is not None:
            host = _peer_host(self.session.peer)
            if not self._counter.enter(host, self):
                log.warning("refused connection: too many connections from one client, none of them idle")
                await self.push("421 4.7.0 Too many connections from your address; try again later")
                self.transport.close()
                return
            self._counted = host
        if self._greeting_timeout:
            # Until its first command a connection has only the short greeting
            # time-out; aiosmtpd switches to command_timeout at the first valid one.
            super()._reset_timeout(self._greeting_timeout)
        await super()._handle_client()

    def connection_lost(self, error: Exception | None) -> None:
        if self._counted is not None and self._counter is not None:
            self._counter.leave(self._counted, self)
            self._counted = None
        super().connection_lost(error)

    @syntax("DATA")
    async def smtp_DATA(self, arg: str) -> None:
        """aiosmtpd's DATA with the body read in large chunks (dlpgate/smtp_data.py).

        The checks, replies and hand-over to the handler are aiosmtpd 1.4.6's;
        only the reading differs (same bytes in, same content out).
        """
        if await self.check_helo_needed():
            return
        if await self.check_auth_needed("DATA"):
            return
        if not self.envelope.rcpt_tos:
            await self.push("503 Error: need RCPT command")
            return
        if arg:
            await self.push("501 Syntax: DATA")
            return
        await self.push("354 End data with <CR><LF>.<CR><LF>")
        max_line = self.event_handler.gateway.settings.smtp.max_line_length
        try:
            result = await read_data(self._reader, self.data_size_limit, max_line)
        except asyncio.CancelledError:
            log.info("connection lost during DATA")
            self._writer.close()
            raise
        except asyncio.IncompleteReadError:  # EOF normally cancels us first (eof_received)
            log.info("connection closed during DATA")
            self._writer.close()
            return
        if result.error is not None:
            await self.push(result.error)
            self._set_post_data_state()
            return
        content = result.content
        self.envelope.original_content = content
        self.envelope.content = content.decode("utf-8", errors="surrogateescape") if self._decode_data else content
        status = await self._call_handler_hook("DATA") if "DATA" in self._handle_hooks else MISSING
        self._set_post_data_state()
        await self.push("250 OK" if status is MISSING else status)


_HEADER_END = re.compile(rb"\r?\n\r?\n")
_FIELD_START = re.compile(rb"^[^ \t\r\n]", re.M)


def header_count(raw: bytes) -> int:
    """Header fields in a message (continuation lines are part of their field)."""
    m = _HEADER_END.search(raw)
    head = raw[: m.start()] if m else raw
    return len(_FIELD_START.findall(head))


class Handler:
    def __init__(self, gateway: Gateway):
        self.gateway = gateway
        settings = gateway.settings.smtp
        self.max_recipients = settings.max_recipients
        self.max_header_count = settings.max_header_count
        # Time allowed for one decision once DATA is in: a wait for an inspection
        # thread and the inspection (up to a time limit each), then up to two
        # relay attempts' worth of the downstream time-out, with a margin.
        self.decision_budget = 2 * gateway.settings.inspection.timeout + 2 * settings.relay_timeout + 30.0
        self.command_timeout = settings.command_timeout
        self.refuse_routed = settings.routed_local_parts == "refuse"
        # Secure domains are trusted for content, so a route hidden behind one is refused too.
        self.trusted_domains = gateway.settings.domains.internal + gateway.settings.domains.secure
        self._running: set[asyncio.Task] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if len(envelope.rcpt_tos) >= self.max_recipients:
            return "452 4.5.3 Too many recipients"
        if self.refuse_routed and routed(address) and in_domains(domain_of(address), self.trusted_domains):
            log.warning("refused a recipient whose local part routes to another host")
            return "553 5.1.3 Routing in the local part (%, !, quoted @) is not accepted here"
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 OK"

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        return responses[:-1] + ["250-PIPELINING"] + responses[-1:]

    async def handle_DATA(self, server, session, envelope) -> str:
        options = {o.upper() for o in envelope.mail_options}
        env = Envelope(
            mail_from="" if envelope.mail_from in (None, "", "<>") else envelope.mail_from,
            rcpt_tos=tuple(envelope.rcpt_tos),
            peer=str(session.peer[0]) if isinstance(session.peer, tuple) else str(session.peer),
            smtputf8=bool(envelope.smtp_utf8),
            eight_bit="BODY=8BITMIME" in options,
        )
        raw = envelope.original_content or b""
        if header_count(raw) > self.max_header_count:
            log.warning("refused a message with more than smtp.max_header_count header fields")
            return "552 5.3.4 Too many header fields"
        # The decision must not be cut off half-way: not by the session timer
        # (re-armed here for the decision) nor by the client hanging up
        # (shielded; the task finishes and its outcome is stored as usual).
        server._reset_timeout(self.decision_budget)
        task = asyncio.ensure_future(self.gateway.handle(env, raw))
        self._running.add(task)
        task.add_done_callback(self._running.discard)
        reply = await asyncio.shield(task)
        server._reset_timeout(self.command_timeout)
        return reply

    async def handle_exception(self, error: Exception) -> str:
        log.error("SMTP session error: %s", error.__class__.__name__)
        return REPLY_TEMPFAIL


def server_tls_context(cert: str, key: str) -> ssl.SSLContext:
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(cert, key)
    return ctx


def protocol_factory(gateway: Gateway):
    settings = gateway.settings.smtp
    networks = parse_networks(settings.allowed_clients)
    handler = Handler(gateway)
    counter = ConnectionCounter(settings.max_connections_per_client, settings.greeting_timeout)
    tls_context = server_tls_context(settings.tls_cert, settings.tls_key) if settings.tls_cert else None
    auth: dict[str, Any] = {}
    if settings.auth_users_file:
        from dlpgate.auth import Authenticator, load_users

        auth = {
            "authenticator": Authenticator(load_users(settings.auth_users_file), settings.auth_max_failures),
            "auth_require_tls": True,
        }

    def factory() -> GatewaySMTP:
        return GatewaySMTP(
            handler,
            networks=networks,
            counter=counter,
            data_timeout=settings.data_timeout,
            greeting_timeout=min(settings.greeting_timeout, settings.command_timeout),
            data_size_limit=settings.max_message_size,
            enable_SMTPUTF8=True,
            decode_data=False,
            hostname=gateway.hostname,
            timeout=settings.command_timeout,
            tls_context=tls_context,
            require_starttls=settings.require_tls,
            **auth,
        )

    return factory


async def start_server(gateway: Gateway, host: str, port: int, **kwargs: Any) -> asyncio.AbstractServer:
    loop = asyncio.get_running_loop()
    return await loop.create_server(protocol_factory(gateway), host=host, port=port, **kwargs)
