"""Fixtures for the web console: a real gateway with its console on loopback, accounts, held mail."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dlpgate import config as config_mod
from dlpgate.admin.users import Users
from tests.conftest import INTERNAL, GatewayThread, free_port
from tests.synthetic import build_message, spaced

PASSWORD = "correct horse battery"
SENDER = f"dr.jones@{INTERNAL}"
EXTERNAL = "someone@partner.example.org"


def settings_for(tmp_path: Path, sink_port: int, **sections) -> config_mod.Settings:
    web_port = free_port()
    data = {
        "smtp": {"listen": f"127.0.0.1:{free_port()}", "relay": f"127.0.0.1:{sink_port}", "relay_timeout": 5.0},
        "domains": {"internal": [INTERNAL], "secure": ["nhs.net"]},
        "storage": {"path": str(tmp_path / "var")},
        "notices": {"sender": f"dlpgate@{INTERNAL}", "admins": [f"ig-team@{INTERNAL}"], "retry_seconds": 0.2},
        "web": {"listen": f"127.0.0.1:{web_port}", "base_url": f"http://127.0.0.1:{web_port}"},
    }
    for key, table in sections.items():
        data.setdefault(key, {}).update(table)
    return config_mod.from_mapping(data, config_mod.PROJECT_CONFIG_DIR, "test")


class ConsoleGateway(GatewayThread):
    """A real gateway (SMTP, outbox, store) with the web console, on its own event loop."""

    def __init__(self, settings: config_mod.Settings):
        super().__init__(settings, web=True)
        self.url = f"http://{settings.web.listen}"
        self.users = Users(self.store)
        self.closers: list = []

    def add_user(self, name: str, role: str) -> None:
        self.users.add(name, role, PASSWORD, "test")

    def hold(self, raw: bytes, mail_from: str = SENDER, rcpts: tuple[str, ...] = (EXTERNAL,)) -> str:
        """Send a message that must be held; returns the quarantine ID from the 250 reply."""
        code, reply = self.send(raw, mail_from, list(rcpts))
        assert code == 250, reply
        m = re.search(rb"Held for review as (\S+)", reply)
        assert m, reply
        return m.group(1).decode()

    def stop(self) -> None:
        for close in self.closers:
            close()
        super().stop()


@pytest.fixture(autouse=True, scope="session")
def cheap_password_hashes():
    """argon2 with its production cost takes ~0.5 s a hash on a busy CI machine; tests use a cheap one."""
    from argon2 import PasswordHasher

    from dlpgate.admin import users

    saved = users._hasher
    users._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    yield
    users._hasher = saved


@pytest.fixture
def console(tmp_path, sink):
    started: list[ConsoleGateway] = []

    def factory(**sections) -> ConsoleGateway:
        gw = ConsoleGateway(settings_for(tmp_path, sink.port, **sections))
        started.append(gw)
        return gw

    yield factory
    for gw in started:
        gw.stop()


def held_message(nhs: list[str], subject: str = "Referral") -> bytes:
    body = (
        f"Dear colleague,\n\nPatient NHS No: {spaced(nhs[0])} was seen in clinic on 12/03/2026.\n"
        "Diagnosis: type 2 diabetes. Call me on 01632 960 123.\n\nRegards, Dr Jones\n"
    )
    return build_message(body, subject=subject, sender=SENDER, to=EXTERNAL)


def hold_notice_link(sink, sender: str = SENDER) -> str:
    """The release-request link from the hold notice the sink received for `sender`."""
    for raw in sink.to(sender):
        m = re.search(rb"(http://\S+/request/[A-Za-z0-9_\-.]+)", raw)
        if m:
            return m.group(1).decode()
    raise AssertionError("no hold notice with a request link")
