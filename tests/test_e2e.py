"""End to end over loopback: smtplib -> gateway -> real aiosmtpd downstream.

These prove the reply contract: 250 only after the downstream accepted the
message or it is committed to the quarantine; 451 for anything unfinished.
"""

from __future__ import annotations

import email
import smtplib
from email import policy

import pytest

from dlpgate import gateway as gateway_mod
from tests.synthetic import build_message, spaced

EXT = "someone@partner.example.org"
SENDER = "dr.jones@example-trust.nhs.uk"


def test_clean_mail_is_delivered_byte_identical_apart_from_added_headers(make_gateway, sink):
    gw = make_gateway()
    raw = build_message("Dear colleague,\r\nThe meeting is on Tuesday.\r\n")
    code, _ = gw.send(raw, SENDER, [EXT])
    assert code == 250
    (mail_from, rcpts, got), = sink.wait_for(1)
    assert (mail_from, rcpts) == (SENDER, (EXT,))
    assert got.endswith(raw)
    added = got[: -len(raw)]
    assert added == b"X-DLPGate-Action: deliver\r\n"


def test_nhs_number_to_external_is_held_notice_sent_then_released_once(make_gateway, sink, nhs):
    gw = make_gateway()
    raw = build_message(f"Patient NHS No: {spaced(nhs[0])}\r\nPlease see.\r\n", subject="Referral")
    code, reply = gw.send(raw, SENDER, [EXT])
    assert code == 250 and b"Held" in reply
    qid = reply.decode().rsplit(" ", 1)[1]

    gw.flush()
    delivered = sink.wait_for(2)
    assert {r for _, r, _ in delivered} == {("ig-team@example-trust.nhs.uk",), (SENDER,)}
    assert not sink.to(EXT)
    for _, _, body in delivered:
        assert nhs[0].encode() not in body and spaced(nhs[0]).encode() not in body
        assert EXT.encode() not in body  # other recipients' addresses are not quoted
        assert b"Auto-Submitted: auto-generated" in body
    notice = sink.to(SENDER)[0]
    text = email.message_from_bytes(notice, policy=policy.default).get_body().get_content()
    assert qid in text and "1 NHS number" in text and "message body" in text

    held = gw.store.get(qid)
    assert held.state == "held" and held.recipients == (EXT,)

    from dlpgate.admin.service import AdminService

    svc = AdminService(gw.store, gw.gateway.relay)
    first = gw.call(svc.release(qid, "admin:test", "verified with patient"))
    second = gw.call(svc.release(qid, "admin:test", "again"))
    assert first.released and not second.released
    released = sink.to(EXT)
    assert len(released) == 1 and released[0].endswith(raw)
    events = [r["event"] for r in gw.store.audit_records(ref=qid)]
    assert "release" in events and "verdict" in events
    assert gw.store.audit_verify().ok


def test_a_flagged_subject_is_kept_and_quoted_masked_never_whole(make_gateway, sink, nhs):
    gw = make_gateway()
    raw = build_message(f"NHS No: {nhs[0]}\r\n", subject=f"Referral for {spaced(nhs[1])} (urgent)")
    code, reply = gw.send(raw, SENDER, [EXT])
    assert code == 250 and b"Held" in reply
    qid = reply.decode().rsplit(" ", 1)[1]
    held = gw.store.get(qid)
    # Staff can still tell which email it is; the number itself is gone.
    assert held.subject.startswith("Referral for [...]") and "(urgent)" in held.subject
    assert not any(ch.isdigit() for ch in held.subject)
    gw.flush()
    sink.wait_for(2)
    notice = sink.to(SENDER)[0]
    subject = email.message_from_bytes(notice, policy=policy.default)["Subject"]
    assert "Referral for [...]" in subject and nhs[1][-4:] not in subject


