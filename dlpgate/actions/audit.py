"""The verdict's audit record: built here, and written only through VerdictLog.

Every decided message leaves one "verdict" record in the hash-chained trail
before anything else happens to it (fail closed: no record, no delivery).
A held message's record is committed in the same transaction as its
quarantine row and notices, so the 250 that follows covers all three; every
other verdict's record goes through group commit.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
from collections.abc import Iterable
from typing import NamedTuple

from dlpgate.report import kind_counts
from dlpgate.store import Outgoing, Store
from dlpgate.types import Envelope, Verdict

log = logging.getLogger("dlpgate")


class AuditEntry(NamedTuple):
    """One record for the chain, as dlpgate.store.audit.append_many takes it."""

    event: str
    actor: str
    data: dict
    ref: str


def verdict_entry(envelope: Envelope, verdict: Verdict, ref: str = "") -> AuditEntry:
    """Kinds, counts and names only: never a detected value."""
    data = {
        "message_id": verdict.message_id,
        "sender": envelope.mail_from,
        "recipients": len(envelope.rcpt_tos),
        "external_recipients": len(verdict.external_recipients),
        "sha256": verdict.sha256,
        "findings": kind_counts(verdict),
        "rules": list(verdict.rules),
        "action": verdict.action.label,
    }
    return AuditEntry("verdict", "gateway", data, ref)


class VerdictLogClosed(RuntimeError):
    """record() after close(): the message is not delivered (451)."""


# One queued record: its entry, the event loop of the message waiting for it, and the future it waits on.
_Waiting = tuple[AuditEntry, asyncio.AbstractEventLoop, asyncio.Future]

# A committer thread with nothing to commit for this long ends; the next record starts another.
IDLE_SECONDS = 10.0


class VerdictLog:
    """Writes verdict records: with the quarantine row for held mail, by group commit otherwise.

    Each message still waits for its own record to be on disk before it is
    delivered, but the records of messages in flight at the same time share
    one transaction, and so one disk sync. The batch is taken only once the
    store's write lock is held: while another worker process commits, this
    one keeps gathering, so the workers' commits alternate, each with all
    that arrived meanwhile, instead of queueing small batches one behind
    another on the same disk.

    One committer thread per log, started by the first record and ended by
    close() (or after IDLE_SECONDS with nothing to do), takes the records in
    order of arrival from any number of event loops. After each commit it
    settles the batch's futures with one call_soon_threadsafe per loop.
    """

    def __init__(self, store: Store):
        self.store = store
        # Put on the event loops, taken in order by the committer; None tells it to end.
        # Each record is built before it is queued, so the write lock covers only the chain.
        self._queue: queue.SimpleQueue[_Waiting | None] = queue.SimpleQueue()
        self._lock = threading.Lock()  # orders queueing against starting, idling out and closing
        self._thread: threading.Thread | None = None
        self._closed = False

    def hold(
        self, raw: bytes, envelope: Envelope, verdict: Verdict, notices: Iterable[Outgoing], qid: str, masked_subject: str
    ) -> str:
        """In a thread: commit a held message with its verdict record and notices, in one transaction."""
        entry = verdict_entry(envelope, verdict, qid)
        return self.store.hold(raw, envelope, verdict, notices, qid, masked_subject, audit=[entry])

    async def record(self, envelope: Envelope, verdict: Verdict) -> None:
        """Returns once the verdict's record is committed; raises when it could not be."""
        loop = asyncio.get_running_loop()
        done = loop.create_future()
        waiting = (verdict_entry(envelope, verdict), loop, done)
        with self._lock:
            if self._closed:
                raise VerdictLogClosed("verdict log stopped")
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="verdict-log", daemon=True)
                self._thread.start()
            self._queue.put(waiting)
        await done

    async def close(self) -> None:
        """Commit and settle what is queued, then end the committer; later records raise VerdictLogClosed."""
        with self._lock:
            self._closed = True
            thread = self._thread
            if thread is not None:
                self._queue.put(None)
        if thread is not None:
            await asyncio.to_thread(thread.join)

    def _run(self) -> None:
        """The committer: one batch per wake, until close() or IDLE_SECONDS with nothing queued."""
        first: _Waiting | None = None
        try:
            while True:
                try:
                    first = self._queue.get(timeout=IDLE_SECONDS)
                except queue.Empty:
                    with self._lock:
                        if self._queue.empty():
                            self._thread = None
                            return
                    continue
                if first is None or not self._commit(first):
                    return
        except BaseException:
            # Not expected (_commit settles its own batch): the record in hand and those
            # queued are failed (451), and the next record starts a new committer.
            with self._lock:
                self._thread = None
                left: list[_Waiting] = [first] if first is not None else []
                self._take_queued(left)
            _settle(left, VerdictLogClosed("verdict log committer failed"))
            log.exception("the verdict log's committer failed; its records were answered 451")

    def _take_queued(self, into: list[_Waiting]) -> bool:
        """Move what is queued now into ``into``; False when close()'s marker was met
        (nothing is queued after it)."""
        while not self._queue.empty():
            waiting = self._queue.get_nowait()
            if waiting is None:
                return False
            into.append(waiting)
        return True

    def _commit(self, first: _Waiting) -> bool:
        """Wait for the write lock, commit ``first`` and everything queued by then, settle them all.

        False once close()'s marker was taken: nothing is queued after it.
        """
        batch = [first]
        more = True
        error: BaseException | None = None
        try:
            with self.store.writing():
                more = self._take_queued(batch)
                self.store.audit_many([entry for entry, _, _ in batch])
        except BaseException as exc:  # each waiting message answers 451
            error = exc if isinstance(exc, Exception) else VerdictLogClosed("verdict log stopped")
        _settle(batch, error)
        return more


def _settle(batch: list[_Waiting], error: BaseException | None) -> None:
    """From the committer: one call per event loop sets the result (or the error) of its futures."""
    by_loop: dict[asyncio.AbstractEventLoop, list[asyncio.Future]] = {}
    for _, loop, done in batch:
        by_loop.setdefault(loop, []).append(done)
    for loop, futures in by_loop.items():
        try:
            loop.call_soon_threadsafe(_set_all, futures, error)
        except RuntimeError:  # that loop is closed: nothing there waits any more
            pass


def _set_all(futures: list[asyncio.Future], error: BaseException | None) -> None:
    """On the futures' loop: each still waiting is told its record is committed, or why not."""
    for done in futures:
        if done.done():  # its message was cancelled meanwhile
            continue
        if error is None:
            done.set_result(None)
        else:
            done.set_exception(error)
