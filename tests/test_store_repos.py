"""The store's repositories on a real SQLite file: typed records and states out, the stored text unchanged."""

from __future__ import annotations

import json
import sqlite3

import pytest

from dlpgate.actions.audit import verdict_entry
from dlpgate.admin.requests import findings_lines_for, sender_may_release
from dlpgate.report import verdict_record
from dlpgate.store import (
    Conflict,
    OutboxState,
    Outgoing,
    QuarantineState,
    RequestState,
    StoredVerdict,
    new_id,
    open_store,
)
from dlpgate.types import Action, Envelope, Finding, Problem, RuleHit, Verdict
from tests.test_store import ENV

VERDICT = Verdict(
    action=Action.HOLD,
    hits=(RuleHit("nhs_numbers_external", Action.HOLD, sender_release=True), RuleHit("watch", Action.HOLD, audit_only=True)),
    findings=(
        Finding("nhs_number", "nhs_number", "message body", 2, evidence=("*** *** 1234",)),
        Finding("health_terms", "health_term", "subject", 1, category="diagnosis"),
    ),
    problems=(Problem("encrypted", "attachment a.zip"),),
    sha256="0" * 64,
    message_id="<m@x>",
)


@pytest.fixture
def store(tmp_path, request):
    opened = open_store(tmp_path)
    request.addfinalizer(opened.close)
    return opened


def stored_text(tmp_path, sql, *args):
    db = sqlite3.connect(tmp_path / "dlpgate.sqlite3")
    try:
        return db.execute(sql, args).fetchall()
    finally:
        db.close()


def test_a_held_message_reads_back_typed_and_is_stored_as_before(store, tmp_path):
    qid = new_id()
    store.quarantine.hold(b"raw", ENV, VERDICT, qid=qid, audit=[verdict_entry(ENV, VERDICT, qid)])
    held = store.quarantine.get(qid)
    assert held.state is QuarantineState.HELD and held.state == "held"
    assert held.verdict.findings[0] == VERDICT.findings[0]
    assert held.verdict.problems == VERDICT.problems
    assert held.verdict.hits[0].rule == "nhs_numbers_external" and held.verdict.hits[0].sender_release
    assert held.verdict.subject_flagged and not held.verdict.exposes_recipients
    assert list(held.verdict.findings_by_place()) == ["message body", "subject"]
    (text,) = stored_text(tmp_path, "select verdict from quarantine where id=?", qid)[0]
    assert json.loads(text) == verdict_record(VERDICT) == json.loads(json.dumps(held.verdict.to_json()))


def test_a_verdict_stored_in_another_layout_still_reads():
    old = {
        "action": "hold",
        "hits": [{"rule": "r", "action": "hold"}, {"no": "rule"}, "junk"],
        "findings": [{"detector": "d", "kind": "k", "where": "w", "count": 3, "evidence": ["x"], "newer_key": 1}, {"kind": "k"}],
    }
    v = StoredVerdict.from_json(old)
    assert [h.rule for h in v.hits] == ["r"] and not v.hits[0].sender_release
    assert [(f.kind, f.count, f.evidence) for f in v.findings] == [("k", 3, ("x",))]
    assert v.problems == () and v.external_recipients == 0


def test_notice_lines_and_sender_release_come_from_the_typed_verdict(store):
    held = store.quarantine.get(store.quarantine.hold(b"raw", ENV, VERDICT))
    lines = findings_lines_for(held)
    assert len(lines) == 2 and lines[0].startswith("message body: 2 ")
    assert sender_may_release(held)  # the audit-only hit does not count


def test_queue_filters_counts_held_rules_and_names_rewritten_releases(store):
    a = store.quarantine.hold(b"raw", ENV, VERDICT)
    b = store.quarantine.hold(b"raw", Envelope("Someone.Else@Example.org", ENV.rcpt_tos), VERDICT)
    store.quarantine.claim(b, "admin")
    store.quarantine.finish_release(b, "admin", "ok", {"rewritten": True})
    page = store.quarantine.queue()
    assert [h.id for h in page.rows] == [b, a] and page.rewritten == {b}
    assert page.rule_counts == {"nhs_numbers_external": 1}  # held mail only; an audit-only rule did not act
    assert [h.id for h in store.quarantine.queue(sender="someone.else").rows] == [b]
    assert [h.id for h in store.quarantine.queue(state=QuarantineState.HELD, rule="nhs_numbers_external").rows] == [a]
    assert store.quarantine.queue(rule="nhs_numbers").rows == []  # a whole rule name, not a part of one
    assert store.quarantine.counts() == {"held": 1, "released": 1}


