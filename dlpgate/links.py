"""Signed release-request links: the web secret, the token in a hold notice, and its check.

A link's token is HMAC-SHA256 signed with a key derived from the web secret,
names one quarantine ID and (as a hash) the sender it was sent to, carries its
expiry and a nonce. The gateway signs links when it holds mail; the console
(dlpgate/admin/requests.py) reads them back.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dlpgate.config import Settings

_secrets: dict[str, bytes] = {}


def secret_path(settings: Settings) -> Path:
    return Path(settings.web.secret_key_file or Path(settings.storage.path) / "web-secret.key")


def load_secret(settings: Settings) -> bytes:
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


class BadToken(Exception):
    """Why a link was refused: tampered, expired, used, unknown, not held."""


class LinkExpired(BadToken):
    """A genuine link past its expiry."""


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
    fields = None
    try:
        # Compared as text in the one canonical encoding make_token writes: a
        # decoder would skip junk, padding and spare low bits, so many strings
        # would pass for one signature.
        if hmac.compare_digest(sig.encode("ascii"), _b64(want).encode()):
            fields = json.loads(_unb64(payload))
    except (ValueError, TypeError, UnicodeError):
        fields = None
    if not isinstance(fields, list) or len(fields) != 4:
        raise BadToken("This link is not valid.")
    qid, shash, expires, nonce = fields
    if not (isinstance(qid, str) and isinstance(shash, str) and isinstance(nonce, str) and isinstance(expires, int)):
        raise BadToken("This link is not valid.")
    if (time.time() if now is None else now) > expires:
        raise LinkExpired("This link has expired.")
    return Token(qid, shash, float(expires), nonce)


class ReleaseLinks:
    """Signs the release-request link of each hold notice.

    Built once at start-up: the secret is read then, so holding a message
    touches no file. Without a reachable console (web off, or no base_url)
    there are no links and no secret is needed.
    """

    def __init__(self, base_url: str, secret: bytes, ttl_seconds: float):
        self.base = base_url.rstrip("/")
        self.secret = secret
        self.ttl_seconds = ttl_seconds

    @classmethod
    def for_settings(cls, settings: Settings) -> ReleaseLinks:
        web = settings.web
        if not web.enabled or not web.base_url.rstrip("/"):
            return cls("", b"", 0.0)
        return cls(web.base_url, load_secret(settings), web.request_ttl_days * 86400)

    def url(self, qid: str, sender: str) -> str:
        """The link for a hold notice; "" when there is no console to follow it to, or no sender."""
        if not self.base or not sender:
            return ""
        return f"{self.base}/request/{make_token(self.secret, qid, sender, self.ttl_seconds)}"
