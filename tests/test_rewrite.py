from __future__ import annotations

import email

import pytest

from dlpgate.actions import rewrite

RAW = (
    b"From: a@example-trust.nhs.uk\r\n"
    b"To: p1@gmail.com,\r\n p2@gmail.com\r\n"
    b"Cc: p3@yahoo.co.uk\r\n"
    b"Subject: hi\r\n"
    b"\r\n"
    b"To: not a header, body text\r\n"
)


def test_bcc_mode_hides_every_recipient_and_keeps_the_body():
    out = rewrite.rewrite_bcc(RAW)
    head, body = out.split(b"\r\n\r\n", 1)
    assert b"p1@" not in head and b"p2@" not in head and b"p3@" not in head
    assert b"To: undisclosed-recipients:;" in head
    assert b"Cc:" not in head
    assert body == b"To: not a header, body text\r\n"
    assert out.startswith(b"X-DLPGate-Action: rewrite")


def test_split_mode_one_copy_each_and_internal_copy_unchanged():
    copies = rewrite.split_copies(RAW, ("p1@gmail.com", "p2@gmail.com", "x@example-trust.nhs.uk"), ("example-trust.nhs.uk",))
    assert [c[0] for c in copies] == [("x@example-trust.nhs.uk",), ("p1@gmail.com",), ("p2@gmail.com",)]
    assert copies[0][1].endswith(RAW)
    head = copies[1][1].split(b"\r\n\r\n", 1)[0]
    assert b"To: <p1@gmail.com>" in head and b"p2@" not in head and b"p3@" not in head


def test_lf_only_messages_come_out_in_the_canonical_crlf_form():
    # The relay would send CRLF anyway; the rewrite works on that same form.
    raw = RAW.replace(b"\r\n", b"\n")
    out = rewrite.rewrite_bcc(raw)
    assert out == rewrite.rewrite_bcc(RAW)
    assert out.count(b"\n") == out.count(b"\r\n")


# Header blocks written to slip a recipient list past a CRLF-only splitter, and
# the other fields that show recipients.
TRICKS = {
    "bare LF before Cc": b"To: undisclosed-recipients:;\r\nSubject: x\nCc: p1@gmail.com, p2@hotmail.co.uk\r\n\r\nhi\r\n",
    "bare CR before Cc": b"To: undisclosed-recipients:;\r\nSubject: x\rCc: p1@gmail.com, p2@hotmail.co.uk\r\n\r\nhi\r\n",
    "bare LF, second To": b"To: p1@gmail.com\r\nSubject: x\nTo: p2@hotmail.co.uk\r\n\r\nhi\r\n",
    "LF only": b"To: p1@gmail.com\nCc: p2@hotmail.co.uk\n\nhi\n",
    "obsolete To :": b"To : p1@gmail.com, p2@hotmail.co.uk\r\nSubject: x\r\n\r\nhi\r\n",
    "obsolete Cc\\t:": b"Subject: x\r\nCc\t: p1@gmail.com\r\nCC: p2@hotmail.co.uk\r\n\r\nhi\r\n",
    "duplicate To and Cc": b"To: p1@gmail.com\r\nCc: a@x.org\r\nTo: p2@hotmail.co.uk\r\ncc: b@y.org\r\n\r\nhi\r\n",
    "Resent-To/Cc/Bcc": (
        b"Resent-From: a@example-trust.nhs.uk\r\nResent-Date: Mon, 1 Jan 2024 00:00:00 +0000\r\n"
        b"Resent-To: p1@gmail.com\r\nResent-Cc: p2@hotmail.co.uk\r\nResent-Bcc: p3@yahoo.co.uk\r\n"
        b"Bcc: p4@gmail.com\r\nTo: undisclosed-recipients:;\r\n\r\nhi\r\n"
    ),
    "folded Cc with bare LF": b"Subject: x\r\nCc: p1@gmail.com,\n p2@hotmail.co.uk\r\n\r\nhi\r\n",
    # where replies go: every reader sees it, and Reply writes to all of it
    "Reply-To list": b"To: p1@gmail.com\r\nReply-To: p2@hotmail.co.uk, p3@yahoo.co.uk\r\n\r\nhi\r\n",
    "Mail-Followup-To": b"To: undisclosed-recipients:;\r\nMail-Followup-To: p1@gmail.com, p2@hotmail.co.uk\r\n\r\nhi\r\n",
    "list without commas": b"To: p1@gmail.com p2@hotmail.co.uk\r\n p3@yahoo.co.uk\r\n\r\nhi\r\n",
}


@pytest.mark.parametrize("name", list(TRICKS))
def test_a_rewritten_message_shows_no_recipient_list_however_the_header_is_written(name):
    out = rewrite.rewrite_bcc(TRICKS[name])
    assert out.count(b"\n") == out.count(b"\r\n") and out.count(b"\r") == out.count(b"\r\n")
    head = out.split(b"\r\n\r\n", 1)[0]
    for p in (b"p1@", b"p2@", b"p3@", b"p4@", b"a@x.org", b"b@y.org"):
        assert p not in head, (name, p)
    # The way a mail program reads it: one To, nobody else.
    msg = email.message_from_bytes(out)
    assert msg.get_all("To") == ["undisclosed-recipients:;"]
    for field in ("Cc", "Bcc", "Resent-To", "Resent-Cc", "Resent-Bcc", "Reply-To", "Mail-Followup-To"):
        assert msg.get_all(field) is None, (name, field)
    assert out.endswith(b"hi\r\n")


