"""Finding 10-digit health-number candidates in text, shared by the number detectors.

A candidate is ten ASCII digits written either contiguously ("4431234567") or
grouped 3-3-4 with ONE consistent separator ("443 123 4567", "443-123-4567",
or with NBSP U+00A0, figure space U+2007, thin space U+2009, narrow NBSP
U+202F). It is never part of a longer digit run: no digit (of any script)
directly before or after it, and no decimal point joining it to more digits.
Mixed separators ("443-123 4567") and other groupings (5-6, 3-4-4, 4-3-4,
4-6: how telephone numbers are written) are not candidates at all.

Telephone numbers are removed:

* a phone cue just before the number ("Tel", "Tel:", "Phone", "Mob",
  "Mobile", "Fax", "M:", "T:", "Call" ...) drops it;
* when the text just before a candidate could be a dialling prefix ("+44",
  "0044", "(+44)", "(0)", a lone "0"), ``phonenumbers.PhoneNumberMatcher`` (region GB,
  leniency VALID) is run over a small window around it, and the candidate is
  dropped when a UK phone number overlaps it *and extends beyond it*
  ("+44 743 123 4567", "0044 7431234567", "+44 (0)743 ...", "0 743 ...").
  A bare "7xx xxx xxxx" is kept: most valid 7xx NHS numbers are also valid
  UK mobile numbers without their leading 0, so the bare digits decide nothing.

Running the matcher on a small window, only for numbers a detector would report
and only where a prefix is possible, instead of over the whole segment keeps a
segment full of numbers (a clinic list) fast: over a whole segment the matcher
costs about a second per megabyte of digit-rich text. 4xx/6xx candidates skip it
altogether: no UK number starts 04 or 06.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

import ahocorasick
import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher

from dlpgate.detectors.lexicon import term_key, word_text
from dlpgate.types import Finding

#: Separators accepted between the 3-3-4 groups (one kind per number).
SEPARATORS = " -\u00a0\u2007\u2009\u202f"

_SEP_CLASS = "[" + re.escape(SEPARATORS) + "]"

# The first digit comes first in the pattern (fast scanning); the lookbehinds
# after it check that no digit, and no "digit." decimal, comes before it.
_CANDIDATE_RE = re.compile(
    r"([0-9](?<!\d.)(?<!\d\..)[0-9]{2})"
    r"(" + _SEP_CLASS + r"?)([0-9]{3})\2([0-9]{4})"
    r"(?!\d)(?!\.\d)"
)

# A telephone cue right before the number (up to ~30 characters back).
_DIAL_PREFIX = r"(?:\+?\s*44\s*)?(?:\(\s*0\s*\)\s*)?"
_WORD_CUE = (
    r"(?i:\b(?:tel|telephone|phone|ph|mob|mobile|cell|fax|call|sms|whatsapp|landline)\b\.?"
    r"(?:\s*(?:no|num|number)\b\.?)?)\s*[:.\-]?\s*" + _DIAL_PREFIX
)
_LETTER_CUE = r"\b[MTF]\s*:\s*" + _DIAL_PREFIX  # "M:", "T:", "F:"
# A cue ending right where a number starts. Searched with pos/endpos on the
# whole text rather than on a slice, so "\b" sees the character before the
# window ("Hotel 4..." is not "tel 4...").
_CUE_BEFORE_RE = re.compile(r"(?:" + _WORD_CUE + r"|" + _LETTER_CUE + r")$")
_CUE_WINDOW = 32

# A dialling prefix that could make the candidate part of a phone number:
# "+44", "0044", "(+44)", "44", "(0)" or a lone "0", then separators.
_PREFIX_GATE_RE = re.compile(
    r"(?:\+\s*\(?\s*44|(?<!\d)00\s*44|(?<![\d.])44|\(\s*0\s*\)|(?<![\d.,])0)"
    r"[\s\-.()0]{0,8}$"
)
_GATE_WINDOW = 20



class Candidate(NamedTuple):
    start: int
    end: int
    digits: str
    separator: str  # "" for contiguous


# The three number detectors read the same segments: the digit-run scan is done
# once per segment text and shared: a small cache keyed by the text itself, so
# it is exact, and it keeps at most the last four segment texts alive.
@functools.lru_cache(maxsize=4)
def _raw_candidates(text: str) -> tuple[tuple[int, int, str, str], ...]:
    out = []
    append = out.append
    for m in _CANDIDATE_RE.finditer(text):
        head, sep, middle, tail = m.groups()
        start, end = m.span()
        append((start, end, head + middle + tail, sep))
    return tuple(out)


def _phone_with_prefix(text: str, cand: Candidate, prefix_start: int) -> bool:
    """True when a UK phone number overlaps the candidate and reaches beyond it.

    The matcher runs on a tight window: the dialling prefix the gate found (with a
    couple of characters before it for "(+44)") up to just after the candidate.
    """
    lo = max(0, prefix_start - 2)
    hi = min(len(text), cand.end + 2)
    window = text[lo:hi]
    c_start, c_end = cand.start - lo, cand.end - lo
    try:
        for match in PhoneNumberMatcher(window, "GB", leniency=Leniency.VALID):
            if match.end <= c_start or match.start >= c_end:
                continue
            if match.start < c_start or match.end > c_end:
                return True
    except phonenumbers.NumberParseException:  # pragma: no cover - defensive
        return False
    return False


# A cheap test that rules out most of those searches: read backwards from the
# number (on the reversed text, so it is one anchored match), a cue is the
# separators and dialling-prefix characters, then one of the cue words (or
# "no"/"num"/"number", which follow one) as a whole word. Only when this
# matches does the full search above run.
_CUE_REVERSED_RE = re.compile(
    r"[\s:.\-+()04]*(?i:"
    + "|".join(
        w[::-1]
        for w in "telephone tel phone ph mobile mob cell fax call sms whatsapp landline number num no m t f".split()
    )
    + r")(?!\w)"
)


@functools.lru_cache(maxsize=4)
def _reversed(text: str) -> str:
    return text[::-1]


def find_candidates(text: str, accept: Callable[[str], bool] | None = None) -> list[Candidate]:
    """All 10-digit candidates in ``text`` that are not telephone numbers.

    ``accept(digits)`` (a detector's own check-digit/range test) is applied
    first, so the telephone checks only run for numbers that would be reported.
    """
    out: list[Candidate] = []
    backwards = None
    n = len(text)
    for start, end, digits, sep in _raw_candidates(text):
        if accept is not None and not accept(digits):
            continue
        if backwards is None:
            backwards = _reversed(text)
        if _CUE_REVERSED_RE.match(backwards, n - start, n - start + _CUE_WINDOW) and _CUE_BEFORE_RE.search(
            text, max(0, start - _CUE_WINDOW), start
        ):
            continue
        cand = Candidate(start, end, digits, sep)
        # UK numbers never start 04 or 06 (unallocated), so 4xx/6xx candidates
        # cannot be the rest of a "+44"/"0" phone number: no need to ask the matcher.
        if digits[0] not in "46":
            before_start = max(0, start - _GATE_WINDOW)
            before = text[before_start:start]
            if "0" in before or "4" in before:
                gate = _PREFIX_GATE_RE.search(text, before_start, start)
                if gate is not None and _phone_with_prefix(text, cand, gate.start()):
                    continue
        out.append(cand)
    return out


def mask(digits: str) -> str:
    """Masked evidence for a number: only the last four digits are shown."""
    return "*** *** " + digits[-4:]


_MAX_WINDOW = 32_768


class Keywords:
    """Context keywords ("NHS", "patient", "date of birth" ...) near a number.

    Keywords are matched as whole words with one pyahocorasick automaton over
    the segment's word text (see :func:`dlpgate.detectors.lexicon.word_text`):
    ``case_sensitive`` ones ("NHS", "GP", "DOB") exactly as written, the others
    in any case; punctuation and line breaks inside a phrase match each other.
    Only the parts of the text within ``window`` characters of a number are
    scanned.
    """

    def __init__(self, case_sensitive: Iterable[str], case_insensitive: Iterable[str], window: int) -> None:
        self.window = window
        entries: dict[str, list[str | None]] = {}
        for word in case_sensitive:
            entries.setdefault(term_key(word), []).append(word)
        for word in case_insensitive:
            entries.setdefault(term_key(word), []).append(None)
        self._automaton = ahocorasick.Automaton()
        for key, exact in entries.items():
            self._automaton.add_word(key, (len(key), tuple(exact)))
        self._automaton.make_automaton()

    def _hits(self, text: str, lo: int, hi: int, out: list[tuple[int, int]]) -> None:
        """Keyword (start, end) offsets found in text[lo:hi].

        Matching runs on " " + word_text(text), computed for the window only
        (word_text is per character), with the character before the window
        standing in for the leading space.
        """
        words = (word_text(text[lo - 1]) if lo > 0 else " ") + word_text(text[lo:hi])
        n_text = len(text)
        last = len(words) - 1
        for rel_end, (key_len, exacts) in self._automaton.iter(words):
            # rel_end indexes ``words``; words[k] is text[lo + k - 1].
            nxt = lo + rel_end  # the text offset just after the match
            if rel_end < last:
                if words[rel_end + 1] != " ":
                    continue
            elif nxt < n_text and word_text(text[nxt]) != " ":
                continue
            start = nxt - key_len + 1  # the key's leading space = the word's offset in ``text``
            for exact in exacts:
                if exact is None or text[start:start + len(exact)] == exact:
                    out.append((start, nxt))
                    break

    def _windows(self, text: str, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int, list[tuple[int, int]]]]:
        """Merged text windows around sorted spans, each with the spans it serves.

        A window stops growing at about _MAX_WINDOW characters (a list with a
        number on every row would otherwise be one window), so near_any can stop
        early; neighbouring windows may then overlap.
        """
        w = self.window + 64  # keywords are shorter than 64
        n = len(text)
        lo = hi = -1
        group: list[tuple[int, int]] = []
        for start, end in spans:
            a, b = max(0, start - w), min(n, end + w)
            if group and (a > hi or b - lo > _MAX_WINDOW):
                yield lo, hi, group
                group = []
            if not group:
                lo = a
            hi = max(hi, b)
            group.append((start, end))
        if group:
            yield lo, hi, group

    def near_each(self, text: str, spans: list[tuple[int, int]]) -> list[bool]:
        """For each (start, end) span, is a keyword within ``window`` characters?"""
        if not spans:
            return []
        hits: list[tuple[int, int]] = []
        for lo, hi, _ in self._windows(text, sorted(spans)):
            self._hits(text, lo, hi, hits)
        hits.sort()
        return [self._near(hits, start, end) for start, end in spans]

    def near_any(self, text: str, spans: list[tuple[int, int]]) -> bool:
        """Is a keyword within ``window`` characters of any span? Stops at the first."""
        w = self.window
        for lo, hi, group in self._windows(text, sorted(spans)):
            hits: list[tuple[int, int]] = []
            self._hits(text, lo, hi, hits)
            if not hits:
                continue
            starts = [s for s, _ in group]
            for k_start, k_end in hits:
                # Spans do not overlap, so the last one starting in reach ends furthest.
                j = bisect.bisect_right(starts, k_end + w) - 1
                if j >= 0 and group[j][1] >= k_start - w:
                    return True
        return False

    def _near(self, hits: list[tuple[int, int]], start: int, end: int) -> bool:
        lo, hi = start - self.window, end + self.window
        i = bisect.bisect_left(hits, (lo - 64, -1))  # keywords are shorter than 64
        while i < len(hits):
            k_start, k_end = hits[i]
            if k_start > hi:
                return False
            if k_end >= lo:
                return True
            i += 1
        return False


@dataclass
class _Slot:
    count: int = 0
    confidence: float = 0.0
    evidence: list[str] = field(default_factory=list)


class Tally:
    """Aggregates instances into one Finding per (kind, where, category)."""

    MAX_EVIDENCE = 3

    def __init__(self, detector: str) -> None:
        self.detector = detector
        self._slots: dict[tuple[str, str, str, bool], _Slot] = {}

    def add(
        self,
        kind: str,
        where: str,
        evidence: str,
        confidence: float,
        *,
        category: str = "",
        identifies_patient: bool = False,
        count: int = 1,
    ) -> None:
        key = (kind, where, category, identifies_patient)
        slot = self._slots.get(key)
        if slot is None:
            slot = self._slots[key] = _Slot()
        slot.count += count
        if confidence > slot.confidence:
            slot.confidence = confidence
        if evidence and len(slot.evidence) < self.MAX_EVIDENCE and evidence not in slot.evidence:
            slot.evidence.append(evidence)

    def findings(self) -> list[Finding]:
        return [
            Finding(
                detector=self.detector,
                kind=kind,
                where=where,
                count=slot.count,
                confidence=round(slot.confidence, 3),
                evidence=tuple(slot.evidence),
                category=category,
                identifies_patient=ident,
            )
            for (kind, where, category, ident), slot in self._slots.items()
        ]
