"""The quarantine, the outbox and the audit trail behind one small interface.

A repository per table (Mailman's model/ split): ``store.quarantine``,
``store.outbox``, ``store.audit_log``, ``store.users``, ``store.throttle``,
``store.sessions``, ``store.requests`` and ``store.failures``. No SQL runs
outside this package. The records they hand out are in records.py, the states
rows can be in are in states.py.

SQLite (a file under storage.path, WAL, synchronous=FULL) is the default. Every
method is synchronous and short; the gateway calls them from a worker thread.
A hold, its audit record and its notices are committed in one transaction, so
the 250 that follows means all three are on disk.

Held mail is private: the storage folder is made 0700 and the database with its
-wal and -shm files 0600, whatever the umask of whoever started the gateway
(SQLite gives the -wal and -shm files the database file's mode).
"""

from __future__ import annotations

import builtins
import contextlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from dlpgate.store import audit as audit_chain
from dlpgate.store import crypto
from dlpgate.store.audit import AuditRepo
from dlpgate.store.engines import (
    Database,
    database_address,
    make_private_dir,
    postgres_engine,
    sqlite_engine,
    write_lock_for,
)
from dlpgate.store.failures import FailureRepo
from dlpgate.store.outbox import OutboxRepo
from dlpgate.store.quarantine import QuarantineRepo, new_id, stored_subject
from dlpgate.store.records import (
    Account,
    Conflict,
    HeldMessage,
    OutboxItem,
    Outgoing,
    QueuePage,
    ReleaseRequest,
    StoredHit,
    StoredVerdict,
    WebSession,
    iso,
)
from dlpgate.store.requests import RequestRepo
from dlpgate.store.schema import metadata
from dlpgate.store.sessions import SessionRepo
from dlpgate.store.states import OutboxKind, OutboxState, QuarantineState, RequestState
from dlpgate.store.users import ThrottleRepo, UserRepo
from dlpgate.types import Envelope, Verdict

__all__ = [
    "Account",
    "Conflict",
    "HeldMessage",
    "OutboxItem",
    "OutboxKind",
    "OutboxState",
    "Outgoing",
    "QuarantineState",
    "QueuePage",
    "ReleaseRequest",
    "RequestState",
    "Store",
    "StoreError",
    "StoredHit",
    "StoredVerdict",
    "WebSession",
    "database_address",
    "iso",
    "make_private_dir",
    "new_id",
    "open_store",
    "store_for",
    "stored_subject",
    "write_lock_for",
]


class StoreError(RuntimeError):
    """The store cannot be opened; one line for the operator."""


def open_store(path: str | Path = "var", url: str = "") -> Store:
    """storage.url (PostgreSQL, shared by several nodes) if set; else SQLite in the folder storage.path."""
    if url:
        if not url.startswith(("postgresql", "postgres://")):
            raise StoreError("storage: url must be postgresql://user:password@host:port/database")
        try:
            return Store(postgres_engine(url))
        except StoreError:
            raise
        except Exception as exc:  # one clear line at start-up
            raise StoreError(f"storage: cannot open the database: {exc.__class__.__name__}") from exc
    return Store(sqlite_engine(Path(path) / "dlpgate.sqlite3"))


def store_for(settings: Any) -> Store:
    """The store a Settings names (storage.url, else storage.path)."""
    store = open_store(settings.storage.path, getattr(settings.storage, "url", ""))
    key_file = getattr(settings.storage, "encryption_key_file", "")
    if key_file:
        try:
            store.cipher = crypto.Cipher.from_file(key_file)
        except crypto.KeyFileError as exc:
            store.close()
            raise StoreError(str(exc)) from None
    return store


