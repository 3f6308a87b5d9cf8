"""The quick forms in dlpgate.mime.text give what the forms they replace gave.

* ``b64decode_lenient`` removes a base64 body's white space with two
  single-byte removals (CR, LF), and with the translate over all six
  white-space bytes only when others are left; it must give what it gave when
  it always translated (the earlier code, kept below): on every base64 payload
  of the test mail (tests/**/*.eml), on encoded words' payloads, and on seeded
  strings of base64 text, every kind of white space, padding, URL-safe and
  stray bytes;
* ``looks_like_text`` tests the binary signatures with one ``startswith`` and
  counts control bytes in one pass, and takes ASCII for text without decoding
  it; it must answer as the earlier code (kept below) on every decoded part of
  the test mail and on seeded bytes: random, Latin-1 and UTF-8 text, UTF-16,
  signatures, control bytes, cut characters;
* ``wide_codec`` tests the byte-order marks with one ``startswith`` and looks
  for a zero byte without copying the prefix; it must answer as the earlier
  code (kept below) on the same inputs, and on bytes with a mark or a zero byte
  at the prefix's edge;
* ``garbled`` counts the control characters of an ASCII sample as bytes deleted
  in one pass; it must answer as the earlier count by the expression (kept
  below) on every decoded part of the test mail, read as Latin-1, and on seeded
  ASCII text around its threshold (one control in fifty characters), NULs too.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import email
import email.policy
import random
import re
from pathlib import Path

from dlpgate.mime.text import (
    _BINARY_MAGIC,
    _BOMS,
    _GARBLED_SAMPLE,
    _GARBLED_SHARE,
    _NOT_TEXT_ASCII,
    _base64_then_text,
    _sniff_utf16,
    _sniff_wide,
    b64decode_lenient,
    garbled,
    looks_like_text,
    wide_codec,
    word_stream,
)
from dlpgate.mime.walk import payload_bytes

TESTS = Path(__file__).resolve().parents[1]

_B64_WHITESPACE = b" \t\r\n\x0b\x0c"
_NOT_B64 = re.compile(rb"[^A-Za-z0-9+/]+")
_PAD_RUNS = re.compile(rb"=+")
_URLSAFE = bytes.maketrans(b"-_", b"+/")


def _b64decode_lenient_before(raw: bytes) -> tuple[bytes, str]:
    compact = raw.translate(None, _B64_WHITESPACE)
    if not compact:
        return b"", ""
    try:
        return binascii.a2b_base64(compact, strict_mode=True), ""
    except (binascii.Error, ValueError):
        pass
    split = _base64_then_text(raw)  # lines of text after the base64: read as text
    if split is not None:
        data, status = _b64decode_lenient_before(split[0])
        if status != "undecodable":
            return data + b"\n" + split[1], "damaged"
    compact = compact.translate(_URLSAFE)
    invalid = len(compact) - compact.count(b"=") - len(_NOT_B64.sub(b"", compact))
    if invalid * 4 > len(compact):
        return b"", "undecodable"
    out: list[bytes] = []
    for chunk in _PAD_RUNS.split(compact):
        clean = _NOT_B64.sub(b"", chunk)
        rest = len(clean) % 4
        if rest == 1:
            clean = clean[:-1]
        elif rest:
            clean += b"=" * (4 - rest)
        if clean:
            try:
                out.append(binascii.a2b_base64(clean))
            except (binascii.Error, ValueError):
                continue
    data = b"".join(out)
    if not data:
        return b"", "undecodable"
    return data, "damaged"


def _mail_payloads() -> list[bytes]:
    out = []
    for path in sorted(TESTS.rglob("*.eml")):
        raw = path.read_bytes()
        out += re.findall(rb"=\?[^?\s]+\?[bB]\?([^?]*)\?=", raw)
        try:
            parts = list(email.message_from_bytes(raw, policy=email.policy.compat32).walk())
        except Exception:  # a tree the stdlib cannot walk gives no payloads here
            continue
        for part in parts:
            payload = vars(part).get("_payload")
            if isinstance(payload, str) and "base64" in str(part.get("content-transfer-encoding", "")).lower():
                out.append(payload.encode("ascii", "surrogateescape"))
    return out


_PIECES = [b"QUJD", b"ZGVm", b"YQ==", b"Yg=", b"=", b"==", b"-_", b"!", b"\xff", b"\r\n", b"\n", b"\r", b" ", b"\t",
           b"\x0b", b"\x0c", b"  \r\n", b"A", b"AB", b"ABC"]


def _seeded(n: int, seed: int) -> list[bytes]:
    rng = random.Random(seed)
    out = [b"".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 30))) for _ in range(n)]
    for _ in range(200):
        data = rng.randbytes(rng.randint(0, 300))
        text = base64.encodebytes(data)
        out += [text, text.replace(b"\n", b"\r\n"), text.replace(b"\n", b" \r\n"), text.replace(b"\n", b"\t"),
                text.replace(b"\n", b"\x0b\n")]
    return out


def test_b64decode_lenient_is_unchanged() -> None:
    payloads = _mail_payloads()
    assert len(payloads) > 50
    inputs = payloads + _seeded(20000, seed=6)
    for raw in inputs:
        assert b64decode_lenient(raw) == _b64decode_lenient_before(raw), raw[:80]


def _looks_like_text_before(data: bytes) -> bool:
    if not data:
        return False
    head = data[:8192]
    if any(head.startswith(m) for m in _BINARY_MAGIC):
        return False
    if head.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    if b"\x00" in head:
        wide = _sniff_utf16(head)  # and decoded, text (binary whose zero bytes fall in one lane is not)
        return wide is not None and not garbled(head[: len(head) // 4 * 4].decode(wide, "replace"))
    try:
        head.decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 4:
            return True
    controls = sum(head.count(bytes([b])) for b in range(0, 32) if b not in (9, 10, 12, 13))
    return controls * 100 < len(head)


def _decoded_parts() -> list[bytes]:
    out = []
    for path in sorted(TESTS.rglob("*.eml")):
        raw = path.read_bytes()
        out.append(raw)
        try:
            parts = list(email.message_from_bytes(raw, policy=email.policy.compat32).walk())
        except Exception:  # a tree the stdlib cannot walk: the message itself only
            continue
        out += [payload_bytes(part)[0] for part in parts if not part.is_multipart()]
    return out


def _text_like_inputs() -> list[bytes]:
    rng = random.Random(7)
    inputs = _decoded_parts()
    assert len(inputs) > 900
    for _ in range(3000):
        size = rng.choice([0, 1, 5, 100, 8191, 8192, 8193, 20000])
        kind = rng.random()
        if kind < 0.25:
            data = rng.randbytes(size)
        elif kind < 0.5:
            data = bytes(rng.choice(b"abc \t\r\n\x0c\xe9\xff\x01\x02\x1b\x7f") for _ in range(size))
        elif kind < 0.7:
            data = ("caf\u00e9 " * size)[:size].encode(rng.choice(["latin-1", "utf-8", "utf-16-le", "utf-16"]))
        else:
            data = rng.choice([*_BINARY_MAGIC, codecs.BOM_UTF8, b"", b"\xe2\x82"]) + rng.randbytes(size // 10) + b"text " * (size // 5)
        inputs.append(data)
    return inputs


def test_looks_like_text_answers_as_before() -> None:
    inputs = _text_like_inputs()
    for data in inputs:
        assert looks_like_text(data) == _looks_like_text_before(data), data[:80]


def _garbled_ascii_before(text: str) -> bool:
    sample = word_stream(text[:_GARBLED_SAMPLE]).replace("\x00", "")  # Word's text stream read as it stands
    return len(_NOT_TEXT_ASCII.findall(sample)) * _GARBLED_SHARE > len(sample)


def test_garbled_counts_ascii_controls_as_before() -> None:
    rng = random.Random(8)
    texts = [data.decode("latin-1") for data in _decoded_parts()]
    texts = [t.encode("ascii", "replace").decode("ascii") for t in texts]  # their ASCII reading too
    controls = "".join(map(chr, [*range(0, 32), 127]))
    for _ in range(4000):
        size = rng.choice([0, 1, 49, 50, 51, 100, 4095, 4096, 4097, 9000])
        share = rng.choice([0.0, 0.01, 0.019, 0.02, 0.021, 0.03, 0.5])
        texts.append("".join(rng.choice(controls) if rng.random() < share else rng.choice("ab 9\n") for _ in range(size)))
    assert len(texts) > 4900
    for text in texts:
        assert text.isascii()
        assert garbled(text) == _garbled_ascii_before(text), text[:80]


def _wide_codec_before(data: bytes) -> str | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec if codec != "utf-8-sig" else None
    if b"\x00" not in data[:4096]:
        return None
    return _sniff_wide(data)


def test_wide_codec_answers_as_before() -> None:
    rng = random.Random(11)
    inputs = _text_like_inputs()
    for _ in range(3000):
        data = bytearray(b"text " * rng.choice([0, 1, 819, 820, 2000]))
        if data and rng.random() < 0.5:
            data[min(len(data) - 1, rng.choice([0, 4094, 4095, 4096, 4097]))] = 0
        inputs.append(rng.choice([b"", *(bom for bom, _ in _BOMS), b"\xff", b"\xfe", b"\x00\x00"]) + bytes(data))
    wide = 0
    for data in inputs:
        want = _wide_codec_before(data)
        assert wide_codec(data) == want, data[:80]
        wide += want is not None
    assert wide > 500
