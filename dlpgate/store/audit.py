"""The hash-chained audit trail.

Each record's hash covers its own fields and the previous record's hash, so an
edited, inserted or deleted record breaks the chain from that point on.
Records carry kinds, counts, names and reasons, never detected values.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass

from sqlalchemy import bindparam, insert, select, text, update
from sqlalchemy.engine import Connection

from dlpgate.store.schema import audit, audit_head

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


def append_many(conn: Connection, entries: list[tuple[str, str, dict, str]]) -> int:
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
