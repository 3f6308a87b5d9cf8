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
from collections.abc import Callable, Iterator
from typing import Any, cast

from aiosmtpd.smtp import syntax

from dlpgate import upstream
from dlpgate.addresses import domain_of, in_domains, routed
from dlpgate.gateway import REPLY_TEMPFAIL, Gateway
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
SHUTDOWN_REPLY = "421 4.3.2 Service shutting down; please try again"


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


class SessionRegistry:
    """The open sessions of one listener.

    A GatewaySMTP given one joins when its connection is made and leaves when it
    is lost; watchers hear of each change (a worker publishes its count for the
    even accept split), and a worker that stops waits here for its last session.
    """

    def __init__(self) -> None:
        self._open: set[GatewaySMTP] = set()
        self._watchers: list[Callable[[], None]] = []
        self._empty: asyncio.Event | None = None

    def __len__(self) -> int:
        return len(self._open)

    def __iter__(self) -> Iterator[GatewaySMTP]:
        return iter(list(self._open))

    def watch(self, callback: Callable[[], None]) -> None:
        self._watchers.append(callback)

    def join(self, session: GatewaySMTP) -> None:
        if session not in self._open:  # connection_made runs again after STARTTLS
            self._open.add(session)
            self._changed()

    def leave(self, session: GatewaySMTP) -> None:
        if session in self._open:
            self._open.discard(session)
            self._changed()

    def _changed(self) -> None:
        for callback in self._watchers:
            callback()
        if not self._open and self._empty is not None:
            self._empty.set()

    async def wait_empty(self, timeout: float) -> bool:
        """True once every session has ended; False if some are still open after timeout seconds."""
        if not self._open:
            return True
        self._empty = asyncio.Event()
        try:
            await asyncio.wait_for(self._empty.wait(), timeout)
        except TimeoutError:
            return False
        finally:
            self._empty = None
        return True


class GatewaySMTP(upstream.SMTP):
    def __init__(
        self,
        handler: Handler,
        *,
        networks,
        counter: ConnectionCounter | None = None,
        sessions: SessionRegistry | None = None,
        data_timeout: float | None = None,
        greeting_timeout: float | None = None,
        max_line_length: int | None = None,
        **kwargs: Any,
    ):
        super().__init__(handler, **kwargs)
        self._networks = networks
        self._counter = counter
        self._counted: str | None = None
        self._sessions = sessions
        self._data_timeout = data_timeout
        self._greeting_timeout = greeting_timeout
        self.max_line_length = max_line_length
        self.last_active = time.monotonic()
        self.__ident__ = "dlpgate ESMTP"
        self._grouping = False  # inside MAIL or RCPT: its reply may wait for the next one
        self._held_replies: list[bytes] = []
        # Know when the session is waiting for a command (not in DATA, nor in
        # the decision that follows it), and since when.
        self._in_command = False
        self._close_when_idle = False
        self.wrap_commands(self._wrapped)

    def _wrapped(self, name: str, method: upstream.Command) -> upstream.Command:
        if name == "DATA" and self._data_timeout:
            method = self._timed(method)
        return self._tracked(method)

    def _timed(self, method: upstream.Command) -> upstream.Command:
        # The DATA transfer gets its own time-out: aiosmtpd's timer is
        # re-armed once per command, so set it as DATA starts.
        @functools.wraps(method)
        async def timed_data(arg: str | None) -> None:
            self.set_timeout(self._data_timeout)
            await method(arg)

        return timed_data

    def _tracked(self, method: upstream.Command) -> upstream.Command:
        @functools.wraps(method)  # HELP reads the syntax attributes
        async def run(arg: str | None) -> None:
            self._in_command = True
            try:
                await method(arg)
            finally:
                self._in_command = False
                self.last_active = time.monotonic()
                if self._close_when_idle and self.idle():
                    self.hang_up(SHUTDOWN_REPLY)

        return run

    # RFC 2920: replies to pipelined commands may be sent together. A MAIL or
    # RCPT reply is held while the client's next command is already here, and
    # goes out with the next reply (or as soon as the session waits), so a
    # pipelined MAIL, 3 RCPT, DATA costs one write instead of five. A client
    # waiting for a reply never waits longer: with nothing more to read, the
    # reply is sent at once.
    group_replies = True

    async def push(self, status: Any) -> None:
        line = (status.encode("utf-8" if self.enable_SMTPUTF8 else "ascii") if isinstance(status, str) else status) + b"\r\n"
        if self._grouping and self.group_replies and self.line_waiting():
            if not self._held_replies:
                asyncio.get_running_loop().call_soon(self._flush_replies)
            self._held_replies.append(line)
            return
        if self._held_replies:
            line = b"".join(self._held_replies) + line
            self._held_replies.clear()
        writer = self.stream_writer
        writer.write(line)
        await writer.drain()

    def _flush_replies(self) -> None:
        if self._held_replies:
            data = b"".join(self._held_replies)
            self._held_replies.clear()
            transport = self.transport
            if transport is not None and not transport.is_closing():
                self.stream_writer.write(data)

    def waiting_for_command(self) -> bool:
        return not self._in_command

    def idle(self) -> bool:
        """Waiting for a command between transactions (or for the first one)."""
        env = self.envelope
        return env is None or not env.mail_from

    def hang_up(self, reply: str | None = None) -> bool:
        """Say reply (if any) and close the connection; False if it was closing already."""
        transport = self.transport
        if transport is None or transport.is_closing():
            return False
        self._flush_replies()  # replies held for grouping go first, in order
        if reply is not None:
            cast(asyncio.WriteTransport, transport).write(reply.encode() + b"\r\n")
        transport.close()
        return True

    def evict(self) -> None:
        """Close this idle session to make room for another of the same client."""
        self._counted = None
        if self.hang_up(REPLY_EVICTED):
            log.info("closed an idle session to make room for a new one from the same client")

    def close_when_idle(self) -> None:
        """The worker is stopping: close now with 421 if idle, else once the transaction in progress ends."""
        self._close_when_idle = True
        if self.idle():
            self.hang_up(SHUTDOWN_REPLY)

    def on_timer_reset(self) -> None:
        # Called for every valid command: the time of the client's last activity.
        self.last_active = time.monotonic()

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

    def quick_address(self, arg: str) -> tuple[str, str] | None:
        simple = simple_address(arg)
        if simple is None or (self.local_part_limit and len(simple[0].rpartition("@")[0]) > self.local_part_limit):
            return None
        return simple

    async def admit(self) -> bool:
        assert self.session is not None
        if not client_allowed(self.session.peer, self._networks):
            if not self.authenticates:
                log.warning("refused connection from a client outside smtp.allowed_clients")
                await self.push("554 5.7.1 This gateway does not relay for your address")
                self.hang_up()
                return False
            # SMTP AUTH is configured: this client may relay once it has
            # authenticated (after STARTTLS; see dlpgate/auth.py).
            self.require_auth()
        if self._counter is not None:
            host = _peer_host(self.session.peer)
            if not self._counter.enter(host, self):
                log.warning("refused connection: too many connections from one client, none of them idle")
                await self.push("421 4.7.0 Too many connections from your address; try again later")
                self.hang_up()
                return False
            self._counted = host
        if self._greeting_timeout:
            # Until its first command a connection has only the short greeting
            # time-out; aiosmtpd switches to command_timeout at the first valid one.
            self.set_greeting_timeout(self._greeting_timeout)
        return True

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)
        if self._sessions is not None:
            self._sessions.join(self)

    def connection_lost(self, error: Exception | None) -> None:
        if self._counted is not None and self._counter is not None:
            self._counter.leave(self._counted, self)
            self._counted = None
        super().connection_lost(error)
        if self._sessions is not None:
            self._sessions.leave(self)


