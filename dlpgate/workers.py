"""The worker processes of `dlpgate serve`, several on one listening socket.

The supervisor (dlpgate/supervise.py) binds smtp.listen once and starts
smtp.workers processes (`python -m dlpgate.workers`) that inherit the socket:
the kernel hands each new connection to whichever worker accepts first, so
inspection runs on every core, and a worker that stops accepting loses nothing
waiting in the queue (the others take it).

An MTA keeps its sessions open for many messages, so where a connection lands
decides which core its mail runs on for minutes. Each worker publishes its
number of open sessions (its SessionRegistry) on a small shared board
(SessionBoard); a worker with more sessions than the least busy one waits a
moment (up to ACCEPT_DEFER) before accepting, so the other takes the
connection. If the other does not (busy, stuck), the waiting worker accepts
anyway: nothing waits longer.

On SIGTERM a worker stops accepting, closes its idle sessions with 421, lets
those in a transaction finish (up to smtp.shutdown_grace) and exits.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import mmap
import os
import signal
import socket
import sys
from collections.abc import Callable, Sized
from typing import TYPE_CHECKING

from dlpgate import config as config_mod
from dlpgate import logs
from dlpgate.types import HostPort

if TYPE_CHECKING:
    from dlpgate.smtp import SessionRegistry

log = logging.getLogger("dlpgate")


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


def first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else exc.__class__.__name__


def check_settings(settings: config_mod.Settings) -> None:
    """What a worker would build: raises on bad detector options or missing data files."""
    from dlpgate import pipeline

    pipeline.build_engine(settings)


# -- the worker process ---------------------------------------------------------


async def drain(sessions: SessionRegistry, grace: float) -> None:
    """Close idle sessions with 421 and the others as their transaction ends; after grace seconds, close the rest."""
    for session in sessions:
        session.close_when_idle()
    if not await sessions.wait_empty(grace):
        log.warning("stopping with %d sessions still in progress", len(sessions))
        for session in sessions:
            session.hang_up()


# How long a worker with more sessions than another lets that one take a new
# connection, and how often it looks again meanwhile.
ACCEPT_DEFER = 0.02
ACCEPT_STEP = 0.002


class Acceptor:
    """Accepts one connection per wake-up from the shared socket, deferring to less busy workers.

    asyncio's own server would accept a whole burst in one go; one at a time
    lets another worker take the next one, and the board says whether it should.
    """

    def __init__(
        self,
        sock: socket.socket,
        factory: Callable[[], asyncio.Protocol],
        sessions: Sized,
        board: SessionBoard | None = None,
        slot: int | None = None,
    ):
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
        if self.board is not None and self.slot is not None:
            self.board.set(self.slot, -1)

    def publish(self) -> None:
        if self.board is not None and self.slot is not None and self._open:
            self.board.set(self.slot, len(self.sessions))

    def should_defer(self) -> bool:
        if self.board is None or self.slot is None:
            return False
        least = self.board.least_other(self.slot)
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
        except Exception:  # the client hung up before the session started
            conn.close()


def settle_heap() -> None:
    """Collects what start-up left, then keeps the objects that live for the worker's life (the
    engine's lexicons, automata and patterns, the readers' libraries: about 100,000) out of the
    collector's later passes: a full pass over them stopped every message in flight for 30-50 ms."""
    gc.collect()
    gc.freeze()


async def run_worker(
    settings: config_mod.Settings,
    sock: socket.socket,
    ready_fd: int,
    board: SessionBoard | None = None,
    slot: int | None = None,
) -> None:
    from dlpgate import metrics
    from dlpgate.actions.relay import relay_for
    from dlpgate.pipeline import preload_readers
    from dlpgate.server import build_gateway
    from dlpgate.smtp import SessionRegistry, protocol_factory

    # The readers' libraries, before accepting: imported at a message, they cost it a second or more.
    missing = preload_readers()
    if missing:
        log.warning("readers' libraries not available (their files are held as unreadable): %s", ", ".join(missing))
    smtp = settings.smtp
    relay = metrics.CountingRelay(relay_for(smtp, keep_connections=True))
    gateway = build_gateway(settings, relay=relay)
    sessions = SessionRegistry()
    loop = asyncio.get_running_loop()
    acceptor = Acceptor(sock, protocol_factory(gateway, sessions), sessions, board, slot)
    sessions.watch(acceptor.publish)
    acceptor.start()
    gateway.start()
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    settle_heap()
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
    from dlpgate.server import private_umask

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
    except Exception as exc:  # one line; the supervisor decides what next
        if not logging.getLogger().handlers:
            logs.setup()
        log.error("worker stopped: %s", first_line(exc))
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(worker_main())
