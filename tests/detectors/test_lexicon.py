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


def test_each_line_once() -> None:
    lines = [line for line in LEXICON.read_text("utf-8").splitlines() if line.strip() and not line.startswith("#")]
    assert [line for line, n in Counter(lines).items() if n > 1] == []


def test_file_format() -> None:
    for lineno, line in enumerate(LEXICON.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        category, tab, rest = line.partition("\t")
        term, _, flags = rest.partition("\t")
        assert tab and category in CATEGORIES and term == term.strip() and term, lineno
        assert flags in ("", "exact"), lineno


@pytest.mark.parametrize(
    "term",
    ["oesophageal cancer", "haemoglobin level", "paediatric", "anaemia", "oedema",
     "diarrhoea", "leukaemia", "tumour", "STI", "PrEP", "PEP", "CAMHS", "GUM", "HIV",
     "BBV", "IAPT", "CMHT", "ECT", "TOP", "IVF", "ADHD", "PTSD", "COPD", "gynaecology",
     "termination of pregnancy", "chemotherapy", "safeguarding", "Lynch syndrome",
     # SNOMED CT preferred terms, as EMIS and SystmOne print a problem list
     "depressive disorder", "chronic obstructive lung disease", "hypercholesterolaemia",
     # a physiotherapist's, an osteopath's and a cosmetic surgeon's diagnoses and operations
     "tendinopathy", "radiculopathy", "frozen shoulder", "cervicogenic headache", "breast augmentation",
     # a coding query's diagnosis and operation, an incident report's bleed and clotting result
     "coxarthrosis", "total hip", "op note", "retroperitoneal bleed", "APTT"],
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
    exact = ("exact",)
    assert is_case_sensitive("TOP", exact) and is_case_sensitive("PrEP", exact)
    assert is_case_sensitive("5-FU", exact)
    assert not is_case_sensitive("HIV")  # an acronym with no flag: any case
    assert not is_case_sensitive("CAMHS", exact)  # five letters: no abbreviation
    assert not is_case_sensitive("gout", exact)  # written lower-case
    assert not is_case_sensitive("HIV positive")
    # a phrase led by an abbreviation keeps that word to its case: "MUST score", not "must score"
    assert is_case_sensitive("MUST score", exact) and is_case_sensitive("SALT assessment", exact)
    assert not is_case_sensitive("CAMHS clinic", exact)  # five letters: no abbreviation leads it
    assert not is_case_sensitive("MUST score")


# Abbreviations whose lower case is an ordinary word (or a name, a foreign word,
# chat or code): the shipped lexicon must keep them to their written case.
ORDINARY = ["TOP", "PrEP", "PEP", "GUM", "GAD", "AIDS", "LAC", "MASH", "CAR-T", "5-FU",
            "EC-T", "FEC-T", "PGT-M", "FAP", "DTs", "MDS", "STD", "PID", "VUS", "MtF", "MTF",
            "FtM", "FTM", "OST", "GORD", "NAI", "LADO", "AKI", "TAVI", "ECT", "D&V", "TTO", "MUST score",
            "SALT assessment", "SALT referral", "SALT review"]


@pytest.mark.parametrize("term", ORDINARY)
def test_ordinary_word_abbreviations_are_exact(terms, term: str) -> None:
    (found,) = [t for t in terms if t.text == term]
    assert found.case_sensitive


def test_acronyms_match_any_case(terms) -> None:
    by_text = {t.text: t for t in terms}
    for term in ("HIV", "STI", "PTSD", "ADHD", "HCV", "Hep C", "IVF", "OCD", "COPD"):
        assert not by_text[term].case_sensitive, term
    assert by_text["HIV"].dotted and by_text["AIDS"].dotted and not by_text["Hep C"].dotted


def test_flags() -> None:
    (term,) = parse_lexicon("general\tABC\texact\n")
    assert term.case_sensitive
    with pytest.raises(DetectorConfigError, match="x.tsv:1: unknown flag 'loose'"):
        parse_lexicon("general\tABC\tloose\n", "x.tsv")


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


# Condition words as they are often misspelt: each in the category of the term it misspells.
MISSPELT = [("diabeties", "diabetes"), ("pnuemonia", "pneumonia"), ("alzhiemers", "Alzheimers"),
            ("siezure", "seizure"), ("excema", "eczema"), ("dimentia", "dementia"), ("pyschosis", "psychosis"),
            ("paliative care", "palliative care"), ("prostrate cancer", "prostate cancer"),
            ("miscarrage", "miscarriage"), ("syphillis", "syphilis"), ("methodone", "methadone"),
            ("arrythmia", "arrhythmia"), ("tonsilitis", "tonsillitis"), ("chrons disease", "Crohn's disease")]


@pytest.mark.parametrize(("misspelt", "term"), MISSPELT)
def test_common_misspellings_in_their_terms_category(terms, misspelt: str, term: str) -> None:
    by_text = {t.text.casefold(): t.category for t in terms}
    assert by_text[misspelt.casefold()] == by_text[term.casefold()]


def test_misspellings_are_no_ordinary_words(terms) -> None:
    # a misspelling that is itself a word of English (or a name) would fire on ordinary text
    texts = {t.text for t in terms}
    for word in ("prostrate", "heroine", "depresion", "tumer", "alzheimer"):
        assert word not in texts
