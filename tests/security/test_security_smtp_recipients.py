"""Issue 12, defect 9: recipient tricks, NUL bytes and 8-bit addresses without SMTPUTF8.

Raw sockets into a real gateway. x%gmail.com@<internal> and "x@gmail.com"@<internal>
name an internal domain but route elsewhere: refused at RCPT by default
(smtp.routed_local_parts = "refuse"); with "external" they are accepted and the
content rules apply to them as to any external recipient.
"""

from __future__ import annotations

import pytest

from tests.security.smtp_raw import RawSMTP
from tests.synthetic import build_message, spaced

SENDER = "dr.jones@example-trust.nhs.uk"
INTERNAL = "example-trust.nhs.uk"
ROUTED = [
    f"x%gmail.com@{INTERNAL}",
    f'"x@gmail.com"@{INTERNAL}',
    f"gmail.com!x@{INTERNAL}",
    f'"x%gmail.com"@{INTERNAL}',
    "x%gmail.com@nhs.net",  # a secure domain: trusted for content, so refused too
]


@pytest.mark.parametrize("rcpt", ROUTED)
def test_a_routed_local_part_of_a_trusted_domain_is_refused_at_rcpt(make_gateway, sink, rcpt):
    gw = make_gateway()
    with RawSMTP(gw.port) as c:
        assert c.cmd("EHLO x").startswith(b"250")
        assert c.cmd(f"MAIL FROM:<{SENDER}>").startswith(b"250")
        reply = c.cmd(f"RCPT TO:<{rcpt}>")
        assert reply.startswith(b"553 5.1.3"), reply
        assert c.cmd(f"RCPT TO:<nurse@{INTERNAL}>").startswith(b"250")  # the session goes on


@pytest.mark.parametrize("rcpt", ROUTED[:3])
def test_with_external_a_routed_local_part_is_held_like_any_external_recipient(make_gateway, sink, nhs, rcpt):
    gw = make_gateway(smtp={"routed_local_parts": "external"})
    with RawSMTP(gw.port) as c:
        reply = c.send(SENDER, [rcpt], build_message(f"NHS No: {spaced(nhs[0])}\r\n", to=rcpt))
    assert b"Held" in reply, reply
    (held,) = gw.store.list()
    assert held.recipients == (rcpt,)


def test_routed_addresses_visible_in_to_count_as_external_for_exposure(make_gateway, sink):
    gw = make_gateway(smtp={"routed_local_parts": "external"}, notices={"notify_rewrite": False})
    shown = [f"a%gmail.com@{INTERNAL}", f"b%hotmail.co.uk@{INTERNAL}"]
    with RawSMTP(gw.port) as c:
        reply = c.send(SENDER, shown, build_message("clinic letter\r\n", to=", ".join(shown)))
    assert reply.startswith(b"250"), reply
    ((_, _, got),) = sink.wait_for(1)
    head = got.split(b"\r\n\r\n", 1)[0]
    assert b"X-DLPGate-Action: rewrite" in head
    assert b"gmail.com@" not in head and b"hotmail.co.uk@" not in head


@pytest.mark.parametrize(
    "command, expected",
    [
        (b"MAIL FROM:<a\x00b@example-trust.nhs.uk>", b"501"),
        ("MAIL FROM:<dr.jönes@example-trust.nhs.uk>".encode(), b"553"),
        ("MAIL FROM:<dr.jönes@example-trust.nhs.uk> BODY=8BITMIME".encode(), b"553"),
    ],
)
def test_mail_from_with_nul_or_8bit_without_smtputf8_is_refused(make_gateway, command, expected):
    gw = make_gateway()
    with RawSMTP(gw.port) as c:
        assert c.cmd("EHLO x").startswith(b"250")
        reply = c.cmd(command)
        assert reply.startswith(expected), reply
        assert c.cmd(f"MAIL FROM:<{SENDER}>").startswith(b"250")


def test_rcpt_with_nul_or_8bit_without_smtputf8_is_refused(make_gateway, sink):
    gw = make_gateway()
    with RawSMTP(gw.port) as c:
        assert c.cmd("EHLO x").startswith(b"250")
        assert c.cmd(f"MAIL FROM:<{SENDER}>").startswith(b"250")
        assert c.cmd(b"RCPT TO:<a\x00b@partner.example.org>").startswith(b"501")
        assert c.cmd("RCPT TO:<jösé@partner.example.org>".encode()).startswith(b"553")


def test_8bit_addresses_with_smtputf8_are_accepted(make_gateway, sink):
    gw = make_gateway()
    with RawSMTP(gw.port) as c:
        assert c.cmd("EHLO x").startswith(b"250")
        assert c.cmd(f"MAIL FROM:<{SENDER}> SMTPUTF8".encode()).startswith(b"250")
        assert c.cmd("RCPT TO:<jösé@partner.example.org>".encode()).startswith(b"250")
        assert c.cmd(b"RCPT TO:<a\x00b@partner.example.org>").startswith(b"501")  # NUL never
