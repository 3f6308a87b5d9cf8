"""A long text's words that the person rules look for with scans of their own (a greeting's, a
relative's after "your", " his ", an owner's "'s ", a reply chain's separator) are first looked
for in the gates' one RE2 pass (identifiers._GateSet): on random texts made of those words, in
every case and with the characters that lower-case or case-fold to their letters, each rule
answers as its scans alone answered."""

from __future__ import annotations

import random

from dlpgate.detectors import identifiers

_ODD = ["K", "\u212a", "\u017f", "\u0130", "\u0131", "\u00e9", "\u0174", "\u0175", "\u2019", "\ud800", "x", "7"]
_SPACING = [" ", "  ", "\t", "\n", "> ", ",", ".", ":", "-", "'"]


def _texts(pieces: list[str], seed: int, count: int = 4_000) -> list[str]:
    """Random texts of ``pieces`` and odd characters, each long enough to be gated."""
    rng = random.Random(seed)
    every = pieces + _ODD + _SPACING
    out = []
    for _ in range(count):
        words = "".join(rng.choice(every) for _ in range(rng.randrange(1, 16)))
        pad = "a" * identifiers.GATED_FROM
        out.append(pad + words if rng.random() < 0.5 else words + pad)
    return out


def test_greeted_as_its_scans() -> None:
    pieces = ["Dear", "Dear ", "DEAR ", "dear ", "Hi", "Hi ", "HI ", "Hello ", "Hello", "Annwyl ", "Annwyl", "Mrs Example"]
    found = 0
    for text in _texts(pieces, 1):
        scanned = any(mark in text for mark in identifiers._GREETING_MARKS)
        found += scanned
        assert identifiers.greeted(text) == scanned, text[-80:]
    assert found > 1_000


def test_a_relative_mentioned_passes_its_gate() -> None:
    pieces = ["your ", "YOUR ", "Your", "his ", "HIS ", "h\u0130s ", "h\u0131s ", "her ", "Her ", "their ", "THE\u0130R ",
              "eich ", "EICH ", "mother", "MOTHER", "Father", "mum", "son", "\u017fon", "daughter", "wife", "husband",
              "partner", "child", "CH\u0130LD", "brother", "sister", "grand", "Grandad", "nan", "tad", "mam-gu", "g\u0175r",
              "G\u0174R", "gwraig", "plentyn", "taid", "Nain"]
    found = 0
    for text in _texts(pieces, 2):
        if identifiers._relative_mentioned(text.lower()):
            found += 1
            assert identifiers._relative_gate(text), text[-80:]
    assert found > 200


def test_his_her_and_owners_pass_their_gates() -> None:
    pieces = [" his ", " her ", "his", "her ", " HIS ", " Her ", "'s ", "\u2019s ", "'s", "'S ", "Jane"]
    found = 0
    for text in _texts(pieces, 3):
        if " his " in text or " her " in text:
            found += 1
            assert identifiers._his_her_gate(text), text[-80:]
        if "'s " in text or "\u2019s " in text:
            found += 1
            assert identifiers._owns_gate(text), text[-80:]
    assert found > 1_000


def test_a_reply_chain_separator_passes_its_gate() -> None:
    pieces = ["From: Jane Example\n", "from:x\n", "FROM :", "Sent: Monday\n", "Date: 1 May\n", "To: Bob\n", "Subject: x\n",
              "On Mon, 3 May 2026, Jane wrote:", "ON 3 May Jo WROTE :", "wrote:", "-----Original Message-----",
              "-- ORIGINAL MESSAGE --", "--or\u0131g\u0131nal message", "--OR\u0130G\u0130NAL MESSAGE", "---\u017forwarded",
              "-- Forwarded Message --", "--forwarded me\u017f\u017fage", "Begin forwarded message:", "BEGIN FORWARDED MESSAGE :"]
    found = 0
    for text in _texts(pieces, 4, 8_000):
        if identifiers._THREAD_SEPARATOR_RE.search(text, 0, identifiers._THREAD_REACH):
            found += 1
            assert identifiers._thread_gate(text), text[-120:]
    assert found > 1_000


def test_the_rules_read_as_before() -> None:
    pad = "\n\n" + "Nothing here. " * (identifiers.GATED_FROM // 10)
    assert identifiers.greeted("Dear Mrs Example," + pad)
    assert not identifiers.greeted("dear Mrs Example," + pad)
    assert identifiers._relative_mentioned(("I am writing about Your Father, Mr Albert Example." + pad).lower())
    assert identifiers._relative_gate("I am writing about Your Father, Mr Albert Example." + pad)
    assert not identifiers._relative_gate(pad)
    assert identifiers._thread_gate(pad + "-----Original Message-----\nFrom: Jane")
    assert not identifiers._thread_gate(pad)
