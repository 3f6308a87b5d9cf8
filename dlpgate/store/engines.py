"""Opening the database: SQLite (private files, a prompt write lock) or PostgreSQL."""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import sqlite3
import threading
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine

log = logging.getLogger("dlpgate.store")


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
        if self._holding and self.write_lock is not None:
            self._holding = False
            self.write_lock.release()

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
def _holding(lock: WriteLock) -> Iterator[None]:
    lock.acquire()
    try:
        yield
    finally:
        lock.release()


# The write lock of each SQLite engine, for Database.writing().
_engine_locks: weakref.WeakKeyDictionary[Engine, WriteLock] = weakref.WeakKeyDictionary()


def sqlite_engine(path: Path) -> Engine:
    _private_database(path)
    lock = write_lock_for(path)
    engine = create_engine(f"sqlite:///{path}", connect_args={"factory": _LockedConnection})
    _engine_locks[engine] = lock

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
        cast(_LockedConnection, conn.connection.dbapi_connection).begin_immediate()

    return engine


def database_address(url: str) -> str:
    """host:port/database of a database URL, without the user or password (for error messages)."""
    from sqlalchemy.engine import make_url

    try:
        u = make_url(url)
    except Exception:  # only for an error message
        return "(unparsable URL)"
    return f"{u.host or 'localhost'}:{u.port or 5432}/{u.database or ''}"


def postgres_engine(url: str) -> Engine:
    # "postgresql://" means psycopg 3 here; SQLAlchemy's bare default would be psycopg2.
    if url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


class Database:
    """The engine every repository shares: a write transaction, a read, the write lock."""

    def __init__(self, engine: Engine):
        self.engine = engine

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def tx(self) -> contextlib.AbstractContextManager[Connection]:
        return self.engine.begin()

    def read(self) -> contextlib.AbstractContextManager[Connection]:
        return self.engine.connect()

    def writing(self) -> contextlib.AbstractContextManager[None]:
        """Hold the store's write lock (SQLite: the flock every writer queues on) across several steps.

        Group commit takes its batch only once it holds the lock, so whatever
        arrived while another worker process was committing goes in one sync.
        Transactions inside take the same lock again (it is re-entrant).
        """
        lock = _engine_locks.get(self.engine)
        if lock is None:
            return contextlib.nullcontext()
        return _holding(lock)

    def upsert(self, table: Any) -> Any:
        """INSERT ... ON CONFLICT in this database's dialect (PostgreSQL and SQLite both have it)."""
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            return pg_insert(table)
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(table)
