"""sniff's test for a saved message gives what it gave when it always read the header block in full.

``sniff._is_message`` first looks at the first line alone: a line that is
neither a header field, a continuation nor a "From " line decides "no". It
must answer as the full reading (the earlier code, kept below) answers on the
first 8 KB of every test message and of every part in it (tests/**/*.eml),
and on seeded prefixes built from header lines, continuations, "From " lines,
prose, blank lines and every kind of line end (CRLF, LF, a bare CR), cut
anywhere.
"""

from __future__ import annotations

import email
import email.policy
import random
import re
from pathlib import Path

from dlpgate.mime import sniff
from dlpgate.mime.walk import payload_bytes

TESTS = Path(__file__).resolve().parents[1]

_HEADER_FIELD = re.compile(rb"([!-9;-~]+)[ \t]*:")
_MESSAGE_FIELDS = frozenset(
    {b"from", b"to", b"cc", b"subject", b"date", b"message-id", b"mime-version", b"content-type", b"received", b"return-path"}
)


def _is_message_before(head: bytes) -> bool:
    parts = re.split(rb"\r?\n\r?\n", head, maxsplit=1)
    lines = parts[0].splitlines()
    if len(parts) == 1:
        lines = lines[:-1]
    if lines and lines[0].startswith(b"From "):
        lines = lines[1:]
    known = 0
    for i, line in enumerate(lines):
        if line[:1] in (b" ", b"\t"):
            continue
        m = _HEADER_FIELD.match(line)
        if m is None:
            return False
        field = m.group(1).lower()
        if i == 0 and field == b"content-type" and len(parts) == 2:
            return True
        known += field in _MESSAGE_FIELDS
    return known >= 2


def _mail_prefixes() -> list[bytes]:
    out = []
    for path in sorted(TESTS.rglob("*.eml")):
        raw = path.read_bytes()
        out.append(raw[: sniff.PREFIX])
        try:
            parts = list(email.message_from_bytes(raw, policy=email.policy.compat32).walk())
        except Exception:  # a tree the stdlib cannot walk: the message itself only
            continue
        for part in parts:
            if not part.is_multipart():
                out.append(payload_bytes(part)[0][: sniff.PREFIX])
    return out


_LINES = [b"From: a@b.example", b"To: c@d.example", b"Subject: hello", b"Date: Mon, 1 Jan 2024", b"Content-Type: text/plain",
          b"content-type:text/html", b"MIME-Version: 1.0", b"Received: from x", b"X-Thing: y", b"X-Thing :y", b" folded",
          b"\tfolded", b"From sender@x Mon Jan  1", b"From x", b"Dear Sir,", b"Hello: there", b"no colon here", b"",
          b": empty name", b"a b: c", b"\xe9t\xe9: x", b"Return-Path: <a@b>", b"Message-ID: <1@x>", b"date,clinic,slot",
          b"<html>", b"Cc:", b"\x00\x01", b"Subject:\xff"]
_ENDS = [b"\r\n", b"\n", b"\r", b"\r\r\n", b"\n\r\n"]


def _seeded(n: int, seed: int) -> list[bytes]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        data = b"".join(rng.choice(_LINES) + rng.choice(_ENDS) for _ in range(rng.randint(0, 8)))
        if rng.random() < 0.3:
            data += rng.choice(_ENDS) + b"body text"
        if rng.random() < 0.3:
            data = data[: rng.randint(0, len(data))]  # a prefix cut anywhere
        out.append(data)
    return out


def test_is_message_answers_as_the_full_reading() -> None:
    inputs = _mail_prefixes() + _seeded(30000, seed=4)
    assert len(inputs) > 30500
    answered_yes = 0
    for head in inputs:
        want = _is_message_before(head)
        assert sniff._is_message(head) == want, head[:200]
        answered_yes += want
    assert answered_yes > 300


# --- filetype's image matchers, asked only of bytes that start as one of its pictures can ------

