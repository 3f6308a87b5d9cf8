"""Console accounts and the failed-login counts kept against them.

Password hashing and the lock-out policy live in admin/users.py; here are the
rows, changed under the locks that keep parallel requests honest.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from dlpgate.store import audit as audit_chain
from dlpgate.store.accounts import login_throttle, users, web_sessions
from dlpgate.store.engines import Database
from dlpgate.store.records import Account, Conflict

log = logging.getLogger("dlpgate.store")


def _account(row: Any) -> Account:
    return Account(row["name"], row["role"], row["password_hash"], bool(row["disabled"]), row["created"])


def account(conn: Connection, name: str) -> Account | None:
    row = conn.execute(select(users).where(users.c.name == name)).mappings().first()
    return _account(row) if row else None


class UserRepo:
    def __init__(self, db: Database):
        self.db = db

    def get(self, name: str) -> Account | None:
        with self.db.read() as conn:
            return account(conn, name)

    def all(self) -> list[Account]:
        with self.db.read() as conn:
            return [_account(r) for r in conn.execute(select(users).order_by(users.c.name)).mappings()]

    def add(self, name: str, role: str, password_hash: str, actor: str, now: float) -> None:
        """A new account (audited); Conflict when the name is taken."""
        try:
            with self.db.tx() as conn:
                conn.execute(
                    insert(users).values(name=name, role=role, password_hash=password_hash, disabled=False, created=now, updated=now)
                )
                audit_chain.append(conn, "user_add", actor, {"user": name, "role": role})
        except IntegrityError:
            raise Conflict(name) from None

    def change(
        self,
        name: str,
        actor: str,
        event: str,
        data: dict,
        now: float,
        *,
        end_sessions: bool = False,
        role: str | None = None,
        password_hash: str | None = None,
        disabled: bool | None = None,
    ) -> bool:
        """Change the fields given and audit it as `event`; False when there is no such account.

        ``end_sessions`` ends the account's sessions in the same transaction (the
        audit record says how many)."""
        values: dict[str, Any] = {"updated": now}
        values |= {k: v for k, v in (("role", role), ("password_hash", password_hash), ("disabled", disabled)) if v is not None}
        with self.db.tx() as conn:
            if conn.execute(update(users).where(users.c.name == name).values(**values)).rowcount != 1:
                return False
            if end_sessions:
                n = conn.execute(delete(web_sessions).where(web_sessions.c.user == name)).rowcount
                data = data | {"sessions_ended": n}
            audit_chain.append(conn, event, actor, {"user": name} | data)
        return True

    def logged_in(self, name: str, account: str, address: str, rehashed: str | None = None) -> None:
        """A login that passed: its failure count goes, a stale hash is replaced, the audit says so."""
        with self.db.tx() as conn:
            conn.execute(delete(login_throttle).where(login_throttle.c.account == account, login_throttle.c.address == address))
            if rehashed is not None:
                conn.execute(update(users).where(users.c.name == name).values(password_hash=rehashed))
            audit_chain.append(conn, "login", name, {"address": address})


class ThrottleRepo:
    """Recent failed logins per (account as typed, source address)."""

    def __init__(self, db: Database):
        self.db = db

    def count_attempt(self, account: str, address: str, now: float, forget_after: float, lock_for: Callable[[int], float]) -> float:
        """Count one attempt for (account, address) before its password is checked.

        Returns 0.0 when the attempt may go ahead, else the seconds until it may.
        Failures older than ``forget_after`` seconds are forgotten; ``lock_for``
        gives the lock-out after so many counted attempts. The row is locked
        (SELECT ... FOR UPDATE on PostgreSQL; SQLite's BEGIN IMMEDIATE takes the
        write lock) for the read-and-count, so attempts made at once are counted
        one after another.
        """
        t = login_throttle
        with self.db.tx() as conn:
            conn.execute(
                self.db.upsert(t).on_conflict_do_nothing().values(account=account, address=address, failures=0, locked_until=0.0, last=now)
            )
            row = conn.execute(select(t).where(t.c.account == account, t.c.address == address).with_for_update()).mappings().one()
            if row["locked_until"] > now:
                return float(row["locked_until"] - now)
            failures = row["failures"]
            if now - row["last"] > forget_after:
                failures = 0  # a quiet spell forgets old failures
            failures += 1
            conn.execute(
                update(t)
                .where(t.c.account == account, t.c.address == address)
                .values(failures=failures, last=now, locked_until=now + lock_for(failures))
            )
        return 0.0

    def prune(self, quiet_since: float, now: float) -> None:
        """Forget pairs quiet since before `quiet_since` and not locked. Its own transaction, so a
        count holds one row lock only (no lock-order deadlock on PostgreSQL); best effort, as the
        next attempt prunes again."""
        t = login_throttle
        try:
            with self.db.tx() as conn:
                conn.execute(delete(t).where(t.c.last < quiet_since, t.c.locked_until < now))
        except SQLAlchemyError:
            log.debug("login_throttle prune skipped", exc_info=True)

    def locked(self, now: float) -> list[str]:
        """The accounts locked now, once per address they are locked from."""
        with self.db.read() as conn:
            return [a for (a,) in conn.execute(select(login_throttle.c.account).where(login_throttle.c.locked_until > now))]

    def clear(self, account: str, actor: str, user: str) -> int:
        """Clear `account`'s counts from every address (audited as unlocking `user`); how many were cleared."""
        with self.db.tx() as conn:
            n = int(conn.execute(delete(login_throttle).where(login_throttle.c.account == account)).rowcount)
            audit_chain.append(conn, "user_unlock", actor, {"user": user, "cleared": n})
        return n
