"""Issue 12, defects 1 and 2: no header-block trick gets a recipient list past the rewrite.

Raw sockets into a real gateway, a real aiosmtpd sink behind it; what is checked
is the bytes the sink received. Each message is written so that a CRLF-only
splitter, the parser and the downstream would disagree about its header fields
(bare LF or CR mid-block, duplicate To/Cc, "To :" obsolete syntax), or shows
its recipients in Resent-To/Resent-Cc/Bcc.
"""

from __future__ import annotations

import email

import pytest

from tests.security.smtp_raw import RawSMTP

SENDER = "dr.jones@example-trust.nhs.uk"
P1, P2, P3 = "patient.one@gmail.com", "patient.two@hotmail.co.uk", "patient.three@yahoo.co.uk"
RCPTS = [P1, P2, P3]

TRICKS = {
    "bare LF before Cc": b"To: undisclosed-recipients:;\r\nSubject: x\nCc: %(p1)s, %(p2)s, %(p3)s\r\n\r\nhello\r\n",
    "bare CR before Cc": b"To: undisclosed-recipients:;\r\nSubject: x\rCc: %(p1)s, %(p2)s, %(p3)s\r\n\r\nhello\r\n",
    "bare LF, second To": b"To: %(p1)s\r\nSubject: x\nTo: %(p2)s, %(p3)s\r\n\r\nhello\r\n",
    "bare CR, second To": b"To: %(p1)s\r\nSubject: x\rTo: %(p2)s, %(p3)s\r\n\r\nhello\r\n",
    "LF-only message": b"Subject: x\nTo: %(p1)s\nCc: %(p2)s, %(p3)s\n\nhello\n",
    "obsolete To :": b"To : %(p1)s, %(p2)s, %(p3)s\r\nSubject: x\r\n\r\nhello\r\n",
    "obsolete Cc tab colon": b"Subject: x\r\nTo: undisclosed-recipients:;\r\nCc\t: %(p1)s, %(p2)s, %(p3)s\r\n\r\nhello\r\n",
    "duplicate To and Cc": b"To: %(p1)s\r\nCc: %(p2)s\r\nSubject: x\r\nTo: %(p3)s\r\nCC: %(p2)s\r\n\r\nhello\r\n",
    "Resent-To and Resent-Cc": (
        b"From: %(sender)s\r\nTo: undisclosed-recipients:;\r\nSubject: x\r\n"
        b"Resent-From: %(sender)s\r\nResent-Date: Mon, 1 Jan 2024 09:00:00 +0000\r\n"
        b"Resent-To: %(p1)s\r\nResent-Cc: %(p2)s, %(p3)s\r\n\r\nhello\r\n"
    ),
    "Bcc left in the header": b"To: undisclosed-recipients:;\r\nBcc: %(p1)s, %(p2)s\r\nResent-Bcc: %(p3)s\r\n\r\nhello\r\n",
    "folded with a bare LF": b"Subject: x\r\nTo: undisclosed-recipients:;\r\nCc: %(p1)s,\n %(p2)s,\r %(p3)s\r\n\r\nhello\r\n",
}


def _fill(template: bytes) -> bytes:
    return template % {b"p1": P1.encode(), b"p2": P2.encode(), b"p3": P3.encode(), b"sender": SENDER.encode()}


@pytest.mark.parametrize("name", list(TRICKS))
def test_the_sink_receives_no_visible_external_list(make_gateway, sink, name):
    gw = make_gateway(notices={"notify_rewrite": False})
    with RawSMTP(gw.port) as c:
        reply = c.send(SENDER, RCPTS, _fill(TRICKS[name]))
    assert reply.startswith(b"250"), reply
    ((_, rcpts, got),) = sink.wait_for(1)
    assert set(rcpts) == set(RCPTS)
    # Line endings are CRLF throughout: no reader can split the block differently.
    assert got.count(b"\n") == got.count(b"\r\n") == got.count(b"\r")
    head = got.split(b"\r\n\r\n", 1)[0]
    assert b"X-DLPGate-Action: rewrite" in head, head
    for p in RCPTS:
        assert p.encode() not in head, (name, head)
    msg = email.message_from_bytes(got)
    assert msg.get_all("To") == ["undisclosed-recipients:;"]
    for field in ("Cc", "Bcc", "Resent-To", "Resent-Cc", "Resent-Bcc"):
        assert msg.get_all(field) is None, (name, field)
    assert msg.get_payload().startswith("hello")


def test_what_is_held_is_what_was_inspected(make_gateway, sink, nhs):
    """A bare LF hides nothing from the inspection either: the held copy is the canonical form."""
    gw = make_gateway()
    body = f"Subject: x\nTo: someone@partner.example.org\n\nNHS No: {nhs[0]}\r\n".encode()
    with RawSMTP(gw.port) as c:
        reply = c.send(SENDER, ["someone@partner.example.org"], body)
    assert b"Held" in reply, reply
    (held,) = gw.store.list()
    raw = gw.store.content(held.id, "admin:test", "test")
    assert raw == body.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
