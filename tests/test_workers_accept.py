"""Accepting from the shared socket: sessions spread evenly over workers, and nothing waits long."""

from __future__ import annotations

import asyncio
import socket

import pytest

from dlpgate.workers import ACCEPT_DEFER, Acceptor, SessionBoard, bind

pytestmark = pytest.mark.skipif(SessionBoard.create() is None, reason="needs memfd_create")


class Session(asyncio.Protocol):
    def __init__(self, sessions: set):
        self.sessions = sessions

    def connection_made(self, transport):
        self.transport = transport

    def connection_lost(self, exc):
        self.sessions.discard(self)


def _worker(sock, board, slot):
    sessions: set = set()
    acceptor: Acceptor

    def factory():
        proto = Session(sessions)
        sessions.add(proto)
        acceptor.publish()
        return proto

    acceptor = Acceptor(sock, factory, sessions, board, slot)
    return acceptor, sessions


async def _connect_many(port: int, n: int) -> list[socket.socket]:
    clients = []
    for _ in range(n):
        c = socket.create_connection(("127.0.0.1", port))
        clients.append(c)
        await asyncio.sleep(0.03)  # let the workers see each one
    await asyncio.sleep(ACCEPT_DEFER * 3)
    return clients


@pytest.mark.parametrize("balanced", [True, False])
async def test_sessions_spread_over_workers_and_every_connection_is_served(balanced):
    """With the board each worker gets half (give or take one); without it (the slow path) all are still served."""
    sock = bind("127.0.0.1:0")
    board = SessionBoard.create() if balanced else None
    other = sock.dup()  # as a second process has it: its own descriptor of the one socket
    a, sa = _worker(sock, board, 0)
    b, sb = _worker(other, board, 1)
    a.start()
    b.start()
    clients = await _connect_many(sock.getsockname()[1], 10)
    try:
        assert len(sa) + len(sb) == 10
        if balanced:
            assert abs(len(sa) - len(sb)) <= 1, (len(sa), len(sb))
            assert (board.counts[0], board.counts[1]) == (len(sa), len(sb))
    finally:
        for c in clients:
            c.close()
        a.close()
        b.close()
        sock.close()
        other.close()
    if balanced:
        assert board.counts[0] == board.counts[1] == -1  # closed: no longer taking connections


async def test_a_busier_worker_still_accepts_when_the_other_does_not():
    """A worker that never takes its turn (stuck, or starting) delays a connection by ACCEPT_DEFER at most."""
    sock = bind("127.0.0.1:0")
    board = SessionBoard.create()
    board.set(1, 0)  # another worker says it has no sessions, but never accepts
    a, sa = _worker(sock, board, 0)
    a.start()
    loop = asyncio.get_running_loop()
    try:
        clients = await _connect_many(sock.getsockname()[1], 3)
        assert len(sa) == 3
        started = loop.time()
        extra = socket.create_connection(("127.0.0.1", sock.getsockname()[1]))
        while len(sa) < 4 and loop.time() - started < 2:
            await asyncio.sleep(0.001)
        waited = loop.time() - started
        assert len(sa) == 4
        assert ACCEPT_DEFER * 0.5 <= waited < ACCEPT_DEFER + 0.2  # it did defer, and not for long
        clients.append(extra)
    finally:
        for c in clients:
            c.close()
        a.close()
        sock.close()
