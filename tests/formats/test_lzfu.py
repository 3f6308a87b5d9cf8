"""Compressed RTF (Outlook items, TNEF) and RTF text: the fast readers against the libraries.

``lzfu.decompress`` must give what ``compressed_rtf.decompress`` gives, on every
compressed body the tests carry and on round trips of made-up RTF; striprtf on
the RTF without its ignorable groups must give the text it gives on the whole RTF.
"""

from __future__ import annotations

import email
import random
import struct
from email import policy
from pathlib import Path

import compressed_rtf
import extract_msg
import pytest
from striprtf.striprtf import rtf_to_text
from tnefparse import TNEF

from dlpgate import mime
from dlpgate.mime.formats import lzfu, rtf
from tests.content.test_carriers import attached
from tests.formats.test_formats_msg_bodies import _items

ROOT = Path(__file__).resolve().parents[1]


def _tnef_files() -> list[tuple[str, bytes]]:
    found = [(p.name, p.read_bytes()) for p in sorted(ROOT.rglob("*.tnef")) if p.is_file()]
    for path in sorted((ROOT / "realmail").rglob("*.tnef.eml")):
        for part in email.message_from_bytes(path.read_bytes(), policy=policy.compat32).walk():
            body = part.get_payload(decode=True)
            if isinstance(body, bytes) and body[:4] == b"\x78\x9f\x3e\x22":
                found.append((path.name, body))
    return found


def _compressed_bodies() -> list[tuple[str, bytes]]:
    bodies = []
    for name, data in _items():
        try:
            item = extract_msg.openMsg(data, delayAttachments=False)
        except Exception:
            continue
        try:
            if item.compressedRtf:
                bodies.append((name, bytes(item.compressedRtf)))
        finally:
            item.close()
    for name, data in _tnef_files():
        try:
            body = TNEF(data)._rtfbody
        except Exception:
            continue
        if body:
            bodies.append((name, bytes(body) + b"\x00"))  # as tnefparse's own reader does
    return bodies


def test_real_bodies_decompress_as_the_library_does() -> None:
    bodies = _compressed_bodies()
    assert len(bodies) >= 8
    for name, body in bodies:
        got, intact = lzfu.decompress(body)
        assert intact, name
        assert got == compressed_rtf.decompress(body), name


def test_made_up_rtf_round_trips() -> None:
    r = random.Random(7)
    words = [b"{\\rtf1 ", b"\\par ", b"Patient ", b"aaaaaaaaaaaaaaaaaaaaaaaa", b"x", b"\\f0\\fs20", b"999 000 0018 ", b"}"]
    for i in range(45):  # compressed_rtf.compress is slow: few, small, but the window wraps
        if i % 3 == 0:
            data = bytes(r.randrange(256) for _ in range(r.randrange(0, 600)))
        elif i % 3 == 1:
            data = b"".join(r.choice(words) for _ in range(r.randrange(0, 800)))
        else:  # long runs: references that overlap what they write, a window that wraps
            data = bytes(r.choice(b"ab") for _ in range(r.randrange(4000, 6000)))
        packed = compressed_rtf.compress(data)
        assert lzfu.decompress(packed) == (data, True)
        assert compressed_rtf.decompress(packed) == data
    stored = compressed_rtf.compress(b"{\\rtf1 plain}", compressed=False)
    assert lzfu.decompress(stored) == (b"{\\rtf1 plain}", True)


def test_damage_is_reported_and_what_is_there_read() -> None:
    packed = bytearray(compressed_rtf.compress(b"{\\rtf1 Patient NHS number 999 000 0018\\par}"))
    packed[12] ^= 0xFF  # the checksum
    text, intact = lzfu.decompress(bytes(packed))
    assert not intact and b"999 000 0018" in text
    with pytest.raises(lzfu.CompressedRtfError):
        lzfu.decompress(b"LZFu")
    with pytest.raises(lzfu.CompressedRtfError):
        lzfu.decompress(struct.pack("<II4sI", 20, 8, b"ABCD", 0) + b"12345678")


def test_a_damaged_body_in_a_tnef_is_a_finding_and_is_read() -> None:
    data = (ROOT / "content" / "data" / "rtf.tnef").read_bytes()
    body = TNEF(data)._rtfbody
    assert body
    at = data.find(bytes(body))
    assert at > 0
    damaged = data[: at + 12] + bytes([data[at + 12] ^ 0xFF]) + data[at + 13 :]
    parsed = mime.parse(attached("winmail.dat", "application/ms-tnef", damaged))
    assert any(p.reason == "corrupt" and "rtf" in p.where for p in parsed.problems)
    clean = mime.parse(attached("winmail.dat", "application/ms-tnef", data))
    rtf_text = [s.text for s in clean.segments if "(rtf)" in s.where]
    assert rtf_text and [s.text for s in parsed.segments if "(rtf)" in s.where] == rtf_text


def _rtf_texts() -> list[tuple[str, str]]:
    texts = [(name, lzfu.decompress(body)[0].decode("latin-1")) for name, body in _compressed_bodies()]
    for path in sorted(ROOT.rglob("*.rtf")):
        texts.append((path.name, path.read_bytes().decode("latin-1")))
    return texts


def test_striprtf_reads_the_same_text_without_the_ignorable_groups() -> None:
    texts = _rtf_texts()
    assert len(texts) >= 8
    made = (
        r"{\rtf1\ansi{\fonttbl{\f0\fswiss{\*\panose 020b0604020202020204}Arial;}}"
        r"{\*\htmltag84 <b>}Mrs Example{\*\htmltag92 </b>}\par"
        r'{\field{\*\fldinst{HYPERLINK "https://example.org/"}}{\fldrslt{link}}}\par'
        r"{\*\annotation{\*\atnid x} a note}caf\'e9 {\*\bkmkstart b}\u8364?}"
    )
    texts.append(("made up", made))
    stripped = 0
    for name, text in texts:
        fast = rtf._without_ignorable(text)
        stripped += fast != text
        assert rtf_to_text(fast, errors="replace") == rtf_to_text(text, errors="replace"), name
    assert stripped >= 5
