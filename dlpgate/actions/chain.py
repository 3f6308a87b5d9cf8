"""What happens to a decided message: one object per action, each owning its side effects.

Every action first leaves the verdict's audit record (VerdictLog), then does
its work, announces it (dlpgate/events.py: notices and metrics listen) and
returns the SMTP reply, which is the promise to the upstream MTA. (Deliver
relays while the record commits, holding back the message's final "." until it
has: no record, no delivery, without waiting for the disk before starting.)
  250  the downstream accepted the message, or it is committed to the quarantine
       (or the gateway durably took over the part still to be sent);
  451  anything unfinished: the upstream keeps the message and retries;
  554  the downstream refused every recipient for good;
  550  a reject rule matched.
An action that raises is answered 451 by the gateway.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from dlpgate.actions import notice, rewrite
from dlpgate.actions.audit import VerdictLog
from dlpgate.actions.relay import OK, PARTIAL, PERM, TEMP, NotReady, Relay, RelayResult, clean_reply
from dlpgate.config import Settings
from dlpgate.events import EventBus, MessageHeld, MessageRewritten, RecipientsRefused
from dlpgate.store import OutboxKind, Outgoing, Store, new_id
from dlpgate.types import Action, Envelope, Verdict

log = logging.getLogger("dlpgate")

REPLY_DOWNSTREAM = "451 4.4.1 Downstream server unavailable; please try again later"

Copies = list[tuple[tuple[str, ...], bytes]]


@dataclass(frozen=True, slots=True)
class Decided:
    """A message in its canonical form, with the verdict on it."""

    envelope: Envelope
    raw: bytes
    verdict: Verdict


class MessageAction(Protocol):
    async def run(self, msg: Decided) -> str: ...


@dataclass(frozen=True)
class Handover:
    """Relays copies of a message, and takes over durably whatever is left once anything was accepted."""

    relay: Relay
    store: Store
    events: EventBus
    kick: Callable[[], None]

    async def send(
        self, envelope: Envelope, copies: Copies, extra: Iterable[Outgoing] = (), ready: Awaitable[object] | None = None
    ) -> str:
        """`extra` (a notice) is queued only when the downstream accepted something; each copy
        is delivered only once ``ready`` is done (see dlpgate.actions.relay: else NotReady)."""
        results: list[tuple[tuple[str, ...], bytes, RelayResult]] = []
        for rcpts, body in copies:
            res = await self.relay.send(envelope.mail_from, rcpts, body, envelope.smtputf8, envelope.eight_bit, ready)
            results.append((rcpts, body, res))
        if not any(r.status in (OK, PARTIAL) for _, _, r in results):
            if any(r.status == TEMP for _, _, r in results):
                return REPLY_DOWNSTREAM
            first = results[0][2]
            return f"554 5.0.0 Downstream refused the message: {first.code} {clean_reply(first.message)}"
        later, refused = self._left_over(envelope, results)
        later = [*extra, *later]
        if refused:
            later.extend(self.events.publish(RecipientsRefused(envelope, refused)))
        if later:
            try:
                await asyncio.to_thread(self.store.enqueue, later)
            except Exception:
                # Part of the message is already delivered: a 451 now would
                # duplicate it on retry, so answer 250 and say what was lost.
                log.exception("outbox enqueue failed after partial delivery; %d items not queued", len(later))
            self.kick()
        return "250 2.0.0 Delivered"

    @staticmethod
    def _left_over(
        envelope: Envelope, results: list[tuple[tuple[str, ...], bytes, RelayResult]]
    ) -> tuple[list[Outgoing], dict[str, tuple[int, str]]]:
        """(copies to retry from the outbox, recipients refused for good with the downstream's reply)."""
        later: list[Outgoing] = []
        refused: dict[str, tuple[int, str]] = {}
        for rcpts, body, res in results:
            if res.status == TEMP:
                later.append(Outgoing(OutboxKind.COPY, envelope.mail_from, rcpts, body))
            elif res.status == PERM:
                refused.update({r: (res.code, res.message) for r in rcpts})
            elif res.status == PARTIAL:
                temp = tuple(r for r, (code, _) in res.refused.items() if 400 <= code < 500)
                if temp:
                    later.append(Outgoing(OutboxKind.COPY, envelope.mail_from, temp, body))
                refused.update({r: v for r, v in res.refused.items() if not 400 <= v[0] < 500})
        return later, refused


@dataclass(frozen=True)
class Deliver:
    """Relayed as it is, marked as seen."""

    verdicts: VerdictLog
    handover: Handover

    async def run(self, msg: Decided) -> str:
        # Fail closed: no audit record, no delivery. The record commits while the message
        # goes downstream; its final "." waits for the commit (relay's ``ready``).
        recorded = asyncio.ensure_future(self.verdicts.record(msg.envelope, msg.verdict))
        try:
            marked = rewrite.add_header(msg.raw, "X-DLPGate-Action", "deliver")
            reply = await self.handover.send(msg.envelope, [(msg.envelope.rcpt_tos, marked)], ready=recorded)
        except NotReady:
            reply = ""  # nothing delivered: the record's own error is raised below
        except BaseException:
            recorded.add_done_callback(_retrieved)  # the reply is lost anyway (cancelled): no unread error
            raise
        await recorded  # answered only once the record is committed; its failure answers 451
        return reply


def _retrieved(future: asyncio.Future) -> None:
    if not future.cancelled():
        future.exception()


@dataclass(frozen=True)
class Rewrite:
    """Relayed with the recipients hidden from each other: one Bcc-style copy, or one copy per external recipient."""

    verdicts: VerdictLog
    handover: Handover
    events: EventBus
    mode: str
    internal_domains: tuple[str, ...]

    async def run(self, msg: Decided) -> str:
        envelope, raw = msg.envelope, msg.raw
        await self.verdicts.record(envelope, msg.verdict)
        if self.mode == "split":
            copies = rewrite.split_copies(raw, envelope.rcpt_tos, self.internal_domains)
        else:
            copies = [(envelope.rcpt_tos, rewrite.rewrite_bcc(raw))]
        notices = self.events.publish(MessageRewritten(envelope, msg.verdict, self.mode))
        return await self.handover.send(envelope, copies, notices)


@dataclass(frozen=True)
class Hold:
    """Committed to the quarantine with its verdict record and notices, in one transaction."""

    verdicts: VerdictLog
    events: EventBus
    settings: Settings  # for masking the Subject kept beside the held message
    kick: Callable[[], None]

    async def run(self, msg: Decided) -> str:
        envelope, verdict = msg.envelope, msg.verdict
        qid = new_id()
        notices = self.events.publish(MessageHeld(qid, envelope, verdict))
        masked = notice.subject_to_keep(verdict, self.settings)
        await asyncio.to_thread(self.verdicts.hold, msg.raw, envelope, verdict, notices, qid, masked)
        self.kick()
        return f"250 2.6.0 Held for review as {qid}"


@dataclass(frozen=True)
class Reject:
    """Refused at the end of DATA: the upstream bounces it to the sender."""

    verdicts: VerdictLog

    async def run(self, msg: Decided) -> str:
        await self.verdicts.record(msg.envelope, msg.verdict)
        return f"550 5.7.1 Message refused by policy ({', '.join(msg.verdict.acting_rules)})"


def actions_table(
    settings: Settings,
    verdicts: VerdictLog,
    handover: Handover,
    events: EventBus,
    internal_domains: tuple[str, ...],
    kick: Callable[[], None],
) -> Mapping[Action, MessageAction]:
    """The object that carries out each action."""
    return {
        Action.DELIVER: Deliver(verdicts, handover),
        Action.REWRITE: Rewrite(verdicts, handover, events, settings.rewrite.mode, internal_domains),
        Action.HOLD: Hold(verdicts, events, settings, kick),
        Action.REJECT: Reject(verdicts),
    }
