"""Run the console with uvicorn on the gateway's own event loop."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket

import uvicorn

log = logging.getLogger("dlpgate")


class _Server(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self):
        # The gateway handles SIGTERM/SIGINT itself and stops us in Running.close().
        yield


class WebServer:
    """Binds at construction (so a busy port fails start-up with one clear line), serves in a task."""

    def __init__(self, app, listen: str):
        host, _, port = listen.rpartition(":")
        host = host.strip("[]")
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.sock = socket.socket(family, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            self.sock.bind((host, int(port)))
        except OSError as exc:
            self.sock.close()
            raise OSError(f"web.listen {listen}: {exc.strerror or exc}") from None
        self.sock.listen(128)
        self.sock.setblocking(False)
        config = uvicorn.Config(
            app, log_config=None, access_log=False, lifespan="off", timeout_graceful_shutdown=3,
            server_header=False, proxy_headers=False,
        )
        self.server = _Server(config)
        logging.getLogger("uvicorn.error").setLevel(logging.WARNING)  # no start/stop chatter in the gateway log
        self.task: asyncio.Task | None = None

    @property
    def port(self) -> int:
        return self.sock.getsockname()[1]

    def start(self) -> None:
        self.task = asyncio.get_running_loop().create_task(self.server.serve(sockets=[self.sock]))

    async def stop(self) -> None:
        if self.task is None:
            return
        self.server.should_exit = True
        try:
            await asyncio.wait_for(self.task, 10)
        except (TimeoutError, asyncio.CancelledError):
            self.task.cancel()
        self.task = None


async def purge_loop(service, retention_days: int, interval: float, first_delay: float = 60.0) -> None:
    """Drop held content past retention_days a minute after start, then every `interval` seconds."""
    await asyncio.sleep(min(first_delay, interval))
    while True:
        try:
            purged = await asyncio.to_thread(service.purge, retention_days)
            if purged:
                log.info("retention: %d held messages expired", len(purged))
        except Exception:
            log.exception("retention purge failed; will try again")
        await asyncio.sleep(interval)


class ConsoleThread:
    """The web console and the retention purge on their own loop, in the `dlpgate serve` supervisor.

    The SMTP side runs in worker processes; the console must run once, so it
    lives here. Notices it queues are sent by the workers' outbox loops.
    """

    def __init__(self, settings):
        import threading

        from dlpgate.actions.relay import relay_for
        from dlpgate.admin.requests import load_secret
        from dlpgate.admin.service import AdminService
        from dlpgate.store import store_for

        self.settings = settings
        load_secret(settings)  # made before the workers need it for hold-notice links
        self.store = store_for(settings)
        self.relay = relay_for(settings.smtp)
        self.service = AdminService(self.store, self.relay, settings)
        self.web: WebServer | None = None
        if settings.web.enabled:
            from dlpgate.web import create_app

            try:
                self.web = WebServer(create_app(settings, self.store, self.relay), settings.web.listen)
            except OSError as exc:
                # Like the metrics listener: mail keeps flowing; the operator sees why there is no console.
                log.error("web console not started: %s", exc)
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="dlpgate-console", daemon=True)
        self._purge: asyncio.Task | None = None

    def start(self) -> ConsoleThread:
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self.loop).result(15)
        return self

    async def _start(self) -> None:
        q = self.settings.quarantine
        self._purge = asyncio.get_running_loop().create_task(purge_loop(self.service, q.retention_days, q.purge_interval))
        if self.web is not None:
            self.web.start()
            log.info("dlpgate web console on http://%s", self.settings.web.listen)

    async def _stop(self) -> None:
        if self.web is not None:
            await self.web.stop()
        if self._purge is not None:
            self._purge.cancel()
            await asyncio.gather(self._purge, return_exceptions=True)

    def stop(self) -> None:
        try:
            asyncio.run_coroutine_threadsafe(self._stop(), self.loop).result(15)
        except Exception:  # noqa: BLE001 - stopping anyway
            log.warning("web console did not stop cleanly")
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
        if not self.thread.is_alive():
            self.loop.close()
        self.store.close()
