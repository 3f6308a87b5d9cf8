"""The health-term automaton's fast path (ahocorasick_rs on ASCII text) gives exactly what
pyahocorasick gives: the same matches, in the same order, with the same values."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from dlpgate import mime
from dlpgate.detectors import health_terms
from dlpgate.detectors.lexicon import word_text
from dlpgate.types import DetectorContext
from tests.realmail.harness import message_files

CONFIG = Path(__file__).resolve().parents[2] / "dlpgate" / "data"
AUTOMATON: health_terms.TermAutomaton = health_terms.build({}, DetectorContext(config_dir=str(CONFIG)))._automaton
# Lexicon terms and labels as written in text, some with a plural "s" or glued to more letters.
KEYS = sorted(key.strip() for key in AUTOMATON._automaton.keys())[::7]


def same(text: str) -> None:
    words = " " + word_text(text)
    assert list(AUTOMATON.iter(words)) == list(AUTOMATON.iter_slow(words))


def test_the_fast_path_is_in_use() -> None:
    assert AUTOMATON._ascii is not None, "ahocorasick-rs is a dependency: the fast path must be on"


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(KEYS + [" ", "  ", "\n", ".", "s", "x", "é", "2", "Patient", "DOB"]), max_size=40))
def test_word_soup_matches_alike(parts: list[str]) -> None:
    same(" ".join(parts))
    same("".join(parts))


def test_real_mail_matches_alike() -> None:
    texts = 0
    for path in message_files():
        for segment in mime.parse(path.read_bytes()).segments:
            same(segment.text)
            texts += 1
    assert texts > 500
