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

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from dlpgate.store import Store
from dlpgate.store import audit as audit_chain
from dlpgate.store.accounts import ROLES, login_throttle, users, web_sessions

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


def _user(row) -> User:
    fp = hashlib.sha256(row["password_hash"].encode()).hexdigest()[:16]
    return User(row["name"], row["role"], bool(row["disabled"]), row["created"], fp)


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

    def _change(self, name: str, actor: str, event: str, data: dict, end_sessions: bool = False, **values) -> None:
        with self.store.engine.begin() as conn:
            res = conn.execute(update(users).where(users.c.name == name).values(updated=time.time(), **values))
            if res.rowcount != 1:
                raise UserError(f"no user {name}")
            if end_sessions:
                n = conn.execute(delete(web_sessions).where(web_sessions.c.user == name)).rowcount
                data = data | {"sessions_ended": n}
            audit_chain.append(conn, event, actor, {"user": name} | data)

    def passwd(self, name: str, password: str, actor: str) -> None:
        check_password(password)
        self._change(name, actor, "user_passwd", {}, end_sessions=True, password_hash=_hasher.hash(password))

    def set_disabled(self, name: str, disabled: bool, actor: str) -> None:
        self._change(name, actor, "user_disable" if disabled else "user_enable", {}, end_sessions=disabled, disabled=disabled)

    def set_role(self, name: str, role: str, actor: str) -> None:
        if role not in RANK:
            raise UserError(f"role must be one of {', '.join(ROLES)}")
        self._change(name, actor, "user_role", {"role": role}, role=role)

    # -- logging in --------------------------------------------------------

    def lock_for(self, failures: int) -> float:
        """Seconds locked after `failures` counted attempts: a minute at the limit, doubling, at most lock_seconds."""
        if failures < self.max_failures:
            return 0.0
        return min(self.lock_seconds, 60.0 * 2 ** min(failures - self.max_failures, 20))

    def _count_attempt(self, account: str, address: str, now: float) -> float:
        """Count one attempt for (account, address) before its password is checked.

        Returns 0.0 when the attempt may go ahead, else the seconds until it may.
        The row is locked (SELECT ... FOR UPDATE on PostgreSQL; SQLite's BEGIN
        IMMEDIATE takes the write lock) for the read-and-count, so attempts made
        at once are counted one after another and no more than max_failures
        passwords are ever checked before the lock holds.
        """
        with self.store.engine.begin() as conn:
            conn.execute(
                _insert_ignore(conn, login_throttle).values(account=account, address=address, failures=0, locked_until=0.0, last=now)
            )
            row = conn.execute(
                select(login_throttle)
                .where(login_throttle.c.account == account, login_throttle.c.address == address)
                .with_for_update()
            ).mappings().one()
            if row["locked_until"] > now:
                return row["locked_until"] - now
            failures = row["failures"]
            if now - row["last"] > self.lock_seconds:
                failures = 0  # a quiet spell forgets old failures
            failures += 1
            conn.execute(
                update(login_throttle)
                .where(login_throttle.c.account == account, login_throttle.c.address == address)
                .values(failures=failures, last=now, locked_until=now + self.lock_for(failures))
            )
        self._prune(now)
        return 0.0

    def _prune(self, now: float) -> None:
        """Forget pairs long quiet. Its own transaction, so the count above holds one row lock only
        (no lock-order deadlock on PostgreSQL); best effort, as the next attempt prunes again."""
        try:
            with self.store.engine.begin() as conn:
                conn.execute(
                    delete(login_throttle).where(
                        login_throttle.c.last < now - 2 * self.lock_seconds, login_throttle.c.locked_until < now
                    )
                )
        except SQLAlchemyError:
            log.debug("login_throttle prune skipped", exc_info=True)

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
        with self.store.engine.connect() as conn:
            row = conn.execute(select(users).where(users.c.name == name)).mappings().first()
        ok = False
        try:
            ok = _hasher.verify(row["password_hash"] if row else _DUMMY_HASH, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            ok = False
        if not ok or row is None or row["disabled"]:
            self.store.audit("login_failed", name[:64] or "-", {"address": address})
            raise LoginRefused(locked=False)
        with self.store.engine.begin() as conn:
            conn.execute(delete(login_throttle).where(login_throttle.c.account == account, login_throttle.c.address == address))
            if _hasher.check_needs_rehash(row["password_hash"]):
                conn.execute(update(users).where(users.c.name == name).values(password_hash=_hasher.hash(password)))
            audit_chain.append(conn, "login", name, {"address": address})
        return self.get(name)  # type: ignore[return-value]

    def locks(self) -> dict[str, int]:
        """Account name (lower-cased) -> how many addresses it is locked from now."""
        now = time.time()
        with self.store.engine.connect() as conn:
            rows = conn.execute(select(login_throttle.c.account).where(login_throttle.c.locked_until > now)).all()
        out: dict[str, int] = {}
        for (account,) in rows:
            out[account] = out.get(account, 0) + 1
        return out

    def unlock(self, name: str, actor: str) -> int:
        """Clear the failed-login counts of `name` from every address; returns how many were cleared."""
        with self.store.engine.begin() as conn:
            n = conn.execute(delete(login_throttle).where(login_throttle.c.account == name[:100].lower())).rowcount
            audit_chain.append(conn, "user_unlock", actor, {"user": name, "cleared": n})
        return n

    # -- sessions -------------------------------------------------------------

    def open_session(self, user: User, address: str) -> str:
        """A new session for `user`; returns the id for the cookie (only its hash is stored)."""
        sid = secrets.token_urlsafe(32)
        now = time.time()
        with self.store.engine.begin() as conn:
            conn.execute(delete(web_sessions).where(or_(web_sessions.c.seen < now - self.idle_seconds,
                                                        web_sessions.c.created < now - self.max_age_seconds)))
            conn.execute(insert(web_sessions).values(
                id_hash=_sid_hash(sid), user=user.name, fingerprint=user.fingerprint, address=address[:100], created=now, seen=now,
            ))
        return sid

    def session_user(self, sid: str) -> User | None:
        """The user of a live session, or None (unknown, idle too long, too old, password changed, disabled)."""
        if not sid or len(sid) > 100:
            return None
        now = time.time()
        key = _sid_hash(sid)
        with self.store.engine.connect() as conn:
            s = conn.execute(select(web_sessions).where(web_sessions.c.id_hash == key)).mappings().first()
            row = conn.execute(select(users).where(users.c.name == s["user"])).mappings().first() if s else None
        if s is None:
            return None
        user = _user(row) if row else None
        if (user is None or user.disabled or user.fingerprint != s["fingerprint"]
                or now - s["seen"] > self.idle_seconds or now - s["created"] > self.max_age_seconds):
            self.end_session(sid)
            return None
        if now - s["seen"] > min(30.0, self.idle_seconds / 4):  # not a write on every page
            with self.store.engine.begin() as conn:
                conn.execute(update(web_sessions).where(web_sessions.c.id_hash == key).values(seen=now))
        return user

    def end_session(self, sid: str) -> None:
        with self.store.engine.begin() as conn:
            conn.execute(delete(web_sessions).where(web_sessions.c.id_hash == _sid_hash(sid)))


def _sid_hash(sid: str) -> str:
    return hashlib.sha256(sid.encode()).hexdigest()


def _insert_ignore(conn, table):
    """INSERT ... ON CONFLICT DO NOTHING in the connection's dialect."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).on_conflict_do_nothing()
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table).on_conflict_do_nothing()


def unlock(store: Store, name: str, actor: str = "cli") -> int:
    """Clear the failed-login counts of account `name` (for `dlpgate user unlock`); returns rows cleared."""
    return Users(store).unlock(name, actor)
