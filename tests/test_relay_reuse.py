"""Downstream connection reuse (smtp.relay_reuse_seconds) against a real aiosmtpd server.

A kept connection saves a TCP handshake, TLS and EHLO per message. It must
never cost a message: a kept connection found dead before anything was sent is
replaced by a new one; a failure once the message is under way is reported,
not retried, so nothing is sent twice.
"""

from __future__ import annotations

import asyncio
import threading

import pytest
from aiosmtpd.controller import Controller

from dlpgate.actions.relay import OK, TEMP, SmtpRelay
from tests.conftest import free_port

RAW = b"From: a@example-trust.nhs.uk\r\nTo: b@partner.example.org\r\nSubject: t\r\n\r\nHello\r\n"
RCPT = ("b@partner.example.org",)


class Downstream:
    """Records each accepted message with the client port it came over, and each QUIT."""

    def __init__(self, pipelining: bool = False) -> None:
        self.pipelining = pipelining
        self.messages: list[tuple[int, bytes]] = []
        self.quits = 0
        self.mail_421_after = 0  # > 0: in a session that already carried this many messages, MAIL gets 421
        self.data_reply = ""
        self.lock = threading.Lock()

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        if self.pipelining:  # the relay then sends MAIL, RCPT and DATA at once
            return responses[:-1] + ["250-PIPELINING"] + responses[-1:]
        return responses

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        done = getattr(session, "done", 0)
        if self.mail_421_after and done >= self.mail_421_after:
            return "421 4.3.2 Service shutting down"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.data_reply:
            return self.data_reply
        session.done = getattr(session, "done", 0) + 1
        with self.lock:
            self.messages.append((session.peer[1], envelope.original_content))
        return "250 2.0.0 OK"

    async def handle_QUIT(self, server, session, envelope):
        with self.lock:
            self.quits += 1
        return "221 Bye"

    @property
    def connections(self) -> set[int]:
        return {port for port, _ in self.messages}


@pytest.fixture(params=[False, True], ids=["one-command-at-a-time", "pipelining"])
def downstream(request):
    made = []

    def start(**server_kwargs) -> tuple[Downstream, int]:
        d, port = Downstream(request.param), free_port()
        c = Controller(d, hostname="127.0.0.1", port=port, **server_kwargs)
        c.start()
        made.append(c)
        return d, port

    yield start
    for c in made:
        c.stop()


def relay(port: int, reuse: float = 5.0) -> SmtpRelay:
    return SmtpRelay("127.0.0.1", port, timeout=5.0, helo="gw.test", tls="none", reuse_seconds=reuse)


async def test_messages_in_sequence_share_one_connection(downstream):
    d, port = downstream()
    r = relay(port)
    for _ in range(5):
        assert (await r.send("a@example-trust.nhs.uk", RCPT, RAW)).status == OK
    await r.aclose()
    assert len(d.messages) == 5 and len(d.connections) == 1
    assert d.quits == 1, "the kept connection is closed with QUIT at shutdown"


async def test_reuse_off_opens_a_connection_per_message(downstream):
    d, port = downstream()
    r = relay(port, reuse=0)
    for _ in range(3):
        assert (await r.send("a@example-trust.nhs.uk", RCPT, RAW)).status == OK
    assert len(d.connections) == 3 and d.quits == 3
    assert r._kept == []


async def test_concurrent_messages_each_get_a_connection_and_all_arrive(downstream):
    d, port = downstream()
    r = relay(port)
    results = await asyncio.gather(*(r.send("a@example-trust.nhs.uk", RCPT, RAW) for _ in range(8)))
    assert all(res.status == OK for res in results)
    results = await asyncio.gather(*(r.send("a@example-trust.nhs.uk", RCPT, RAW) for _ in range(8)))
    assert all(res.status == OK for res in results)
    await r.aclose()
    assert len(d.messages) == 16
    assert len(d.connections) <= 8, "the second round reuses the first round's connections"


async def test_a_connection_the_downstream_timed_out_is_replaced(downstream):
    # aiosmtpd closes a session idle for `timeout` seconds (with a 421), as real MTAs do.
    d, port = downstream(timeout=0.2)
    r = relay(port)
    assert (await r.send("a@example-trust.nhs.uk", RCPT, RAW)).status == OK
    await asyncio.sleep(0.6)
    assert (await r.send("a@example-trust.nhs.uk", RCPT, RAW)).status == OK
    await r.aclose()
    assert len(d.messages) == 2 and len(d.connections) == 2


