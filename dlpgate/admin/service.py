"""What an admin can do with held mail; the CLI and the web console are thin over this.

Every act is written to the audit trail with who, what and why. Release claims
the message atomically first, so two admins releasing at once deliver it once.
Every release and delete, by whatever route (CLI, console, a sender's release
link), queues a notice telling the sender, so they do not resend held mail.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dlpgate.actions.relay import OK, PARTIAL, Relay
from dlpgate.actions.rewrite import add_header, rewrite_bcc
from dlpgate.report import subject_hidden
from dlpgate.store import HeldMessage, OutboxKind, Outgoing, Store

if TYPE_CHECKING:
    from dlpgate.config import Settings

log = logging.getLogger("dlpgate.admin")


class NotFound(LookupError):
    pass


@dataclass(frozen=True)
class ReleaseResult:
    released: bool
    message: str


class AdminService:
    def __init__(self, store: Store, relay: Relay, settings: Settings | None = None):
        self.store = store
        self.relay = relay
        # Without settings (some tests) no notices are sent to senders.
        self.settings = settings

    def find(
        self,
        state: str | None = None,
        sender: str | None = None,
        rule: str | None = None,
        since: float | None = None,
        limit: int = 50,
    ) -> list[HeldMessage]:
        """Held mail, newest first, that matches every filter given; at most `limit`."""
        out = []
        # The store lists newest first; read further than `limit` only when filtering.
        scan = limit if sender is None and rule is None else max(limit, 100_000)
        for held in self.store.quarantine.newest(state, limit=scan):
            if since is not None and held.received < since:
                break
            if sender is not None and held.sender.lower() != sender.lower():
                continue
            if rule is not None and rule not in held.rules:
                continue
            out.append(held)
            if len(out) >= limit:
                break
        return out

    def show(self, qid: str, actor: str) -> HeldMessage:
        held = self.store.get(qid)
        if held is None:
            raise NotFound(qid)
        self.store.audit("view_metadata", actor, {}, qid)
        return held

    def content(self, qid: str, actor: str, reason: str) -> bytes:
        if not reason.strip():
            raise ValueError("a reason is needed to view held content")
        raw = self.store.content(qid, actor, reason.strip())
        if raw is None:
            raise NotFound(qid)
        return raw

    async def release_rewritten(self, qid: str, actor: str, reason: str = "") -> ReleaseResult:
        """Release with the visible To/Cc replaced (as Bcc): for exposed-recipient holds."""
        return await self.release(qid, actor, reason, rewritten=True)

    def purge(self, retention_days: int, now: float | None = None) -> list[str]:
        """Expire held mail older than retention_days (content dropped, audit kept)."""
        before = (time.time() if now is None else now) - retention_days * 86400
        return self.store.purge_expired(before, "retention", retention_days)

    async def release(self, qid: str, actor: str, reason: str = "", rewritten: bool = False) -> ReleaseResult:
        held = await asyncio.to_thread(self.store.get, qid)
        if held is None:
            raise NotFound(qid)
        raw = await asyncio.to_thread(self.store.claim, qid, actor)
        if raw is None:
            return ReleaseResult(False, f"{qid} is {held.state}, not held: nothing sent")
        if rewritten:
            raw = rewrite_bcc(raw)
        body = add_header(raw, "X-DLPGate-Action", f"released by {actor}")
        res = await self.relay.send(held.sender, held.recipients, body, smtputf8=_needs_utf8(held))
        if res.status in (OK, PARTIAL):
            refused = len(res.refused)
            extra = {"refused": refused} | ({"rewritten": True} if rewritten else {})
            await asyncio.to_thread(self.store.finish_release, qid, actor, reason, extra)
            await asyncio.to_thread(self._tell_sender, held, "released", reason, rewritten, raw)
            return ReleaseResult(True, f"{qid} released" + (f"; {refused} recipients refused" if refused else ""))
        await asyncio.to_thread(self.store.unclaim, qid, actor, f"{res.code} {res.message}")
        return ReleaseResult(False, f"{qid} not released: downstream answered {res.code} {res.message}")

    def delete(self, qid: str, actor: str, reason: str = "") -> bool:
        held = self.store.get(qid)
        if held is None:
            raise NotFound(qid)
        ok = self.store.delete(qid, actor, reason)
        if ok:
            self._tell_sender(held, "deleted", reason)
        return ok

    def _tell_sender(
        self, held: HeldMessage, decision: str, reason: str, rewritten: bool = False, original: bytes | None = None
    ) -> None:
        """Queue the sender's notice of a release or delete (sent by the gateway's outbox)."""
        settings = self.settings
        if settings is None or not settings.notices.notify_decision or not held.sender:
            return
        from dlpgate.actions.notice import decision_notice

        subject = held.subject
        if original is not None and subject_hidden(subject):
            # The store hides a Subject that had findings; the notice masks it instead.
            subject = _original_subject(original) or subject
        try:
            raw = decision_notice(settings, decision, held.id, held.sender, subject, reason, rewritten)
            self.store.enqueue([Outgoing(OutboxKind.NOTICE, "", (held.sender,), raw, held.id)])
        except Exception:  # the act is done and audited; a lost notice must not undo it
            log.exception("could not queue the %s notice for %s", decision, held.id)


def _original_subject(raw: bytes) -> str:
    from email.parser import BytesHeaderParser
    from email.policy import default

    try:
        return str(BytesHeaderParser(policy=default).parsebytes(raw).get("Subject", "") or "")
    except Exception:  # a header that will not parse: keep the store's placeholder
        return ""


def _needs_utf8(held: HeldMessage) -> bool:
    return any(not a.isascii() for a in (held.sender, *held.recipients))