def test_split_copies_hide_the_others_however_the_header_is_written():
    raw = TRICKS["bare LF before Cc"]
    copies = rewrite.split_copies(raw, ("p1@gmail.com", "p2@hotmail.co.uk"), ("example-trust.nhs.uk",))
    for (rcpt,), body in copies:
        head = body.split(b"\r\n\r\n", 1)[0]
        other = b"p2@" if rcpt.startswith("p1") else b"p1@"
        assert other not in head


def test_split_mode_treats_a_routed_local_part_as_external():
    copies = rewrite.split_copies(
        RAW, ("x%gmail.com@example-trust.nhs.uk", "nurse@example-trust.nhs.uk"), ("example-trust.nhs.uk",)
    )
    assert [c[0] for c in copies] == [("nurse@example-trust.nhs.uk",), ("x%gmail.com@example-trust.nhs.uk",)]
    assert b"p1@" not in copies[1][1].split(b"\r\n\r\n", 1)[0]


def test_a_reply_to_of_one_address_stays():
    raw = b"To: p1@gmail.com, p2@hotmail.co.uk\r\nReply-To: clinic@example-trust.nhs.uk\r\n\r\nhi\r\n"
    assert b"Reply-To: clinic@example-trust.nhs.uk" in rewrite.rewrite_bcc(raw)


WEBMAIL = ("gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk")


def _people(n: int) -> list[tuple[str, str]]:
    return [(f"Person {i}", f"person{i}.example@{WEBMAIL[i % len(WEBMAIL)]}") for i in range(n)]


def _b64_word(text: str) -> str:
    import base64

    return f"=?utf-8?B?{base64.b64encode(text.encode()).decode()}?="


def _q_spec(addr: str) -> str:
    return "=?utf-8?q?" + addr.replace("@", "=40") + "?="


# Where replies go, written in encoded words: no "@" among the raw bytes, yet the
# inspection (and a mail program) reads a list there.
ENCODED_REPLY_TO = {
    "a whole list in one base64 word": _b64_word(", ".join(a for _n, a in _people(4))),
    "each addr-spec Q-encoded, the @ as =40": ", ".join(f"{_q_spec(n)} <{_q_spec(a)}>" for n, a in _people(4)),
}


@pytest.mark.parametrize("name", list(ENCODED_REPLY_TO))
def test_a_reply_to_list_in_encoded_words_is_removed_as_the_inspection_reads_it(name):
    from dlpgate.config import DATA_DIR
    from dlpgate.detectors import exposed_recipients
    from dlpgate.mime import parse
    from dlpgate.types import DetectorContext

    raw = (
        "From: volunteers@example-trust.nhs.uk\r\nTo: undisclosed-recipients:;\r\n"
        f"Reply-To: {ENCODED_REPLY_TO[name]}\r\nSubject: rota\r\n\r\nhi\r\n"
    ).encode()
    assert b"@" not in raw.split(b"Reply-To:", 1)[1].split(b"\r\n", 1)[0]
    detector = exposed_recipients.build(
        exposed_recipients.DEFAULTS,
        DetectorContext(internal_domains=("example-trust.nhs.uk",), secure_domains=(), config_dir=str(DATA_DIR)),
    )
    assert detector.detect(parse(raw))  # the list is read there ...
    copies = [rewrite.rewrite_bcc(raw)] + [
        body for _rcpt, body in rewrite.split_copies(raw, ("person0.example@gmail.com",), ("example-trust.nhs.uk",))
    ]
    for out in copies:  # ... and gone after the rewrite, in both modes
        assert email.message_from_bytes(out).get_all("Reply-To") is None, name
        assert detector.detect(parse(out)) == []


def test_a_reply_to_of_one_address_in_encoded_words_stays():
    raw = (
        b"To: p1@gmail.com, p2@hotmail.co.uk\r\n"
        b"Reply-To: =?utf-8?q?Clinic_Team?= <=?utf-8?q?clinic=40example-trust.nhs.uk?=>\r\n\r\nhi\r\n"
    )
    assert b"Reply-To: =?utf-8?q?Clinic_Team?=" in rewrite.rewrite_bcc(raw)
    # a display name with an "@" in it is no second address
    raw = b"To: p1@gmail.com, p2@hotmail.co.uk\r\nReply-To: \"Clinic @ Ward 5\" <clinic@example-trust.nhs.uk>\r\n\r\nhi\r\n"
    assert b"Reply-To: \"Clinic @ Ward 5\"" in rewrite.rewrite_bcc(raw)


def test_reply_to_given_twice_carries_both_addresses():
    raw = b"To: p1@gmail.com\r\nReply-To: p2@hotmail.co.uk\r\nReply-To: p3@yahoo.co.uk\r\n\r\nhi\r\n"
    assert email.message_from_bytes(rewrite.rewrite_bcc(raw)).get_all("Reply-To") is None
