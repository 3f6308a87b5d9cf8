"""The downstream breaks; a real gateway process answers by the reply contract; once
the downstream is healthy again, every message ends delivered exactly once."""

from __future__ import annotations

import time

import pytest

from tests.faults.faults_helpers import EXT, SENDER, send_once, send_retrying, tokens_in
from tests.synthetic import build_message, nhs_numbers, spaced


def tagged(token: str, body: str = "The meeting is on Tuesday.\r\n") -> bytes:
    return f"X-Test-Token: {token}\r\n".encode() + build_message(body, subject=f"Note {token}")


def delivered_tokens(sink) -> list[str]:
    return [t for _, _, raw in sink.messages for t in tokens_in(raw)]


FAULTS = {
    # name: (downstream mode, sink settings)
    "refuses_connections": ("down", {}),
    "hangs": ("hang", {}),
    "answers_421_to_data": ("smtp", {"data_reply": "421 4.3.2 Service shutting down"}),
    "answers_451_to_data": ("smtp", {"data_reply": "451 4.3.0 Local problem"}),
    "answers_451_to_every_rcpt": ("smtp", {"refuse": {EXT: "451 4.3.0 Try later"}}),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_temporary_downstream_fault_gives_451_then_exactly_once_delivery(fault, downstream, gateway_process):
    mode, sink_settings = FAULTS[fault]
    downstream.set(mode)
    for k, v in sink_settings.items():
        setattr(downstream.sink, k, v)
    gw = gateway_process()

    clean = {f"{fault}-{i}": tagged(f"{fault}-{i}") for i in range(3)}
    for token, raw in clean.items():
        code, text = send_once(gw.port, raw, [EXT])
        assert code == 451 and text.startswith("4.4.1"), (token, code, text)
    # A message to be held does not need the downstream: 250 once it is in the quarantine.
    nhs = nhs_numbers(1, seed=11)[0]
    code, text = send_once(gw.port, build_message(f"NHS No: {spaced(nhs)}\r\n"), [EXT])
    assert code == 250 and "Held" in text
    assert delivered_tokens(downstream.sink) == []

    # Heal the downstream; the client retries like an MTA.
    downstream.sink.data_reply = None
    downstream.sink.refuse = {}
    if mode != "smtp":
        downstream.set("smtp")
    deadline = time.monotonic() + 20
    for token, raw in clean.items():
        code, text, _ = send_retrying(gw.port, raw, [EXT], deadline)
        assert code == 250, (token, code, text)

    downstream.sink.wait_for(len(clean) + 1, timeout=10)  # + the hold notice from the outbox
    time.sleep(0.8)  # room for a duplicate to show up
    got = delivered_tokens(downstream.sink)
    assert sorted(got) == sorted(clean), got
    assert len(downstream.sink.to(SENDER)) == 1  # the hold notice, once
    assert not downstream.sink.to(EXT) or all(tokens_in(r) for r in downstream.sink.to(EXT))
    assert gw.sql("select count(*) from quarantine where state='held'") == [(1,)]


def test_permanent_downstream_refusal_is_554_and_never_delivered(downstream, gateway_process):
    downstream.set("smtp")
    downstream.sink.data_reply = "554 5.6.0 Content refused"
    gw = gateway_process()
    code, text = send_once(gw.port, tagged("perm-1"), [EXT])
    assert code == 554 and "Content refused" in text
    downstream.sink.data_reply = None
    time.sleep(0.5)
    assert delivered_tokens(downstream.sink) == []  # not retried by the gateway either
    assert gw.sql("select count(*) from outbox") == [(0,)]


def test_some_recipients_refused_250_dsn_and_no_duplicates(downstream, gateway_process):
    downstream.set("smtp")
    other, later = "gone@partner.example.org", "busy@partner.example.org"
    downstream.sink.refuse = {other: "550 5.1.1 No such user", later: "450 4.2.1 Mailbox busy"}
    gw = gateway_process()
    code, _ = send_once(gw.port, tagged("partial-1"), [EXT, other, later])
    assert code == 250
    downstream.sink.refuse = {}  # the busy mailbox recovers; the gateway retries it itself
    downstream.sink.wait_for(3, timeout=10)
    time.sleep(0.8)
    assert len(downstream.sink.to(EXT)) == 1
    assert len(downstream.sink.to(later)) == 1
    assert not downstream.sink.to(other)
    (dsn,) = downstream.sink.to(SENDER)
    assert b"multipart/report" in dsn and other.encode() in dsn
    assert sorted(delivered_tokens(downstream.sink)) == ["partial-1", "partial-1"]  # EXT once, busy once