# A line after the first that starts a field: not white space, not a line end.
_NEXT_FIELD = re.compile(rb"\n[^ \t\r\n]")


def header_count(raw: bytes) -> int:
    """Header fields in a message (continuation lines are part of their field).

    The header block ends at the first empty line, whatever the line ends (the
    first LF followed by LF or CRLF); a field starts at the block's first byte
    or after an LF, with a byte that is neither white space nor a line end.
    """
    lf_crlf = raw.find(b"\n\r\n")
    lf_lf = raw.find(b"\n\n", 0, len(raw) if lf_crlf < 0 else lf_crlf + 1)
    end = lf_lf if lf_lf >= 0 else lf_crlf if lf_crlf >= 0 else len(raw)
    first = end > 0 and raw[:1] not in (b" ", b"\t", b"\r", b"\n")
    return int(first) + len(_NEXT_FIELD.findall(raw, 0, end))


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
        server.set_timeout(self.decision_budget)
        task = asyncio.ensure_future(self.gateway.handle(env, raw))
        self._running.add(task)
        task.add_done_callback(self._running.discard)
        reply = await asyncio.shield(task)
        server.set_timeout(self.command_timeout)
        return reply

    async def handle_exception(self, error: Exception) -> str:
        log.error("SMTP session error: %s", error.__class__.__name__)
        return REPLY_TEMPFAIL


def server_tls_context(cert: str, key: str) -> ssl.SSLContext:
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(cert, key)
    return ctx


def protocol_factory(gateway: Gateway, sessions: SessionRegistry | None = None) -> Callable[[], GatewaySMTP]:
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
            sessions=sessions,
            data_timeout=settings.data_timeout,
            greeting_timeout=min(settings.greeting_timeout, settings.command_timeout),
            max_line_length=settings.max_line_length,
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


async def start_server(gateway: Gateway, host: str, port: int, **kwargs: Any) -> asyncio.Server:
    loop = asyncio.get_running_loop()
    return await loop.create_server(protocol_factory(gateway), host=host, port=port, **kwargs)
