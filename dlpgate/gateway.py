"""One message through the gateway: inspect off the event loop, act, audit, reply.

The reply is the promise to the upstream MTA:
  250  the downstream accepted the message, or it is committed to the quarantine
       (or the gateway durably took over the part still to be sent);
  451  anything unfinished: the upstream keeps the message and retries;
  554  the downstream refused every recipient for good;
  550  a reject rule matched.

The message is put in its canonical form first (dlpgate/canonical.py): the
bytes inspected are the bytes rewritten, held and relayed.

An inspection that runs out of time, or fails with an error, answers 451 the
first time. The failure is noted in the store by the content's SHA-256 (shared
by every worker process and node); when the same content fails the same way
inspection.max_failures times (2 by default), it is held as `unscannable`
(reason "timeout": too slow to inspect) instead of being retried for days.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import socket
import time
from collections import deque
from concurrent.futures import Executor, ThreadPoolExecutor

from dlpgate import metrics, pipeline, policy
from dlpgate.actions import notice, rewrite
from dlpgate.actions.relay import OK, PARTIAL, PERM, TEMP, Relay, RelayResult, clean_reply
from dlpgate.canonical import canonicalize, header_block
from dlpgate.config import Settings
from dlpgate.store import OutboxItem, Outgoing, Store, new_id
from dlpgate.types import Action, Envelope, Problem, RuleHit, Verdict

log = logging.getLogger("dlpgate")

REPLY_TEMPFAIL = "451 4.3.0 Temporary gateway problem; please try again later"
REPLY_TIMEOUT = "451 4.3.0 Inspection did not finish in time; please try again later"
REPLY_DOWNSTREAM = "451 4.4.1 Downstream server unavailable; please try again later"


def _fields(**fields) -> dict:
    """Structured fields of a decision line (logging.format = "json"): kinds, counts, names only."""
    return {"fields": {"event": "decision", **fields}}


def _kind_totals(verdict: Verdict) -> dict[str, int]:
    totals: dict[str, int] = {}
    for f in verdict.findings:
        totals[f.kind] = totals.get(f.kind, 0) + f.count
    return totals


class VerdictLog:
    """Group commit for verdict audit records.

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
        self._pending: deque[tuple[Envelope, Verdict, asyncio.Future]] = deque()
        self._task: asyncio.Task | None = None

    async def record(self, envelope: Envelope, verdict: Verdict) -> None:
        loop = asyncio.get_running_loop()
        done = loop.create_future()
        self._pending.append((envelope, verdict, done))
        if self._task is None or self._task.done():
            self._task = loop.create_task(self._commit())
        await done

    def _take_and_commit(self) -> tuple[list, BaseException | None]:
        """In a thread: wait for the write lock, then commit everything pending by then."""
        batch: list[tuple[Envelope, Verdict, asyncio.Future]] = []
        try:
            with self.store.writing():
                while self._pending:
                    batch.append(self._pending.popleft())
                if batch:
                    self.store.record_verdicts([(e, v) for e, v, _ in batch])
        except Exception as exc:  # noqa: BLE001 - each waiting message answers 451
            return batch, exc
        return batch, None

    async def _commit(self) -> None:
        while self._pending:
            try:
                batch, error = await asyncio.to_thread(self._take_and_commit)
            except BaseException as exc:
                # Cancelled while the thread runs on: it still settles what it took;
                # anything it did not take is failed here so no message waits forever.
                for _, _, done in list(self._pending):
                    if not done.done():
                        done.set_exception(exc if isinstance(exc, Exception) else RuntimeError("verdict log stopped"))
                raise
            for _, _, done in batch:
                if done.done():
                    continue
                if error is not None:
                    done.set_exception(error)
                else:
                    done.set_result(None)


def _header_facts(raw: bytes) -> tuple[str, str]:
    """(Subject, Message-ID) read from the header block alone, for a message not inspected."""
    from email import policy as email_policy
    from email.parser import BytesHeaderParser

    from dlpgate.mime.headers import header_text
    from dlpgate.mime.text import normalise

    try:
        msg = BytesHeaderParser(policy=email_policy.compat32).parsebytes(header_block(raw))
        return normalise(header_text(msg, "subject")), "".join(header_text(msg, "message-id").split())
    except Exception:  # noqa: BLE001 - only for the notice; the hold goes on without them
        return "", ""


class InspectionBusy(Exception):
    """No inspection thread took the message in time (others were busy): not the content's fault."""


