"""The quarantine, outbox and audit trail on a real SQLite file."""

from __future__ import annotations

import sqlite3

import pytest

from dlpgate.actions.audit import verdict_entry
from dlpgate.store import OutboxKind, Outgoing, QuarantineState, new_id, open_store
from dlpgate.types import Action, Envelope, Finding, Verdict

ENV = Envelope("a@example-trust.nhs.uk", ("b@partner.example.org",))
VERDICT = Verdict(
    action=Action.HOLD,
    findings=(Finding("nhs_number", "nhs_number", "message body", 2, evidence=("*** *** 1234",)),),
    sha256="0" * 64,
    message_id="<m@x>",
)


def hold_audited(store, raw, notices=()):
    """A hold as the gateway's Hold action commits it: with the verdict's audit record."""
    qid = new_id()
    return store.hold(raw, ENV, VERDICT, notices, qid, audit=[verdict_entry(ENV, VERDICT, qid)])


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path)
    yield s
    s.close()


def test_hold_commits_message_audit_and_notices_together(store, tmp_path):
    qid = hold_audited(store, b"raw bytes", [Outgoing(OutboxKind.NOTICE, "", (ENV.mail_from,), b"n")])
    db = sqlite3.connect(tmp_path / "dlpgate.sqlite3")
    assert db.execute("select state, raw from quarantine where id=?", (qid,)).fetchone() == ("held", b"raw bytes")
    assert db.execute("select count(*) from outbox").fetchone()[0] == 1
    assert db.execute("select event from audit").fetchall() == [("verdict",)]
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"


def test_claim_is_exclusive(store):
    qid = store.hold(b"raw", ENV, VERDICT)
    assert store.claim(qid, "a") == b"raw"
    assert store.claim(qid, "b") is None
    store.unclaim(qid, "a", "451 later")
    assert store.claim(qid, "b") == b"raw"


def test_content_view_is_audited(store):
    qid = store.hold(b"raw", ENV, VERDICT)
    assert store.content(qid, "reviewer", "checking the referral") == b"raw"
    rec = store.audit_records(limit=1)[0]
    assert rec["event"] == "view_content" and rec["data"] == {"reason": "checking the referral"} and rec["ref"] == qid


def test_delete_drops_content_but_keeps_audit(store):
    qid = hold_audited(store, b"raw")
    assert store.delete(qid, "admin", "wrong recipient")
    assert store.content(qid, "admin", "look") is None
    assert store.get(qid).state is QuarantineState.DELETED
    assert [r["event"] for r in store.audit_records()] == ["delete", "verdict"]


def test_outbox_lease_means_one_sender(store):
    store.enqueue([Outgoing(OutboxKind.NOTICE, "", ("x@y.org",), b"n")])
    first = store.due_claim()
    assert len(first) == 1 and store.due_claim() == []
    store.outbox_retry(first[0].id, "451", 0)
    assert len(store.due_claim()) == 1


def test_audit_records_never_hold_evidence(store):
    hold_audited(store, b"raw")
    rec = store.audit_records()[0]
    assert rec["data"]["findings"] == {"nhs_number": 2}
    assert "1234" not in str(rec)


@pytest.mark.parametrize(
    "tamper",
    [
        "update audit set data = '{\"reason\":\"nothing to see\"}' where seq = 2",
        "delete from audit where seq = 2",
        "insert into audit values (99, 0, 'release', 'mallory', '', '{}', '', '')",
        "update audit set seq = 10 where seq = 3",
        "delete from audit where seq = 4",
    ],
)
def test_audit_verify_detects_tampering(store, tmp_path, tamper):
    for i in range(4):
        store.audit("note", "admin", {"reason": f"r{i}"})
    assert store.audit_verify().ok and store.audit_verify().count == 4
    db = sqlite3.connect(tmp_path / "dlpgate.sqlite3")
    db.execute(tamper)
    db.commit()
    db.close()
    assert not store.audit_verify().ok


def test_inspection_failures_are_counted_per_content_and_reason(store, tmp_path):
    assert store.count_inspection_failure("a" * 64, "timeout") == 1
    assert store.count_inspection_failure("b" * 64, "timeout") == 1
    assert store.count_inspection_failure("a" * 64, "error:ValueError") == 1
    # Another process (a second worker) sees the same count.
    other = open_store(tmp_path)
    try:
        assert other.count_inspection_failure("a" * 64, "timeout") == 2
    finally:
        other.close()
    # Old notes are forgotten.
    assert store.count_inspection_failure("a" * 64, "timeout", window=-1) == 1
