"""Quick checks that give what the longer ones they replace gave.

* ``fastsplit``'s test for a bare CR (one regular-expression search) against
  counting CRs and CRLFs;
* ``qp_decode``'s test for "=" then blanks before a line end (the one search of
  the pattern it substitutes) against looking for "= " and "=\\t";

on every test message (tests/**/*.eml), their quoted-printable payloads, and
seeded strings built from the characters that matter.
"""

from __future__ import annotations

import binascii
import email
import email.policy
import random
from pathlib import Path

from dlpgate.mime import fastsplit
from dlpgate.mime.text import _QP_TRAILING_WS, qp_decode

TESTS = Path(__file__).resolve().parents[1]


def _messages() -> list[bytes]:
    return [p.read_bytes() for p in sorted(TESTS.rglob("*.eml"))]


def _qp_payloads() -> list[bytes]:
    out = []
    for raw in _messages():
        try:
            msg = email.message_from_bytes(raw, policy=email.policy.compat32)
            for part in msg.walk():
                payload = vars(part).get("_payload")
                if isinstance(payload, str) and "quoted-printable" in str(part.get("content-transfer-encoding", "")).lower():
                    out.append(payload.encode("ascii", "surrogateescape"))
        except Exception:  # a message the stdlib cannot walk gives no payload here
            continue
    return out


def _soup(alphabet: bytes, n: int, seed: int, longest: int = 40) -> list[bytes]:
    rng = random.Random(seed)
    return [bytes(rng.choice(alphabet) for _ in range(rng.randint(0, longest))) for _ in range(n)]


def test_bare_cr_search_is_the_count_test() -> None:
    inputs = _messages() + _soup(b"\r\n\r\nab =", 20000, seed=1)
    inputs += [m.replace(b"\n", b"\r\n") for m in _messages()]
    assert len(inputs) > 300
    for raw in inputs:
        assert (fastsplit._BARE_CR.search(raw) is not None) == (raw.count(b"\r") != raw.count(b"\r\n")), raw[:80]


def _qp_decode_before(raw: bytes) -> bytes:
    if b"= " in raw or b"=\t" in raw:
        raw = _QP_TRAILING_WS.sub(b"=", raw)
    return binascii.a2b_qp(raw)


def test_qp_decode_is_unchanged() -> None:
    payloads = _qp_payloads()
    assert len(payloads) > 20
    inputs = payloads + _soup(b"= \t\r\n=\r\nA3=3D=E9x", 20000, seed=2)
    for raw in inputs:
        assert qp_decode(raw) == _qp_decode_before(raw), raw[:80]
