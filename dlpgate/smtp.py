"""The SMTP side: envelope in, reply out. Everything else is the gateway's.

aiosmtpd does the protocol. Two things are changed from its defaults: a client
outside smtp.allowed_clients gets 554 at connect (never an open relay), and an
unexpected error is answered 451 rather than aiosmtpd's "500 Error: (Exc)",
which would bounce the mail and leak internals.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
from typing import Any

from aiosmtpd.smtp import SMTP

from dlpgate.gateway import REPLY_TEMPFAIL, Gateway
from dlpgate.types import Envelope

log = logging.getLogger("dlpgate.smtp")


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


class GatewaySMTP(SMTP):
    def __init__(self, handler: Handler, *, networks, **kwargs: Any):
        super().__init__(handler, **kwargs)
        self._networks = networks
        self.__ident__ = "dlpgate ESMTP"

    async def _handle_client(self) -> None:
        if not client_allowed(self.session.peer, self._networks):
            log.warning("refused connection from a client outside smtp.allowed_clients")
            await self.push("554 5.7.1 This gateway does not relay for your address")
            self.transport.close()
            return
        await super()._handle_client()


class Handler:
    def __init__(self, gateway: Gateway):
        self.gateway = gateway

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
        return await self.gateway.handle(env, envelope.original_content or b"")

    async def handle_exception(self, error: Exception) -> str:
        log.error("SMTP session error: %s", error.__class__.__name__)
        return REPLY_TEMPFAIL


def protocol_factory(gateway: Gateway):
    settings = gateway.settings.smtp
    networks = parse_networks(settings.allowed_clients)
    handler = Handler(gateway)

    def factory() -> GatewaySMTP:
        return GatewaySMTP(
            handler,
            networks=networks,
            data_size_limit=settings.max_message_size,
            enable_SMTPUTF8=True,
            decode_data=False,
            hostname=gateway.hostname,
        )

    return factory


async def start_server(gateway: Gateway, host: str, port: int, **kwargs: Any) -> asyncio.AbstractServer:
    loop = asyncio.get_running_loop()
    return await loop.create_server(protocol_factory(gateway), host=host, port=port, **kwargs)
