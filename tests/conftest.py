"""Shared fixtures: a real SMTP sink as the downstream, and a real gateway on loopback."""

from __future__ import annotations

import asyncio
import json
import smtplib
import socket
import threading
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from dlpgate import config as config_mod
from dlpgate.server import Running, build_gateway, start
from tests.synthetic import nhs_numbers

INTERNAL = "example-trust.nhs.uk"


def toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    return json.dumps(str(v))


def write_config(path: Path, sections: dict[str, dict]) -> Path:
    lines = []
    for name, table in sections.items():
        lines.append(f"[{name}]")
        lines += [f"{k} = {toml_value(v)}" for k, v in table.items()]
        lines.append("")
    path.write_text("\n".join(lines))
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Sink:
    """The downstream MTA: a real aiosmtpd server that records what it accepts.

    Its behaviour can be changed mid-test: refuse some recipients (5xx or 4xx),
    answer DATA with a given reply, or stall.
    """

    def __init__(self) -> None:
        self.messages: list[tuple[str, tuple[str, ...], bytes]] = []
        self.refuse: dict[str, str] = {}
        self.data_reply: str | None = None
        self.stall = 0.0
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.stall:
            await asyncio.sleep(self.stall)
        if self.data_reply:
            return self.data_reply
        with self.lock:
            self.messages.append((envelope.mail_from, tuple(envelope.rcpt_tos), envelope.original_content))
        return "250 2.0.0 OK queued"

    def wait_for(self, n: int, timeout: float = 10.0) -> list[tuple[str, tuple[str, ...], bytes]]:
        end = time.monotonic() + timeout
        while time.monotonic() < end and len(self.messages) < n:
            time.sleep(0.02)
        return list(self.messages)

    def to(self, rcpt: str) -> list[bytes]:
        return [raw for _, rcpts, raw in self.messages if rcpt in rcpts]


@pytest.fixture
def sink():
    s = Sink()
    port = free_port()
    controller = Controller(s, hostname="127.0.0.1", port=port)
    controller.start()
    s.port = port
    yield s
    controller.stop()


class GatewayThread:
    """A real gateway (SMTP listener, outbox, SQLite store) on its own event loop."""

    def __init__(self, settings: config_mod.Settings, store=None, web: bool = False):
        self.settings = settings
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.gateway = build_gateway(settings, store=store)
        self.store = self.gateway.store
        self.running: Running = self.call(start(settings, self.gateway, web=web))
        self.port = self.running.port

    def call(self, coro, timeout: float = 30.0):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def flush(self) -> int:
        return self.call(self.gateway.flush_outbox())

    def send(self, raw: bytes, mail_from: str, rcpts: list[str], **kw) -> tuple[int, bytes]:
        """Send with smtplib; returns the reply to DATA (code, text)."""
        with smtplib.SMTP("127.0.0.1", self.port, timeout=30) as client:
            client.ehlo("upstream.test")
            code, msg = client.mail(mail_from, kw.get("mail_options", []))
            assert code == 250, msg
            for r in rcpts:
                client.rcpt(r)
            return client.data(raw)

    def stop(self) -> None:
        self.call(self.running.close())
        # Database calls still running in the loop's threads (a console request the
        # client gave up on) finish and hand their connections back before the
        # store closes; a connection left out would be collected while still open.
        self.call(self.loop.shutdown_default_executor())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
        self.loop.close()
        self.gateway.executor.shutdown(wait=True)
        self.store.close()


@pytest.fixture
def make_gateway(tmp_path: Path, sink: Sink):
    started: list[GatewayThread] = []

    def factory(**sections) -> GatewayThread:
        data = {
            "smtp": {"listen": f"127.0.0.1:{free_port()}", "relay": f"127.0.0.1:{sink.port}", "relay_timeout": 5.0},
            "domains": {"internal": [INTERNAL], "secure": ["nhs.net"]},
            "storage": {"path": str(tmp_path / "var")},
            "notices": {"sender": f"dlpgate@{INTERNAL}", "admins": [f"ig-team@{INTERNAL}"], "retry_seconds": 0.2},
        }
        for key, table in sections.items():
            data.setdefault(key, {}).update(table)
        settings = config_mod.from_mapping(data, config_mod.PROJECT_CONFIG_DIR, "test")
        gw = GatewayThread(settings)
        started.append(gw)
        return gw

    yield factory
    for gw in started:
        gw.stop()


@pytest.fixture
def nhs():
    """Ten synthetic, valid, issued-range NHS numbers, computed, never real."""
    return nhs_numbers(10)
