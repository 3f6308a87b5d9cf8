"""Fixtures for the operations tests: a real PostgreSQL, and gateways run as `dlpgate serve` processes."""

from __future__ import annotations

import glob
import os
import shutil
import signal
import smtplib
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from tests.conftest import INTERNAL, free_port, write_config

ROOT = Path(__file__).resolve().parents[2]


def _pg_bin() -> Path | None:
    # Debian's packaged binaries only: whatever else is on PATH is not what CI has.
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(found[-1]).parent if found else None


def _as_postgres(cmd: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


class Postgres:
    def __init__(self) -> None:
        bindir = _pg_bin()
        if bindir is None:
            pytest.fail("PostgreSQL is not installed: run `make test` (tests/system-packages.txt lists postgresql)")
        self.bindir = bindir
        self.dir = Path(tempfile.mkdtemp(prefix="dlpgate-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        subprocess.run(
            _as_postgres(
                [
                    str(bindir / "initdb"),
                    "-D",
                    str(self.data),
                    "-U",
                    "postgres",
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--no-sync",
                ]
            ),
            check=True,
            capture_output=True,
            timeout=120,
        )
        opts = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c fsync=off -c max_connections=200"
        subprocess.run(
            _as_postgres(
                [
                    str(bindir / "pg_ctl"),
                    "-D",
                    str(self.data),
                    "-l",
                    str(self.dir / "log"),
                    "-o",
                    opts,
                    "-w",
                    "-t",
                    "60",
                    "start",
                ]
            ),
            check=True,
            capture_output=True,
            timeout=90,
        )
        self.admin_url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def new_database(self) -> str:
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        subprocess.run(
            _as_postgres([str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"]),
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres():
    pg = Postgres()
    yield pg
    pg.stop()


@pytest.fixture
def pg_url(postgres) -> str:
    """A fresh, empty database on the session's PostgreSQL."""
    return postgres.new_database()


def base_config(tmp: Path, sink_port: int, **sections) -> dict:
    data = {
        "smtp": {
            "listen": f"127.0.0.1:{free_port()}",
            "relay": f"127.0.0.1:{sink_port}",
            "relay_timeout": 5.0,
            "workers": 1,
        },
        "domains": {"internal": [INTERNAL], "secure": ["nhs.net"]},
        "storage": {"path": str(tmp / "var")},
        "notices": {"sender": f"dlpgate@{INTERNAL}", "retry_seconds": 0.5},
        "web": {"enabled": False},  # the console has its own tests; it would take port 8025 here
    }
    for key, table in sections.items():
        data.setdefault(key, {}).update(table)
    return data


def cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dlpgate.cli", *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT
    )


def wait_smtp(port: int, timeout: float = 30.0, proc: subprocess.Popen | None = None) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"dlpgate serve exited with {proc.returncode}")
        try:
            with smtplib.SMTP("127.0.0.1", port, timeout=2) as s:
                s.noop()
            return
        except (OSError, smtplib.SMTPException):
            time.sleep(0.1)
    raise AssertionError(f"nothing answers SMTP on port {port}")


class Node:
    """`dlpgate serve --config FILE` as its own process (a supervisor and its workers)."""

    def __init__(self, config: Path, settings: dict):
        self.config = config
        self.settings = settings
        self.port = int(settings["smtp"]["listen"].rsplit(":", 1)[1])
        self.log = open(config.with_suffix(".log"), "ab")  # closed in stop()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "dlpgate.cli", "serve", "--config", str(config)],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
            start_new_session=True,
        )

    def send(self, raw: bytes, mail_from: str, rcpts: list[str]) -> tuple[int, bytes]:
        with smtplib.SMTP("127.0.0.1", self.port, timeout=30) as client:
            client.ehlo("upstream.test")
            client.mail(mail_from)
            for r in rcpts:
                client.rcpt(r)
            return client.data(raw)

    def output(self) -> str:
        self.log.flush()
        return Path(self.log.name).read_text(errors="replace")

    def workers(self) -> list[int]:
        """Process ids of this node's workers (the supervisor's children)."""
        out = []
        for stat in glob.glob("/proc/[0-9]*/stat"):
            try:
                fields = Path(stat).read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.proc.pid and fields[0] != "Z":
                out.append(int(stat.split("/")[2]))
        return sorted(out)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
        self.log.close()


@pytest.fixture
def start_node(tmp_path: Path, sink):
    nodes: list[Node] = []

    def factory(name: str = "node", **sections) -> Node:
        settings = base_config(tmp_path, sink.port, **sections)
        node = Node(write_config(tmp_path / f"{name}.toml", settings), settings)
        nodes.append(node)
        try:
            wait_smtp(node.port, proc=node.proc)
        except AssertionError as exc:
            raise AssertionError(f"{exc}\n{node.output()}") from None
        return node

    yield factory
    for node in nodes:
        node.stop()


def free_ports(n: int) -> list[int]:
    socks = []
    try:
        for _ in range(n):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            socks.append(s)
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()
