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

from sqlalchemy import bindparam, insert, or_, select, text, update
from sqlalchemy.engine import Connection

from dlpgate.store.engines import Database
from dlpgate.store.schema import audit, audit_head

Entry = tuple[str, str, dict, str]  # event, actor, data, ref

GENESIS = "0" * 64


def _digest(seq: int, ts: float, event: str, actor: str, ref: str, data: str, prev: str) -> str:
    body = json.dumps([seq, repr(ts), event, actor, ref, data, prev], separators=(",", ":"))
    return hashlib.sha256(body.encode()).hexdigest()


def _lock(conn: Connection) -> None:
    # SQLite already holds the write lock (BEGIN IMMEDIATE); PostgreSQL needs one
    # so concurrent writers append one after another.
    if conn.dialect.name == "postgresql":
        conn.execute(_PG_LOCK)


# Built once: SQLAlchemy then reuses their compiled form on every append.
_PG_LOCK = text("SELECT pg_advisory_xact_lock(4242001)")
_LAST = select(audit.c.seq, audit.c.hash).order_by(audit.c.seq.desc()).limit(1)
_INSERT = insert(audit)
_HEAD_UPDATE = update(audit_head).where(audit_head.c.id == 1).values(seq=bindparam("s"), hash=bindparam("h"))
_HEAD_INSERT = insert(audit_head).values(id=1, seq=bindparam("s"), hash=bindparam("h"))


def append(conn: Connection, event: str, actor: str, data: dict, ref: str = "") -> int:
    return append_many(conn, [(event, actor, data, ref)])


def append_many(conn: Connection, entries: list[Entry]) -> int:
    """Chain (event, actor, data, ref) records in order, in three statements
    however many there are; returns the last sequence number."""
    _lock(conn)
    last = conn.execute(_LAST).first()
    seq, prev = (last[0], last[1]) if last else (0, GENESIS)
    rows = []
    for event, actor, data, ref in entries:
        seq += 1
        ts = time.time()
        payload = json.dumps(data, sort_keys=True, separators=(",", ":"))
        digest = _digest(seq, ts, event, actor, ref, payload, prev)
        rows.append(
            {"seq": seq, "ts": ts, "event": event, "actor": actor, "ref": ref, "data": payload, "prev_hash": prev, "hash": digest}
        )
        prev = digest
    if not rows:
        return seq
    conn.execute(_INSERT, rows)
    if conn.execute(_HEAD_UPDATE, {"s": seq, "h": prev}).rowcount == 0:
        conn.execute(_HEAD_INSERT, {"s": seq, "h": prev})
    return seq


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
