"""The audit chain's append_many writes exactly the rows a plain SQLAlchemy Core append writes.

append_many runs its statements on the connection's DB-API cursor. The
reference below is the chain written with Core statements (select the head,
one insert, update or insert the head row) and json.dumps: both are run with
the same clock on SQLite and on PostgreSQL, and every row of ``audit`` and
``audit_head`` must come out the same.
"""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import json
import time
from types import SimpleNamespace

import pytest
from sqlalchemy import bindparam, insert, select, text, update
from sqlalchemy.exc import DBAPIError, OperationalError

from dlpgate.actions.audit import VerdictLog, verdict_entry
from dlpgate.store import audit as chain
from dlpgate.store import open_store
from dlpgate.store.schema import audit, audit_head
from dlpgate.types import Action, Envelope, Finding, RuleHit, Verdict
from tests.ops.conftest import pg_url, postgres  # noqa: F401 - fixtures: a real server, a fresh database

GENESIS = "0" * 64


def reference_digest(seq, ts, event, actor, ref, data, prev) -> str:
    body = json.dumps([seq, repr(ts), event, actor, ref, data, prev], separators=(",", ":"))
    return hashlib.sha256(body.encode()).hexdigest()


def reference_append_many(conn, entries, clock) -> int:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(4242001)"))
    last = conn.execute(select(audit.c.seq, audit.c.hash).order_by(audit.c.seq.desc()).limit(1)).first()
    seq, prev = (last[0], last[1]) if last else (0, GENESIS)
    rows = []
    for event, actor, data, ref in entries:
        seq += 1
        ts = clock()
        payload = json.dumps(data, sort_keys=True, separators=(",", ":"))
        digest = reference_digest(seq, ts, event, actor, ref, payload, prev)
        rows.append(
            {"seq": seq, "ts": ts, "event": event, "actor": actor, "ref": ref, "data": payload, "prev_hash": prev, "hash": digest}
        )
        prev = digest
    if not rows:
        return seq
    conn.execute(insert(audit), rows)
    head = update(audit_head).where(audit_head.c.id == 1).values(seq=bindparam("s"), hash=bindparam("h"))
    if conn.execute(head, {"s": seq, "h": prev}).rowcount == 0:
        conn.execute(insert(audit_head).values(id=1, seq=bindparam("s"), hash=bindparam("h")), {"s": seq, "h": prev})
    return seq


def clock():
    """The same timestamps on every run: awkward reprs included."""
    values = itertools.cycle([1733333333.123456, 1e-7, 1733333333.0, 1.5e16, 0.1 + 0.2, 1733333334.9999998])
    return lambda: next(values)


ENV = Envelope("a.sender@example-trust.nhs.uk", ("b@partner.example.org", "c@example-trust.nhs.uk"))
VERDICT = Verdict(
    action=Action.DELIVER,
    findings=(Finding("nhs_number", "nhs_number", "message body", 2),),
    hits=(RuleHit("watch", Action.DELIVER, audit_only=True),),
    sha256="ab" * 32,
    message_id="<1234.5678@mail.example-trust.nhs.uk>",
)

ODD = [
    ("note", "web:zoë", {"reason": 'quote " backslash \\ tab \t newline \n', "z": 1, "a": [1.5, None, True]}, "Q1"),
    ("note", "admin", {"reason": "café ✓ 𝄞 \u2028 \x00 \x7f"}, ""),
    ("login", "rory", {"nested": {"b": {"y": 2, "x": 1}, "a": []}, "n": -0.0}, "R" * 40),
    ("release", "gateway", {}, "Ä"),
]


def batches():
    verdicts = [tuple(verdict_entry(ENV, VERDICT, ref)) for ref in ("", "Q2")]
    return [[ODD[0]], ODD[1:], [], verdicts * 5, [verdicts[0]] * 3, [ODD[3]]]


@pytest.fixture(params=["sqlite", "postgresql"])
def open_twice(request, tmp_path):
    """Two empty stores of one kind."""
    opened = []

    def new():
        if request.param == "sqlite":
            s = open_store(tmp_path / f"s{len(opened)}")
        else:
            s = open_store(url=request.getfixturevalue("postgres").new_database())
        opened.append(s)
        return s

    yield new
    for s in opened:
        s.close()


def all_rows(store):
    with store.db.read() as conn:
        rows = [tuple(r) for r in conn.execute(select(audit).order_by(audit.c.seq))]
        head = [tuple(r) for r in conn.execute(select(audit_head))]
    return rows, head