async def test_421_at_mail_on_a_kept_connection_is_retried_on_a_new_one(downstream):
    d, port = downstream()
    d.mail_421_after = 1  # each session carries one message, then refuses MAIL with 421
    r = relay(port)
    for _ in range(3):
        assert (await r.send("a@example-trust.nhs.uk", RCPT, RAW)).status == OK
    await r.aclose()
    assert len(d.messages) == 3 and len(d.connections) == 3


async def test_a_failure_once_the_message_is_under_way_is_reported_not_retried(downstream):
    d, port = downstream()
    r = relay(port)
    assert (await r.send("a@example-trust.nhs.uk", RCPT, RAW)).status == OK
    d.data_reply = "451 4.3.0 try later"
    res = await r.send("a@example-trust.nhs.uk", RCPT, RAW)
    assert res.status == TEMP and res.code == 451
    d.data_reply = ""
    assert (await r.send("a@example-trust.nhs.uk", RCPT, RAW)).status == OK
    await r.aclose()
    assert len(d.messages) == 2


async def test_idle_connections_are_closed_after_reuse_seconds(downstream):
    d, port = downstream()
    r = relay(port, reuse=0.2)
    assert (await r.send("a@example-trust.nhs.uk", RCPT, RAW)).status == OK
    assert len(r._kept) == 1
    await asyncio.sleep(0.7)
    assert r._kept == [] and d.quits == 1, "an idle connection gets QUIT once its time is up"
    await r.aclose()


async def test_a_downstream_that_went_away_gives_temp_not_an_error(downstream):
    d, port = downstream()
    r = relay(port)
    assert (await r.send("a@example-trust.nhs.uk", RCPT, RAW)).status == OK
    r.port = free_port()  # nothing listens there; the kept connection is dropped below
    for kept in r._kept:
        kept.client.close()
    res = await r.send("a@example-trust.nhs.uk", RCPT, RAW)
    assert res.status == TEMP
    await r.aclose()


# -- delivery that waits for something (the verdict's audit record) ---------------------------


async def test_the_message_is_delivered_only_once_ready_is_done(downstream):
    d, port = downstream()
    r = relay(port)
    ready: asyncio.Future = asyncio.get_running_loop().create_future()
    sending = asyncio.ensure_future(r.send("a@example-trust.nhs.uk", RCPT, RAW, ready=ready))
    await asyncio.sleep(0.3)
    assert not sending.done() and d.messages == [], "nothing is delivered before ready is done"
    ready.set_result(None)
    assert (await sending).status == OK
    assert [raw for _, raw in d.messages] == [RAW]
    assert (await r.send("a@example-trust.nhs.uk", RCPT, RAW, ready=ready)).status == OK  # already done: no wait
    await r.aclose()
    assert len(d.messages) == 2


async def test_a_failed_ready_delivers_nothing_and_says_why(downstream):
    from dlpgate.actions.relay import NotReady

    d, port = downstream()
    r = relay(port)
    assert (await r.send("a@example-trust.nhs.uk", RCPT, RAW)).status == OK  # a kept connection first
    ready: asyncio.Future = asyncio.get_running_loop().create_future()
    sending = asyncio.ensure_future(r.send("a@example-trust.nhs.uk", RCPT, RAW, ready=ready))
    await asyncio.sleep(0.2)
    ready.set_exception(OSError("disk full"))
    with pytest.raises(NotReady) as caught:
        await sending
    assert isinstance(caught.value.__cause__, OSError)
    await asyncio.sleep(0.3)
    assert len(d.messages) == 1, "the connection closed before the final dot: the downstream kept nothing"
    assert (await r.send("a@example-trust.nhs.uk", RCPT, RAW)).status == OK  # the relay carries on
    await r.aclose()
    assert len(d.messages) == 2


async def test_a_delivery_refused_before_ready_is_reported_as_refused(downstream):
    d, port = downstream()
    r = relay(port)
    d.data_reply = "554 5.7.1 no thanks"
    ready: asyncio.Future = asyncio.get_running_loop().create_future()
    ready.set_result(None)
    res = await r.send("a@example-trust.nhs.uk", RCPT, RAW, ready=ready)
    assert res.status != OK and res.code == 554
    await r.aclose()
    assert d.messages == []
