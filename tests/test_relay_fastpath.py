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
    except Exception as exc:  # the exception type is the result compared
        return "error", exc.__class__.__name__


def fast(address: str) -> tuple[str, str]:
    try:
        return "ok", quote_envelope_address(address)
    except Exception as exc:
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


class Scripted:
    """A downstream whose replies are set per test; PIPELINING advertised or not."""

    def __init__(self, pipelining: bool, mail: str = "", rcpt: dict[str, str] | None = None, data: str = ""):
        self.pipelining, self.mail, self.rcpt, self.data = pipelining, mail, rcpt or {}, data
        self.accepted: list[tuple[str, list[str], bytes]] = []

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        return responses[:-1] + ["250-PIPELINING"] + responses[-1:] if self.pipelining else responses

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.mail:
            return self.mail
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.rcpt:
            return self.rcpt[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.data:
            return self.data
        self.accepted.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 2.0.0 Queued"


THREE = ("b@partner.example.org", "c@other.example.com", "d@third.example.net")
BODY = b"From: a@example-trust.nhs.uk\r\nSubject: t\r\n\r\nHello\r\n.leading dot\r\n"
SCENARIOS = {
    "all accepted": {},
    "one recipient refused": {"rcpt": {"c@other.example.com": "550 5.1.1 No such user"}},
    "one recipient deferred": {"rcpt": {"c@other.example.com": "450 4.2.0 Mailbox busy"}},
    "every recipient refused": {"rcpt": {r: "550 5.1.1 No such user" for r in THREE}},
    "sender refused": {"mail": "550 5.7.1 Sender refused"},
    "sender deferred": {"mail": "451 4.3.0 Try later"},
    "message refused at the end of DATA": {"data": "554 5.7.1 Content refused"},
    "message deferred at the end of DATA": {"data": "451 4.3.0 Try later"},
}


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_pipelined_exchange_gives_what_one_command_at_a_time_gives(scenario: str, monkeypatch) -> None:
    from dlpgate.actions import relay as relay_mod

    used = []
    real = relay_mod.FastDataSMTP._sendmail_pipelined

    async def spy(self, *args, **kwargs):
        used.append(True)
        return await real(self, *args, **kwargs)

    monkeypatch.setattr(relay_mod.FastDataSMTP, "_sendmail_pipelined", spy)
    outcomes = {}
    for pipelining in (False, True):
        handler = Scripted(pipelining, **SCENARIOS[scenario])
        port = free_port()
        ctl = Controller(handler, hostname="127.0.0.1", port=port)
        ctl.start()
        try:
            relay = SmtpRelay("127.0.0.1", port, timeout=5.0, tls="none", reuse_seconds=5.0)

            async def twice(relay=relay):
                # twice over one kept connection: the session must stay in step after any outcome
                out = [await relay.send("a@example-trust.nhs.uk", THREE, BODY) for _ in range(2)]
                await relay.aclose()
                return out

            results = asyncio.run(twice())
        finally:
            ctl.stop()
        outcomes[pipelining] = (results, handler.accepted)
        assert bool(used) == pipelining
    assert outcomes[True] == outcomes[False]


@pytest.mark.parametrize("scenario", ["all accepted", "one recipient refused", "message deferred at the end of DATA"])
def test_pipelined_exchange_over_starttls(scenario: str) -> None:
    import ssl

    import trustme

    ca = trustme.CA()
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(ctx)
    handler = Scripted(True, **SCENARIOS[scenario])
    port = free_port()
    ctl = Controller(handler, hostname="127.0.0.1", port=port, tls_context=ctx)
    ctl.start()
    try:
        relay = SmtpRelay("127.0.0.1", port, timeout=5.0, tls="opportunistic", reuse_seconds=5.0)

        async def twice():
            out = [await relay.send("a@example-trust.nhs.uk", THREE, BODY) for _ in range(2)]
            await relay.aclose()
            return out

        results = asyncio.run(twice())
    finally:
        ctl.stop()
    want = {"all accepted": OK, "one recipient refused": "partial", "message deferred at the end of DATA": "temp"}[scenario]
    assert [r.status for r in results] == [want, want]
    assert len(handler.accepted) == (0 if want == "temp" else 2)
