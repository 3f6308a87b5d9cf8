"""One message through the gateway: inspect it, then run the verdict's action.

The action (dlpgate/actions/chain.py) leaves the audit record, does its work and
gives the reply, the promise to the upstream MTA: 250 only once the downstream
accepted the message or it is committed to the quarantine; 451 for anything
unfinished, here included (an inspection or an action that failed).

The message is put in its canonical form first (dlpgate/canonical.py): the
bytes inspected are the bytes rewritten, held and relayed.

Where inspection runs: small mail that text readers read whole (most mail) on
the event loop, within a short budget; everything else, and anything over that
budget, from the start again in an inspection thread under the full time limit
(see INLINE_MAX_BYTES). The verdict is the same either way.

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
from concurrent.futures import Executor, ThreadPoolExecutor

from dlpgate import metrics, pipeline, policy
from dlpgate.actions import notice
from dlpgate.actions.audit import VerdictLog
from dlpgate.actions.chain import Decided, Handover, MessageAction, actions_table
from dlpgate.actions.notify import Notifier
from dlpgate.actions.relay import OK, PARTIAL, PERM, Relay, RelayResult
from dlpgate.canonical import canonicalize, header_block
from dlpgate.config import Settings
from dlpgate.events import EventBus, MessageTempfailed, RecipientsRefused, VerdictReached
from dlpgate.links import ReleaseLinks
from dlpgate.report import kind_counts
from dlpgate.store import OutboxItem, Store
from dlpgate.types import Action, Envelope, Problem, RuleHit, Verdict

log = logging.getLogger("dlpgate")

REPLY_TEMPFAIL = "451 4.3.0 Temporary gateway problem; please try again later"
REPLY_TIMEOUT = "451 4.3.0 Inspection did not finish in time; please try again later"

# Mail up to this size whose every part is read by a text reader (plain text,
# HTML, CSV, calendar, attached messages) is inspected on the event loop: about
# a millisecond, and no hand-over to an inspection thread and back, which costs
# more than the inspection itself when both threads want the interpreter.
# Anything else (archives, PDFs, Office files, pictures...), or text that takes
# longer than INLINE_BUDGET, is inspected again from the start in a thread.
# Larger text goes to the thread too: the loop would wait for it, and the
# sessions behind it with it (on real mail, 256 KB here made the p99 latency
# at half load about 50% higher than 64 KB).
INLINE_MAX_BYTES = 64 * 1024
INLINE_BUDGET = 0.1  # seconds


def _fields(**fields) -> dict:
    """Structured fields of a decision line (logging.format = "json"): kinds, counts, names only."""
    return {"fields": {"event": "decision", **fields}}


def subscribe_metrics(events: EventBus) -> None:
    """Metrics listen to the message path's events."""
    events.subscribe(VerdictReached, lambda event: metrics.record_decision(event.verdict))
    events.subscribe(MessageTempfailed, lambda event: metrics.record_tempfail())