_IMAGE_STARTS = [b"gimp xcf v", b"gimp xcf ", b"\xff\xd8\xff", b"\xff\xd8", b"\x00\x00\x00\x0c", b"\x00\x00\x00\x0cjP  \r\n\x87\n",
                 b"\x89PNG\r\n\x1a\n", b"\x89PNG", b"GIF89a", b"GIF", b"RIFF\x00\x00\x00\x00WEBPVP8 ", b"RIFF", b"II*\x00",
                 b"II*\x00\x10\x00\x00\x00CR", b"MM\x00*", b"MM\x00*\x00\x00\x00\x08CR", b"II\xbc", b"8BPS", b"\x00\x00\x01\x00",
                 b"BM", b"AC10", b"AC1015", b"DICM", b"Hi", b"", b"\x00", b"%PDF-", b"PK\x03\x04", b"\xd0\xcf\x11\xe0"]
_BRANDS = [b"heic", b"avif", b"mif1", b"msf1", b"isom", b"mp42", b"3gp5", b"jp2 "]


def _image_like(n: int, seed: int) -> list[bytes]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        shape = rng.random()
        if shape < 0.3:  # an ISO base media file's first box, or one cut short
            brands = b"".join(rng.choice(_BRANDS) for _ in range(rng.randint(0, 4)))
            box = 16 + len(brands)
            data = (box + rng.choice((0, 0, 4, -4))).to_bytes(4, "big") + b"ftyp" + rng.choice(_BRANDS) + b"\x00" * 4 + brands
        else:
            data = rng.choice(_IMAGE_STARTS) + rng.choice(_IMAGE_STARTS)
        data += bytes(rng.randrange(256) for _ in range(rng.randint(0, 300)))
        if rng.random() < 0.2 and len(data) > 132:
            data = data[:128] + b"DICM" + data[132:]  # DICOM's mark, which filetype reads as a picture
        if rng.random() < 0.3:
            data = data[: rng.randint(0, len(data))]
        out.append(data)
    return out


def test_media_answers_as_asking_filetype_of_every_prefix(monkeypatch) -> None:
    inputs = _mail_prefixes() + _image_like(20000, seed=9)
    gated = [(sniff._media(head), sniff._media(head, everything=True), sniff.sniff(head)) for head in inputs]
    monkeypatch.setattr(sniff, "_may_be_filetype_image", lambda head: True)
    pictures = 0
    for head, answer in zip(inputs, gated, strict=True):
        want = (sniff._media(head), sniff._media(head, everything=True), sniff.sniff(head))
        assert answer == want, head[:40]
        pictures += want[0] is not None
    assert pictures > 3000


# --- a PDF after junk, looked for only where "%PDF-" is in the first kilobyte ---------------------

def _textual_magic_before(head: bytes) -> sniff.Sniffed | None:
    stripped = sniff._strip_bom(head).lstrip()
    if stripped.startswith(b"%PDF-") or (b"%PDF-" in head[:1024] and not sniff._text_like(head[:1024])):
        return sniff.Sniffed("pdf", "application/pdf")
    if sniff._PDF_AFTER_JUNK.search(head, 0, 1024) and b" obj" in head:
        return sniff.Sniffed("pdf", "application/pdf")
    if stripped.startswith(b"{\\rtf"):
        return sniff.Sniffed("rtf", "application/rtf")
    if stripped.startswith(b"%!PS"):
        return sniff.Sniffed("postscript", "application/postscript")
    if sniff._PEM_CMS.match(stripped):
        return sniff.Sniffed("pem-cms", "application/pkcs7-mime")
    if sniff._PGP_ARMOUR.match(stripped):
        return sniff.Sniffed("pgp", "application/pgp")
    return None


def test_textual_magic_answers_as_before() -> None:
    rng = random.Random(13)
    pieces = [b"%PDF-1.4\n", b"%PDF-1.", b"%PDF-", b"\n", b"\r\n", b"1 0 obj", b" obj", b"junk ", b"\xe9\x00", b"{\\rtf1",
              b"%!PS", b"-----BEGIN PGP MESSAGE-----", b"   "]
    inputs = _mail_prefixes()
    for _ in range(20000):
        data = b"x" * rng.choice([0, 10, 1000, 1010, 1016, 1020, 1030]) + b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        inputs.append(data[: rng.randint(0, len(data))] if rng.random() < 0.2 else data)
    pdfs = 0
    for head in inputs:
        want = _textual_magic_before(head)
        assert sniff._textual_magic(head) == want, head[:80]
        pdfs += want is not None and want.kind == "pdf"
    assert pdfs > 1000
