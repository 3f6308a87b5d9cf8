"""The canonical form (dlpgate/canonical.py): idempotent, CRLF only, a header block the
stdlib parser, the rewrite and the relay all split the same way."""

from __future__ import annotations

import email
from email import policy

from hypothesis import given, settings
from hypothesis import strategies as st

from dlpgate.actions.rewrite import split_headers
from dlpgate.canonical import Canonical, canonicalize, line_endings

PIECES = [b"To", b"Cc", b"Subject", b"X", b":", b" ", b"\t", b"\r", b"\n", b"\r\n", b"a@gmail.com", b"x", b"From ", b"\x85", b"\x0c", b"\x00", b"Resent-To"]
messages = st.lists(st.sampled_from(PIECES), max_size=40).map(b"".join)


def test_crlf_messages_with_tidy_headers_are_unchanged():
    raw = b"From: a@x.org\r\nTo: b@y.org,\r\n c@z.org\r\nSubject: hi\r\n\r\nbody\r\n"
    assert canonicalize(raw) is raw or canonicalize(raw) == raw


def test_obsolete_colon_and_bare_line_ends():
    assert canonicalize(b"To : a@x\nCc\t: b@y\rSubject: s\n\nbody") == b"To: a@x\r\nCc: b@y\r\nSubject: s\r\n\r\nbody\r\n"


def test_a_line_that_is_no_field_ends_the_header_block():
    out = canonicalize(b"Subject: s\r\nnot a field\r\nCc: a@gmail.com\r\n\r\nbody\r\n")
    assert out == b"Subject: s\r\n\r\nnot a field\r\nCc: a@gmail.com\r\n\r\nbody\r\n"
    assert email.message_from_bytes(out).get_all("Cc") is None


@settings(max_examples=500, deadline=None)
@given(messages)
def test_canonical_form_properties(raw):
    out = canonicalize(raw)
    assert isinstance(out, Canonical) and canonicalize(out) is out
    assert canonicalize(bytes(out)) == out  # idempotent
    assert out.count(b"\n") == out.count(b"\r\n") == out.count(b"\r")
    assert line_endings(out) == out  # the relay sends exactly these bytes
    # The rewrite's view of the header fields is the parser's.
    fields, _ = split_headers(out)
    names = [f.split(b":", 1)[0].strip().lower().decode("ascii", "replace") for f in fields if not f.startswith(b"From ")]
    parsed = email.message_from_bytes(out, policy=policy.compat32)
    assert [k.lower() for k in parsed.keys()] == names
