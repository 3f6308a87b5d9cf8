"""The quarantine, the outbox and the audit trail behind one small interface.

SQLite (a file under storage.path, WAL, synchronous=FULL) is the default. Every
method is synchronous and short; the gateway calls them from a worker thread.
A hold, its audit record and its notices are committed in one transaction, so
the 250 that follows means all three are on disk.

Held mail is private: the storage folder is made 0700 and the database with its
-wal and -shm files 0600, whatever the umask of whoever started the gateway
(SQLite gives the -wal and -shm files the database file's mode).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Float, Integer, String, Table, create_engine, delete, event, func, insert, select, update
from sqlalchemy.engine import Connection, Engine

from dlpgate.report import verdict_record
from dlpgate.store import accounts as _accounts  # noqa: F401 - its tables join `metadata`
from dlpgate.store import audit as audit_chain
from dlpgate.store import crypto
from dlpgate.store.schema import metadata, outbox, quarantine
from dlpgate.types import Envelope, Verdict

# Inspections of one message content (canonical bytes' SHA-256) that failed, by
# how: "timeout" or the error's class name. Shared by every worker process and
# node, so a message that fails the same way twice is held, not retried forever.
inspection_failures = Table(
    "inspection_failures",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("reason", String(80), primary_key=True),
    Column("count", Integer, nullable=False),
    Column("first", Float, nullable=False),
    Column("last", Float, nullable=False, index=True),
)

log = logging.getLogger("dlpgate.store")

HELD = "held"
RELEASING = "releasing"
RELEASED = "released"
DELETED = "deleted"
EXPIRED = "expired"


class StoreError(RuntimeError):
    """The store cannot be opened; one line for the operator."""


@dataclass(frozen=True)
class Outgoing:
    """A message the gateway has taken responsibility for sending later."""

    kind: str
    mail_from: str
    rcpt_tos: tuple[str, ...]
    raw: bytes
    ref: str = ""


@dataclass(frozen=True)
class OutboxItem:
    id: int
    kind: str
    ref: str
    mail_from: str
    rcpt_tos: tuple[str, ...]
    raw: bytes
    attempts: int


@dataclass(frozen=True)
class HeldMessage:
    id: str
    state: str
    received: float
    sender: str
    recipients: tuple[str, ...]
    message_id: str
    subject: str
    size: int
    sha256: str
    action: str
    rules: tuple[str, ...]
    verdict: dict
    updated: float
    updated_by: str

    def summary(self) -> dict:
        return {
            "id": self.id,
            "state": self.state,
            "sender": self.sender,
            "recipients": list(self.recipients),
            "received": iso(self.received),
            "rules": list(self.rules),
            "size": self.size,
            "message_id": self.message_id,
        }


def iso(ts: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


def stored_subject(verdict: Verdict, masked: str = "") -> str:
    """The Subject kept beside a held message: as it is, or when something was found
    in it, ``masked`` (flagged parts replaced, "Referral for [...]") or a placeholder."""
    if any(f.where == "subject" for f in verdict.findings):
        return masked or "(subject not shown: it contains flagged content)"
    return verdict.subject


def new_id() -> str:
    return time.strftime("%Y%m%d", time.gmtime()) + "-" + secrets.token_hex(6)


PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def make_private_dir(folder: Path) -> None:
    """The folder (and any missing parents of it) exists and only its owner may enter it."""
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    _chmod_own(folder, PRIVATE_DIR)


def _chmod_own(path: Path, mode: int) -> None:
    """chmod what this user owns (a folder set up by root for the service is left as it is)."""
    st = path.stat()
    if st.st_mode & 0o777 != mode and st.st_uid == os.geteuid():
        try:
            os.chmod(path, mode)
        except PermissionError:  # e.g. an immutable file: the database itself will tell
            log.warning("storage: cannot make %s private (chmod %o)", path.name, mode)


def _private_database(path: Path) -> None:
    """Create the SQLite file 0600 before SQLite does (it would use 0644 & ~umask)."""
    make_private_dir(path.parent)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
    except FileExistsError:
        pass
    for name in (path.name, path.name + "-wal", path.name + "-shm"):
        try:
            _chmod_own(path.with_name(name), PRIVATE_FILE)
        except FileNotFoundError:
            pass


class WriteLock:
    """Writers to one SQLite file, one at a time, across threads and processes.

    SQLite's own busy handler sleeps and polls (1, 2, 5, 10, 15, 20, 25... ms),
    so a worker waiting for another worker's commit could stall for tens of
    milliseconds after the lock was already free. A blocking flock() on a
    side file wakes the waiter as soon as the holder lets go (and the kernel
    drops it if the holder dies). SQLite's locking still decides correctness;
    this only makes the queue prompt. Re-entrant within a thread, as nested
    transactions were before (they wait on SQLite, not here).
    """

    def __init__(self, path: Path):
        self._thread = threading.RLock()
        self._depth = 0
        self._fd: int | None = None
        try:
            self._fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, PRIVATE_FILE)
        except OSError as exc:  # read-only folder, say: SQLite's busy handler alone still works
            log.warning("storage: no write lock file %s (%s); writers poll instead", path.name, exc.strerror)

    def acquire(self) -> None:
        self._thread.acquire()
        self._depth += 1
        if self._depth == 1 and self._fd is not None:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_EX)
            except BaseException:
                self._depth -= 1
                self._thread.release()
                raise

    def release(self) -> None:
        self._depth -= 1
        if self._depth == 0 and self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        self._thread.release()


# One lock per database file in this process (several Stores may open one file).
_write_locks: dict[str, WriteLock] = {}
_write_locks_guard = threading.Lock()


def write_lock_for(path: Path) -> WriteLock:
    lock_path = path.with_name(path.name + "-writelock")
    with _write_locks_guard:
        lock = _write_locks.get(str(lock_path))
        if lock is None:
            lock = _write_locks[str(lock_path)] = WriteLock(lock_path)
        return lock


class _LockedConnection(sqlite3.Connection):
    """A sqlite3 connection whose write transaction holds the WriteLock from BEGIN to COMMIT/ROLLBACK."""

    write_lock: WriteLock | None = None
    _holding = False

    def begin_immediate(self) -> None:
        lock = self.write_lock
        if lock is not None and not self._holding:
            lock.acquire()
            self._holding = True
        try:
            self.execute("BEGIN IMMEDIATE")
        except BaseException:
            self._let_go()
            raise

    def _let_go(self) -> None:
        if self._holding:
            self._holding = False
            self.write_lock.release()  # type: ignore[union-attr]

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            if not self.in_transaction:
                self._let_go()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            if not self.in_transaction:
                self._let_go()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._let_go()


@contextlib.contextmanager
def _holding(lock: WriteLock):
    lock.acquire()
    try:
        yield
    finally:
        lock.release()


def _sqlite_engine(path: Path) -> Engine:
    _private_database(path)
    lock = write_lock_for(path)
    engine = create_engine(f"sqlite:///{path}", connect_args={"factory": _LockedConnection})
    engine.info_write_lock = lock  # type: ignore[attr-defined] - Store.writing() takes it

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # let "begin" below issue BEGIN IMMEDIATE
        dbapi_conn.write_lock = lock
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA busy_timeout=15000")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # Take the write lock at the start, so concurrent writers (other worker
        # processes) queue instead of failing half-way through a transaction.
        conn.connection.dbapi_connection.begin_immediate()

    return engine


def _postgres_engine(url: str) -> Engine:
    # "postgresql://" means psycopg 3 here; SQLAlchemy's bare default would be psycopg2.
    if url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


def open_store(path: str | Path = "var", url: str = "") -> Store:
    """storage.url (PostgreSQL, shared by several nodes) if set; else SQLite in the folder storage.path."""
    if url:
        if not url.startswith(("postgresql", "postgres://")):
            raise StoreError("storage: url must be postgresql://user:password@host:port/database")
        try:
            return Store(_postgres_engine(url))
        except StoreError:
            raise
        except Exception as exc:  # noqa: BLE001 - one clear line at start-up
            raise StoreError(f"storage: cannot open the database: {exc.__class__.__name__}") from exc
    return Store(_sqlite_engine(Path(path) / "dlpgate.sqlite3"))


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
    # Seals held messages at rest when storage.encryption_key_file is set (store_for).
    cipher: crypto.Cipher | None = None

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
        except Exception as exc:  # noqa: BLE001 - one clear line at start-up
            raise StoreError(f"storage: cannot open the database: {exc.__class__.__name__}") from exc

    def close(self) -> None:
        self.engine.dispose()

    def ping(self) -> bool:
        """True when the database answers (for the health endpoint)."""
        try:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
            return True
        except Exception:  # noqa: BLE001 - any failure means "not healthy"
            return False

    def quarantine_counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(quarantine.c.state, func.count()).group_by(quarantine.c.state))
            return {state: n for state, n in rows}

    def table_counts(self, table_name: str, column: str = "state") -> dict[str, int]:
        """Rows of another table (e.g. release requests) by state; {} when it does not exist."""
        table = metadata.tables.get(table_name)
        if table is None or column not in table.c:
            return {}
        with self.engine.connect() as conn:
            rows = conn.execute(select(table.c[column], func.count()).group_by(table.c[column]))
            return {str(state): n for state, n in rows}

    def _tx(self):
        return self.engine.begin()

    def writing(self) -> contextlib.AbstractContextManager:
        """Hold the store's write lock (SQLite: the flock every writer queues on) across several steps.

        Group commit takes its batch only once it holds the lock, so whatever
        arrived while another worker process was committing goes in one sync.
        Transactions inside take the same lock again (it is re-entrant).
        """
        lock = getattr(self.engine, "info_write_lock", None)
        if lock is None:
            return contextlib.nullcontext()
        return _holding(lock)

    # -- the message path -------------------------------------------------

    def audit_many(self, entries: Iterable[tuple[str, str, dict, str]]) -> None:
        """Several (event, actor, data, ref) records in one transaction (one disk sync for all)."""
        with self._tx() as conn:
            audit_chain.append_many(conn, list(entries))

    def hold(
        self,
        raw: bytes,
        envelope: Envelope,
        verdict: Verdict,
        notices: Iterable[Outgoing] = (),
        qid: str | None = None,
        masked_subject: str = "",
        audit: Iterable[tuple[str, str, dict, str]] = (),
    ) -> str:
        """Commit a held message with its audit records and notices, in one transaction.

        ``masked_subject`` is its Subject with the flagged parts masked, kept when
        something was found in the Subject (see stored_subject); ``audit`` is the
        verdict's record (dlpgate/actions/audit.py builds it)."""
        qid = qid or new_id()
        now = time.time()
        with self._tx() as conn:
            conn.execute(
                insert(quarantine).values(
                    id=qid,
                    state=HELD,
                    received=now,
                    sender=envelope.mail_from,
                    recipients=json.dumps(list(envelope.rcpt_tos)),
                    message_id=verdict.message_id,
                    subject=stored_subject(verdict, masked_subject),
                    size=len(raw),
                    sha256=verdict.sha256,
                    action=verdict.action.label,
                    rules=json.dumps(list(verdict.acting_rules)),
                    verdict=json.dumps(verdict_record(verdict)),
                    raw=self.cipher.seal(qid, raw) if self.cipher else raw,
                    updated=now,
                    updated_by="gateway",
                )
            )
            audit_chain.append_many(conn, list(audit))
            self._enqueue(conn, notices, now)
        return qid

    def enqueue(self, items: Iterable[Outgoing]) -> None:
        with self._tx() as conn:
            self._enqueue(conn, items, time.time())

    def _enqueue(self, conn: Connection, items: Iterable[Outgoing], now: float) -> None:
        for item in items:
            conn.execute(
                insert(outbox).values(
                    kind=item.kind,
                    ref=item.ref,
                    mail_from=item.mail_from,
                    rcpt_tos=json.dumps(list(item.rcpt_tos)),
                    raw=item.raw,
                    state="pending",
                    attempts=0,
                    next_attempt=now,
                    created=now,
                    last_error="",
                )
            )

    # -- inspections that failed ------------------------------------------

    def count_inspection_failure(self, sha256: str, reason: str, window: float = 7 * 86400.0) -> int:
        """Note one failed inspection of this content; how many in `window` seconds, this one included.

        One atomic upsert, so workers and nodes noting the same content at once
        each count (PostgreSQL and SQLite both have INSERT ... ON CONFLICT).
        """
        if self.engine.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as upsert
        else:
            from sqlalchemy.dialects.sqlite import insert as upsert
        now = time.time()
        t = inspection_failures
        stmt = upsert(t).values(sha256=sha256, reason=reason[:80], count=1, first=now, last=now)
        stmt = stmt.on_conflict_do_update(
            index_elements=[t.c.sha256, t.c.reason], set_={"count": t.c.count + 1, "last": now}
        ).returning(t.c.count)
        with self._tx() as conn:
            # Old notes say nothing about today's retries (and keep the table small).
            conn.execute(delete(t).where(t.c.last < now - window))
            return int(conn.execute(stmt).scalar_one())

    def clear_inspection_failures(self, sha256: str) -> None:
        with self._tx() as conn:
            conn.execute(delete(inspection_failures).where(inspection_failures.c.sha256 == sha256))

    # -- the outbox -------------------------------------------------------

    def due(self, now: float | None = None, limit: int = 50) -> list[OutboxItem]:
        with self.engine.connect() as conn:
            return self._due(conn, time.time() if now is None else now, limit)

    @staticmethod
    def _due(conn: Connection, now: float, limit: int) -> list[OutboxItem]:
        rows = conn.execute(
            select(outbox)
            .where(outbox.c.state == "pending", outbox.c.next_attempt <= now)
            .order_by(outbox.c.id)
            .limit(limit)
        ).mappings()
        return [
            OutboxItem(r["id"], r["kind"], r["ref"], r["mail_from"], tuple(json.loads(r["rcpt_tos"])), r["raw"], r["attempts"])
            for r in rows
        ]

    def due_claim(self, limit: int = 50, lease: float = 300.0) -> list[OutboxItem]:
        """Due items, each leased to this caller so another process will not send it too.

        A lease that runs out (the process died mid-send) makes the item due again.
        """
        now = time.time()
        won = []
        with self._tx() as conn:
            for item in self._due(conn, now, limit):
                res = conn.execute(
                    update(outbox)
                    .where(outbox.c.id == item.id, outbox.c.state == "pending", outbox.c.next_attempt <= now)
                    .values(next_attempt=now + lease)
                )
                if res.rowcount == 1:
                    won.append(item)
        return won

    def outbox_done(self, item_id: int) -> None:
        with self._tx() as conn:
            conn.execute(update(outbox).where(outbox.c.id == item_id).values(state="sent", raw=b""))

    def outbox_retry(self, item_id: int, error: str, delay: float, give_up: bool = False) -> None:
        with self._tx() as conn:
            conn.execute(
                update(outbox)
                .where(outbox.c.id == item_id)
                .values(
                    attempts=outbox.c.attempts + 1,
                    next_attempt=time.time() + delay,
                    last_error=error[:500],
                    state="failed" if give_up else "pending",
                )
            )

    def outbox_counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(outbox.c.state, func.count()).group_by(outbox.c.state))
            return {state: n for state, n in rows}

    # -- the quarantine ---------------------------------------------------

    def _held(self, row: Any) -> HeldMessage:
        return HeldMessage(
            id=row["id"],
            state=row["state"],
            received=row["received"],
            sender=row["sender"],
            recipients=tuple(json.loads(row["recipients"])),
            message_id=row["message_id"],
            subject=row["subject"],
            size=row["size"],
            sha256=row["sha256"],
            action=row["action"],
            rules=tuple(json.loads(row["rules"])),
            verdict=json.loads(row["verdict"]),
            updated=row["updated"],
            updated_by=row["updated_by"],
        )

    _meta_cols = [c for c in quarantine.c if c.name != "raw"]

    def list(self, state: str | None = None, limit: int = 1000) -> list[HeldMessage]:
        q = select(*self._meta_cols).order_by(quarantine.c.received.desc()).limit(limit)
        if state:
            q = q.where(quarantine.c.state == state)
        with self.engine.connect() as conn:
            return [self._held(r) for r in conn.execute(q).mappings()]

    def get(self, qid: str) -> HeldMessage | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(*self._meta_cols).where(quarantine.c.id == qid)).mappings().first()
            return self._held(row) if row else None

    def content(self, qid: str, actor: str, reason: str) -> bytes | None:
        """The held bytes; every read is written to the audit trail first."""
        with self._tx() as conn:
            row = conn.execute(select(quarantine.c.raw).where(quarantine.c.id == qid)).first()
            if row is None or row[0] is None:
                return None
            audit_chain.append(conn, "view_content", actor, {"reason": reason}, qid)
            return crypto.open_blob(self.cipher, qid, row[0])

    def claim(self, qid: str, actor: str) -> bytes | None:
        """Atomically move held -> releasing; only one caller ever wins."""
        with self._tx() as conn:
            res = conn.execute(
                update(quarantine)
                .where(quarantine.c.id == qid, quarantine.c.state == HELD)
                .values(state=RELEASING, updated=time.time(), updated_by=actor)
            )
            if res.rowcount != 1:
                return None
            return crypto.open_blob(self.cipher, qid, conn.execute(select(quarantine.c.raw).where(quarantine.c.id == qid)).scalar_one())

    def unclaim(self, qid: str, actor: str, error: str) -> None:
        with self._tx() as conn:
            conn.execute(
                update(quarantine)
                .where(quarantine.c.id == qid, quarantine.c.state == RELEASING)
                .values(state=HELD, updated=time.time(), updated_by=actor)
            )
            audit_chain.append(conn, "release_failed", actor, {"error": error[:200]}, qid)

    def finish_release(self, qid: str, actor: str, reason: str, extra: dict | None = None) -> None:
        with self._tx() as conn:
            conn.execute(
                update(quarantine)
                .where(quarantine.c.id == qid)
                .values(state=RELEASED, updated=time.time(), updated_by=actor)
            )
            audit_chain.append(conn, "release", actor, {"reason": reason} | (extra or {}), qid)

    def delete(self, qid: str, actor: str, reason: str) -> bool:
        with self._tx() as conn:
            res = conn.execute(
                update(quarantine)
                .where(quarantine.c.id == qid, quarantine.c.state == HELD)
                .values(state=DELETED, raw=None, updated=time.time(), updated_by=actor)
            )
            if res.rowcount != 1:
                return False
            audit_chain.append(conn, "delete", actor, {"reason": reason}, qid)
            return True

    def purge_expired(self, before: float, actor: str = "retention", retention_days: int = 0) -> list[str]:
        """Drop the bytes of mail received before `before`: held -> expired; audit records stay."""
        purged = []
        with self._tx() as conn:
            rows = conn.execute(
                select(quarantine.c.id, quarantine.c.state)
                .where(quarantine.c.received < before, quarantine.c.raw.is_not(None), quarantine.c.state != RELEASING)
            ).all()
            for qid, state in rows:
                new_state = EXPIRED if state == HELD else state
                conn.execute(
                    update(quarantine)
                    .where(quarantine.c.id == qid, quarantine.c.state == state)
                    .values(state=new_state, raw=None, updated=time.time(), updated_by=actor)
                )
                audit_chain.append(conn, "expire", actor, {"state": state, "retention_days": retention_days}, qid)
                purged.append(qid)
        return purged

    # -- the audit trail --------------------------------------------------

    def audit(self, event_name: str, actor: str, data: dict, ref: str = "") -> None:
        with self._tx() as conn:
            audit_chain.append(conn, event_name, actor, data, ref)

    def audit_records(self, limit: int | None = None, ref: str | None = None) -> list[dict]:
        with self.engine.connect() as conn:
            return audit_chain.records(conn, limit, ref)

    def audit_verify(self) -> audit_chain.VerifyResult:
        with self.engine.connect() as conn:
            return audit_chain.verify(conn)
