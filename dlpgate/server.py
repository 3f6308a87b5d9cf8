"""Start the gateway: config -> engine, store, relay -> SMTP listener and outbox."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from dataclasses import dataclass, field
from typing import Any

from dlpgate import pipeline
from dlpgate.actions.relay import Relay, relay_for
from dlpgate.config import Settings
from dlpgate.gateway import Gateway
from dlpgate.smtp import start_server
from dlpgate.store import Store, store_for

log = logging.getLogger("dlpgate")


@dataclass
class Running:
    gateway: Gateway
    server: asyncio.Server
    web: Any = None  # dlpgate.web.server.WebServer when the console runs
    tasks: list[asyncio.Task] = field(default_factory=list)

    @property
    def port(self) -> int:
        return self.server.sockets[0].getsockname()[1]

    async def close(self) -> None:
        if self.web is not None:
            await self.web.stop()
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        self.server.close()
        await self.server.wait_closed()
        await self.gateway.stop()


def build_gateway(settings: Settings, store: Store | None = None, relay: Relay | None = None) -> Gateway:
    engine = pipeline.build_engine(settings)
    store = store or store_for(settings)
    relay = relay or relay_for(settings.smtp, keep_connections=True)
    return Gateway(settings, engine, store, relay)


async def start(settings: Settings, gateway: Gateway | None = None, web: bool = False, **server_kwargs) -> Running:
    """The SMTP listener, the outbox and the retention purge; the web console too when `web`."""
    gateway = gateway or build_gateway(settings)
    console = None
    if web:
        from dlpgate.web import create_app
        from dlpgate.web.server import WebServer

        app = create_app(settings, gateway.store, gateway.relay, gateway.kick)
        console = WebServer(app, settings.web.listen)
    listen = settings.smtp.listen_addr
    server = await start_server(gateway, listen.host, listen.port, **server_kwargs)
    gateway.start()
    running = Running(gateway, server, console)
    if console is not None:
        console.start()
        log.info("dlpgate web console on http://%s", settings.web.listen)
    running.tasks.append(asyncio.get_running_loop().create_task(_purge(gateway, settings)))
    return running


def private_umask() -> None:
    """Files the gateway creates are its own: no group or other access, whatever umask it was started with.

    The store also sets its modes explicitly (dlpgate/store); this covers the rest.
    """
    os.umask(os.umask(0o077) | 0o077)


async def _purge(gateway: Gateway, settings: Settings) -> None:
    from dlpgate.admin.service import AdminService
    from dlpgate.web.server import purge_loop

    q = settings.quarantine
    await purge_loop(AdminService(gateway.store, gateway.relay), q.retention_days, q.purge_interval)


async def serve_forever(settings: Settings) -> None:
    private_umask()
    running = await start(settings, web=settings.web.enabled)
    log.info("dlpgate listening on %s, relaying to %s", settings.smtp.listen, settings.smtp.relay)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    log.info("dlpgate stopping")
    await running.close()
