"""Staff release requests: what the signed link in a hold notice (dlpgate/links.py) lets a sender do.

The link's nonce is stored when the link is used, so each link works once.
Following the link (GET) only shows; acting takes a POST with a typed
justification, so mail scanners that open links cannot release anything.
"""

from __future__ import annotations

import asyncio
import hmac

from dlpgate.actions.notice import (
    console_url,
    decision_notice,
    findings_lines,
    notice_message,
    quoted_subject,
    render,
    safe_text,
)
from dlpgate.admin.service import AdminService, ReleaseResult
from dlpgate.links import BadToken, Token, load_secret, read_token, sender_hash
from dlpgate.store import (
    Conflict,
    HeldMessage,
    OutboxKind,
    Outgoing,
    QuarantineState,
    ReleaseRequest,
    RequestState,
    Store,
)
from dlpgate.types import Action, Verdict

MIN_JUSTIFICATION = 10

# -- tokens --------------------------------------------------------------------


class LinkSettled(BadToken):
    """A genuine link that can do nothing more: already used, or its message is no longer held.

    Carries what the sender may be told: their request (when the link was used)
    and the message's state, so the page shows a status rather than an error.
    """

    def __init__(self, message: str, request: ReleaseRequest | None, state: str):
        super().__init__(message)
        self.request = request
        self.state = state


# -- requests ------------------------------------------------------------------


def sender_may_release(held: HeldMessage) -> bool:
    """True when every rule that held the message allows the sender to release it."""
    acting = [h for h in held.verdict.hits if not h.audit_only and h.action == held.action]
    return bool(acting) and all(h.sender_release for h in acting)


def _mail(sender: str, to: tuple[str, ...], subject: str, body: str) -> bytes:
    return notice_message(sender, ", ".join(to), subject, body).as_bytes()


class Requests:
    def __init__(self, settings, store: Store, service: AdminService):
        self.settings = settings
        self.store = store
        self.service = service
        self.secret = load_secret(settings)

    def check(self, token: str) -> tuple[Token, HeldMessage]:
        """The token and its held message, or BadToken saying why not."""
        tok = read_token(self.secret, token)
        used = self.store.requests.by_token(tok.nonce)
        held = self.store.get(tok.qid)
        if held is None or not hmac.compare_digest(sender_hash(held.sender), tok.sender_hash):
            raise BadToken("This link is not valid.")
        if used:
            raise LinkSettled("This link has already been used.", used, held.state)
        if held.state != QuarantineState.HELD:
            raise LinkSettled(f"This message is no longer held (it is {held.state}).", None, held.state)
        return tok, held

    async def submit(self, token: str, justification: str, self_release: bool) -> str:
        """Record the request (or release, where the rules allow the sender to); returns what happened."""
        tok, held = await asyncio.to_thread(self.check, token)
        justification = justification.strip()
        if len(justification) < MIN_JUSTIFICATION:
            raise ValueError(f"Please give a justification of at least {MIN_JUSTIFICATION} characters.")
        if self_release and not sender_may_release(held):
            raise BadToken("The rules that held this message do not let the sender release it.")
        actor = f"sender:{held.sender}"
        try:
            rid = await asyncio.to_thread(
                self.store.requests.add, tok.nonce, held.id, held.sender, justification, self_release, actor
            )
        except Conflict:
            raise LinkSettled("This link has already been used.", None, held.state) from None
        if self_release:
            result = await self.service.release(held.id, actor, justification)
            if not result.released:
                await asyncio.to_thread(self.store.requests.set_state, rid, RequestState.FAILED, actor, result.message)
                return f"Your message could not be released just now: {result.message}. Please contact your IG team."
            return "Your message has been released and sent. The release is recorded with your justification."
        await asyncio.to_thread(self._notify_admins, held, rid)
        return "Your request has been sent to the reviewers. You will get an email with their decision."

    def _notify_admins(self, held: HeldMessage, rid: int) -> None:
        admins = self.settings.notices.admins
        if not admins:
            return
        subject, body = render(
            self.settings,
            "release_request",
            qid=held.id,
            sender=safe_text(held.sender, 254),
            subject=quoted_subject(held.subject, self.settings),
            rules=list(held.rules),
            console_url=console_url(self.settings, held.id),
        )
        raw = _mail(self.settings.notices.sender, admins, subject, body)
        self.store.enqueue([Outgoing(OutboxKind.NOTICE, "", admins, raw, held.id)])

    def _notify_sender(self, held: HeldMessage, approved: bool, reason: str) -> None:
        """A declined request (the message stays held). Releases and deletes are told by AdminService."""
        if not held.sender or approved:
            return
        raw = decision_notice(
            self.settings,
            "request_declined",
            held.id,
            held.sender,
            held.subject,
            reason,
            findings=findings_lines_for(held),
        )
        self.store.enqueue([Outgoing(OutboxKind.NOTICE, "", (held.sender,), raw, held.id)])

    # -- for the console ----------------------------------------------------------

    def find(self, state: str | None = RequestState.PENDING, qid: str | None = None, limit: int = 200) -> list[ReleaseRequest]:
        """Requests, newest first: pending ones by default; all when `state` is None."""
        return self.store.requests.newest(state, qid, limit)

    def get(self, rid: int) -> ReleaseRequest | None:
        return self.store.requests.get(rid)

    async def approve(self, rid: int, actor: str, reason: str) -> ReleaseResult:
        req = await asyncio.to_thread(self.store.requests.decide, rid, RequestState.APPROVED, actor, reason)
        if req is None:
            return ReleaseResult(False, f"request {rid} was already decided")
        result = await self.service.release(req.qid, actor, reason or f"release request {rid}")
        if not result.released:
            await asyncio.to_thread(self.store.requests.reopen, rid)
            return result
        return result  # AdminService.release told the sender

    def decline(self, rid: int, actor: str, reason: str) -> bool:
        if not reason.strip():
            raise ValueError("a reason is needed to decline (the sender is told it)")
        req = self.store.requests.decide(rid, RequestState.DECLINED, actor, reason.strip())
        if req is None:
            return False
        held = self.store.get(req.qid)
        if held is not None:
            self._notify_sender(held, False, reason.strip())
        return True

    def settle(self, qid: str, released: bool, actor: str, reason: str) -> int:
        """After a release or delete from the message page: close its pending requests, tell the sender."""
        n = 0
        outcome = RequestState.APPROVED if released else RequestState.DECLINED
        for req in self.find(RequestState.PENDING, qid):
            if self.store.requests.decide(req.id, outcome, actor, reason) is not None:
                n += 1
        # The sender was told by AdminService.release/delete.
        return n


def findings_lines_for(held: HeldMessage) -> list[str]:
    """The notice lines (kind, count, place) from a stored verdict: its findings are all they read."""
    return findings_lines(Verdict(action=Action.HOLD, findings=held.verdict.findings))
