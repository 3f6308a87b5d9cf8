"""header_groups stops reading a line once it has too many stray words to be a header;
the answer is the one reading every word gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dlpgate.detectors import identifiers

_WORDS = ["date", "of", "birth", "dob", "nhs", "number", "hospital", "no", "name", "surname", "mrn",
          "patient", "clinic", "the", "letter", "and", "diagnosis", "icd", "ward", "x", "seen", "2026"]


def read_every_word(line: str, whole: bool) -> tuple[set[str], int]:
    words = identifiers.header_words(line)
    groups: set[str] = set()
    phrases = stray = i = 0
    while i < len(words):
        for size in range(min(identifiers._MAX_PHRASE, len(words) - i), 0, -1):
            group = identifiers._PHRASES.get(tuple(words[i:i + size]))
            if group is not None:
                phrases += group != "other" or words[i] not in identifiers._NOT_COLUMNS
                groups.add(group)
                i += size
                break
        else:
            stray += 1
            i += 1
    if whole and stray * 5 > len(words):
        return set(), 0
    return groups, phrases


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=40), st.booleans())
def test_the_early_stop_gives_the_full_reading(words: list[str], whole: bool) -> None:
    line = " ".join(words)
    assert identifiers.header_groups(line, whole) == read_every_word(line, whole)


def test_every_line_of_the_test_mail_reads_as_every_word_reads_it() -> None:
    """Also the skip of words no phrase starts with, on real lines and cells."""
    from pathlib import Path

    from dlpgate import mime

    lines: set[str] = set()
    for path in sorted(Path(__file__).resolve().parents[1].rglob("*.eml")):
        for segment in mime.parse(path.read_bytes()).segments:
            for line in segment.text.split("\n")[:200]:
                if len(line) <= identifiers.MAX_HEADER_CHARS:
                    lines.add(line)
                    lines.update(line.split(","))
    assert len(lines) > 5000
    for line in sorted(lines):
        for whole in (True, False):
            assert identifiers.header_groups(line, whole) == read_every_word(line, whole), line
