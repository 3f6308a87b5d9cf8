"""`dlpgate serve`: a supervisor that keeps smtp.workers worker processes running on one socket.

It binds smtp.listen once and starts the workers (dlpgate/workers.py), which
inherit the socket.

- A worker that dies is replaced. No accepted message is lost: a worker answers
  250 only once the message is delivered or committed to the quarantine, so
  whatever a killed worker was handling was not accepted yet and the upstream
  MTA sends it again.
- SIGHUP reloads the configuration: the file is read and checked again (a bad
  file is logged in one line and the running configuration is kept); new
  workers start with it, then the old ones stop accepting, finish the sessions
  in progress and exit.
- SIGTERM or SIGINT: the workers stop in the same way, then the supervisor exits.
- With [metrics] listen set, the supervisor serves /metrics and /healthz (dlpgate/health.py).

Three parts, one job each: WorkerPool starts, replaces and stops the worker
processes; Signals turns signals into events on the supervisor's event loop
(SIGCHLD included, so an exit is seen when it happens); health.Ops keeps the
store, the metrics folder and the HTTP listener. Supervisor wires them and
waits for whichever comes first: a signal, or the pool's next deadline.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from dlpgate import config as config_mod
from dlpgate.health import Ops
from dlpgate.server import private_umask
from dlpgate.workers import SessionBoard, bind, check_settings, first_line, worker_count

log = logging.getLogger("dlpgate")

READY_TIMEOUT = 90.0
# A worker that exits this soon after it started is crash-looping: the next
# start waits CRASH_PAUSE; a start that fails waits START_RETRY.
CRASH_WINDOW = 2.0
CRASH_PAUSE = 1.0
START_RETRY = 2.0
KILL_MARGIN = 5.0  # past smtp.shutdown_grace, a stopping worker is killed


@dataclass(eq=False)
class Worker:
    proc: subprocess.Popen
    started: float
    stopping_since: float | None = None
    slot: int | None = None
    killed: bool = False

    @property
    def pid(self) -> int:
        return self.proc.pid


class Signals:
    """SIGTERM and SIGINT ask to stop, SIGHUP to reload; those and SIGCHLD wake the supervisor."""

    WAKE = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGCHLD)

    def __init__(self) -> None:
        self.stopping = False
        self.reload_asked = False
        self._wake: asyncio.Event | None = None

    def install(self) -> None:
        loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        for sig in self.WAKE:
            loop.add_signal_handler(sig, self._on_signal, sig)

    def _on_signal(self, sig: int) -> None:
        if sig in (signal.SIGTERM, signal.SIGINT):
            self.stopping = True
        elif sig == signal.SIGHUP:
            self.reload_asked = True
        if self._wake is not None:
            self._wake.set()

    def take_reload(self) -> bool:
        asked, self.reload_asked = self.reload_asked, False
        return asked

    async def wait(self, timeout: float | None) -> None:
        """Until a signal comes, or timeout seconds (None: no limit)."""
        assert self._wake is not None, "install() first"
        if timeout is None or timeout > 0:
            try:
                await asyncio.wait_for(self._wake.wait(), timeout)
            except TimeoutError:
                pass
        self._wake.clear()

    def ignore(self) -> None:
        """Once the loop has closed (and with it the handlers): a late signal no longer cuts the clean-up short."""
        if self._wake is not None:
            for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
                signal.signal(sig, signal.SIG_IGN)


class WorkerPool:
    """Worker processes on one listening socket: started, replaced when they exit, stopped."""

    def __init__(
        self,
        sock: socket.socket,
        config_path: Path | None,
        board: SessionBoard | None,
        env: dict[str, str],
        on_exit: Callable[[int], None],
    ):
        self.sock = sock
        self.config_path = config_path
        self.board = board
        self.env = env
        self.on_exit = on_exit
        self.count = 0
        self.workers: list[Worker] = []
        self.draining: list[Worker] = []
        self.next_spawn = 0.0

    # -- starting -------------------------------------------------------------

    async def start(self, n: int) -> list[Worker]:
        """Start n workers with the current config file; only those that said "ready"."""
        taken = {w.slot for w in self.workers + self.draining if w.slot is not None}
        pending = [self._spawn(taken) for _ in range(n)]
        deadline = time.monotonic() + READY_TIMEOUT
        said = await asyncio.gather(*(_ready(r, deadline) for _, r in pending))
        ready = []
        for (worker, _), ok in zip(pending, said, strict=True):
            if ok:
                ready.append(worker)
                continue
            log.error("worker %d did not start (exit code %s)", worker.pid, worker.proc.poll())
            if worker.proc.poll() is None:
                worker.proc.kill()
            worker.proc.wait()
            self._gone(worker)
        return ready

    def _spawn(self, taken: set[int]) -> tuple[Worker, int]:
        """A worker process, and the pipe end where it says "ready"."""
        r, w = os.pipe()
        fd = self.sock.fileno()
        cmd = [sys.executable, "-m", "dlpgate.workers", "--fd", str(fd), "--ready-fd", str(w)]
        fds = [fd, w]
        slot = self.board.free_slot(taken) if self.board is not None else None
        if self.board is not None and slot is not None:
            taken.add(slot)
            cmd += ["--board-fd", str(self.board.fd), "--slot", str(slot)]
            fds.append(self.board.fd)
        if self.config_path:
            cmd += ["--config", str(self.config_path)]
        try:
            proc = subprocess.Popen(cmd, pass_fds=fds, env={**os.environ, **self.env})
        except BaseException:
            os.close(r)
            raise
        finally:
            os.close(w)
        return Worker(proc, time.monotonic(), slot=slot), r

    async def fill(self) -> None:
        """Start the workers missing from count, unless a crash loop says wait."""
        missing = self.count - len(self.workers)
        if missing <= 0 or time.monotonic() < self.next_spawn:
            return
        started = await self.start(missing)
        self.workers += started
        if len(started) < missing:
            self.next_spawn = time.monotonic() + START_RETRY

    # -- stopping -------------------------------------------------------------

    def retire(self, workers: list[Worker]) -> None:
        """Ask these to finish their sessions and exit."""
        for w in workers:
            _terminate(w)
        self.draining += workers

    def reap(self, grace: float) -> None:
        """Take note of the workers that exited; kill a stopping one that outstays grace."""
        now = time.monotonic()
        for w in list(self.workers):
            code = w.proc.poll()
            if code is None:
                continue
            self.workers.remove(w)
            self._gone(w)
            log.warning("worker %d exited (code %s); starting another", w.pid, code)
            if now - w.started < CRASH_WINDOW:
                self.next_spawn = max(self.next_spawn, now + CRASH_PAUSE)
        for w in list(self.draining):
            if w.proc.poll() is not None:
                self.draining.remove(w)
                self._gone(w)
                log.info("worker %d finished its sessions and stopped", w.pid)
            elif not w.killed and now - (w.stopping_since or now) > grace + KILL_MARGIN:
                log.warning("worker %d did not stop in time; killing it", w.pid)
                w.proc.kill()
                w.killed = True  # its exit comes as SIGCHLD

    def next_deadline(self, grace: float) -> float | None:
        """When reap() or fill() next has something to do that no signal will announce."""
        times = [(w.stopping_since or 0.0) + grace + KILL_MARGIN for w in self.draining if not w.killed]
        if len(self.workers) < self.count:
            times.append(self.next_spawn)
        return min(times) if times else None

    async def stop(self, grace: float, wait: Callable[[float], Awaitable[None]]) -> None:
        """Stop every worker: SIGTERM, then up to grace (and a margin) to finish, then SIGKILL."""
        everyone = self.workers + self.draining
        for w in everyone:
            _terminate(w)
        deadline = time.monotonic() + grace + KILL_MARGIN
        while any(w.proc.poll() is None for w in everyone) and time.monotonic() < deadline:
            await wait(deadline - time.monotonic())  # until a worker exits (SIGCHLD)
        for w in everyone:
            if w.proc.poll() is None:
                log.warning("worker %d did not stop in time; killing it", w.pid)
                w.proc.kill()
                w.proc.wait()
        self.workers, self.draining = [], []

    def _gone(self, w: Worker) -> None:
        if self.board is not None and w.slot is not None:
            self.board.set(w.slot, -1)  # a killed worker could not say it stopped accepting
        self.on_exit(w.pid)


def _terminate(w: Worker) -> None:
    if w.proc.poll() is None:
        w.proc.send_signal(signal.SIGTERM)
    w.stopping_since = w.stopping_since or time.monotonic()


async def _ready(r: int, deadline: float) -> bool:
    """Whether the worker wrote "ready" on its pipe before deadline; the pipe's end (EOF) means it exited."""
    loop = asyncio.get_running_loop()
    said: asyncio.Future[bytes] = loop.create_future()

    def readable() -> None:
        if not said.done():
            said.set_result(os.read(r, 16))

    loop.add_reader(r, readable)
    try:
        return (await asyncio.wait_for(said, max(0.0, deadline - time.monotonic()))).startswith(b"ready")
    except TimeoutError:
        return False
    finally:
        loop.remove_reader(r)
        os.close(r)