class Store:
    """The database and its repositories. The methods below the repositories are
    the message path's short names for them."""

    def __init__(self, engine: Engine):
        self.engine = engine
        try:
            if engine.dialect.name == "postgresql":
                # Several nodes may start at once: create the tables one node at a time.
                with engine.begin() as conn:
                    conn.exec_driver_sql("SELECT pg_advisory_xact_lock(4242000)")
                    metadata.create_all(conn)
            else:
                metadata.create_all(engine)
        except Exception as exc:  # one clear line at start-up
            raise StoreError(f"storage: cannot open the database: {exc.__class__.__name__}") from exc
        self.db = Database(engine)
        self.audit_log = AuditRepo(self.db)
        self.outbox = OutboxRepo(self.db)
        self.quarantine = QuarantineRepo(self.db, self.outbox)
        self.users = UserRepo(self.db)
        self.throttle = ThrottleRepo(self.db)
        self.sessions = SessionRepo(self.db)
        self.requests = RequestRepo(self.db)
        self.failures = FailureRepo(self.db)

    @property
    def cipher(self) -> crypto.Cipher | None:
        """Seals held messages at rest when storage.encryption_key_file is set (store_for)."""
        return self.quarantine.cipher

    @cipher.setter
    def cipher(self, cipher: crypto.Cipher | None) -> None:
        self.quarantine.cipher = cipher

    def close(self) -> None:
        self.engine.dispose()

    def ping(self) -> bool:
        """True when the database answers (for the health endpoint)."""
        try:
            with self.db.read() as conn:
                conn.exec_driver_sql("SELECT 1")
            return True
        except Exception:  # any failure means "not healthy"
            return False

    def _tx(self) -> contextlib.AbstractContextManager[Any]:
        return self.db.tx()

    def writing(self) -> contextlib.AbstractContextManager[None]:
        return self.db.writing()

    def table_counts(self, table_name: str, column: str = "state") -> dict[str, int]:
        """Rows of a table (e.g. release requests) by state; {} when it does not exist."""
        table = metadata.tables.get(table_name)
        if table is None or column not in table.c:
            return {}
        with self.db.read() as conn:
            rows = conn.execute(select(table.c[column], func.count()).group_by(table.c[column]))
            return {str(state): n for state, n in rows}

    # -- the message path ---------------------------------------------------------

    def record_verdicts(self, items: Iterable[tuple[Envelope, Verdict]]) -> None:
        self.audit_log.append_verdicts(items)

    def hold(
        self,
        raw: bytes,
        envelope: Envelope,
        verdict: Verdict,
        notices: Iterable[Outgoing] = (),
        qid: str | None = None,
        masked_subject: str = "",
    ) -> str:
        return self.quarantine.hold(raw, envelope, verdict, notices, qid, masked_subject)

    def enqueue(self, items: Iterable[Outgoing]) -> None:
        self.outbox.enqueue(items)

    def count_inspection_failure(self, sha256: str, reason: str, window: float = 7 * 86400.0) -> int:
        return self.failures.count(sha256, reason, window)

    def clear_inspection_failures(self, sha256: str) -> None:
        self.failures.clear(sha256)

    def due(self, now: float | None = None, limit: int = 50) -> builtins.list[OutboxItem]:
        return self.outbox.due(now, limit)

    def due_claim(self, limit: int = 50, lease: float = 300.0) -> builtins.list[OutboxItem]:
        return self.outbox.claim_due(limit, lease)

    def outbox_done(self, item_id: int) -> None:
        self.outbox.done(item_id)

    def outbox_retry(self, item_id: int, error: str, delay: float, give_up: bool = False) -> None:
        self.outbox.retry(item_id, error, delay, give_up)

    def outbox_counts(self) -> dict[str, int]:
        return self.outbox.counts()

    # -- the quarantine -----------------------------------------------------------

    def quarantine_counts(self) -> dict[str, int]:
        return self.quarantine.counts()

    def list(self, state: str | None = None, limit: int = 1000) -> builtins.list[HeldMessage]:
        return self.quarantine.newest(state, limit)

    def get(self, qid: str) -> HeldMessage | None:
        return self.quarantine.get(qid)

    def content(self, qid: str, actor: str, reason: str) -> bytes | None:
        return self.quarantine.content(qid, actor, reason)

    def claim(self, qid: str, actor: str) -> bytes | None:
        return self.quarantine.claim(qid, actor)

    def unclaim(self, qid: str, actor: str, error: str) -> None:
        self.quarantine.unclaim(qid, actor, error)

    def finish_release(self, qid: str, actor: str, reason: str, extra: dict | None = None) -> None:
        self.quarantine.finish_release(qid, actor, reason, extra)

    def delete(self, qid: str, actor: str, reason: str) -> bool:
        return self.quarantine.delete(qid, actor, reason)

    def purge_expired(self, before: float, actor: str = "retention", retention_days: int = 0) -> builtins.list[str]:
        return self.quarantine.purge_expired(before, actor, retention_days)

    # -- the audit trail ----------------------------------------------------------

    def audit(self, event_name: str, actor: str, data: dict, ref: str = "") -> None:
        self.audit_log.append(event_name, actor, data, ref)

    def audit_records(self, limit: int | None = None, ref: str | None = None) -> builtins.list[dict]:
        return self.audit_log.records(limit, ref)

    def audit_verify(self) -> audit_chain.VerifyResult:
        return self.audit_log.verify()
