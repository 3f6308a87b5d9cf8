"""Group commit of verdict records: one disk sync serves many messages in flight."""

from __future__ import annotations

import asyncio

import pytest

from dlpgate.actions.audit import VerdictLog
from dlpgate.store import open_store
from dlpgate.types import Action, Envelope, Verdict

ENV = Envelope("a@example-trust.nhs.uk", ("b@partner.example.org",))


def count_commits(store) -> list[int]:
    """The number of records in each verdict transaction of `store`, as they happen."""
    calls: list[int] = []
    real = store.audit_many

    def counting(entries):
        calls.append(len(entries))
        real(entries)

    store.audit_many = counting
    return calls


async def test_concurrent_records_share_transactions_and_all_land(tmp_path):
    store = open_store(tmp_path)
    calls = count_commits(store)
    log = VerdictLog(store)
    await asyncio.gather(*(log.record(ENV, Verdict(action=Action.DELIVER, sha256=f"{i:064x}")) for i in range(40)))
    assert sum(calls) == 40 and len(calls) < 40
    assert len(store.audit_records()) == 40 and store.audit_verify().ok
    store.close()


async def test_a_failed_commit_fails_every_message_in_the_batch(tmp_path):
    store = open_store(tmp_path)

    def broken(entries):
        raise OSError("disk full")

    store.audit_many = broken
    log = VerdictLog(store)
    results = await asyncio.gather(*(log.record(ENV, Verdict(action=Action.DELIVER)) for _ in range(5)), return_exceptions=True)
    assert all(isinstance(r, OSError) for r in results)
    store.close()
    with pytest.raises(OSError):
        await log.record(ENV, Verdict(action=Action.DELIVER))


async def test_records_arriving_while_another_writer_commits_go_in_one_batch(tmp_path):
    """The batch is taken once the write lock is held: what came in meanwhile shares one sync."""
    import threading

    store = open_store(tmp_path)
    calls = count_commits(store)
    log = VerdictLog(store)
    other = open_store(tmp_path)  # another writer on the same file (as another worker would be)
    held, release = threading.Event(), threading.Event()

    def busy_writer():
        with other.writing():
            held.set()
            release.wait(5)

    t = threading.Thread(target=busy_writer)
    t.start()
    held.wait(5)
    tasks = []
    for i in range(20):
        tasks.append(asyncio.ensure_future(log.record(ENV, Verdict(action=Action.DELIVER, sha256=f"{i:064x}"))))
        await asyncio.sleep(0.005)
    assert not any(task.done() for task in tasks)  # nobody is told "on disk" before it is
    release.set()
    await asyncio.gather(*tasks)
    t.join()
    assert calls == [20]
    assert len(store.audit_records()) == 20 and store.audit_verify().ok
    other.close()
    store.close()
