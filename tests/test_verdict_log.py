"""Group commit of verdict records: one disk sync serves many messages in flight."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from dlpgate.actions import audit as audit_mod
from dlpgate.actions.audit import VerdictLog, VerdictLogClosed
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


def committers() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.name == "verdict-log"}


class BusyWriter:
    """Another writer on the same file holding the write lock until released (as another worker would)."""

    def __init__(self, tmp_path):
        self.other = open_store(tmp_path)
        self.held, self.release = threading.Event(), threading.Event()
        self.thread = threading.Thread(target=self._hold)
        self.thread.start()
        assert self.held.wait(5)

    def _hold(self):
        with self.other.writing():
            self.held.set()
            self.release.wait(5)

    def done(self):
        self.release.set()
        self.thread.join()
        self.other.close()


def sha(i: int) -> Verdict:
    return Verdict(action=Action.DELIVER, sha256=f"{i:064x}")


async def test_records_land_in_the_order_they_arrived(tmp_path):
    store = open_store(tmp_path)
    log = VerdictLog(store)
    for start in (0, 30):
        await asyncio.gather(*(log.record(ENV, sha(i)) for i in range(start, start + 30)))
    assert [r["data"]["sha256"] for r in reversed(store.audit_records())] == [f"{i:064x}" for i in range(60)]
    await log.close()
    store.close()


async def test_close_commits_what_is_queued_then_ends_the_committer(tmp_path):
    before = committers()
    store = open_store(tmp_path)
    log = VerdictLog(store)
    await log.record(ENV, sha(0))
    assert committers() - before  # started by the first record
    busy = BusyWriter(tmp_path)
    queued = [asyncio.ensure_future(log.record(ENV, sha(i))) for i in range(1, 6)]
    await asyncio.sleep(0.02)
    closing = asyncio.ensure_future(log.close())
    await asyncio.sleep(0.02)
    with pytest.raises(VerdictLogClosed):  # nothing is taken once close() has begun
        await log.record(ENV, sha(9))
    assert not closing.done() and not any(task.done() for task in queued)
    busy.done()
    await closing
    assert all(task.done() and task.exception() is None for task in queued)
    assert not committers() - before
    assert len(store.audit_records()) == 6 and store.audit_verify().ok
    await log.close()  # twice is harmless
    store.close()


async def test_a_log_closed_before_any_record_starts_no_thread(tmp_path):
    before = committers()
    store = open_store(tmp_path)
    log = VerdictLog(store)
    await log.close()
    with pytest.raises(VerdictLogClosed):
        await log.record(ENV, sha(0))
    assert not committers() - before
    store.close()


async def test_an_idle_committer_ends_and_the_next_record_starts_another(tmp_path, monkeypatch):
    monkeypatch.setattr(audit_mod, "IDLE_SECONDS", 0.05)
    before = committers()
    store = open_store(tmp_path)
    log = VerdictLog(store)
    await log.record(ENV, sha(0))
    deadline = time.monotonic() + 5
    while committers() - before and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
    assert not committers() - before
    await log.record(ENV, sha(1))
    assert len(store.audit_records()) == 2
    await log.close()
    assert not committers() - before
    store.close()


async def test_a_failed_commit_fails_every_message_of_that_batch_and_only_it(tmp_path):
    store = open_store(tmp_path)
    calls = count_commits(store)
    real = store.audit_many
    failures = iter([OSError("disk full")])

    def fails_once(entries):
        error = next(failures, None)
        if error is not None:
            calls.append(-len(entries))
            raise error
        real(entries)

    store.audit_many = fails_once
    log = VerdictLog(store)
    busy = BusyWriter(tmp_path)
    batch = [asyncio.ensure_future(log.record(ENV, sha(i))) for i in range(5)]
    await asyncio.sleep(0.02)
    busy.done()
    results = await asyncio.gather(*batch, return_exceptions=True)
    assert calls == [-5]  # one batch, refused
    assert all(isinstance(r, OSError) for r in results) and len({id(r) for r in results}) == 1
    await asyncio.gather(*(log.record(ENV, sha(i)) for i in range(5, 8)))  # the next batch commits
    assert len(store.audit_records()) == 3 and store.audit_verify().ok
    await log.close()
    store.close()


async def test_a_committer_that_fails_outside_a_commit_fails_its_records_and_is_replaced(tmp_path, monkeypatch):
    from dlpgate.actions.audit import VerdictLogClosed

    store = open_store(tmp_path)
    log = VerdictLog(store)
    real = VerdictLog._commit
    failures = iter([RuntimeError("committer bug")])

    def broken_once(self, first):
        error = next(failures, None)
        if error is not None:
            raise error
        return real(self, first)

    monkeypatch.setattr(VerdictLog, "_commit", broken_once)
    results = await asyncio.gather(*(log.record(ENV, sha(i)) for i in range(3)), return_exceptions=True)
    assert all(isinstance(r, VerdictLogClosed) for r in results), results  # none left waiting
    await log.record(ENV, sha(9))  # a new committer takes the next record
    assert len(store.audit_records()) == 1
    await log.close()
    store.close()


async def test_a_cancelled_waiter_leaves_the_others_their_answer(tmp_path):
    store = open_store(tmp_path)
    log = VerdictLog(store)
    busy = BusyWriter(tmp_path)
    tasks = [asyncio.ensure_future(log.record(ENV, sha(i))) for i in range(4)]
    await asyncio.sleep(0.02)
    tasks[1].cancel()
    busy.done()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    assert isinstance(results[1], asyncio.CancelledError)
    assert results[0] is None and results[2] is None and results[3] is None
    assert len(store.audit_records()) == 4  # the cancelled message's record was committed with the batch
    await log.close()
    store.close()


def test_a_loop_closed_while_its_records_commit_leaves_the_committer_serving_others(tmp_path):
    store = open_store(tmp_path)
    log = VerdictLog(store)
    busy = BusyWriter(tmp_path)

    async def abandon():
        asyncio.ensure_future(log.record(ENV, sha(0)))
        await asyncio.sleep(0.02)  # asyncio.run then cancels the waiting record and closes the loop

    asyncio.run(abandon())
    busy.done()

    async def later():
        await log.record(ENV, sha(1))
        await log.close()

    asyncio.run(later())
    assert len(store.audit_records()) == 2 and store.audit_verify().ok
    store.close()


def test_many_loops_share_one_log_and_many_logs_run_side_by_side(tmp_path):
    before = committers()
    shared_store = open_store(tmp_path / "shared")
    shared = VerdictLog(shared_store)
    own = [(open_store(tmp_path / f"own{n}"), n) for n in range(3)]
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        async def main():
            mine = VerdictLog(own[n % 3][0]) if n < 3 else None
            for round_ in range(10):
                records = [shared.record(ENV, sha(n * 1000 + round_ * 10 + i)) for i in range(3)]
                if mine is not None:
                    records += [mine.record(ENV, sha(round_ * 10 + i)) for i in range(3)]
                await asyncio.gather(*records)
            if mine is not None:
                await mine.close()

        try:
            asyncio.run(main())
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors
    asyncio.run(shared.close())
    rows = [r["data"]["sha256"] for r in reversed(shared_store.audit_records())]
    assert len(rows) == 6 * 30 and shared_store.audit_verify().ok
    for n in range(6):  # each loop's records in the order it made them
        mine = [f"{n * 1000 + k:064x}" for k in range(100) if k % 10 < 3]
        assert [r for r in rows if r in set(mine)] == mine
    for store, _ in own:
        assert len(store.audit_records()) == 30 and store.audit_verify().ok
        store.close()
    shared_store.close()
    assert not committers() - before