def _header_facts(raw: bytes) -> tuple[str, str]:
    """(Subject, Message-ID) read from the header block alone, for a message not inspected."""
    from email import policy as email_policy
    from email.parser import BytesHeaderParser

    from dlpgate.mime.headers import header_text
    from dlpgate.mime.text import normalise

    try:
        msg = BytesHeaderParser(policy=email_policy.compat32).parsebytes(header_block(raw))
        return normalise(header_text(msg, "subject")), "".join(header_text(msg, "message-id").split())
    except Exception:  # only for the notice; the hold goes on without them
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
        notice.share_detectors(settings, engine.detectors)
        self.store = store
        self.relay = relay
        self.executor = executor or ThreadPoolExecutor(max_workers=2, thread_name_prefix="inspect")
        self.hostname = settings.smtp.hostname or socket.getfqdn()
        self._kick = asyncio.Event()
        self._outbox_task: asyncio.Task | None = None
        self.verdicts = VerdictLog(store)
        # Subscribers are fixed here, at start-up; the secret for release links is read now, not per message.
        self.events = EventBus()
        Notifier(settings, ReleaseLinks.for_settings(settings), self.hostname).subscribe(self.events)
        subscribe_metrics(self.events)
        handover = Handover(relay, store, self.events, self.kick)
        self.actions: dict[Action, MessageAction] = dict(
            actions_table(settings, self.verdicts, handover, self.events, engine.internal_domains, self.kick)
        )

    # -- inspection ---------------------------------------------------------

    async def inspect(self, raw: bytes, envelope: Envelope) -> Verdict:
        """The verdict for raw, already in its canonical form (handle() makes it).

        The time limit runs from when an inspection thread takes the message, so
        a message that waited behind others is not blamed for the wait: if no
        thread took it in time, InspectionBusy (451, not counted as a failure).
        """
        timeout = self.settings.inspection.timeout
        if len(raw) <= INLINE_MAX_BYTES:
            verdict = self._inspect_inline(raw, envelope, min(timeout, INLINE_BUDGET))
            if verdict is not None:
                return verdict
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

    def _inspect_inline(self, raw: bytes, envelope: Envelope, budget: float) -> Verdict | None:
        """The verdict from a light inspection on this thread, or None when the
        message needs the full one (a part beyond text, or over the budget)."""
        try:
            return pipeline.inspect_bounded(raw, envelope, self.engine, time.monotonic() + budget, True, light=True)
        except pipeline.InspectionTimeout:  # HeavyContent is one
            return None

    # -- the message path ---------------------------------------------------

    async def handle(self, envelope: Envelope, raw: bytes) -> str:
        raw = await asyncio.to_thread(canonicalize, raw) if len(raw) > 1 << 20 else canonicalize(raw)
        try:
            verdict = await self.inspect(raw, envelope)
        except InspectionBusy:
            self.events.publish(MessageTempfailed("inspection_busy", len(raw)))
            log.warning(
                "decision action=tempfail reason=inspection_busy size=%d", len(raw),
                extra=_fields(action="tempfail", reason="inspection_busy", size=len(raw), reply="451"),
            )
            return REPLY_TIMEOUT
        except (TimeoutError, pipeline.InspectionTimeout):
            held = await self.inspection_failed(envelope, raw, "timeout")
            if held is not None:
                return held
            self.events.publish(MessageTempfailed("inspection_timeout", len(raw)))
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
            self.events.publish(MessageTempfailed("inspection_error", len(raw)))
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
        shown, problems = pipeline.shown(findings, (problem,))
        return Verdict(
            action=action,
            hits=hits,
            findings=shown,
            problems=problems,
            external_recipients=external,
            message_id=message_id,
            subject=subject,
            sha256=sha256,
        )

    async def decided(self, envelope: Envelope, raw: bytes, verdict: Verdict) -> str:
        try:
            reply = await self.act(envelope, raw, verdict)
        except Exception:
            self.events.publish(MessageTempfailed("action_error", len(raw)))
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
                findings=kind_counts(verdict),
                size=len(raw), rcpts=len(envelope.rcpt_tos), external=len(verdict.external_recipients),
                inspect_ms=round(verdict.inspect_ms, 1), reply=reply[:3],
            ),
        )
        self.events.publish(VerdictReached(envelope, verdict, len(raw), reply))
        return reply

    async def act(self, envelope: Envelope, raw: bytes, verdict: Verdict) -> str:
        """Run the verdict's action; its reply, or an exception (answered 451 by decided())."""
        return await self.actions[verdict.action].run(Decided(envelope, raw, verdict))

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
        await self.verdicts.close()  # commits what is queued; its thread ends
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
        refused = {r: (res.code, res.message) for r in item.rcpt_tos}
        mail = self.events.publish(RecipientsRefused(Envelope(item.mail_from, item.rcpt_tos), refused))
        if mail:
            await asyncio.to_thread(self.store.enqueue, mail)
