"""The relay holds back the end of a message until its verdict record is on disk.

Deliver and Rewrite run the relay while the verdict's audit record commits
(dlpgate/actions/chain.py): the downstream gets the envelope and the message,
but the final dot only once the record is committed; should the record fail,
the connection is cut before the dot and the downstream discards the message.
Tested against a real aiosmtpd server on loopback, with and without
PIPELINING (the two paths of FastDataSMTP), and against the slow path.
"""

from __future__ import annotations

import asyncio

import pytest
from aiosmtpd.controller import Controller

from dlpgate.actions.chain import recorded_while
from dlpgate.actions.relay import OK, DirRelay, ReleaseFailed, SmtpRelay
from dlpgate.types import Action, Envelope, Verdict
from tests.conftest import free_port
from tests.test_relay_fastpath import BODY, THREE, Scripted

SENDER = "a@example-trust.nhs.uk"


@pytest.fixture(params=[True, False], ids=["pipelining", "one command at a time"])
def downstream(request):
    handler = Scripted(request.param)
    port = free_port()
    ctl = Controller(handler, hostname="127.0.0.1", port=port)
    ctl.start()
    yield handler, port
    ctl.stop()


def test_the_message_is_ended_only_once_released(downstream):
    handler, port = downstream

    async def run():
        relay = SmtpRelay("127.0.0.1", port, timeout=5.0, tls="none")
        release = asyncio.get_running_loop().create_future()
        sending = asyncio.ensure_future(relay.send(SENDER, THREE, BODY, release=release))
        await asyncio.sleep(0.3)  # envelope and body have long reached the server
        assert not sending.done() and handler.accepted == []
        release.set_result(None)
        return await sending

    assert asyncio.run(run()).status == OK
    assert [(m, r) for m, r, _ in handler.accepted] == [(SENDER, list(THREE))]


def test_a_failed_release_delivers_nothing_and_says_so(downstream):
    handler, port = downstream

    async def run():
        relay = SmtpRelay("127.0.0.1", port, timeout=5.0, tls="none", reuse_seconds=5.0)
        release = asyncio.get_running_loop().create_future()
        sending = asyncio.ensure_future(relay.send(SENDER, THREE, BODY, release=release))
        await asyncio.sleep(0.2)
        release.set_exception(OSError("disk full"))
        with pytest.raises(ReleaseFailed):
            await sending
        await asyncio.sleep(0.3)  # the server has seen the connection go
        # the relay is still usable afterwards, on a new connection
        after = await relay.send(SENDER, THREE, BODY)
        await relay.aclose()
        return after

    assert asyncio.run(run()).status == OK
    assert len(handler.accepted) == 1  # only the message sent afterwards


def test_an_already_released_message_goes_as_without_a_release(downstream):
    handler, port = downstream

    async def run():
        relay = SmtpRelay("127.0.0.1", port, timeout=5.0, tls="none")
        done = asyncio.get_running_loop().create_future()
        done.set_result(None)
        return [await relay.send(SENDER, THREE, BODY, release=done), await relay.send(SENDER, THREE, BODY)]

    assert [r.status for r in asyncio.run(run())] == [OK, OK]
    assert handler.accepted[0] == handler.accepted[1]


def test_the_folder_relay_waits_for_the_release_too(tmp_path):
    async def run():
        relay = DirRelay(tmp_path / "out")
        release = asyncio.get_running_loop().create_future()
        sending = asyncio.ensure_future(relay.send(SENDER, THREE, BODY, release=release))
        await asyncio.sleep(0.1)
        assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
        release.set_exception(OSError("disk full"))
        with pytest.raises(ReleaseFailed):
            await sending

    asyncio.run(run())
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.eml"))


class _Log:
    """A verdict log whose commit the test settles."""

    def __init__(self):
        self.commit: asyncio.Future | None = None

    async def record(self, envelope, verdict):
        self.commit = asyncio.get_running_loop().create_future()
        await self.commit


def test_the_reply_waits_for_the_record_and_a_failed_record_is_the_error(downstream):
    handler, port = downstream
    msg_env = Envelope(SENDER, THREE)

    async def run(fail: bool):
        from dlpgate.actions.chain import Decided

        relay = SmtpRelay("127.0.0.1", port, timeout=5.0, tls="none")
        log = _Log()
        msg = Decided(msg_env, BODY, Verdict(action=Action.DELIVER))

        async def send(release):
            res = await relay.send(SENDER, THREE, BODY, release=release)
            return "250 sent" if res.status == OK else "451"

        task = asyncio.ensure_future(recorded_while(log, msg, send))  # type: ignore[arg-type]
        await asyncio.sleep(0.3)
        assert not task.done() and handler.accepted == []
        assert log.commit is not None
        if fail:
            log.commit.set_exception(OSError("disk full"))
            with pytest.raises(OSError, match="disk full"):
                await task
            return None
        log.commit.set_result(None)
        return await task

    assert asyncio.run(run(fail=True)) is None
    assert handler.accepted == []
    assert asyncio.run(run(fail=False)) == "250 sent"
    assert len(handler.accepted) == 1
