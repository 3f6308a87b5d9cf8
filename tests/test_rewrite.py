from __future__ import annotations

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


def test_lf_only_messages_keep_their_line_endings():
    raw = RAW.replace(b"\r\n", b"\n")
    out = rewrite.rewrite_bcc(raw)
    assert b"\r" not in out and b"To: undisclosed-recipients:;\n" in out
