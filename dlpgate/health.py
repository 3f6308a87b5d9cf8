"""The supervisor's operations side: /metrics for Prometheus, /healthz for load balancers.

/healthz answers 200 when the SMTP listener greets (a worker accepted a
connection and said 220) and the store answers a query; 503 otherwise, with
the reason in the body. It reads no mail and shows no content.
"""

from __future__ import annotations

import logging
import shutil
import socket
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING

from dlpgate import metrics
from dlpgate.config import ConfigError, Settings
from dlpgate.types import HostPort

if TYPE_CHECKING:
    from dlpgate.store import Store

log = logging.getLogger("dlpgate.health")


def smtp_greets(listen: str, timeout: float = 3.0) -> bool:
    addr = HostPort.parse(listen)
    host, port = addr.host, addr.port
    if host in ("", "0.0.0.0"):
        host = "127.0.0.1"
    elif host == "::":
        host = "::1"
    try:
        with socket.create_connection((host, int(port)), timeout=timeout) as sock:
            sock.settimeout(timeout)
            greeting = sock.recv(512)
            try:
                sock.sendall(b"QUIT\r\n")
            except OSError:
                pass
            return greeting.startswith(b"220")
    except OSError:
        return False


def check(listen: str, store) -> tuple[bool, str]:
    problems = []
    if not smtp_greets(listen):
        problems.append("smtp listener not answering")
    if store is not None and not store.ping():
        problems.append("store not answering")
    return (not problems, "; ".join(problems) or "ok")


class OpsServer:
    """A small threaded HTTP server run by the supervisor."""

    def __init__(self, listen: str, smtp_listen: str, store=None, multiprocess_dir: str | None = None):
        addr = HostPort.parse(listen)
        host, port = addr.host, addr.port
        self.smtp_listen = smtp_listen
        self.store = store
        self.multiprocess_dir = multiprocess_dir
        self.registry = metrics.registry(store, multiprocess_dir)
        ops = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # http.server's name
                path = self.path.split("?", 1)[0]
                if path == "/metrics":
                    try:
                        body, code = metrics.render(ops.registry), 200
                    except Exception:  # a scrape failure is a 500, not a crash
                        log.exception("metrics scrape failed")
                        body, code = b"metrics unavailable\n", 500
                    self._reply(code, body, "text/plain; version=0.0.4; charset=utf-8")
                elif path in ("/healthz", "/health"):
                    ok, reason = check(ops.smtp_listen, ops.store)
                    self._reply(200 if ok else 503, (reason + "\n").encode(), "text/plain; charset=utf-8")
                else:
                    self._reply(404, b"not found\n", "text/plain; charset=utf-8")

            def _reply(self, code: int, body: bytes, ctype: str) -> None:
                self.send_response(code)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format, *args) -> None:  # quiet: scrapes every few seconds
                pass

        class Server(ThreadingHTTPServer):
            address_family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
            daemon_threads = True

        self.httpd = Server((host.strip("[]"), int(port)), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="ops-http", daemon=True)

    def set_store(self, store) -> None:
        self.store = store
        self.registry = metrics.registry(store, self.multiprocess_dir)

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class Ops:
    """What the supervisor keeps for operations: the store, the workers' metrics folder, the HTTP listener.

    open() opens the store (which creates the tables, once, before any worker
    starts); with [metrics] listen set, serve() makes the folder the workers
    write their counters to and starts /metrics and /healthz. Workers learn
    of the folder from worker_env(), set in their environment only.
    """

    def __init__(self, settings: Settings):
        self.settings = settings
        self.store: Store | None = None
        self.metrics_dir: str | None = None
        self.server: OpsServer | None = None

    def open(self) -> None:
        from dlpgate.store import store_for

        self.store = store_for(self.settings)

    def serve(self) -> None:
        listen = self.settings.metrics.listen
        if not listen:
            return
        self.metrics_dir = tempfile.mkdtemp(prefix="dlpgate-metrics-")
        try:
            self.server = OpsServer(listen, self.settings.smtp.listen, self.store, self.metrics_dir)
        except OSError as exc:
            raise ConfigError(f"config: metrics.listen {listen}: {exc.strerror or exc}") from None
        self.server.start()  # /healthz says 503 until a worker greets

    def worker_env(self) -> dict[str, str]:
        return {"PROMETHEUS_MULTIPROC_DIR": self.metrics_dir} if self.metrics_dir else {}

    def worker_gone(self, pid: int) -> None:
        if self.metrics_dir:
            from prometheus_client import multiprocess

            multiprocess.mark_process_dead(pid, self.metrics_dir)

    def reload(self, settings: Settings) -> None:
        """Take the new settings; after storage.* changed, the store the health check and gauges read.

        Raises what opening the new store raised; the old one stays in use.
        """
        changed = settings.storage != self.settings.storage
        self.settings = settings
        if not changed:
            return
        from dlpgate.store import store_for

        store = store_for(settings)
        old, self.store = self.store, store
        if self.server is not None:
            self.server.set_store(store)
        if old is not None:
            old.close()

    def close(self) -> None:
        if self.server is not None:
            self.server.stop()
        if self.store is not None:
            self.store.close()
        if self.metrics_dir:
            shutil.rmtree(self.metrics_dir, ignore_errors=True)
