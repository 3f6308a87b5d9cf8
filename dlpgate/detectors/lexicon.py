"""Loading the health-terms lexicon (dlpgate/data/lexicon/health_terms.tsv).

Format: one term per line, ``category<TAB>term``, optionally ``<TAB>flags``;
blank lines and lines starting with ``#`` are ignored. Categories are fixed
(:data:`CATEGORIES`). The only flag is ``exact``.

Every term matches case-insensitively, so acronyms are found however they are
typed ("HIV", "hiv+", "Hiv"). An abbreviation (at most four letters/digits,
written with a capital: "TOP", "PrEP", "5-FU") whose lower-case form is an
ordinary word or reads as one ("top", "prep", "gum", "aids", "car t") carries
the ``exact`` flag and then matches only as written: "TOP" but not "top". A phrase
led by such an abbreviation ("MUST score", "SALT assessment") may carry it too: its
first word then matches only as written ("you must score 70%" is no nutrition screen).

An acronym of three to six letters written with capitals ("HIV", "AIDS",
"CAMHS") also matches with a dot between its letters ("H.I.V.", "a.i.d.s"), in
any case, even when ``exact``: nobody writes an ordinary word that way.

Matching happens on a "word text" (:func:`word_text`): lower-cased, every
character that is not a letter or digit turned into a space, same length as
the original so offsets still point into it. Terms become keys with
:func:`term_key`, so "non-Hodgkin", "non Hodgkin" and "Crohn’s"/"Crohn's"
need no separate entries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex

from dlpgate.detectors.base import DetectorConfigError

CATEGORIES: tuple[str, ...] = (
    "hiv_sexual_health",
    "mental_health",
    "gender_identity",
    "reproductive_health",
    "substance_misuse",
    "oncology",
    "safeguarding",
    "genetic",
    "general",
)

SHORT_ABBREVIATION_MAX = 4


FLAGS = ("exact",)


@dataclass(frozen=True, slots=True)
class Term:
    category: str
    text: str
    case_sensitive: bool
    dotted: bool = False

    @property
    def key(self) -> str:
        """What the automaton looks for in lower-cased text."""
        return self.text.lower()


def is_abbreviation(term: str) -> bool:
    """At most four letters/digits, written with a capital ("TOP", "PrEP", "5-FU")."""
    alnum = sum(1 for ch in term if ch.isalnum())
    return alnum <= SHORT_ABBREVIATION_MAX and term != term.lower()


def exact_part(term: str) -> str:
    """What of a term ``exact`` keeps to its written case: an abbreviation whole ("TOP",
    "D&V"), or a phrase's first word when that is one ("MUST score", "SALT assessment")."""
    if is_abbreviation(term):
        return term
    first = term.split(" ", 1)[0]
    return first if first != term and is_abbreviation(first) else ""


def is_case_sensitive(term: str, flags: tuple[str, ...] = ()) -> bool:
    """Only an abbreviation (or a phrase led by one) flagged ``exact`` matches only as written."""
    return "exact" in flags and bool(exact_part(term))


def dotted_form(term: str) -> str | None:
    """The dotted spelling's key ("h i v") of an acronym of 3-6 letters with 2+ capitals."""
    if not (3 <= len(term) <= 6 and term.isascii() and term.isalpha()):
        return None
    if sum(1 for ch in term if ch.isupper()) < 2:
        return None
    return " " + " ".join(term.lower())


def parse_lexicon(text: str, source: str = "<lexicon>") -> list[Term]:
    """Parse lexicon text; raises DetectorConfigError naming ``source:line``."""
    terms: list[Term] = []
    seen: dict[tuple[str, bool], tuple[str, int]] = {}  # (match form, cs) -> (category, line)
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        category, tab, rest = raw.partition("\t")
        term, _, flag_text = rest.partition("\t")
        category, term = category.strip(), " ".join(term.split())
        if not tab or not term:
            raise DetectorConfigError(f"{source}:{lineno}: expected category<TAB>term")
        if category not in CATEGORIES:
            raise DetectorConfigError(f"{source}:{lineno}: unknown category {category!r}")
        flags = tuple(f.strip() for f in flag_text.split(",") if f.strip())
        for flag in flags:
            if flag not in FLAGS:
                raise DetectorConfigError(f"{source}:{lineno}: unknown flag {flag!r} (known: exact)")
        cs = is_case_sensitive(term, flags)
        form = term if cs else term.lower()
        previous = seen.get((form, cs))
        if previous is not None:
            if previous[0] != category:
                raise DetectorConfigError(
                    f"{source}:{lineno}: term {term!r} is already in category "
                    f"{previous[0]} (line {previous[1]})"
                )
            continue
        seen[(form, cs)] = (category, lineno)
        terms.append(Term(category, term, cs, dotted_form(term) is not None))
    if not terms:
        raise DetectorConfigError(f"{source}: no terms")
    return terms


def load_lexicon(path: str) -> list[Term]:
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except FileNotFoundError:
        raise DetectorConfigError(f"health_terms lexicon not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DetectorConfigError(f"health_terms lexicon unreadable: {path}: {exc}") from None
    return parse_lexicon(text, path)


# --- text normalisation (length-preserving) -----------------------------------
#
# Matching runs on a "word text": the segment lower-cased with every character
# that is not a letter or digit replaced by a space, offsets unchanged. Lexicon
# keys are normalised the same way and get a leading space, so a key can only
# match at the start of a word ("top" never fires inside "stop"), "-", "'",
# "’" and line breaks inside a term all match each other, and only the end
# of a match needs a boundary check.

_LATIN1_WORD_TABLE = bytes(c if chr(c).isalnum() else 0x20 for c in range(256))
# Frequent characters above U+00FF that are not letters: mapped first so that
# most text still takes the fast latin-1 path.
_COMMON_NON_LATIN1 = (
    "\u2018\u2019\u201a\u201b\u201c\u201d\u2010\u2011\u2012\u2013\u2014\u2015"
    "\u2022\u2026\u2032\u2007\u2009\u200a\u200b\u202f\u2028\u2029\u205f\u3000\u2212\u02bc"
)
# A combining mark is part of its word: the vowel signs of Bengali, Gujarati and Punjabi
# ("ক্যান্সার"), Arabic and Urdu short vowels, a decomposed accent.
_NON_WORD_RE = regex.compile(r"[^\w\p{M} ]|_")


def _lower_same_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters lower-case to two (e.g. U+0130); keep those as they are.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _latin1_words(lowered: str) -> str | None:
    try:
        return lowered.encode("latin-1").translate(_LATIN1_WORD_TABLE).decode("latin-1")
    except UnicodeEncodeError:
        return None


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """``text`` with each lone surrogate as U+FFFD: the same length, so offsets found in
    it hold in ``text``. RE2 takes UTF-8, which a lone surrogate cannot be written in."""
    return _SURROGATE_RE.sub("\ufffd", text)


def word_text(text: str) -> str:
    """Lower-cased ``text`` with every non-letter/digit as a space; same length."""
    lowered = _lower_same_length(text)
    words = _latin1_words(lowered)
    if words is not None:
        return words
    for ch in _COMMON_NON_LATIN1:
        if ch in lowered:
            lowered = lowered.replace(ch, " ")
    words = _latin1_words(lowered)
    if words is not None:
        return words
    return _NON_WORD_RE.sub(" ", lowered)


def term_key(term: str) -> str:
    """The automaton key for a lexicon term or label: " " + its word text."""
    return " " + word_text(term).strip()
