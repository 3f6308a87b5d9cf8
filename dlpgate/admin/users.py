"""Web console accounts: argon2 password hashes, roles, and login limiting.

Roles are ordered: a releaser may release or delete on metadata and findings
alone; a reviewer may also read held content; an admin may do everything,
including managing accounts. Every change is written to the audit trail.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from dlpgate.store import Store
from dlpgate.store import audit as audit_chain
from dlpgate.store.accounts import ROLES, login_attempts, users

RANK = {role: i for i, role in enumerate(ROLES)}
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
MIN_PASSWORD = 10

_hasher = PasswordHasher()
# Verified against when the account does not exist, so a wrong name costs the same time.
_DUMMY_HASH = _hasher.hash("dlpgate-no-such-user")


class UserError(ValueError):
    """A request about accounts that cannot be done; the message is for the operator."""


class LoginRefused(Exception):
    def __init__(self, locked: bool):
        super().__init__("locked" if locked else "bad credentials")
        self.locked = locked


@dataclass(frozen=True)
class User:
    name: str
    role: str
    disabled: bool
    created: float
    fingerprint: str  # changes when the password changes: sessions from before end

    def can(self, role: str) -> bool:
        return not self.disabled and RANK[self.role] >= RANK[role]


def _user(row) -> User:
    fp = hashlib.sha256(row["password_hash"].encode()).hexdigest()[:16]
    return User(row["name"], row["role"], bool(row["disabled"]), row["created"], fp)


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise UserError(f"password must be at least {MIN_PASSWORD} characters")


class Users:
    def __init__(self, store: Store, max_failures: int = 5, lock_seconds: float = 900.0):
        self.store = store
        self.max_failures = max_failures
        self.lock_seconds = lock_seconds

    def get(self, name: str) -> User | None:
        with self.store.engine.connect() as conn:
            row = conn.execute(select(users).where(users.c.name == name)).mappings().first()
            return _user(row) if row else None

    def list(self) -> list[User]:
        with self.store.engine.connect() as conn:
            return [_user(r) for r in conn.execute(select(users).order_by(users.c.name)).mappings()]

    def add(self, name: str, role: str, password: str, actor: str) -> User:
        if not NAME_RE.match(name):
            raise UserError("user name: letters, digits, '.', '_', '@' or '-', at most 64")
        if role not in RANK:
            raise UserError(f"role must be one of {', '.join(ROLES)}")
        check_password(password)
        hashed = _hasher.hash(password)
        now = time.time()
        try:
            with self.store.engine.begin() as conn:
                conn.execute(
                    insert(users).values(name=name, role=role, password_hash=hashed, disabled=False, created=now, updated=now)
                )
                audit_chain.append(conn, "user_add", actor, {"user": name, "role": role})
        except IntegrityError:
            raise UserError(f"user {name} already exists") from None
        return self.get(name)  # type: ignore[return-value]

    def _change(self, name: str, actor: str, event: str, data: dict, **values) -> None:
        with self.store.engine.begin() as conn:
            res = conn.execute(update(users).where(users.c.name == name).values(updated=time.time(), **values))
            if res.rowcount != 1:
                raise UserError(f"no user {name}")
            audit_chain.append(conn, event, actor, {"user": name} | data)

    def passwd(self, name: str, password: str, actor: str) -> None:
        check_password(password)
        self._change(name, actor, "user_passwd", {}, password_hash=_hasher.hash(password))

    def set_disabled(self, name: str, disabled: bool, actor: str) -> None:
        self._change(name, actor, "user_disable" if disabled else "user_enable", {}, disabled=disabled)

    def set_role(self, name: str, role: str, actor: str) -> None:
        if role not in RANK:
            raise UserError(f"role must be one of {', '.join(ROLES)}")
        self._change(name, actor, "user_role", {"role": role}, role=role)

    # -- logging in --------------------------------------------------------

    def _failures(self, conn, keys: list[str], since: float) -> int:
        counts = [
            conn.execute(select(func.count()).where(login_attempts.c.key == k, login_attempts.c.ts >= since)).scalar_one()
            for k in keys
        ]
        return max(counts)

    def authenticate(self, name: str, password: str, address: str) -> User:
        """The user, or LoginRefused; too many recent failures lock the account and the address."""
        now = time.time()
        since = now - self.lock_seconds
        keys = [f"user:{name[:100].lower()}", f"addr:{address[:100]}"]
        with self.store.engine.connect() as conn:
            locked = self._failures(conn, keys, since) >= self.max_failures
            row = conn.execute(select(users).where(users.c.name == name)).mappings().first()
        if locked:
            self.store.audit("login_locked", name[:64] or "-", {"address": address})
            raise LoginRefused(locked=True)
        ok = False
        try:
            ok = _hasher.verify(row["password_hash"] if row else _DUMMY_HASH, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            ok = False
        if not ok or row is None or row["disabled"]:
            with self.store.engine.begin() as conn:
                conn.execute(delete(login_attempts).where(login_attempts.c.ts < since))
                conn.execute(insert(login_attempts), [{"key": k, "ts": now} for k in keys])
                audit_chain.append(conn, "login_failed", name[:64] or "-", {"address": address})
            raise LoginRefused(locked=False)
        with self.store.engine.begin() as conn:
            conn.execute(delete(login_attempts).where(login_attempts.c.key == keys[0]))
            if _hasher.check_needs_rehash(row["password_hash"]):
                conn.execute(update(users).where(users.c.name == name).values(password_hash=_hasher.hash(password)))
            audit_chain.append(conn, "login", name, {"address": address})
        return self.get(name)  # type: ignore[return-value]
