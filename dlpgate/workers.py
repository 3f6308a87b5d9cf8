"""Several worker processes on one listening socket, and a supervisor that keeps them running.

The supervisor (`dlpgate serve`) binds smtp.listen once and starts smtp.workers
processes (`python -m dlpgate.workers`) that inherit the socket: the kernel
hands each new connection to whichever worker accepts first, so inspection
runs on every core, and a worker that stops accepting loses nothing waiting
in the queue (the others take it).

An MTA keeps its sessions open for many messages, so where a connection lands
decides which core its mail runs on for minutes. Each worker publishes its
number of open sessions on a small shared board (SessionBoard); a worker with
more sessions than the least busy one waits a moment (up to ACCEPT_DEFER)
before accepting, so the other takes the connection. If the other does not
(busy, stuck), the waiting worker accepts anyway: nothing waits longer.

- A worker that dies is replaced. No accepted message is lost: a worker answers
  250 only once the message is delivered or committed to the quarantine, so
  whatever a killed worker was handling was not accepted yet and the upstream
  MTA sends it again.
- SIGHUP reloads the configuration: the file is read and checked again (a bad
  file is logged in one line and the running configuration is kept); new
  workers start with it, then the old ones stop accepting, finish the sessions
  in progress and exit.
- SIGTERM or SIGINT: the workers stop in the same way, then the supervisor exits.
- With [metrics] listen set, the supervisor serves /metrics and /healthz.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import mmap
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from dlpgate import config as config_mod
from dlpgate import logs
from dlpgate.types import HostPort

log = logging.getLogger("dlpgate")

READY_TIMEOUT = 90.0
SHUTDOWN_REPLY = b"421 4.3.2 Service shutting down; please try again\r\n"


def worker_count(settings: config_mod.Settings) -> int:
    return settings.smtp.workers or os.cpu_count() or 1


LISTEN_BACKLOG = 1024


def bind(listen: str) -> socket.socket:
    addr = HostPort.parse(listen)
    host, port = addr.host, addr.port
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, int(port)))
    sock.listen(LISTEN_BACKLOG)
    return sock


class SessionBoard:
    """Open sessions per worker, in shared memory: one int32 slot per worker, -1 when free.

    The supervisor makes it (a memfd) and gives each worker a slot; the worker
    writes its session count there whenever it changes. Aligned int32 writes
    are atomic, and a stale read only costs a slightly less even split.
    """

    SLOTS = 256

    def __init__(self, fd: int):
        self.fd = fd
        self._mm = mmap.mmap(fd, self.SLOTS * 4)
        self.counts = memoryview(self._mm).cast("i")

    @classmethod
    def create(cls) -> SessionBoard | None:
        if not hasattr(os, "memfd_create"):
            return None
        try:
            fd = os.memfd_create("dlpgate-sessions")  # close-on-exec: only the workers get it (pass_fds)
            os.ftruncate(fd, cls.SLOTS * 4)
        except OSError:
            return None
        board = cls(fd)
        for i in range(cls.SLOTS):
            board.counts[i] = -1
        return board

    def free_slot(self, taken: set[int]) -> int | None:
        for i in range(self.SLOTS):
            if i not in taken:
                self.counts[i] = -1  # not accepting until the worker says so
                return i
        return None

    def set(self, slot: int, value: int) -> None:
        self.counts[slot] = value

    def least_other(self, slot: int) -> int | None:
        """The fewest sessions any other accepting worker has; None when there is none."""
        least = None
        for i, n in enumerate(self.counts):
            if i != slot and n >= 0 and (least is None or n < least):
                least = n
        return least


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else exc.__class__.__name__


def check_settings(settings: config_mod.Settings) -> None:
    """What a worker would build: raises on bad detector options or missing data files."""
    from dlpgate import pipeline

    pipeline.build_engine(settings)


@dataclass
class Worker:
    proc: subprocess.Popen
    started: float
    stopping_since: float | None = None
    slot: int | None = None

    @property
    def pid(self) -> int:
        return self.proc.pid


class Supervisor:
    def __init__(self, config_path: Path | None, settings: config_mod.Settings):
        self.config_path = config_path.resolve() if config_path else None
        self.settings = settings
        self.count = worker_count(settings)
        self.sock: socket.socket | None = None
        self.workers: list[Worker] = []
        self.draining: list[Worker] = []
        self.next_spawn = 0.0
        self.metrics_dir: str | None = None
        self.board = SessionBoard.create()
        self.store = None
        self.ops = None
        self._stop = False
        self._reload = False

    # -- start and stop -------------------------------------------------------

    def run(self) -> int:
        from dlpgate.store import store_for

        self.store = store_for(self.settings)  # creates the tables once, before the workers start
        try:
            try:
                self.sock = bind(self.settings.smtp.listen)
            except OSError as exc:
                raise config_mod.ConfigError(
                    f"config: smtp.listen {self.settings.smtp.listen}: {exc.strerror or exc}"
                ) from None
            if self.settings.metrics.listen:
                # Workers write their counters here and the supervisor adds them up.
                self.metrics_dir = tempfile.mkdtemp(prefix="dlpgate-metrics-")
                os.environ["PROMETHEUS_MULTIPROC_DIR"] = self.metrics_dir
                self._start_ops()  # /healthz says 503 until a worker greets
            signal.signal(signal.SIGTERM, self._on_stop)
            signal.signal(signal.SIGINT, self._on_stop)
            signal.signal(signal.SIGHUP, self._on_hup)
            self.workers = self.start_workers(self.count)
            if not self.workers:
                log.error("no worker started; stopping")
                return 1
            log.info(
                "dlpgate listening on %s with %d workers, relaying to %s",
                self.settings.smtp.listen,
                len(self.workers),
                self.settings.smtp.relay,
            )
            while not self._stop:
                if self._reload:
                    self._reload = False
                    self.reload()
                self.reap()
                time.sleep(0.1)
            log.info("dlpgate stopping")
            self.shutdown()
            return 0
        finally:
            if self.ops is not None:
                self.ops.stop()
            if self.sock is not None:
                self.sock.close()
            self.store.close()
            if self.metrics_dir:
                shutil.rmtree(self.metrics_dir, ignore_errors=True)

    def _start_ops(self) -> None:
        from dlpgate.health import OpsServer

        listen = self.settings.metrics.listen
        try:
            self.ops = OpsServer(listen, self.settings.smtp.listen, self.store)
        except OSError as exc:
            raise config_mod.ConfigError(f"config: metrics.listen {listen}: {exc.strerror or exc}") from None
        self.ops.start()

    def _reopen_store(self, settings: config_mod.Settings) -> None:
        """The store the health check and the gauges read, after storage.* changed."""
        from dlpgate.store import store_for

        try:
            store = store_for(settings)
        except Exception as exc:  # noqa: BLE001 - the workers report their own store errors
            log.error("reload: cannot open the new store for /healthz and /metrics: %s", _first_line(exc))
            return
        old, self.store = self.store, store
        if self.ops is not None:
            self.ops.set_store(store)
        old.close()

    def _on_stop(self, signum, frame) -> None:
        self._stop = True

    def _on_hup(self, signum, frame) -> None:
        self._reload = True

    def shutdown(self) -> None:
        everyone = self.workers + self.draining
        for w in everyone:
            self._terminate(w)
        deadline = time.monotonic() + self.settings.smtp.shutdown_grace + 5.0
        for w in everyone:
            try:
                w.proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                log.warning("worker %d did not stop in time; killing it", w.pid)
                w.proc.kill()
                w.proc.wait()
        self.workers, self.draining = [], []

    # -- workers --------------------------------------------------------------

    def start_workers(self, n: int) -> list[Worker]:
        """Start n workers with the current config file; only those that said "ready"."""
        env = dict(os.environ)
        pending = []
        taken = {w.slot for w in self.workers + self.draining if w.slot is not None}
        for _ in range(n):
            r, w = os.pipe()
            cmd = [sys.executable, "-m", "dlpgate.workers", "--fd", str(self.sock.fileno()), "--ready-fd", str(w)]
            fds = [self.sock.fileno(), w]
            slot = self.board.free_slot(taken) if self.board is not None else None
            if slot is not None:
                taken.add(slot)
                cmd += ["--board-fd", str(self.board.fd), "--slot", str(slot)]
                fds.append(self.board.fd)
            if self.config_path:
                cmd += ["--config", str(self.config_path)]
            try:
                proc = subprocess.Popen(cmd, pass_fds=fds, env=env)
            finally:
                os.close(w)
            pending.append((Worker(proc, time.monotonic(), slot=slot), r))
        ready = []
        deadline = time.monotonic() + READY_TIMEOUT
        for worker, r in pending:
            ok = False
            try:
                while time.monotonic() < deadline:
                    readable, _, _ = select.select([r], [], [], 0.2)
                    if readable:
                        ok = os.read(r, 16).startswith(b"ready")
                        break
                    if worker.proc.poll() is not None:
                        break
            finally:
                os.close(r)
            if ok:
                ready.append(worker)
            else:
                log.error("worker %d did not start (exit code %s)", worker.pid, worker.proc.poll())
                if worker.proc.poll() is None:
                    worker.proc.kill()
                worker.proc.wait()
                self._dead(worker)
        return ready

    def _terminate(self, w: Worker) -> None:
        if w.proc.poll() is None:
            w.proc.send_signal(signal.SIGTERM)
        w.stopping_since = w.stopping_since or time.monotonic()

    def _dead(self, w: Worker) -> None:
        if self.board is not None and w.slot is not None:
            self.board.set(w.slot, -1)  # a killed worker could not say it stopped accepting
        if self.metrics_dir:
            from prometheus_client import multiprocess

            multiprocess.mark_process_dead(w.pid, self.metrics_dir)

    def reap(self) -> None:
        now = time.monotonic()
        for w in list(self.workers):
            code = w.proc.poll()
            if code is None:
                continue
            self.workers.remove(w)
            self._dead(w)
            log.warning("worker %d exited (code %s); starting another", w.pid, code)
            if now - w.started < 2.0:
                self.next_spawn = max(self.next_spawn, now + 1.0)  # crash loop: slow down
        for w in list(self.draining):
            if w.proc.poll() is not None:
                self.draining.remove(w)
                self._dead(w)
                log.info("worker %d finished its sessions and stopped", w.pid)
            elif now - (w.stopping_since or now) > self.settings.smtp.shutdown_grace + 5.0:
                log.warning("worker %d did not stop in time; killing it", w.pid)
                w.proc.kill()
        missing = self.count - len(self.workers)
        if missing > 0 and now >= self.next_spawn:
            started = self.start_workers(missing)
            self.workers += started
            if len(started) < missing:
                self.next_spawn = time.monotonic() + 2.0

    def reload(self) -> None:
        from dlpgate.detectors.base import DetectorConfigError

        try:
            settings = config_mod.load(self.config_path)
            check_settings(settings)
        except (config_mod.ConfigError, DetectorConfigError, OSError, ValueError) as exc:
            log.error("reload failed, keeping the running configuration: %s", _first_line(exc))
            return
        for key in ("smtp.listen", "metrics.listen"):
            section, name = key.split(".")
            if getattr(getattr(settings, section), name) != getattr(getattr(self.settings, section), name):
                log.warning("reload: %s changed; that takes effect only after a restart", key)
        count = worker_count(settings)
        fresh = self.start_workers(count)
        if len(fresh) < count:
            for w in fresh:
                self._terminate(w)
                self.draining.append(w)
            log.error("reload failed, keeping the running configuration: new workers did not start")
            return
        old, self.workers = self.workers, fresh
        for w in old:
            self._terminate(w)
        self.draining += old
        self.count = count
        if settings.storage != self.settings.storage:
            self._reopen_store(settings)
        self.settings = settings
        log.info("configuration reloaded: %d new workers; %d old workers finish their sessions", len(fresh), len(old))


def private_umask() -> None:
    """Files the gateway creates are its own: no group or other access, whatever umask it was started with.

    The store also sets its modes explicitly (dlpgate/store); this covers the rest.
    """
    os.umask(os.umask(0o077) | 0o077)


def supervise(config_path: Path | None, settings: config_mod.Settings) -> int:
    private_umask()
    check_settings(settings)
    return Supervisor(config_path, settings).run()


# -- the worker process ---------------------------------------------------------


def _idle(proto) -> bool:
    env = getattr(proto, "envelope", None)
    return env is None or not env.mail_from


def _close(proto, polite: bool) -> None:
    transport = getattr(proto, "transport", None)
    if transport is None or transport.is_closing():
        return
    if polite:
        transport.write(SHUTDOWN_REPLY)
    transport.close()


async def drain(sessions: set, grace: float) -> None:
    """Close idle sessions with 421; let those in a transaction finish, up to grace seconds."""
    loop = asyncio.get_running_loop()
    end = loop.time() + grace
    while sessions:
        for proto in list(sessions):
            if getattr(proto, "transport", None) is None:
                sessions.discard(proto)
            elif _idle(proto):
                _close(proto, polite=True)
        if loop.time() >= end:
            log.warning("stopping with %d sessions still in progress", len(sessions))
            for proto in list(sessions):
                _close(proto, polite=False)
            break
        await asyncio.sleep(0.05)


# How long a worker with more sessions than another lets that one take a new
# connection, and how often it looks again meanwhile.
ACCEPT_DEFER = 0.02
ACCEPT_STEP = 0.002


class Acceptor:
    """Accepts one connection per wake-up from the shared socket, deferring to less busy workers.

    asyncio's own server would accept a whole burst in one go; one at a time
    lets another worker take the next one, and the board says whether it should.
    """

    def __init__(self, sock: socket.socket, factory, sessions: set, board: SessionBoard | None = None, slot: int | None = None):
        self.sock = sock
        self.factory = factory
        self.sessions = sessions
        self.board = board if slot is not None else None
        self.slot = slot
        self._loop = asyncio.get_running_loop()
        self._waiting_since: float | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._tasks: set[asyncio.Task] = set()
        self._open = False

    def start(self) -> None:
        self.sock.setblocking(False)
        self._open = True
        self.publish()
        self._loop.add_reader(self.sock.fileno(), self._ready)

    def close(self) -> None:
        """Stop accepting; what waits in the queue is left for the other workers."""
        if not self._open:
            return
        self._open = False
        if self._timer is not None:
            self._timer.cancel()
        self._loop.remove_reader(self.sock.fileno())
        if self.board is not None:
            self.board.set(self.slot, -1)  # type: ignore[arg-type]

    def publish(self) -> None:
        if self.board is not None and self._open:
            self.board.set(self.slot, len(self.sessions))  # type: ignore[arg-type]

    def should_defer(self) -> bool:
        if self.board is None:
            return False
        least = self.board.least_other(self.slot)  # type: ignore[arg-type]
        if least is None or len(self.sessions) <= least:
            return False
        now = self._loop.time()
        if self._waiting_since is None or now - self._waiting_since > 2 * ACCEPT_DEFER:
            self._waiting_since = now  # a new connection (the last one went elsewhere)
        return now - self._waiting_since < ACCEPT_DEFER

    def _resume(self) -> None:
        self._timer = None
        if self._open:
            self._loop.add_reader(self.sock.fileno(), self._ready)

    def _ready(self) -> None:
        if self.should_defer():
            self._loop.remove_reader(self.sock.fileno())
            self._timer = self._loop.call_later(ACCEPT_STEP, self._resume)
            return
        self._waiting_since = None
        try:
            conn, _ = self.sock.accept()
        except (BlockingIOError, InterruptedError, ConnectionAbortedError):
            return  # another worker took it, or the client gave up
        except OSError as exc:  # out of file descriptors, say: pause, as asyncio's server does
            log.error("cannot accept a connection: %s", exc.strerror or exc)
            self._loop.remove_reader(self.sock.fileno())
            self._timer = self._loop.call_later(1.0, self._resume)
            return
        conn.setblocking(False)
        task = self._loop.create_task(self._serve(conn))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _serve(self, conn: socket.socket) -> None:
        try:
            await self._loop.connect_accepted_socket(self.factory, conn)
        except Exception:  # noqa: BLE001 - the client hung up before the session started
            conn.close()


async def run_worker(
    settings: config_mod.Settings,
    sock: socket.socket,
    ready_fd: int,
    board: SessionBoard | None = None,
    slot: int | None = None,
) -> None:
    from dlpgate import metrics
    from dlpgate.actions.relay import relay_for
    from dlpgate.server import build_gateway
    from dlpgate.smtp import protocol_factory

    smtp = settings.smtp
    relay = metrics.CountingRelay(relay_for(smtp, keep_connections=True))
    gateway = build_gateway(settings, relay=relay)
    sessions: set = set()
    make = protocol_factory(gateway)
    acceptor: Acceptor

    def factory():
        proto = make()
        sessions.add(proto)
        acceptor.publish()
        lost = proto.connection_lost

        def connection_lost(exc):
            sessions.discard(proto)
            acceptor.publish()
            return lost(exc)

        proto.connection_lost = connection_lost
        return proto

    loop = asyncio.get_running_loop()
    acceptor = Acceptor(sock, factory, sessions, board, slot)
    acceptor.start()
    gateway.start()
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    os.write(ready_fd, b"ready\n")
    os.close(ready_fd)
    await stop.wait()
    acceptor.close()  # stop accepting; the other workers (or the next ones) take new connections
    await drain(sessions, smtp.shutdown_grace)
    await gateway.stop()
    gateway.executor.shutdown(wait=False, cancel_futures=True)
    gateway.store.close()


def worker_main(argv: list[str] | None = None) -> int:
    # The supervisor handles reloads; a terminal's Ctrl-C reaches us as SIGTERM-like drain.
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    private_umask()
    p = argparse.ArgumentParser(prog="dlpgate-worker")
    p.add_argument("--fd", type=int, required=True)
    p.add_argument("--ready-fd", type=int, required=True)
    p.add_argument("--board-fd", type=int)
    p.add_argument("--slot", type=int)
    p.add_argument("--config")
    args = p.parse_args(argv)
    sock = socket.socket(fileno=args.fd)
    try:
        settings = config_mod.load(args.config)
        logs.setup(settings.logging.format, settings.logging.level)
        board = SessionBoard(args.board_fd) if args.board_fd is not None and args.slot is not None else None
        asyncio.run(run_worker(settings, sock, args.ready_fd, board, args.slot))
    except Exception as exc:  # noqa: BLE001 - one line; the supervisor decides what next
        if not logging.getLogger().handlers:
            logs.setup()
        log.error("worker stopped: %s", _first_line(exc))
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(worker_main())
