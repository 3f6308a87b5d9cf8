"""The number scan's pre-check (RE2: can this text hold a candidate at all?) never loses one.

``scan`` skips a text the pre-check rules out; ``scan_all`` always runs the
candidate pattern. They must agree on every text: random texts made of the
characters that matter (digits, every separator, dots, exponents, letters), the
writings the number tests use, and every segment of the real-mail set.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dlpgate import mime
from dlpgate.detectors import numbers
from dlpgate.detectors.numbers import DASHES, SPACES, scan, scan_all
from tests.realmail.harness import message_files

ALPHABET = "0123456789" * 4 + SPACES + DASHES + numbers._ZERO_WIDTH + "\r\n.eE+,;:aZ(x)\u00e9\U0001d7ce|NHShnsC&"


def test_the_pre_check_is_in_use() -> None:
    assert numbers._may_hold is not None, "google-re2 is a dependency: the pre-check must be on"
    assert scan("call 01632 960123, ref 1234567" * 50) == ()


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_random_texts_agree(text: str) -> None:
    assert scan(text) == scan_all(text)
    padded = text + " " * numbers._PRE_CHECK_FROM  # long enough for the pre-check to run
    assert scan(padded) == scan_all(padded)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["452", "601", "8155", "4", ".", "526018155", "E+09", "e+009", " ", "\u00a0",
                                 " - ", "\n", "\u2011", "..", "12.", "0", "00", "x", "\t", "  ", "\r\n",
                                 "NHS No: ", "chi ", "H&C ", "|", "45", "6018"]),
                max_size=12))
def test_number_shaped_texts_agree(parts: list[str]) -> None:
    text = "".join(parts) + " " * numbers._PRE_CHECK_FROM
    assert scan(text) == scan_all(text)


def test_writings_agree() -> None:
    for text in (
        "NHS No 452 601 8155", "4526018155", "452-601-8155", "452\u00a0601\u20118155", "150387 1234",
        "4526018155.0", "4.526018155E+09", "4.52601815e+009", "1.4526018155", "12. 452 601 8155",
        "3) 4526018155", "452 \n 601 \n 8155", "452\u200b601\u200b8155", "452 - 601 - 8155", "\udc80 4526018155",
        "NHS No: 4526 018 155", "NHS number |4|5|2|6|0|1|8|1|5|5|", "\udc80 nhs no 45260 18155",
        "4528155.045 - NHS No: ",  # an odd grouping, its label after it
    ):
        padded = text + " " * numbers._PRE_CHECK_FROM
        assert scan(padded) == scan_all(padded) != (), text


def test_real_mail_segments_agree() -> None:
    texts = 0
    for path in message_files():
        for segment in mime.parse(path.read_bytes()).segments:
            assert scan(segment.text) == scan_all(segment.text), (path.name, segment.where)
            texts += 1
    assert texts > 500
