"""The shipped lexicon: size, categories, spelling and format rules."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from dlpgate.detectors.base import DetectorConfigError
from dlpgate.detectors.lexicon import CATEGORIES, is_case_sensitive, load_lexicon, parse_lexicon

LEXICON = Path(__file__).resolve().parents[2] / "dlpgate" / "data" / "lexicon" / "health_terms.tsv"


@pytest.fixture(scope="module")
def terms():
    return load_lexicon(str(LEXICON))


def test_at_least_1000_distinct_terms(terms) -> None:
    assert len({t.text.casefold() for t in terms}) >= 1000


def test_every_category_present(terms) -> None:
    counts = Counter(t.category for t in terms)
    assert set(counts) == set(CATEGORIES)
    assert all(n >= 50 for n in counts.values()), counts


def test_file_format() -> None:
    for lineno, line in enumerate(LEXICON.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        category, tab, term = line.partition("\t")
        assert tab and category in CATEGORIES and term == term.strip() and term, lineno


@pytest.mark.parametrize(
    "term",
    ["oesophageal cancer", "haemoglobin level", "paediatric", "anaemia", "oedema",
     "diarrhoea", "leukaemia", "tumour", "STI", "PrEP", "PEP", "CAMHS", "GUM", "HIV",
     "BBV", "IAPT", "CMHT", "ECT", "TOP", "IVF", "ADHD", "PTSD", "COPD", "gynaecology",
     "termination of pregnancy", "chemotherapy", "safeguarding", "Lynch syndrome"],
)
def test_expected_terms_present(terms, term: str) -> None:
    assert term.casefold() in {t.text.casefold() for t in terms}


@pytest.mark.parametrize(
    "word", ["cold", "well", "positive", "test", "care", "clinic", "crack", "termination",
             "grooming", "rape", "top", "sti", "prescription", "diagnosis", "section 2"],
)
def test_ordinary_words_absent(terms, word: str) -> None:
    assert word not in {t.text for t in terms}


def test_case_sensitivity_rule() -> None:
    assert is_case_sensitive("TOP") and is_case_sensitive("PrEP") and is_case_sensitive("5-FU")
    assert not is_case_sensitive("CAMHS")  # five letters: case-insensitive
    assert not is_case_sensitive("gout")  # written lower-case
    assert not is_case_sensitive("HIV positive")


def test_parse_errors() -> None:
    with pytest.raises(DetectorConfigError, match="x.tsv:2: unknown category 'nope'"):
        parse_lexicon("general\tgout\nnope\tthing\n", "x.tsv")
    with pytest.raises(DetectorConfigError, match="x.tsv:1: expected category<TAB>term"):
        parse_lexicon("general gout\n", "x.tsv")
    with pytest.raises(DetectorConfigError, match="already in category general"):
        parse_lexicon("general\tanaemia\noncology\tAnaemia\n", "x.tsv")
    with pytest.raises(DetectorConfigError, match="no terms"):
        parse_lexicon("# nothing\n", "x.tsv")
    # Same term twice in the same category is harmless.
    assert len(parse_lexicon("general\tgout\ngeneral\tgout\n")) == 1


def test_missing_file(tmp_path) -> None:
    with pytest.raises(DetectorConfigError, match="not found"):
        load_lexicon(str(tmp_path / "none.tsv"))
