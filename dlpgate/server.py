"""Start the gateway: config -> engine, store, relay -> SMTP listener and outbox."""

from __future__ import annotations

import asyncio
import logging
import signal
from dataclasses import dataclass

from dlpgate import pipeline
from dlpgate.actions.relay import Relay, make_relay
from dlpgate.config import Settings
from dlpgate.gateway import Gateway
from dlpgate.smtp import start_server
from dlpgate.store import Store, open_store

log = logging.getLogger("dlpgate")


@dataclass
class Running:
    gateway: Gateway
    server: asyncio.AbstractServer

    @property
    def port(self) -> int:
        return self.server.sockets[0].getsockname()[1]

    async def close(self) -> None:
        self.server.close()
        await self.server.wait_closed()
        await self.gateway.stop()


def build_gateway(settings: Settings, store: Store | None = None, relay: Relay | None = None) -> Gateway:
    engine = pipeline.build_engine(settings)
    store = store or open_store(settings.storage.path)
    relay = relay or make_relay(settings.smtp.relay, settings.smtp.relay_timeout, settings.smtp.relay_helo or None)
    return Gateway(settings, engine, store, relay)


async def start(settings: Settings, gateway: Gateway | None = None, **server_kwargs) -> Running:
    gateway = gateway or build_gateway(settings)
    host, _, port = settings.smtp.listen.rpartition(":")
    server = await start_server(gateway, host.strip("[]"), int(port), **server_kwargs)
    gateway.start()
    return Running(gateway, server)


async def serve_forever(settings: Settings) -> None:
    running = await start(settings)
    log.info("dlpgate listening on %s, relaying to %s", settings.smtp.listen, settings.smtp.relay)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    log.info("dlpgate stopping")
    await running.close()
