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

from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

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
        # The short names the message path, the CLI and the tests call; each is the repository's own method.
        self.hold = self.quarantine.hold
        self.get = self.quarantine.get
        self.list = self.quarantine.newest
        self.content = self.quarantine.content
        self.claim = self.quarantine.claim
        self.unclaim = self.quarantine.unclaim
        self.finish_release = self.quarantine.finish_release
        self.delete = self.quarantine.delete
        self.purge_expired = self.quarantine.purge_expired
        self.quarantine_counts = self.quarantine.counts
        self.enqueue = self.outbox.enqueue
        self.due = self.outbox.due
        self.due_claim = self.outbox.claim_due
        self.outbox_done = self.outbox.done
        self.outbox_retry = self.outbox.retry
        self.outbox_counts = self.outbox.counts
        self.audit = self.audit_log.append
        self.audit_records = self.audit_log.records
        self.audit_verify = self.audit_log.verify
        self.audit_many = self.audit_log.append_many
        self.count_inspection_failure = self.failures.count
        self.clear_inspection_failures = self.failures.clear
        self.writing = self.db.writing

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