class Gateway:
    def __init__(
        self,
        settings: Settings,
        engine: pipeline.Engine,
        store: Store,
        relay: Relay,
        executor: Executor | None = None,
    ):
        self.settings = settings
        self.engine = engine
        self.store = store
        self.relay = relay
        self.verdicts = VerdictLog(store)
        self.executor = executor or ThreadPoolExecutor(max_workers=2, thread_name_prefix="inspect")
        self.hostname = settings.smtp.hostname or socket.getfqdn()
        self._kick = asyncio.Event()
        self._outbox_task: asyncio.Task | None = None

    # -- inspection ---------------------------------------------------------

    async def inspect(self, raw: bytes, envelope: Envelope) -> Verdict:
        """The verdict for raw, already in its canonical form (handle() makes it).

        The time limit runs from when an inspection thread takes the message, so
        a message that waited behind others is not blamed for the wait: if no
        thread took it in time, InspectionBusy (451, not counted as a failure).
        """
        timeout = self.settings.inspection.timeout
        loop = asyncio.get_running_loop()
        started: list[float] = []

        def job() -> Verdict:
            started.append(time.monotonic())
            return pipeline.inspect_bounded(raw, envelope, self.engine, started[0] + timeout, True)

        try:
            # Up to one time limit of waiting for a thread, then the limit itself.
            return await asyncio.wait_for(loop.run_in_executor(self.executor, job), 2 * timeout + 1.0)
        except TimeoutError:
            if not started:
                raise InspectionBusy from None
            raise

    # -- the message path ---------------------------------------------------

    async def handle(self, envelope: Envelope, raw: bytes) -> str:
        raw = await asyncio.to_thread(canonicalize, raw) if len(raw) > 1 << 20 else canonicalize(raw)
        try:
            verdict = await self.inspect(raw, envelope)
        except InspectionBusy:
            metrics.record_tempfail()
            log.warning(
                "decision action=tempfail reason=inspection_busy size=%d", len(raw),
                extra=_fields(action="tempfail", reason="inspection_busy", size=len(raw), reply="451"),
            )
            return REPLY_TIMEOUT
        except (TimeoutError, pipeline.InspectionTimeout):
            held = await self.inspection_failed(envelope, raw, "timeout")
            if held is not None:
                return held
            metrics.record_tempfail()
            log.warning(
                "decision action=tempfail reason=inspection_timeout size=%d", len(raw),
                extra=_fields(action="tempfail", reason="inspection_timeout", size=len(raw), reply="451"),
            )
            return REPLY_TIMEOUT
        except Exception as exc:
            log.exception(
                "decision action=tempfail reason=inspection_error size=%d", len(raw),
                extra=_fields(action="tempfail", reason="inspection_error", size=len(raw), reply="451"),
            )
            held = await self.inspection_failed(envelope, raw, f"error:{exc.__class__.__name__}")
            if held is not None:
                return held
            metrics.record_tempfail()
            return REPLY_TEMPFAIL
        return await self.decided(envelope, raw, verdict)

    async def inspection_failed(self, envelope: Envelope, raw: bytes, reason: str) -> str | None:
        """After a failed inspection: the reply when this content is now held, else None (451)."""
        try:
            sha256 = await asyncio.to_thread(lambda: hashlib.sha256(raw).hexdigest())
            failures = await asyncio.to_thread(self.store.count_inspection_failure, sha256, reason)
        except Exception:
            log.exception("cannot note a failed inspection; answering 451")
            return None
        if failures < self.settings.inspection.max_failures:
            return None
        verdict = self.unscannable_verdict(envelope, raw, reason, sha256)
        return await self.decided(envelope, raw, verdict)

    def unscannable_verdict(self, envelope: Envelope, raw: bytes, reason: str, sha256: str) -> Verdict:
        """The verdict for content that could not be inspected: unscannable, held at least."""
        if reason == "timeout":
            problem = Problem("timeout", "message", "too slow to inspect")
        else:
            problem = Problem("corrupt", "message", f"inspection failed ({reason.partition(':')[2]})")
        findings = policy.problem_findings([problem])
        external = pipeline.external_recipients(envelope, self.engine)
        action, hits = policy.decide(findings, self.engine.rules, bool(external))
        if action < Action.HOLD:
            # Unread content is never delivered; held and reviewed beats retried forever.
            action, hits = Action.HOLD, (*hits, RuleHit("inspection_failed", Action.HOLD))
        subject, message_id = _header_facts(raw)
        return Verdict(
            action=action,
            hits=hits,
            findings=tuple(findings),
            problems=(problem,),
            external_recipients=external,
            message_id=message_id,
            subject=subject,
            sha256=sha256,
        )

    async def decided(self, envelope: Envelope, raw: bytes, verdict: Verdict) -> str:
        try:
            reply = await self.act(envelope, raw, verdict)
        except Exception:
            metrics.record_tempfail()
            log.exception(
                "decision action=tempfail reason=action_error rules=%s", ",".join(verdict.rules),
                extra=_fields(action="tempfail", reason="action_error", rules=list(verdict.rules), reply="451"),
            )
            return REPLY_TEMPFAIL
        log.info(
            "decision action=%s rules=%s findings=%s size=%d rcpts=%d external=%d inspect_ms=%.1f reply=%s",
            verdict.action.label, ",".join(verdict.rules) or "-",
            ",".join(f"{f.kind}:{f.count}" for f in verdict.findings) or "-",
            len(raw), len(envelope.rcpt_tos), len(verdict.external_recipients), verdict.inspect_ms, reply[:3],
            extra=_fields(
                action=verdict.action.label, rules=list(verdict.rules),
                findings=_kind_totals(verdict),
                size=len(raw), rcpts=len(envelope.rcpt_tos), external=len(verdict.external_recipients),
                inspect_ms=round(verdict.inspect_ms, 1), reply=reply[:3],
            ),
        )
        metrics.record_decision(verdict)
        return reply

    async def act(self, envelope: Envelope, raw: bytes, verdict: Verdict) -> str:
        if verdict.action == Action.REJECT:
            await self.verdicts.record(envelope, verdict)
            return f"550 5.7.1 Message refused by policy ({', '.join(verdict.acting_rules)})"
        if verdict.action == Action.HOLD:
            return await self.hold(envelope, raw, verdict)
        # Fail closed: no audit record, no delivery.
        await self.verdicts.record(envelope, verdict)
        if verdict.action == Action.REWRITE:
            return await self.rewrite(envelope, raw, verdict)
        marked = rewrite.add_header(raw, "X-DLPGate-Action", "deliver")
        return await self.deliver(envelope, [(envelope.rcpt_tos, marked)])

    async def hold(self, envelope: Envelope, raw: bytes, verdict: Verdict) -> str:
        qid = new_id()
        notices = list(self.hold_notices(qid, envelope, verdict))
        masked = notice.mask_subject(verdict.subject, self.settings)
        await asyncio.to_thread(self.store.hold, raw, envelope, verdict, notices, qid, masked)
        self.kick()
        return f"250 2.6.0 Held for review as {qid}"

    def hold_notices(self, qid: str, envelope: Envelope, verdict: Verdict):
        cfg = self.settings.notices
        if envelope.mail_from:
            from dlpgate.admin.requests import request_url

            url = request_url(self.settings, qid, envelope.mail_from)
            body = notice.hold_notice(
                qid, envelope, verdict, cfg.sender, self.settings.quarantine.retention_days, url, settings=self.settings
            )
            yield Outgoing("notice", "", (envelope.mail_from,), body, qid)
        if cfg.admins:
            yield Outgoing("notice", "", cfg.admins, notice.admin_notice(qid, envelope, verdict, cfg.sender, cfg.admins, settings=self.settings), qid)

    async def rewrite(self, envelope: Envelope, raw: bytes, verdict: Verdict) -> str:
        mode = self.settings.rewrite.mode
        if mode == "split":
            copies = rewrite.split_copies(raw, envelope.rcpt_tos, self.engine.internal_domains)
        else:
            copies = [(envelope.rcpt_tos, rewrite.rewrite_bcc(raw))]
        extra = []
        if envelope.mail_from and self.settings.notices.notify_rewrite:
            body = notice.rewrite_notice(envelope, verdict, self.settings.notices.sender, mode, settings=self.settings)
            extra.append(Outgoing("notice", "", (envelope.mail_from,), body))
        return await self.deliver(envelope, copies, extra)

    async def deliver(
        self, envelope: Envelope, copies: list[tuple[tuple[str, ...], bytes]], extra: list[Outgoing] | None = None
    ) -> str:
        """Relay each copy; take over durably whatever is left once anything was accepted."""
        results: list[tuple[tuple[str, ...], bytes, RelayResult]] = []
        for rcpts, body in copies:
            results.append((rcpts, body, await self.relay.send(envelope.mail_from, rcpts, body, envelope.smtputf8, envelope.eight_bit)))
        accepted = any(r.status in (OK, PARTIAL) for _, _, r in results)
        if not accepted:
            if any(r.status == TEMP for _, _, r in results):
                return REPLY_DOWNSTREAM
            first = results[0][2]
            return f"554 5.0.0 Downstream refused the message: {first.code} {clean_reply(first.message)}"
        later: list[Outgoing] = list(extra or [])
        refused: dict[str, tuple[int, str]] = {}
        for rcpts, body, res in results:
            if res.status == TEMP:
                later.append(Outgoing("copy", envelope.mail_from, rcpts, body))
            elif res.status == PERM:
                refused.update({r: (res.code, res.message) for r in rcpts})
            elif res.status == PARTIAL:
                temp = tuple(r for r, (code, _) in res.refused.items() if 400 <= code < 500)
                if temp:
                    later.append(Outgoing("copy", envelope.mail_from, temp, body))
                refused.update({r: v for r, v in res.refused.items() if not 400 <= v[0] < 500})
        if refused and envelope.mail_from:
            dsn = notice.delivery_failure(envelope, refused, self.settings.notices.sender, self.hostname)
            later.append(Outgoing("dsn", "", (envelope.mail_from,), dsn))
        if later:
            try:
                await asyncio.to_thread(self.store.enqueue, later)
            except Exception:
                # Part of the message is already delivered: a 451 now would
                # duplicate it on retry, so answer 250 and say what was lost.
                log.exception("outbox enqueue failed after partial delivery; %d items not queued", len(later))
            self.kick()
        return "250 2.0.0 Delivered"

    # -- the outbox ---------------------------------------------------------

    def kick(self) -> None:
        self._kick.set()

    def start(self) -> None:
        if self._outbox_task is None:
            self._outbox_task = asyncio.get_running_loop().create_task(self._outbox_loop())

    async def stop(self) -> None:
        task = self._outbox_task
        if task:
            # Python 3.11's asyncio.wait_for (here and inside aiosmtplib) can swallow
            # a cancellation that lands just as its inner future completes: the loop
            # would then run on and stop() wait forever. Cancel until it is done.
            while not task.done():
                task.cancel()
                await asyncio.wait({task}, timeout=0.5)
            if not task.cancelled():
                task.exception()  # retrieved, so it is not reported as lost
            self._outbox_task = None
        aclose = getattr(self.relay, "aclose", None)
        if aclose is not None:
            await aclose()

    async def _outbox_loop(self) -> None:
        while True:
            try:
                await self.flush_outbox()
            except Exception:
                log.exception("outbox pass failed; will try again")
            try:
                await asyncio.wait_for(self._kick.wait(), timeout=min(self.settings.notices.retry_seconds, 30.0))
            except TimeoutError:
                pass
            self._kick.clear()

    async def flush_outbox(self) -> int:
        """Send what is due; returns how many were sent."""
        sent = 0
        cfg = self.settings.notices
        for item in await asyncio.to_thread(self.store.due_claim):
            res = await self.relay.send(item.mail_from, item.rcpt_tos, item.raw)
            if res.status in (OK, PARTIAL):
                await asyncio.to_thread(self.store.outbox_done, item.id)
                sent += 1
                continue
            give_up = res.status == PERM or item.attempts + 1 >= cfg.max_attempts
            delay = cfg.retry_seconds * min(2 ** item.attempts, 32)
            await asyncio.to_thread(self.store.outbox_retry, item.id, f"{res.code} {res.message}", delay, give_up)
            if give_up:
                log.warning("outbox item %d (%s) given up: %s", item.id, item.kind, res.code)
                await self._bounce(item, res)
        return sent

    async def _bounce(self, item: OutboxItem, res: RelayResult) -> None:
        if item.kind != "copy" or not item.mail_from:
            return
        env = Envelope(item.mail_from, item.rcpt_tos)
        refused = {r: (res.code, res.message) for r in item.rcpt_tos}
        dsn = notice.delivery_failure(env, refused, self.settings.notices.sender, self.hostname)
        await asyncio.to_thread(self.store.enqueue, [Outgoing("dsn", "", (item.mail_from,), dsn)])
