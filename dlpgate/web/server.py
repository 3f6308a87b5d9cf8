"""Run the console with uvicorn on the gateway's own event loop.

uvicorn alone keeps a connection open for as long as a client trickles header
lines (its keep-alive timer is cancelled by any byte) and accepts connections
without bound, answering 503 only once a request is complete. The console runs
in the supervisor, so its protocol here adds what is missing: a deadline for
the headers, one for the body, and a cap on connections that closes the oldest
one still waiting for headers when full.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from typing import Any, ClassVar

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from dlpgate.types import HostPort

log = logging.getLogger("dlpgate")

_RECEIVING = (h11.IDLE, h11.SEND_BODY)  # the client's side of a request that is not all here yet
ACCEPT_BATCH = 16
_warned = [0.0]  # when the last "console full" warning was logged: once a minute is enough in a flood


class BoundedH11(H11Protocol):
    """uvicorn's h11 protocol with header and body deadlines and a connection cap.

    Uses H11Protocol's connections/conn/cycle/transport attributes: the
    console's slow-client tests fail if a uvicorn release moves them.
    """

    header_timeout: ClassVar[float] = 10.0
    body_timeout: ClassVar[float] = 30.0
    max_connections: ClassVar[int] = 100

    @classmethod
    def with_limits(cls, web: Any) -> type[BoundedH11]:
        return type("BoundedH11", (cls,), {
            "header_timeout": float(web.header_timeout),
            "body_timeout": float(web.body_timeout),
            "max_connections": int(web.max_connections),
        })

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self._timer: asyncio.TimerHandle | None = None
        self._phase = ""
        self._opened = self.loop.time()
        super().connection_made(transport)
        self._track()
        if len(self.connections) > self.max_connections:
            # Full: make room by closing the oldest connection that has not sent
            # a whole request yet (slow clients go first), else refuse this one.
            waiting = [c for c in self.connections if isinstance(c, BoundedH11) and c._phase == "headers" and c is not self]
            victim = min(waiting, key=lambda c: c._opened, default=self)
            if self.loop.time() - _warned[0] > 60:
                _warned[0] = self.loop.time()
                log.warning("web console: %d connections (web.max_connections): closing the oldest still sending headers",
                            len(self.connections))
            victim._drop()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        self._track()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._track()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel()
        super().connection_lost(exc)

    def _track(self) -> None:
        """Arm the deadline for what the client still owes: headers, then the body; none while we answer."""
        state = self.conn.their_state
        answering = self.cycle is not None and not self.cycle.response_complete
        if state is h11.IDLE and not answering:
            phase, limit = "headers", self.header_timeout
        elif state is h11.SEND_BODY:
            phase, limit = "body", self.body_timeout
        else:
            phase, limit = "answer", 0.0
        if phase == self._phase:
            return
        self._phase = phase
        self._cancel()
        if limit:
            self._timer = self.loop.call_later(limit, self._expired)

    def _cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _expired(self) -> None:
        self._timer = None
        if self.conn.their_state in _RECEIVING and self._phase in ("headers", "body"):
            self._drop()

    def _drop(self) -> None:
        self._cancel()
        self._phase = "closed"
        # Out of the count now, not when connection_lost runs on a later loop turn:
        # otherwise the next accepts of the same batch still count it against
        # max_connections and close more slow clients than needed.
        self.connections.discard(self)
        if not self.transport.is_closing():
            self.transport.close()


class _Server(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self):
        # The gateway handles SIGTERM/SIGINT itself and stops us in Running.close().
        yield


class WebServer:
    """Binds at construction (so a busy port fails start-up with one clear line), serves in a task."""

    def __init__(self, app, listen: str, web: Any = None):
        addr = HostPort.parse(listen)
        host, port = addr.host, addr.port
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
        if web is None:  # the limits travel with the app (create_app puts the [web] settings there)
            from dlpgate.config import WebSettings

            web = getattr(getattr(app, "state", None), "web_settings", None) or WebSettings()
        config = uvicorn.Config(
            app, log_config=None, access_log=False, lifespan="off", timeout_graceful_shutdown=3,
            server_header=False, proxy_headers=False, http=BoundedH11.with_limits(web),
            limit_concurrency=web.max_connections + 1, h11_max_incomplete_event_size=16 * 1024, timeout_keep_alive=5,
            # asyncio accepts up to `backlog` connections per wake-up before any of them is
            # counted: a small batch keeps the open sockets near max_connections in a flood.
            backlog=ACCEPT_BATCH,
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
        from dlpgate.admin.service import AdminService
        from dlpgate.links import load_secret
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
        except Exception:  # stopping anyway
            log.warning("web console did not stop cleanly")
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
        if not self.thread.is_alive():
            self.loop.close()
        self.store.close()