def test_rules_of_reads_many_ids_in_chunks(store):
    qids = [store.quarantine.hold(b"r", ENV, VERDICT) for _ in range(3)]
    many = [f"missing-{i}" for i in range(1200)] + qids
    assert store.quarantine.rules_of(many) == {q: ["nhs_numbers_external"] for q in qids}


def test_audit_search_filters_and_lists_every_event(store):
    store.audit_log.append("login", "rory", {"address": "10.0.0.1"})
    store.audit_log.append("note", "web:rory", {"reason": "100% sure"}, "Q1")
    rows, events = store.audit_log.search(text="100%")
    assert [r["event"] for r in rows] == ["note"] and rows[0]["data"] == {"reason": "100% sure"}
    assert events == ["login", "note"]
    assert [r["event"] for r in store.audit_log.search(actor="rory")[0]] == ["note", "login"]
    assert store.audit_log.search(ref="Q2")[0] == []
    assert [e for _, e, _, _ in store.audit_log.since(0, ("login",))] == ["login"]


def test_outbox_states(store, tmp_path):
    store.outbox.enqueue([Outgoing("notice", "", ("x@y.org",), b"n"), Outgoing("dsn", "", ("x@y.org",), b"d")])
    first, second = store.outbox.claim_due()
    store.outbox.done(first.id)
    store.outbox.retry(second.id, "550 no", 0, give_up=True)
    assert store.outbox.counts() == {OutboxState.SENT: 1, OutboxState.FAILED: 1}
    assert stored_text(tmp_path, "select state from outbox order by id") == [("sent",), ("failed",)]


def test_a_request_link_works_once_and_is_decided_once(store):
    qid = new_id()
    store.quarantine.hold(b"raw", ENV, VERDICT, qid=qid, audit=[verdict_entry(ENV, VERDICT, qid)])
    rid = store.requests.add("nonce-1", qid, ENV.mail_from, "please, it is for the referral", False, "sender:a")
    with pytest.raises(Conflict):
        store.requests.add("nonce-1", qid, ENV.mail_from, "again", False, "sender:a")
    assert store.requests.by_token("nonce-1").state is RequestState.PENDING
    decided = store.requests.decide(rid, RequestState.APPROVED, "web:rory", "fine")
    assert decided.state == "approved" and decided.decided_by == "web:rory"
    assert store.requests.decide(rid, RequestState.DECLINED, "web:sam", "no") is None
    store.requests.reopen(rid)
    assert [r.id for r in store.requests.newest(RequestState.PENDING, qid)] == [rid]
    store.requests.set_state(rid, RequestState.FAILED, "sender:a", "451 later")
    assert store.requests.counts() == {"failed": 1}
    events = [r["event"] for r in store.audit_records(ref=qid)]
    assert events == ["request_approved", "release_request", "verdict"]


def test_accounts_sessions_and_login_counts(store):
    store.users.add("rory", "admin", "hash-1", "cli", 1.0)
    with pytest.raises(Conflict):
        store.users.add("rory", "releaser", "hash-2", "cli", 2.0)
    store.sessions.open("sid-hash", "rory", store.users.get("rory").fingerprint, "10.0.0.1", 5.0, 0.0, 0.0)
    assert store.sessions.get("sid-hash").user == "rory"
    assert not store.users.change("nobody", "cli", "user_role", {}, 6.0, role="admin")
    assert store.users.change("rory", "cli", "user_passwd", {}, 6.0, end_sessions=True, password_hash="hash-3")
    assert store.sessions.get("sid-hash") is None and store.users.get("rory").password_hash == "hash-3"
    assert store.audit_records(1)[0]["data"] == {"user": "rory", "sessions_ended": 1}

    def lock_for(failures: int) -> float:
        return 60.0 if failures >= 2 else 0.0

    assert store.throttle.count_attempt("rory", "10.0.0.9", 100.0, 900.0, lock_for) == 0.0
    assert store.throttle.count_attempt("rory", "10.0.0.9", 101.0, 900.0, lock_for) == 0.0
    assert store.throttle.count_attempt("rory", "10.0.0.9", 102.0, 900.0, lock_for) == 59.0
    assert store.throttle.locked(102.0) == ["rory"]
    assert store.throttle.clear("rory", "cli", "rory") == 1 and store.throttle.locked(102.0) == []