def test_append_many_writes_the_rows_of_the_core_reference(open_twice, monkeypatch):
    fast, slow = open_twice(), open_twice()
    monkeypatch.setattr(chain, "time", SimpleNamespace(time=clock(), strftime=time.strftime, gmtime=time.gmtime))
    reference_clock = clock()
    for batch in batches():
        with fast.db.tx() as conn:
            last = chain.append_many(conn, list(batch))
        with slow.db.tx() as conn:
            assert reference_append_many(conn, list(batch), reference_clock) == last
    rows, head = all_rows(fast)
    assert (rows, head) == all_rows(slow)
    count = sum(len(b) for b in batches())
    assert head == [(1, count, rows[-1][-1])]
    assert fast.audit_verify().ok and fast.audit_verify().count == count


def test_the_two_paths_continue_each_others_chain(open_twice, monkeypatch):
    mixed, fast = open_twice(), open_twice()
    shared = clock()  # one clock for both paths here
    monkeypatch.setattr(chain, "time", SimpleNamespace(time=shared, strftime=time.strftime, gmtime=time.gmtime))
    for i, batch in enumerate(batches()):
        with mixed.db.tx() as conn:
            if i % 2:
                chain.append_many(conn, list(batch))
            else:
                reference_append_many(conn, list(batch), shared)
    monkeypatch.setattr(chain, "time", SimpleNamespace(time=clock(), strftime=time.strftime, gmtime=time.gmtime))
    for batch in batches():
        fast.audit_many(batch)
    assert all_rows(mixed) == all_rows(fast)
    assert mixed.audit_verify().ok


def test_verdict_log_records_match_the_reference(open_twice, monkeypatch):
    store, reference = open_twice(), open_twice()
    monkeypatch.setattr(chain, "time", SimpleNamespace(time=clock(), strftime=time.strftime, gmtime=time.gmtime))
    reference_clock = clock()
    log = VerdictLog(store)

    async def record(n: int) -> None:
        await asyncio.gather(*(log.record(ENV, VERDICT) for _ in range(n)))

    for n in (1, 3, 10):
        asyncio.run(record(n))
        with reference.db.tx() as conn:
            reference_append_many(conn, [tuple(verdict_entry(ENV, VERDICT))] * n, reference_clock)
    assert all_rows(store) == all_rows(reference)


def test_a_failing_statement_raises_as_sqlalchemy_would_and_leaves_nothing(open_twice):
    store = open_twice()
    store.audit("note", "admin", {"i": 0})
    with store.db.tx() as conn:
        conn.execute(text("DROP TABLE audit_head"))
    with pytest.raises(DBAPIError) as fast_error:
        store.audit_many([("note", "admin", {"i": 1}, "")] * 3)
    with pytest.raises(DBAPIError) as reference_error:
        with store.db.tx() as conn:
            reference_append_many(conn, [("note", "admin", {"i": 1}, "")] * 3, time.time)
    assert type(fast_error.value) is type(reference_error.value)
    assert isinstance(fast_error.value.orig, type(reference_error.value.orig))
    assert [r["data"] for r in store.audit_records()] == [{"i": 0}]  # the failed batch rolled back


def test_a_sqlite_error_is_sqlalchemys_operational_error(tmp_path):
    store = open_store(tmp_path)
    try:
        with store.db.tx() as conn:
            conn.execute(text("DROP TABLE audit"))
        with pytest.raises(OperationalError):
            store.audit("note", "admin", {})
    finally:
        store.close()


@pytest.mark.parametrize("ts", [1733333333.123456, 1e-7, 1.5e16, 0.1 + 0.2, float(2**53), 5e-324])
@pytest.mark.parametrize("event, actor, ref, data", [(e, a, r, json.dumps(d, sort_keys=True, separators=(",", ":"))) for e, a, d, r in ODD])
def test_digest_is_the_json_dumps_digest(ts, event, actor, ref, data):
    for seq in (1, 42, 2**40):
        prev = hashlib.sha256(data.encode()).hexdigest()
        assert chain._digest(seq, ts, event, actor, ref, data, prev) == reference_digest(seq, ts, event, actor, ref, data, prev)
    assert chain._digest(1, ts, event, "\ud800", ref, data, GENESIS) == reference_digest(1, ts, event, "\ud800", ref, data, GENESIS)
