"""Staff release requests: the signed link in a hold notice, and what it lets a sender do.

A link's token is HMAC-SHA256 signed with a key derived from the web secret,
names one quarantine ID and (as a hash) the sender it was sent to, carries its
expiry and a nonce. The nonce is stored when the link is used, so each link
works once. Following the link (GET) only shows; acting takes a POST with a
typed justification, so mail scanners that open links cannot release anything.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

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
from dlpgate.types import Action, RuleHit, Verdict

MIN_JUSTIFICATION = 10

_secrets: dict[str, bytes] = {}


def secret_path(settings) -> Path:
    return Path(settings.web.secret_key_file or Path(settings.storage.path) / "web-secret.key")


def load_secret(settings) -> bytes:
    """The web secret; created (32 random bytes, mode 0600) on first use."""
    path = secret_path(settings)
    key = str(path.resolve())
    if key in _secrets:
        return _secrets[key]
    if not path.exists():
        # Written under a temporary name, then linked into place: another process
        # never reads a half-written key, and the first one to link wins.
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32) + "\n")
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    secret = path.read_text().strip().encode()
    if len(secret) < 32:
        raise ValueError(f"web secret {path} is too short (needs at least 32 characters)")
    _secrets[key] = secret
    return secret


def derive(secret: bytes, purpose: str) -> bytes:
    return hmac.new(secret, b"dlpgate:" + purpose.encode(), hashlib.sha256).digest()


# -- tokens --------------------------------------------------------------------


class BadToken(Exception):
    """Why a link was refused: tampered, expired, used, unknown, not held."""


class LinkSettled(BadToken):
    """A genuine link that can do nothing more: already used, or its message is no longer held.

    Carries what the sender may be told: their request (when the link was used)
    and the message's state, so the page shows a status rather than an error.
    """

    def __init__(self, message: str, request: ReleaseRequest | None, state: str):
        super().__init__(message)
        self.request = request
        self.state = state


@dataclass(frozen=True)
class Token:
    qid: str
    sender_hash: str
    expires: float
    nonce: str


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sender_hash(sender: str) -> str:
    return hashlib.sha256(sender.strip().lower().encode()).hexdigest()[:24]


def make_token(secret: bytes, qid: str, sender: str, ttl_seconds: float, now: float | None = None) -> str:
    expires = int((time.time() if now is None else now) + ttl_seconds)
    payload = _b64(json.dumps([qid, sender_hash(sender), expires, secrets.token_urlsafe(12)], separators=(",", ":")).encode())
    sig = hmac.new(derive(secret, "request-link"), payload.encode(), hashlib.sha256).digest()
    return f"{payload}.{_b64(sig)}"


def read_token(secret: bytes, token: str, now: float | None = None) -> Token:
    payload, _, sig = token.partition(".")
    want = hmac.new(derive(secret, "request-link"), payload.encode(), hashlib.sha256).digest()
    try:
        # Compared as text in the one canonical encoding make_token writes: a
        # decoder would skip junk, padding and spare low bits, so many strings
        # would pass for one signature.
        good = hmac.compare_digest(sig.encode("ascii"), _b64(want).encode())
        qid, shash, expires, nonce = json.loads(_unb64(payload)) if good else (None,) * 4
    except (ValueError, TypeError, UnicodeError):
        good = False
    if not good or not all(isinstance(v, str) for v in (qid, shash, nonce)) or not isinstance(expires, int):
        raise BadToken("This link is not valid.")
    if (time.time() if now is None else now) > expires:
        raise BadToken("This link has expired.")
    return Token(qid, shash, float(expires), nonce)


def request_url(settings, qid: str, sender: str) -> str:
    """The link for a hold notice; "" when web.base_url is not set (no console reachable)."""
    base = settings.web.base_url.rstrip("/")
    if not base or not sender or not settings.web.enabled:
        return ""
    token = make_token(load_secret(settings), qid, sender, settings.web.request_ttl_days * 86400)
    return f"{base}/request/{token}"


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
    """The notice lines (kind, count, place) from a stored verdict."""
    return findings_lines(stored_as_verdict(held))


def stored_as_verdict(held: HeldMessage) -> Verdict:
    """A held message's stored verdict in the shape the notices read (no recipients, no subject)."""
    stored = held.verdict
    return Verdict(
        action=_action(stored.action or held.action),
        hits=tuple(RuleHit(h.rule, _action(h.action), h.audit_only, h.sender_release) for h in stored.hits),
        findings=stored.findings,
        problems=stored.problems,
    )


def _action(label: str) -> Action:
    try:
        return Action.parse(label)
    except KeyError:  # a label this version does not know: held mail was held
        return Action.HOLD