def test_exposed_recipients_are_rewritten_so_no_one_sees_the_others(make_gateway, sink):
    gw = make_gateway()
    patients = [f"patient{i}@gmail.com" for i in range(5)]
    raw = build_message("Your appointment letter is attached.\r\n", to=", ".join(patients), subject="Appointments")
    code, _ = gw.send(raw, SENDER, patients)
    assert code == 250
    gw.flush()
    msgs = sink.wait_for(2)
    to_patients = [m for m in msgs if set(m[1]) == set(patients)]
    assert len(to_patients) == 1
    body = to_patients[0][2]
    head = body.split(b"\r\n\r\n", 1)[0]
    for p in patients:
        assert p.encode() not in head
    assert b"undisclosed-recipients:;" in head and b"X-DLPGate-Action: rewrite" in head
    assert sink.to(SENDER), "the sender is told the message was rewritten"


def test_split_mode_sends_one_copy_per_external_recipient(make_gateway, sink):
    gw = make_gateway(rewrite={"mode": "split"})
    patients = [f"patient{i}@hotmail.co.uk" for i in range(3)]
    colleague = "nurse@example-trust.nhs.uk"
    raw = build_message("Clinic moved.\r\n", to=", ".join(patients + [colleague]))
    assert gw.send(raw, SENDER, patients + [colleague])[0] == 250
    msgs = sink.wait_for(4)
    for p in patients:
        (copy,) = sink.to(p)
        head = copy.split(b"\r\n\r\n", 1)[0]
        others = [o for o in patients if o != p]
        assert all(o.encode() not in head for o in others)
    (internal,) = sink.to(colleague)
    assert all(p.encode() in internal for p in patients)  # internal copy keeps original headers
    assert len([m for m in msgs if m[1] != (SENDER,)]) == 4


def test_downstream_down_answers_451_and_nothing_is_lost(make_gateway, sink):
    gw = make_gateway(smtp={"relay": "127.0.0.1:1"})
    raw = build_message("Hello\r\n")
    code, reply = gw.send(raw, SENDER, [EXT])
    assert code == 451 and reply.startswith(b"4.4.1")
    assert not sink.messages
    assert gw.store.list() == []


@pytest.mark.parametrize(
    "data_reply, expected",
    [("451 4.3.0 try later", 451), ("421 4.3.2 shutting down", 451), ("554 5.6.0 content refused", 554)],
)
def test_downstream_data_replies_follow_the_contract(make_gateway, sink, data_reply, expected):
    gw = make_gateway()
    sink.data_reply = data_reply
    code, reply = gw.send(build_message("Hello\r\n"), SENDER, [EXT])
    assert code == expected
    if expected == 554:
        assert b"content refused" in reply


def test_all_recipients_refused_permanently_is_554(make_gateway, sink):
    gw = make_gateway()
    sink.refuse = {EXT: "550 5.1.1 no such user"}
    code, reply = gw.send(build_message("Hello\r\n"), SENDER, [EXT])
    assert code == 554 and b"no such user" in reply


def test_some_recipients_refused_gives_250_and_a_dsn_to_the_sender(make_gateway, sink):
    gw = make_gateway()
    other = "other@partner.example.org"
    sink.refuse = {other: "550 5.1.1 no such user"}
    code, _ = gw.send(build_message("Hello\r\n"), SENDER, [EXT, other])
    assert code == 250
    gw.flush()
    sink.wait_for(2)
    assert len(sink.to(EXT)) == 1 and not sink.to(other)
    (dsn,) = sink.to(SENDER)
    assert b"multipart/report" in dsn and other.encode() in dsn and b"5.0.0" in dsn


def test_some_recipients_tempfailed_are_retried_by_the_gateway_not_duplicated(make_gateway, sink):
    gw = make_gateway()
    other = "other@partner.example.org"
    sink.refuse = {other: "450 4.2.0 mailbox busy"}
    assert gw.send(build_message("Hello\r\n"), SENDER, [EXT, other])[0] == 250
    sink.refuse = {}
    import time

    time.sleep(0.1)
    gw.flush()
    sink.wait_for(2)
    assert len(sink.to(EXT)) == 1 and len(sink.to(other)) == 1


