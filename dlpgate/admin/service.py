"""What an admin can do with held mail; the CLI and the web console are thin over this.

Every act is written to the audit trail with who, what and why. Release claims
the message atomically first, so two admins releasing at once deliver it once.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

from dlpgate.actions.relay import OK, PARTIAL, Relay
from dlpgate.actions.rewrite import add_header, rewrite_bcc
from dlpgate.store import HeldMessage, Store


class NotFound(LookupError):
    pass


@dataclass(frozen=True)
class ReleaseResult:
    released: bool
    message: str


class AdminService:
    def __init__(self, store: Store, relay: Relay):
        self.store = store
        self.relay = relay

    def list(self, state: str | None = None) -> list[HeldMessage]:
        return self.store.list(state)

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
            return ReleaseResult(True, f"{qid} released" + (f"; {refused} recipients refused" if refused else ""))
        await asyncio.to_thread(self.store.unclaim, qid, actor, f"{res.code} {res.message}")
        return ReleaseResult(False, f"{qid} not released: downstream answered {res.code} {res.message}")

    def delete(self, qid: str, actor: str, reason: str = "") -> bool:
        if self.store.get(qid) is None:
            raise NotFound(qid)
        return self.store.delete(qid, actor, reason)


def _needs_utf8(held: HeldMessage) -> bool:
    return any(not a.isascii() for a in (held.sender, *held.recipients))
