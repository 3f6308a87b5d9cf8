"""Web console accounts: argon2 password hashes, roles, and login limiting.

Roles are ordered: a releaser may release or delete on metadata and findings
alone; a reviewer may also read held content; an admin may do everything,
including managing accounts. Every change is written to the audit trail.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import time
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from dlpgate.store import Account, Conflict, Store
from dlpgate.store.accounts import ROLES

log = logging.getLogger("dlpgate.web")
RANK = {role: i for i, role in enumerate(ROLES)}
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
MIN_PASSWORD = 10

_hasher = PasswordHasher()
# Verified against when the account does not exist, so a wrong name costs the same time.
_DUMMY_HASH = _hasher.hash("dlpgate-no-such-user")


class UserError(ValueError):
    """A request about accounts that cannot be done; the message is for the operator."""


class LoginRefused(Exception):
    def __init__(self, locked: bool, retry_after: float = 0.0):
        super().__init__("locked" if locked else "bad credentials")
        self.locked = locked
        self.retry_after = retry_after


@dataclass(frozen=True)
class User:
    name: str
    role: str
    disabled: bool
    created: float
    fingerprint: str  # changes when the password changes: sessions from before end

    def can(self, role: str) -> bool:
        return not self.disabled and RANK[self.role] >= RANK[role]


def _user(account: Account) -> User:
    return User(account.name, account.role, account.disabled, account.created, account.fingerprint)


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise UserError(f"password must be at least {MIN_PASSWORD} characters")


class Users:
    def __init__(
        self, store: Store, max_failures: int = 5, lock_seconds: float = 900.0,
        idle_seconds: float = 900.0, max_age_seconds: float = 12 * 3600.0,
    ):
        self.store = store
        self.max_failures = max_failures
        self.lock_seconds = lock_seconds
        self.idle_seconds = idle_seconds
        self.max_age_seconds = max_age_seconds

    def get(self, name: str) -> User | None:
        account = self.store.users.get(name)
        return _user(account) if account else None

    def all(self) -> list[User]:
        return [_user(a) for a in self.store.users.all()]

    def _known(self, name: str) -> User:
        user = self.get(name)
        if user is None:  # removed between the write and this read: nothing removes accounts today
            raise UserError(f"no user {name}")
        return user

    def add(self, name: str, role: str, password: str, actor: str) -> User:
        if not NAME_RE.match(name):
            raise UserError("user name: letters, digits, '.', '_', '@' or '-', at most 64")
        if role not in RANK:
            raise UserError(f"role must be one of {', '.join(ROLES)}")
        check_password(password)
        try:
            self.store.users.add(name, role, _hasher.hash(password), actor, time.time())
        except Conflict:
            raise UserError(f"user {name} already exists") from None
        return self._known(name)

    def passwd(self, name: str, password: str, actor: str) -> None:
        check_password(password)
        self._change(name, actor, "user_passwd", {}, end_sessions=True, password_hash=_hasher.hash(password))

    def set_disabled(self, name: str, disabled: bool, actor: str) -> None:
        self._change(name, actor, "user_disable" if disabled else "user_enable", {}, end_sessions=disabled, disabled=disabled)

    def set_role(self, name: str, role: str, actor: str) -> None:
        if role not in RANK:
            raise UserError(f"role must be one of {', '.join(ROLES)}")
        self._change(name, actor, "user_role", {"role": role}, role=role)

    def _change(self, name: str, actor: str, event: str, data: dict, **values: Any) -> None:
        if not self.store.users.change(name, actor, event, data, time.time(), **values):
            raise UserError(f"no user {name}")

    # -- logging in --------------------------------------------------------

    def lock_for(self, failures: int) -> float:
        """Seconds locked after `failures` counted attempts: a minute at the limit, doubling, at most lock_seconds."""
        if failures < self.max_failures:
            return 0.0
        return min(self.lock_seconds, 60.0 * 2 ** min(failures - self.max_failures, 20))

    def _count_attempt(self, account: str, address: str, now: float) -> float:
        """Count one attempt before its password is checked: 0.0 when it may go ahead, else the
        seconds until it may. Counted under a row lock, so no more than max_failures passwords
        are ever checked before the lock holds."""
        wait = self.store.throttle.count_attempt(account, address, now, self.lock_seconds, self.lock_for)
        if not wait:
            self.store.throttle.prune(now - 2 * self.lock_seconds, now)
        return wait

    def authenticate(self, name: str, password: str, address: str) -> User:
        """The user, or LoginRefused.

        Failures are throttled per (account, source address) with back-off:
        never the account from everywhere (anyone could lock out the admins),
        never the address for everyone (behind a proxy every user shares it).
        """
        now = time.time()
        account, address = name[:100].lower(), address[:100]
        wait = self._count_attempt(account, address, now)
        if wait:
            self.store.audit("login_locked", name[:64] or "-", {"address": address})
            raise LoginRefused(locked=True, retry_after=wait)
        found = self.store.users.get(name)
        ok = False
        try:
            ok = _hasher.verify(found.password_hash if found else _DUMMY_HASH, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            ok = False
        if not ok or found is None or found.disabled:
            self.store.audit("login_failed", name[:64] or "-", {"address": address})
            raise LoginRefused(locked=False)
        rehashed = _hasher.hash(password) if _hasher.check_needs_rehash(found.password_hash) else None
        self.store.users.logged_in(name, account, address, rehashed)
        return self._known(name)

    def locks(self) -> dict[str, int]:
        """Account name (lower-cased) -> how many addresses it is locked from now."""
        out: dict[str, int] = {}
        for account in self.store.throttle.locked(time.time()):
            out[account] = out.get(account, 0) + 1
        return out

    def unlock(self, name: str, actor: str) -> int:
        """Clear the failed-login counts of `name` from every address; returns how many were cleared."""
        return self.store.throttle.clear(name[:100].lower(), actor, name)

    # -- sessions -------------------------------------------------------------

    def open_session(self, user: User, address: str) -> str:
        """A new session for `user`; returns the id for the cookie (only its hash is stored)."""
        sid = secrets.token_urlsafe(32)
        now = time.time()
        self.store.sessions.open(
            _sid_hash(sid), user.name, user.fingerprint, address, now, now - self.idle_seconds, now - self.max_age_seconds
        )
        return sid

    def session_user(self, sid: str) -> User | None:
        """The user of a live session, or None (unknown, idle too long, too old, password changed, disabled)."""
        if not sid or len(sid) > 100:
            return None
        now = time.time()
        key = _sid_hash(sid)
        s = self.store.sessions.get(key)
        if s is None:
            return None
        user = self.get(s.user)
        if (user is None or user.disabled or user.fingerprint != s.fingerprint
                or now - s.seen > self.idle_seconds or now - s.created > self.max_age_seconds):
            self.end_session(sid)
            return None
        if now - s.seen > min(30.0, self.idle_seconds / 4):  # not a write on every page
            self.store.sessions.touch(key, now)
        return user

    def end_session(self, sid: str) -> None:
        self.store.sessions.end(_sid_hash(sid))


def _sid_hash(sid: str) -> str:
    return hashlib.sha256(sid.encode()).hexdigest()


def unlock(store: Store, name: str, actor: str = "cli") -> int:
    """Clear the failed-login counts of account `name` (for `dlpgate user unlock`); returns rows cleared."""
    return Users(store).unlock(name, actor)
