"""The supervisor's parts on their own: signals as events, the ops side's metrics folder, a worker's drain."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import AsyncIterator
from pathlib import Path

from dlpgate import config as config_mod
from dlpgate.health import Ops
from dlpgate.server import build_gateway
from dlpgate.smtp import SessionRegistry, protocol_factory
from dlpgate.supervise import Signals
from dlpgate.workers import drain
from tests.conftest import INTERNAL, free_port
from tests.synthetic import build_message

SENDER = f"dr.jones@{INTERNAL}"
EXT = "someone@partner.example.org"


def _settings(tmp_path: Path, sink_port: int = 1, **sections) -> config_mod.Settings:
    data: dict[str, dict] = {
        "smtp": {"listen": f"127.0.0.1:{free_port()}", "relay": f"127.0.0.1:{sink_port}", "relay_timeout": 5.0},
        "domains": {"internal": [INTERNAL]},
        "storage": {"path": str(tmp_path / "var")},
    }
    for key, table in sections.items():
        data.setdefault(key, {}).update(table)
    return config_mod.from_mapping(data, config_mod.PROJECT_CONFIG_DIR, "test")


async def test_signals_wake_the_supervisor_at_once_and_say_what_was_asked():
    signals = Signals()
    signals.install()
    loop = asyncio.get_running_loop()
    try:
        os.kill(os.getpid(), signal.SIGHUP)
        await asyncio.wait_for(signals.wait(None), 5)
        assert signals.take_reload() and not signals.take_reload() and not signals.stopping

        child = subprocess.Popen([sys.executable, "-c", "pass"])
        started = time.monotonic()
        await signals.wait(30)  # SIGCHLD: the exit is seen when it happens, not at the next poll
        assert time.monotonic() - started < 10
        assert child.wait(5) == 0

        os.kill(os.getpid(), signal.SIGTERM)
        await asyncio.wait_for(signals.wait(None), 5)
        assert signals.stopping and not signals.take_reload()
    finally:
        for sig in Signals.WAKE:
            loop.remove_signal_handler(sig)


def test_the_metrics_folder_is_given_to_workers_only_and_summed_by_the_ops_listener(tmp_path):
    mport = free_port()
    ops = Ops(_settings(tmp_path, metrics={"listen": f"127.0.0.1:{mport}"}))
    ops.open()
    try:
        ops.serve()
        env = ops.worker_env()
        folder = env["PROMETHEUS_MULTIPROC_DIR"]
        assert Path(folder).is_dir()
        assert os.environ.get("PROMETHEUS_MULTIPROC_DIR") != folder  # the supervisor's own environment is left alone
        worker = "from dlpgate import metrics; metrics.record_tempfail(); metrics.record_tempfail()"
        subprocess.run([sys.executable, "-c", worker], env={**os.environ, **env}, check=True, timeout=60)
        with urllib.request.urlopen(f"http://127.0.0.1:{mport}/metrics", timeout=10) as resp:
            body = resp.read().decode()
        assert 'dlpgate_messages_total{action="tempfail"} 2.0' in body
        assert "dlpgate_store_up 1.0" in body
    finally:
        ops.close()
    assert not Path(folder).exists()


def test_without_a_metrics_listener_workers_get_no_folder(tmp_path):
    ops = Ops(_settings(tmp_path))
    ops.open()
    try:
        ops.serve()
        assert ops.worker_env() == {} and ops.server is None
        ops.worker_gone(12345)  # nothing to mark
    finally:
        ops.close()


async def _reply(reader: asyncio.StreamReader) -> bytes:
    line = await asyncio.wait_for(reader.readline(), 10)
    while line[3:4] == b"-":
        line = await asyncio.wait_for(reader.readline(), 10)
    return line


async def _session(port: int, *commands: bytes) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    assert (await _reply(reader)).startswith(b"220")
    for command in commands:
        writer.write(command + b"\r\n")
        assert (await _reply(reader))[:1] in (b"2", b"3"), command
    return reader, writer


@contextlib.asynccontextmanager
async def _listening(settings: config_mod.Settings) -> AsyncIterator[tuple[int, SessionRegistry]]:
    """A gateway's SMTP listener on the test's own loop, its sessions in a registry."""
    gateway = build_gateway(settings)
    sessions = SessionRegistry()
    server = await asyncio.get_running_loop().create_server(protocol_factory(gateway, sessions), "127.0.0.1", 0)
    gateway.start()
    try:
        yield server.sockets[0].getsockname()[1], sessions
    finally:
        server.close()
        await server.wait_closed()
        await gateway.stop()
        gateway.executor.shutdown(wait=True)
        gateway.store.close()


async def test_drain_closes_idle_sessions_at_once_and_busy_ones_when_their_message_is_in(tmp_path, sink):
    async with _listening(_settings(tmp_path, sink.port)) as (port, sessions):
        counts: list[int] = []
        sessions.watch(lambda: counts.append(len(sessions)))
        idle_r, idle_w = await _session(port, b"EHLO idle.test")
        busy_r, busy_w = await _session(port, b"EHLO busy.test", f"MAIL FROM:<{SENDER}>".encode(), f"RCPT TO:<{EXT}>".encode())
        assert len(sessions) == 2 and counts == [1, 2]

        draining = asyncio.ensure_future(drain(sessions, 30.0))
        assert (await _reply(idle_r)).startswith(b"421")  # idle: told to come back
        assert not draining.done() and len(sessions) == 1  # in a transaction: not cut off
        busy_w.write(b"DATA\r\n")
        assert (await _reply(busy_r)).startswith(b"354")
        busy_w.write(build_message("Clinic moved to Tuesday.", to=EXT) + b"\r\n.\r\n")
        assert (await _reply(busy_r)).startswith(b"250")
        assert (await _reply(busy_r)).startswith(b"421")  # then closed, as the idle one was
        await asyncio.wait_for(draining, 10)
        assert len(sessions) == 0 and counts[-1] == 0
        assert len(sink.wait_for(1)) == 1
        for w in (idle_w, busy_w):
            w.close()


async def test_drain_closes_what_is_left_after_the_grace(tmp_path):
    async with _listening(_settings(tmp_path)) as (port, sessions):
        reader, writer = await _session(port, b"EHLO stuck.test", f"MAIL FROM:<{SENDER}>".encode())
        await drain(sessions, 0.2)
        assert await asyncio.wait_for(reader.read(), 10) == b""  # cut off, without a reply
        assert len(sessions) == 0
        writer.close()


def test_a_worker_keeps_what_lives_for_its_life_out_of_the_collectors_passes(tmp_path):
    # A full pass of the collector over the engine's objects stopped every message in flight
    # for 50-150 ms under load; settled, the objects start-up made are frozen and a pass reads
    # only what messages make. In its own interpreter: freezing is process-wide.
    import inspect
    import subprocess
    import sys

    from dlpgate import workers

    code = (
        "import gc, sys\n"
        "from dlpgate import config, workers\n"
        "from dlpgate.pipeline import build_engine, preload_readers\n"
        "preload_readers()\n"
        "engine = build_engine(config.load(sys.argv[1]))\n"
        "workers.settle_heap()\n"
        "print(gc.get_freeze_count(), len(gc.get_objects()))\n"
    )
    cfg = tmp_path / "dlpgate.toml"
    cfg.write_text('[domains]\ninternal = ["example-trust.nhs.uk"]\n')
    out = subprocess.run([sys.executable, "-c", code, str(cfg)], capture_output=True, text=True, timeout=120, check=True)
    frozen, tracked = map(int, out.stdout.split())
    assert frozen > 50_000 and tracked < frozen // 20, (frozen, tracked)
    # ... and a worker settles before it says it is ready
    source = inspect.getsource(workers.run_worker)
    assert source.index("settle_heap()") < source.index("os.write(ready_fd")