def test_internal_error_answers_451_never_500(make_gateway, sink, monkeypatch):
    gw = make_gateway()

    def boom(*a, **k):
        raise RuntimeError("secret internals 943 476 5919")

    monkeypatch.setattr(gateway_mod.pipeline, "inspect", boom)
    code, reply = gw.send(build_message("Hello\r\n"), SENDER, [EXT])
    assert code == 451 and reply.startswith(b"4.3.0")
    assert b"secret" not in reply and b"RuntimeError" not in reply
    assert not sink.messages


def test_inspection_timeout_answers_451(make_gateway, sink, monkeypatch):
    gw = make_gateway(inspection={"timeout": 0.2})
    import time

    def slow(*a, **k):
        time.sleep(1.5)

    monkeypatch.setattr(gateway_mod.pipeline, "inspect", slow)
    code, _ = gw.send(build_message("Hello\r\n"), SENDER, [EXT])
    assert code == 451
    assert not sink.messages


def test_store_unavailable_hold_answers_451(make_gateway, sink, nhs, monkeypatch):
    gw = make_gateway()

    def fail(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(gw.store, "hold", fail)
    code, _ = gw.send(build_message(f"NHS number {nhs[1]}\r\n"), SENDER, [EXT])
    assert code == 451
    assert not sink.messages


def test_notice_that_cannot_be_sent_is_kept_and_retried(make_gateway, sink, nhs):
    gw = make_gateway()
    sink.data_reply = "451 4.3.0 busy"
    code, reply = gw.send(build_message(f"NHS number {nhs[2]}\r\n"), SENDER, [EXT])
    assert code == 250  # committed to the quarantine; the notice waits
    gw.flush()
    assert gw.store.outbox_counts().get("pending", 0) == 2
    sink.data_reply = None
    import time

    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and len(sink.messages) < 2:
        gw.flush()
        time.sleep(0.1)
    assert len(sink.to(SENDER)) == 1
    assert gw.store.list()[0].state == "held"


def test_client_outside_allowed_clients_gets_554_at_connect(make_gateway):
    gw = make_gateway(smtp={"allowed_clients": ["10.99.0.0/16"]})
    with pytest.raises(smtplib.SMTPConnectError) as err:
        smtplib.SMTP("127.0.0.1", gw.port, timeout=5)
    assert err.value.smtp_code == 554


def test_ehlo_advertises_size_8bitmime_smtputf8_pipelining(make_gateway):
    gw = make_gateway()
    with smtplib.SMTP("127.0.0.1", gw.port, timeout=5) as c:
        c.ehlo("upstream.test")
        for ext in ("size", "8bitmime", "smtputf8", "pipelining"):
            assert c.has_extn(ext), ext
        assert int(c.esmtp_features["size"]) == 25 * 1024 * 1024


def test_oversized_message_is_refused_with_552(make_gateway):
    gw = make_gateway(smtp={"max_message_size": 2000})
    with smtplib.SMTP("127.0.0.1", gw.port, timeout=5) as c:
        c.ehlo("x")
        code, _ = c.mail(SENDER, ["SIZE=50000"])
        assert code == 552


def test_null_sender_gets_no_notice(make_gateway, sink, nhs):
    gw = make_gateway(notices={"admins": []})
    code, _ = gw.send(build_message(f"NHS number {nhs[3]}\r\n"), "", [EXT])
    assert code == 250
    gw.flush()
    assert gw.store.outbox_counts() == {}
    assert not sink.messages


def test_smtputf8_envelope_is_kept(make_gateway, sink):
    gw = make_gateway()
    rcpt = "zoë@partner.example.org"
    raw = build_message("Hello\r\n", to=rcpt)
    with smtplib.SMTP("127.0.0.1", gw.port, timeout=10) as c:
        c.ehlo("x")
        c.sendmail(SENDER, [rcpt], raw, mail_options=["SMTPUTF8"])
    (m,) = sink.wait_for(1)
    assert m[1] == (rcpt,)
