"""b64decode_lenient's quick removal of line ends gives what the translate it replaces gave.

The white space of a base64 body is removed with two single-byte removals
(CR, LF), and with the translate over all six white-space bytes only when
others are left; ``b64decode_lenient`` must give what it gave when it always
translated (the earlier code, kept below): on every base64 payload of the test
mail (tests/**/*.eml), on encoded words' payloads, and on seeded strings of
base64 text, every kind of white space, padding, URL-safe and stray bytes.
"""

from __future__ import annotations

import base64
import binascii
import email
import email.policy
import random
import re
from pathlib import Path

from dlpgate.mime.text import b64decode_lenient

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
