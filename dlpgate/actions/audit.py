"""The verdict's audit record: built here, and written only through VerdictLog.

Every decided message leaves one "verdict" record in the hash-chained trail
before anything else happens to it (fail closed: no record, no delivery).
A held message's record is committed in the same transaction as its
quarantine row and notices, so the 250 that follows covers all three; every
other verdict's record goes through group commit.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Iterable
from typing import NamedTuple

from dlpgate.report import kind_counts
from dlpgate.store import Outgoing, Store
from dlpgate.types import Envelope, Verdict


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


class VerdictLog:
    """Writes verdict records: with the quarantine row for held mail, by group commit otherwise.

    Each message still waits for its own record to be on disk before it is
    delivered, but the records of messages in flight at the same time share
    one transaction, and so one disk sync. The batch is taken only once the
    store's write lock is held: while another worker process commits, this
    one keeps gathering, so the workers' commits alternate, each with all
    that arrived meanwhile, instead of queueing small batches one behind
    another on the same disk.
    """

    def __init__(self, store: Store):
        self.store = store
        # Appended on the event loop, emptied by the committing thread (deque: both are atomic).
        # Each record is built before it is queued, so the write lock covers only the chain.
        self._pending: deque[tuple[AuditEntry, asyncio.Future]] = deque()
        self._task: asyncio.Task | None = None

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
        self._pending.append((verdict_entry(envelope, verdict), done))
        if self._task is None or self._task.done():
            self._task = loop.create_task(self._commit())
        await done

    def _take_and_commit(self) -> tuple[list, BaseException | None]:
        """In a thread: wait for the write lock, then commit everything pending by then."""
        batch: list[tuple[AuditEntry, asyncio.Future]] = []
        try:
            with self.store.writing():
                while self._pending:
                    batch.append(self._pending.popleft())
                if batch:
                    self.store.audit_many([entry for entry, _ in batch])
        except Exception as exc:  # each waiting message answers 451
            return batch, exc
        return batch, None

    async def _commit(self) -> None:
        while self._pending:
            try:
                batch, error = await asyncio.to_thread(self._take_and_commit)
            except BaseException as exc:
                # Cancelled while the thread runs on: it still settles what it took;
                # anything it did not take is failed here so no message waits forever.
                for _, done in list(self._pending):
                    if not done.done():
                        done.set_exception(exc if isinstance(exc, Exception) else RuntimeError("verdict log stopped"))
                raise
            for _, done in batch:
                if done.done():
                    continue
                if error is not None:
                    done.set_exception(error)
                else:
                    done.set_result(None)
