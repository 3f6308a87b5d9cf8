"""Real parts for the fault tests: a gateway PROCESS, a downstream that can break, a retrying client.

The gateway runs as `python -m dlpgate.cli serve --config FILE` in its own
session (process group), so a SIGKILL takes it down the way a crash would.
"""

from __future__ import annotations

import os
import signal
import smtplib
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import fields
from pathlib import Path

from aiosmtpd.controller import Controller

from dlpgate import config as config_mod
from tests.conftest import INTERNAL, Sink, free_port, write_config

ROOT = Path(__file__).resolve().parents[2]
SENDER = f"dr.jones@{INTERNAL}"
EXT = "someone@partner.example.org"


def base_sections(tmp: Path, relay_port: int, listen_port: int, **overrides: dict) -> dict[str, dict]:
    sections = {
        "smtp": {"listen": f"127.0.0.1:{listen_port}", "relay": f"127.0.0.1:{relay_port}", "relay_timeout": 1.5},
        "domains": {"internal": [INTERNAL], "secure": ["nhs.net"]},
        "storage": {"path": str(tmp / "var")},
        "notices": {"sender": f"dlpgate@{INTERNAL}", "admins": [], "retry_seconds": 0.2},
    }
    if "workers" in {f.name for f in fields(config_mod.SmtpSettings)}:
        sections["smtp"]["workers"] = 1  # one process starts faster; the kill test asks for 2
    if "web" in config_mod._SECTIONS:
        # the console's fixed port would clash between tests running side by side
        sections["web"] = {"enabled": False}
    for key, table in overrides.items():
        sections.setdefault(key, {}).update(table)
    return sections


def wait_port(port: int, timeout: float = 20.0, proc: subprocess.Popen | None = None) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"gateway exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                s.settimeout(2)
                if s.recv(100).startswith(b"220"):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise TimeoutError(f"nothing answered on port {port}")


class GatewayProcess:
    """`dlpgate serve` as a child process in its own process group."""

    def __init__(self, tmp: Path, sections: dict[str, dict]):
        self.tmp = tmp
        self.sections = sections
        self.port = int(sections["smtp"]["listen"].rpartition(":")[2])
        self.config = write_config(tmp / "gateway.toml", sections)
        self.log = tmp / "gateway.log"
        self.proc: subprocess.Popen | None = None

    def start(self, wait: bool = True) -> GatewayProcess:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "dlpgate.cli", "serve", "--config", str(self.config)],
                cwd=str(ROOT),
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                start_new_session=True,
            )
        if wait:
            wait_port(self.port, proc=self.proc)
        return self

    def kill(self) -> None:
        """SIGKILL the whole process group (a worker supervisor and its workers too)."""
        if self.proc and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(10)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                self.kill()
        if self.proc:
            # the whole group, in case a worker outlived its parent
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass

    @property
    def db(self) -> Path:
        return Path(self.sections["storage"]["path"]) / "dlpgate.sqlite3"

    def sql(self, query: str, *args) -> list[tuple]:
        con = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, timeout=15)
        try:
            return con.execute(query, args).fetchall()
        finally:
            con.close()


class Downstream:
    """One downstream port whose behaviour can be switched between:

    down  nothing listens: connections are refused
    hang  a listener that accepts and never answers
    smtp  a real aiosmtpd server with the Sink handler (data_reply/refuse settable)
    """

    def __init__(self) -> None:
        self.port = free_port()
        self.sink = Sink()
        self.mode = "down"
        self._controller: Controller | None = None
        self._hang: socket.socket | None = None
        self._held: list[socket.socket] = []
        self._stop = threading.Event()

    def set(self, mode: str) -> None:
        self._close()
        self.mode = mode
        if mode == "smtp":
            self._controller = Controller(self.sink, hostname="127.0.0.1", port=self.port)
            self._controller.start()
        elif mode == "hang":
            s = socket.socket()
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("127.0.0.1", self.port))
            s.listen(50)
            s.settimeout(0.2)
            self._hang = s
            self._stop.clear()
            threading.Thread(target=self._accept_forever, args=(s,), daemon=True).start()

    def _accept_forever(self, s: socket.socket) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = s.accept()
                self._held.append(conn)
            except OSError:
                continue

    def _close(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None
        if self._hang is not None:
            self._stop.set()
            time.sleep(0.25)
            self._hang.close()
            self._hang = None
            for c in self._held:
                c.close()
            self._held.clear()

    def close(self) -> None:
        self._close()


def tokens_in(raw: bytes) -> list[str]:
    out = []
    for line in raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n"):
        if line.lower().startswith(b"x-test-token:"):
            out.append(line.split(b":", 1)[1].strip().decode())
    return out


def send_once(port: int, raw: bytes, rcpts: list[str], mail_from: str = SENDER, timeout: float = 20.0) -> tuple[int, str]:
    """One SMTP attempt. A connection problem is reported as code 0."""
    try:
        with smtplib.SMTP("127.0.0.1", port, timeout=timeout) as c:
            c.ehlo("upstream.test")
            code, msg = c.mail(mail_from)
            if code != 250:
                return code, msg.decode(errors="replace")
            accepted = 0
            last = (0, b"")
            for r in rcpts:
                last = c.rcpt(r)
                accepted += last[0] == 250
            if not accepted:
                return last[0], last[1].decode(errors="replace")
            code, msg = c.data(raw)
            return code, msg.decode(errors="replace")
    except smtplib.SMTPResponseException as exc:  # e.g. 421 at connect
        return exc.smtp_code, exc.smtp_error.decode(errors="replace")
    except (OSError, smtplib.SMTPException) as exc:
        return 0, exc.__class__.__name__


def send_retrying(port: int, raw: bytes, rcpts: list[str], deadline: float, backoff: float = 0.1) -> tuple[int, str, int]:
    """Like an MTA: retry 4xx and connection errors with back-off until a final answer.

    Returns (code, text, attempts); code 0 means the deadline passed.
    """
    attempts = 0
    delay = backoff
    while time.monotonic() < deadline:
        attempts += 1
        code, text = send_once(port, raw, rcpts)
        if 200 <= code < 300 or 500 <= code < 600:
            return code, text, attempts
        time.sleep(delay)
        delay = min(delay * 2, 1.0)
    return 0, "deadline", attempts
