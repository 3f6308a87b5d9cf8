"""The relay's fast paths against the slow paths they replace.

MAIL FROM / RCPT TO addresses are quoted directly when they are a plain
dot-atom@domain; anything else goes through aiosmtplib's quote_address. Both
must give the same command argument (or the same refusal) for every string.
"""

from __future__ import annotations

import asyncio

import pytest
from aiosmtpd.controller import Controller
from aiosmtplib.email import quote_address
from hypothesis import given, seed, settings
from hypothesis import strategies as st

from dlpgate.actions.relay import OK, SmtpRelay, quote_envelope_address
from tests.conftest import free_port

ATOM = "abcXYZ019!#$%&'*+/=?^_`{|}~-"
SPECIAL = ' .@<>()[]:;,"\\\t\r\nü'


def slow(address: str) -> tuple[str, str]:
    try:
        return "ok", quote_address(address)
    except Exception as exc:  # noqa: BLE001 - the exception type is the result compared
        return "error", exc.__class__.__name__


def fast(address: str) -> tuple[str, str]:
    try:
        return "ok", quote_envelope_address(address)
    except Exception as exc:  # noqa: BLE001
        return "error", exc.__class__.__name__


@pytest.mark.parametrize(
    "address",
    [
        "",
        "a@b",
        "a@b.c",
        "first.last+tag@sub.example-trust.nhs.uk",
        "o'brien@example.org",
        "x!#$%&'*+/=?^_`{|}~-@example.org",
        " a@b.c",
        "a@b.c ",
        "a..b@c.d",
        ".a@b.c",
        "a.@b.c",
        "a@b..c",
        "a@-b.c",
        "a@[127.0.0.1]",
        '"quoted local"@example.org',
        "Name <a@b.c>",
        "a@b.c (comment)",
        "<a@b.c>",
        "a b@c.d",
        "a@b.c\r\nRCPT TO:<x@y.z>",
        "üser@example.org",
        "user@exämple.org",
        "no-at-sign",
        "@b.c",
        "a@",
    ],
)
def test_quote_matches_aiosmtplib_on_a_table(address: str) -> None:
    assert fast(address) == slow(address)


@seed(20240415)
@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=ATOM + SPECIAL, max_size=40))
def test_quote_matches_aiosmtplib_on_any_string(address: str) -> None:
    assert fast(address) == slow(address)


@seed(20240416)
@settings(max_examples=2000, deadline=None)
@given(
    st.lists(st.text(alphabet=ATOM, min_size=1, max_size=8), min_size=1, max_size=3),
    st.lists(st.text(alphabet="abz09-", min_size=1, max_size=8), min_size=1, max_size=3),
)
def test_quote_matches_aiosmtplib_on_plain_addresses(local: list[str], domain: list[str]) -> None:
    address = ".".join(local) + "@" + ".".join(domain)
    assert fast(address) == slow(address) == ("ok", f"<{address}>")


class Recorder:
    def __init__(self) -> None:
        self.envelopes: list[tuple[str, list[str]]] = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 OK"


def test_downstream_gets_the_same_envelope() -> None:
    rec = Recorder()
    port = free_port()
    ctl = Controller(rec, hostname="127.0.0.1", port=port)
    ctl.start()
    try:
        relay = SmtpRelay("127.0.0.1", port, tls="none")
        rcpts = ("b@partner.example.org", "first.last+x@other.example.com", "Name <c@third.example.net>")
        raw = b"From: a@example-trust.nhs.uk\r\nSubject: t\r\n\r\nHello\r\n"
        for sender in ("a@example-trust.nhs.uk", ""):
            assert asyncio.run(relay.send(sender, rcpts, raw)).status == OK
    finally:
        ctl.stop()
    want = ["b@partner.example.org", "first.last+x@other.example.com", "c@third.example.net"]
    assert rec.envelopes == [("a@example-trust.nhs.uk", want), ("<>", want)]
