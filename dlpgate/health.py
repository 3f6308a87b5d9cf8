"""The supervisor's HTTP listener: /metrics for Prometheus, /healthz for load balancers.

/healthz answers 200 when the SMTP listener greets (a worker accepted a
connection and said 220) and the store answers a query; 503 otherwise, with
the reason in the body. It reads no mail and shows no content.
"""

from __future__ import annotations

import logging
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from dlpgate import metrics
from dlpgate.types import HostPort

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

    def __init__(self, listen: str, smtp_listen: str, store=None):
        addr = HostPort.parse(listen)
        host, port = addr.host, addr.port
        self.smtp_listen = smtp_listen
        self.store = store
        self.registry = metrics.registry(store)
        ops = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                path = self.path.split("?", 1)[0]
                if path == "/metrics":
                    try:
                        body, code = metrics.render(ops.registry), 200
                    except Exception:  # noqa: BLE001 - a scrape failure is a 500, not a crash
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

            def log_message(self, format, *args) -> None:  # noqa: A002 - quiet: scrapes every few seconds
                pass

        class Server(ThreadingHTTPServer):
            address_family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
            daemon_threads = True

        self.httpd = Server((host.strip("[]"), int(port)), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="ops-http", daemon=True)

    def set_store(self, store) -> None:
        self.store = store
        self.registry = metrics.registry(store)

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