class Supervisor:
    def __init__(self, config_path: Path | None, settings: config_mod.Settings):
        self.config_path = config_path.resolve() if config_path else None
        self.settings = settings
        self.ops = Ops(settings)
        self.signals = Signals()
        self.board = SessionBoard.create()

    def run(self) -> int:
        self.ops.open()  # the store creates its tables once, before the workers start
        sock = None
        try:
            sock = self._bind()
            self.ops.serve()
            return asyncio.run(self._supervise(sock))
        finally:
            self.signals.ignore()
            if sock is not None:
                sock.close()
            self.ops.close()

    def _bind(self) -> socket.socket:
        try:
            return bind(self.settings.smtp.listen)
        except OSError as exc:
            raise config_mod.ConfigError(
                f"config: smtp.listen {self.settings.smtp.listen}: {exc.strerror or exc}"
            ) from None

    async def _supervise(self, sock: socket.socket) -> int:
        self.signals.install()
        pool = WorkerPool(sock, self.config_path, self.board, self.ops.worker_env(), self.ops.worker_gone)
        pool.count = worker_count(self.settings)
        pool.workers = await pool.start(pool.count)
        if not pool.workers:
            log.error("no worker started; stopping")
            return 1
        log.info(
            "dlpgate listening on %s with %d workers, relaying to %s",
            self.settings.smtp.listen,
            len(pool.workers),
            self.settings.smtp.relay,
        )
        while not self.signals.stopping:
            if self.signals.take_reload():
                await self.reload(pool)
            grace = self.settings.smtp.shutdown_grace
            pool.reap(grace)
            await pool.fill()
            deadline = pool.next_deadline(grace)
            await self.signals.wait(None if deadline is None else deadline - time.monotonic())
        log.info("dlpgate stopping")
        await pool.stop(self.settings.smtp.shutdown_grace, self.signals.wait)
        return 0

    async def reload(self, pool: WorkerPool) -> None:
        from dlpgate.detectors.base import DetectorConfigError

        try:
            settings = config_mod.load(self.config_path)
            check_settings(settings)
        except (config_mod.ConfigError, DetectorConfigError, OSError, ValueError) as exc:
            log.error("reload failed, keeping the running configuration: %s", first_line(exc))
            return
        for key in ("smtp.listen", "metrics.listen"):
            section, name = key.split(".")
            if getattr(getattr(settings, section), name) != getattr(getattr(self.settings, section), name):
                log.warning("reload: %s changed; that takes effect only after a restart", key)
        count = worker_count(settings)
        fresh = await pool.start(count)
        if len(fresh) < count:
            pool.retire(fresh)
            log.error("reload failed, keeping the running configuration: new workers did not start")
            return
        old, pool.workers = pool.workers, fresh
        pool.retire(old)
        pool.count = count
        try:
            self.ops.reload(settings)
        except Exception as exc:  # the workers report their own store errors
            log.error("reload: cannot open the new store for /healthz and /metrics: %s", first_line(exc))
        self.settings = settings
        log.info("configuration reloaded: %d new workers; %d old workers finish their sessions", len(fresh), len(old))


def supervise(config_path: Path | None, settings: config_mod.Settings) -> int:
    private_umask()
    check_settings(settings)
    return Supervisor(config_path, settings).run()
