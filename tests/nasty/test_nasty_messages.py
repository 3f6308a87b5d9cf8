"""A regression folder of nasty messages, each replayed.

Small ones are kept in tests/nasty/corpus/ (synthetic NHS numbers only); big
ones (a 2 MB line, 10,000 parts, 100-deep nesting, 10,000 recipients) are made
here, so no megabytes are committed. Each must give a verdict within the time
limit, find the number where the text is readable, and never deliver what could
not be read to an external recipient.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from dlpgate import pipeline
from dlpgate.types import Action, Envelope
from tests.fuzz.test_fuzz_properties import ENGINE, EXTERNAL
from tests.synthetic import nhs_numbers, spaced

CORPUS = Path(__file__).parent / "corpus"
SENDER = "dr.jones@example-trust.nhs.uk"
EXT = "someone@partner.example.org"
NUMBER = nhs_numbers(1, seed=81)[0]

# file -> (action for an external recipient, kinds that must be found)
EXPECTED = {
    "bare_lf_line_endings.eml": ("hold", {"nhs_number"}),
    "boundary_not_found.eml": ("hold", {"nhs_number"}),
    "broken_base64.eml": ("hold", {"nhs_number"}),
    "broken_encoded_words.eml": ("hold", {"nhs_number"}),
    "duplicated_boundary.eml": ("hold", {"nhs_number"}),
    "eight_bit_headers.eml": ("hold", {"nhs_number"}),
    "empty_headers.eml": ("deliver", set()),
    "headers_only_no_body.eml": ("deliver", set()),
    "missing_boundary_param.eml": ("hold", {"nhs_number"}),
    "qp_split_number.eml": ("hold", {"nhs_number"}),
    "unknown_charset.eml": ("hold", {"nhs_number"}),
    "unterminated_multipart.eml": ("hold", {"nhs_number"}),
}


def inspect_timed(raw: bytes, envelope: Envelope = EXTERNAL, limit: float = 20.0):
    start = time.monotonic()
    verdict = pipeline.inspect(raw, envelope, ENGINE, start + limit)
    elapsed = time.monotonic() - start
    assert elapsed < limit
    if any(p.severe for p in verdict.problems) and verdict.external_recipients:
        assert verdict.action >= Action.HOLD
    return verdict, elapsed


def test_every_corpus_file_has_an_expectation():
    assert sorted(p.name for p in CORPUS.glob("*.eml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_message(name):
    action, kinds = EXPECTED[name]
    verdict, _ = inspect_timed((CORPUS / name).read_bytes())
    assert verdict.action.label == action, (verdict.findings, verdict.problems)
    assert kinds <= {f.kind for f in verdict.findings}


def head(extra: str = "", to: str = EXT) -> str:
    return f"From: {SENDER}\r\nTo: {to}\r\nSubject: nasty\r\n{extra}"


def test_a_2mb_line():
    raw = (head("Content-Type: text/plain\r\n") + "\r\n" + "word " * 400_000 + f"NHS {spaced(NUMBER)}\r\n").encode()
    assert len(raw) > 2_000_000
    verdict, _ = inspect_timed(raw)
    assert verdict.action == Action.HOLD
    assert "nhs_number" in {f.kind for f in verdict.findings}


def test_parts_past_the_limit_are_not_scanned_and_held():
    from dlpgate.types import Limits

    count = Limits().max_parts + 500
    parts = "".join(f"--P\r\nContent-Type: text/plain\r\n\r\npart {i}\r\n" for i in range(count))
    raw = (head('Content-Type: multipart/mixed; boundary="P"\r\n') + "\r\n" + parts + "--P--\r\n").encode()
    verdict, elapsed = inspect_timed(raw)
    assert "too_many_parts" in {p.reason for p in verdict.problems}
    assert verdict.action == Action.HOLD  # unscanned content does not go outside
    internal = Envelope(SENDER, ("colleague@example-trust.nhs.uk",))
    assert inspect_timed(raw, internal)[0].action == Action.DELIVER


def test_100_deep_nesting_is_cut_at_max_depth_and_held():
    inner = (head("Content-Type: text/plain\r\n") + f"\r\nNHS {NUMBER}\r\n").encode()
    raw = inner
    for _ in range(100):
        raw = head("Content-Type: message/rfc822\r\n").encode() + b"\r\n" + raw
    verdict, _ = inspect_timed(raw)
    assert "too_deep" in {p.reason for p in verdict.problems}
    assert verdict.action == Action.HOLD


def test_100_deep_multipart_nesting():
    raw = f"NHS {NUMBER}\r\n"
    for i in range(100):
        raw = f'Content-Type: multipart/mixed; boundary="b{i}"\r\n\r\n--b{i}\r\n{raw}\r\n--b{i}--\r\n'
    verdict, _ = inspect_timed((head() + raw).encode())
    assert verdict.action == Action.HOLD


def test_10000_recipients_visible_are_rewritten_quickly():
    rcpts = [f"patient{i}@gmail.com" for i in range(10_000)]
    raw = (f"From: {SENDER}\r\nTo: {', '.join(rcpts)}\r\nSubject: newsletter\r\n\r\nHello all\r\n").encode()
    verdict, elapsed = inspect_timed(raw, Envelope(SENDER, tuple(rcpts)))
    assert verdict.action == Action.REWRITE
    assert elapsed < 10


@pytest.mark.parametrize("name", ["broken_base64.eml", "unknown_charset.eml", "eight_bit_headers.eml", "duplicated_boundary.eml"])
def test_corpus_over_smtp_is_held_not_delivered(make_gateway, sink, name):
    gw = make_gateway(notices={"admins": []})
    code, reply = gw.send((CORPUS / name).read_bytes(), SENDER, [EXT])
    assert code == 250 and b"Held" in reply
    gw.flush()
    assert not sink.to(EXT)


def test_10000_recipients_over_smtp_are_limited_to_max_recipients(make_gateway, sink):
    gw = make_gateway(smtp={"max_recipients": 1000})
    import smtplib

    rcpts = [f"patient{i}@gmail.com" for i in range(1_200)]
    with smtplib.SMTP("127.0.0.1", gw.port, timeout=30) as c:
        c.ehlo("x")
        c.mail(SENDER)
        codes = [c.rcpt(r)[0] for r in rcpts]
        assert codes.count(250) == 1000 and set(codes[1000:]) == {452}
        assert c.data(f"From: {SENDER}\r\nTo: {', '.join(rcpts)}\r\nSubject: x\r\n\r\nHello\r\n".encode())[0] == 250
    # the message itself; a notice to the sender may come before or after it (sent in the background)
    end = time.monotonic() + 10
    while time.monotonic() < end and not [m for m in sink.messages if SENDER not in m[1]]:
        time.sleep(0.02)
    (msg,) = [m for m in sink.messages if SENDER not in m[1]]
    assert len(msg[1]) == 1000
    assert b"patient5@gmail.com" not in msg[2].split(b"\r\n\r\n", 1)[0]  # rewritten: no one sees the others
