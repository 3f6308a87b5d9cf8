"""The hash-chained audit trail.

Each record's hash covers its own fields and the previous record's hash, so an
edited, inserted or deleted record breaks the chain from that point on.
Records carry kinds, counts, names and reasons, never detected values.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from dlpgate.store.engines import Database
from dlpgate.store.schema import audit, audit_head

Entry = tuple[str, str, dict, str]  # event, actor, data, ref

GENESIS = "0" * 64


_ascii = json.encoder.encode_basestring_ascii  # json.dumps's own string encoder (ensure_ascii)


def _digest(seq: int, ts: float, event: str, actor: str, ref: str, data: str, prev: str) -> str:
    # The SHA-256 of json.dumps([seq, repr(ts), event, actor, ref, data, prev], separators=(",", ":")),
    # written out: an int, then six strings, each encoded as json.dumps encodes it.
    body = f"[{seq:d},{_ascii(repr(ts))},{_ascii(event)},{_ascii(actor)},{_ascii(ref)},{_ascii(data)},{_ascii(prev)}]"
    return hashlib.sha256(body.encode()).hexdigest()


# json.dumps(data, sort_keys=True, separators=(",", ":")) without making an encoder per call.
_payload = json.JSONEncoder(sort_keys=True, separators=(",", ":")).encode


class _Statements(NamedTuple):
    """The chain's statements in one database's own SQL and parameter style."""

    lock: str  # "" when the transaction already holds the write lock
    last: str
    insert: str
    head: str


# The order of each inserted row's values.
_COLUMNS = ("seq", "ts", "event", "actor", "ref", "data", "prev_hash", "hash")


def _statements(mark: str, lock: str) -> _Statements:
    return _Statements(
        lock=lock,
        last=f"SELECT seq, hash FROM {audit.name} ORDER BY seq DESC LIMIT 1",
        insert=f"INSERT INTO {audit.name} ({', '.join(_COLUMNS)}) VALUES ({', '.join([mark] * len(_COLUMNS))})",
        head=(
            f"INSERT INTO {audit_head.name} (id, seq, hash) VALUES (1, {mark}, {mark}) "
            "ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash"
        ),
    )


# SQLite already holds the write lock (BEGIN IMMEDIATE); PostgreSQL takes an
# advisory lock so concurrent writers append one after another.
_SQL = {
    "sqlite": _statements("?", ""),
    "postgresql": _statements("%s", "SELECT pg_advisory_xact_lock(4242001)"),
}


def append(conn: Connection, event: str, actor: str, data: dict, ref: str = "") -> int:
    return append_many(conn, [(event, actor, data, ref)])


def append_many(conn: Connection, entries: list[Entry]) -> int:
    """Chain (event, actor, data, ref) records in order, in the transaction of ``conn``;
    returns the last sequence number.

    The statements (the lock on PostgreSQL, the chain head, one executemany
    insert, one upsert of the head row) run on the connection's own DB-API
    cursor, in the transaction SQLAlchemy began, without Core's per-statement
    compile-cache, event and result machinery. A database error comes out as
    SQLAlchemy's wrapped exception, as from conn.execute.
    """
    sql = _SQL[conn.dialect.name]
    if not conn.in_transaction():
        conn.begin()  # as conn.execute would begin one (on SQLite: BEGIN IMMEDIATE, the write lock)
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]  # None only once invalidated
    statement: str = ""
    params: Any = None
    try:
        if sql.lock:
            statement, params = sql.lock, None
            cursor.execute(statement)
            cursor.fetchall()
        statement, params = sql.last, None
        cursor.execute(statement)
        last = cursor.fetchone()
        seq, prev = (last[0], last[1]) if last else (0, GENESIS)
        rows = []
        for event, actor, data, ref in entries:
            seq += 1
            ts = time.time()
            payload = _payload(data)
            digest = _digest(seq, ts, event, actor, ref, payload, prev)
            rows.append((seq, ts, event, actor, ref, payload, prev, digest))
            prev = digest
        if rows:
            statement, params = sql.insert, rows
            cursor.executemany(statement, rows)
            statement, params = sql.head, (seq, prev)
            cursor.execute(statement, params)
        return seq
    except conn.dialect.loaded_dbapi.Error as exc:
        raise DBAPIError.instance(statement, params, exc, conn.dialect.loaded_dbapi.Error, dialect=conn.dialect) from exc
    finally:
        cursor.close()


def records(conn: Connection, limit: int | None = None, ref: str | None = None) -> list[dict]:
    q = select(audit).order_by(audit.c.seq.desc())
    if ref:
        q = q.where(audit.c.ref == ref)
    if limit:
        q = q.limit(limit)
    out = []
    for r in conn.execute(q).mappings():
        out.append(
            {
                "seq": r["seq"],
                "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(r["ts"])),
                "event": r["event"],
                "actor": r["actor"],
                "ref": r["ref"],
                "data": json.loads(r["data"]),
            }
        )
    return out


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    count: int
    first_bad: int | None = None
    reason: str = ""


def verify(conn: Connection) -> VerifyResult:
    prev = GENESIS
    expected_seq = 1
    count = 0
    for r in conn.execute(select(audit).order_by(audit.c.seq)).mappings():
        if r["seq"] != expected_seq:
            return VerifyResult(False, count, r["seq"], f"record {expected_seq} is missing")
        if r["prev_hash"] != prev:
            return VerifyResult(False, count, r["seq"], "chain broken: previous hash does not match")
        if _digest(r["seq"], r["ts"], r["event"], r["actor"], r["ref"], r["data"], r["prev_hash"]) != r["hash"]:
            return VerifyResult(False, count, r["seq"], "record was altered")
        prev = r["hash"]
        expected_seq += 1
        count += 1
    head = conn.execute(select(audit_head.c.seq, audit_head.c.hash).where(audit_head.c.id == 1)).first()
    if head is not None and (head[0], head[1]) != (count, prev):
        return VerifyResult(False, count, count + 1, f"records after {count} were removed (the chain head is {head[0]})")
    return VerifyResult(True, count)


CHUNK = 500  # ids per IN (...) list


def released_rewritten(conn: Connection, qids: list[str]) -> set[str]:
    """Which of these released messages went out rewritten (the release's audit record says so)."""
    found: set[str] = set()
    for i in range(0, len(qids), CHUNK):
        q = select(audit.c.ref, audit.c.data).where(audit.c.event == "release", audit.c.ref.in_(qids[i : i + CHUNK]))
        found |= {ref for ref, data in conn.execute(q) if json.loads(data).get("rewritten")}
    return found


class AuditRepo:
    """The audit trail: append (hash chained), read, search, verify."""

    def __init__(self, db: Database):
        self.db = db

    def append(self, event: str, actor: str, data: dict, ref: str = "") -> None:
        with self.db.tx() as conn:
            append(conn, event, actor, data, ref)

    def append_many(self, entries: Iterable[Entry]) -> None:
        """Several (event, actor, data, ref) records in one transaction (one disk sync for all)."""
        with self.db.tx() as conn:
            append_many(conn, list(entries))

    def records(self, limit: int | None = None, ref: str | None = None) -> list[dict]:
        with self.db.read() as conn:
            return records(conn, limit, ref)

    def verify(self) -> VerifyResult:
        with self.db.read() as conn:
            return verify(conn)

    def search(self, text: str = "", event: str = "", actor: str = "", ref: str = "", limit: int = 300) -> tuple[list[dict], list[str]]:
        """The newest records matching every filter given (``text`` anywhere in a record),
        as rows with ``ts`` and the parsed ``data``; and every event name in the trail."""
        q = select(audit).order_by(audit.c.seq.desc()).limit(limit)
        if event:
            q = q.where(audit.c.event == event)
        if actor:
            q = q.where(audit.c.actor.contains(actor, autoescape=True))
        if ref:
            q = q.where(audit.c.ref == ref)
        if text:
            q = q.where(
                or_(*(c.contains(text, autoescape=True) for c in (audit.c.event, audit.c.actor, audit.c.ref, audit.c.data)))
            )
        with self.db.read() as conn:
            rows = [dict(r) | {"data": json.loads(r["data"])} for r in conn.execute(q).mappings()]
            events = [e for (e,) in conn.execute(select(audit.c.event).distinct().order_by(audit.c.event))]
        return rows, events

    def since(self, ts: float, events: tuple[str, ...]) -> list[tuple[float, str, str, dict]]:
        """(ts, event, ref, data) of the records of these events from ``ts`` on, oldest first."""
        q = select(audit.c.ts, audit.c.event, audit.c.ref, audit.c.data).where(audit.c.ts >= ts, audit.c.event.in_(events))
        with self.db.read() as conn:
            return [(t, e, r, json.loads(d)) for t, e, r, d in conn.execute(q.order_by(audit.c.seq))]

    def rewritten(self, qids: list[str]) -> set[str]:
        with self.db.read() as conn:
            return released_rewritten(conn, qids)
