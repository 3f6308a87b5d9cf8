"""Health terms from a lexicon, and labelled patient identifiers.

Health terms (kind "health_terms")
----------------------------------
The lexicon (``lexicon`` option, default ``lexicon/health_terms.tsv`` relative to
``ctx.config_dir``; see :mod:`dlpgate.detectors.lexicon`) is compiled in ``build``
into ONE pyahocorasick automaton. Each segment is turned into its "word text"
(lower-cased, every non-letter/digit a space, offsets unchanged; see
:func:`dlpgate.detectors.lexicon.word_text`) and scanned once. Keys carry a
leading space, so a term only matches at the start of a word; its end must be a
word end too (a plural "s" may follow). Hyphens, apostrophes (also U+2019) and
line breaks inside a term match each other. Short abbreviations match only
exactly as written ("TOP" but not "top"). At each place the longest match wins
(overlaps go to the leftmost-longest). One finding per (where, category),
``count`` = number of term occurrences, evidence "[oncology term]" - never the
term itself. health_terms findings have ``identifies_patient=False``.

Patient identifiers (kind "patient_identifier", identifies_patient=True)
-----------------------------------------------------------------------
* category "dob": a label ("DOB", "D.O.B.", "Date of birth", "Born") followed
  within ~30 characters on the same line by a date (dd/mm/yyyy, dd-mm-yy,
  dd.mm.yyyy, "3 March 1964", "03 Mar 1964", ISO yyyy-mm-dd);
* category "hospital_number": a label ("Hospital No", "Hospital number",
  "Hosp No", "MRN", "RTX number" - any trust code R + 2 characters -,
  "Unit No", "Case No", ...) followed by an identifier of at least five
  letters/digits containing a digit;
* in a tabular segment, a header cell on the FIRST line naming a date of birth
  or a hospital number/MRN: count = non-empty data rows after the first line.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Mapping
from typing import Any

import ahocorasick

from dlpgate.detectors.base import DetectorConfigError
from dlpgate.detectors.lexicon import Term, load_lexicon, term_key, word_text
from dlpgate.detectors.numbers import Tally
from dlpgate.mime.errors import InspectionTimeout
from dlpgate.types import DetectorContext, Finding, ParsedMessage, Segment

NAME = "health_terms"
KIND = "health_terms"
KIND_PATIENT = "patient_identifier"

DEFAULTS: Mapping[str, Any] = {
    "enabled": True,
    "lexicon": "lexicon/health_terms.tsv",
    "patient_identifiers": True,
    "term_confidence": 0.9,
}

PATIENT_CONFIDENCE = 0.9

# --- patient identifiers -------------------------------------------------------
#
# Labels are found by the same automaton pass as the terms (keys below); the
# full pattern (label, then a date / an identifier) is then matched at each
# label's position only. Trust-code labels ("RTX number") cannot be listed, so
# they have their own regex, which starts with a literal "R" to stay fast.

DOB_LABELS = ("dob", "d.o.b", "date of birth", "born")
HOSPITAL_LABELS = (
    "hospital no", "hospital number", "hospital num", "hospital id", "hosp no", "hosp. no",
    "hosp number", "hosp. number", "mrn", "m.r.n", "medical record no", "medical record number",
    "medical records no", "medical records number", "unit no", "unit number", "case no",
    "case number", "patient id", "patient identifier",
)
_DOB_MARK = "\x00dob"
_HOSP_MARK = "\x00hospital_number"

_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DAY = r"(?:0?[1-9]|[12][0-9]|3[01])"
_MONTH_NUM = r"(?:0?[1-9]|1[0-2])"
_DATE = (
    r"(?<![0-9])(?:"
    rf"{_DAY}(?P<sep>[/.\-]){_MONTH_NUM}(?P=sep)(?:[0-9]{{4}}|[0-9]{{2}})"  # 03/04/1964, 3-4-64
    rf"|(?:18|19|20)[0-9]{{2}}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"  # 1964-04-03
    rf"|{_DAY}(?:st|nd|rd|th)?[ \-](?i:{_MONTHS})\.?,?[ \-](?:[0-9]{{4}}|[0-9]{{2}})"  # 3 March 1964
    r")(?![0-9])"
)
_DOB_AT = re.compile(
    r"(?i:(?:d\.?[ ]?o\.?[ ]?b\.?|date\s+of\s+birth|born(?:\s+on)?)(?![a-z]))"
    r"[^\n]{0,30}?" + _DATE
)
_ID_TAIL = (
    r"[ \t]*(?:[:#=\-]|is)?[ \t]*"
    r"(?P<id>[A-Za-z0-9][A-Za-z0-9/\-]*(?:[ ][0-9]+){0,3})(?![A-Za-z0-9])"
)
_HOSP_AT = re.compile(
    r"(?i:(?:hospital\s+(?:no\b\.?|number|num\b\.?|id\b)|hosp\.?\s*(?:no\b\.?|number)"
    r"|mrn|m\.r\.n\.?|medical\s+records?\s+(?:no\b\.?|number)|unit\s+(?:no\b\.?|number)"
    r"|case\s+(?:no\b\.?|number)|patient\s+id(?:entifier)?\b))"
    + _ID_TAIL
)
_TRUST_CODE_RE = re.compile(r"R(?<![A-Za-z0-9]R)[A-Z0-9]{2}[ ]+(?i:number|no\b\.?)" + _ID_TAIL)

_HEADER_DOB_RE = re.compile(
    r"(?i)(?<![a-z])(?:d\.?\s?o\.?\s?b\.?|date\s+of\s+birth|birth\s*date|date\s+born)(?![a-z])"
)
_HEADER_HOSP_RE = re.compile(
    r"(?i)(?<![a-z])(?:hospital\s+(?:no\b\.?|number|num\b|id\b)|hosp\.?\s*(?:no\b\.?|number)"
    r"|mrn|medical\s+records?\s+(?:no\b\.?|number)|unit\s+(?:no\b\.?|number)"
    r"|case\s+(?:no\b\.?|number)|patient\s+id\b)(?![a-z])"
    r"|\bR[A-Z0-9]{2}\s+(?:[Nn]umber|N[Oo]\b)"
)
_CELL_SPLIT_RE = re.compile(r"[,\t;|]")
_EMPTY_ROW_RE = re.compile(r"[\s,;|\"']*")


def _identifier_ok(ident: str) -> bool:
    alnum = sum(1 for ch in ident if ch.isalnum())
    return alnum >= 5 and any(ch.isdigit() for ch in ident)


def _tabular_columns(segment: Segment) -> tuple[bool, bool, int]:
    """(has DOB column, has hospital-number column, non-empty data rows)."""
    first, _, rest = segment.text.partition("\n")
    dob, hosp = _header_cells(first)
    if not (dob or hosp):
        return False, False, 0
    rows = sum(1 for line in rest.split("\n") if not _EMPTY_ROW_RE.fullmatch(line))
    return dob, hosp, rows


def _header_cells(line: str) -> tuple[bool, bool]:
    cells = [c.strip().strip("\"'").strip() for c in _CELL_SPLIT_RE.split(line)]
    return any(_HEADER_DOB_RE.search(c) for c in cells if c), any(_HEADER_HOSP_RE.search(c) for c in cells if c)


def _inline_table(text: str, pos: int) -> tuple[bool, bool, int]:
    """A table pasted into a body: the label's line is a header row of two or more
    cells, and the rows under it (up to a blank line) have as many cells."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    end = len(text) if end < 0 else end
    header = text[start:end]
    width = len(_CELL_SPLIT_RE.split(header))
    if width < 2:
        return False, False, 0
    dob, hosp = _header_cells(header)
    rows = 0
    for line in text[end + 1 :].split("\n"):
        if _EMPTY_ROW_RE.fullmatch(line) or len(_CELL_SPLIT_RE.split(line)) < width:
            break
        rows += 1
    return dob, hosp, rows


# --- the detector --------------------------------------------------------------


class HealthTermsDetector:
    def __init__(self, *, automaton: Any, patient_identifiers: bool, confidence: float) -> None:
        self.name = NAME
        self._automaton = automaton
        self._patient_identifiers = patient_identifiers
        self._confidence = confidence

    def _scan(self, text: str) -> tuple[dict[str, int], list[int], list[int]]:
        """One automaton pass: term counts per category, DOB and hospital label starts."""
        # The word text gets a leading space so a term at offset 0 has its space too;
        # automaton offsets are therefore one more than offsets in ``text``.
        words = " " + word_text(text)
        n = len(words)
        found: list[tuple[int, int, str]] = []
        dob_at: list[int] = []
        hosp_at: list[int] = []
        for end, (key_len, entries) in self._automaton.iter(words):
            stop = end + 1  # exclusive, in ``words``
            if stop < n and words[stop] != " ":
                # A plural "s" ("STIs", "tumours") is still the term.
                if words[stop] == "s" and (stop + 1 == n or words[stop + 1] == " "):
                    stop += 1
                else:
                    continue
            start = end - key_len + 1  # the key's leading space; the term starts at start + 1
            for category, exact in entries:
                if category is _DOB_MARK or category is _HOSP_MARK:
                    if stop == end + 1:  # labels take no plural
                        (dob_at if category is _DOB_MARK else hosp_at).append(start)
                    continue
                if exact is None or text[start:start + len(exact)] == exact:
                    found.append((start, -stop, category))
                    break
        counts: dict[str, int] = {}
        if found:
            found.sort()
            last_stop = -1
            for start, neg_stop, category in found:
                if start < last_stop:
                    continue  # overlaps a longer/earlier match
                last_stop = -neg_stop
                counts[category] = counts.get(category, 0) + 1
        return counts, dob_at, hosp_at

    def _patients(self, segment: Segment, dob_at: list[int], hosp_at: list[int], tally: Tally) -> None:
        text = segment.text
        where = segment.where
        dob = sum(1 for pos in dob_at if _DOB_AT.match(text, pos))
        if dob:
            tally.add(KIND_PATIENT, where, "[date of birth]", PATIENT_CONFIDENCE,
                      category="dob", identifies_patient=True, count=dob)
        hosp = 0
        for pos in hosp_at:
            m = _HOSP_AT.match(text, pos)
            if m and _identifier_ok(m.group("id")):
                hosp += 1
        if "R" in text:
            hosp += sum(1 for m in _TRUST_CODE_RE.finditer(text) if _identifier_ok(m.group("id")))
        if hosp:
            tally.add(KIND_PATIENT, where, "[hospital number]", PATIENT_CONFIDENCE,
                      category="hospital_number", identifies_patient=True, count=hosp)
        has_dob = has_hosp = False
        rows = 0
        if segment.tabular:
            has_dob, has_hosp, rows = _tabular_columns(segment)
        elif not dob and not hosp:
            for pos in (dob_at or hosp_at)[:1]:
                has_dob, has_hosp, rows = _inline_table(text, pos)
        if rows and has_dob:
            tally.add(KIND_PATIENT, where, f"[date of birth column, {rows} rows]",
                      PATIENT_CONFIDENCE, category="dob", identifies_patient=True, count=rows)
        if rows and has_hosp:
            tally.add(KIND_PATIENT, where, f"[hospital number column, {rows} rows]",
                      PATIENT_CONFIDENCE, category="hospital_number", identifies_patient=True,
                      count=rows)

    def detect(self, message: ParsedMessage, deadline: float | None = None) -> list[Finding]:
        tally = Tally(NAME)
        for segment in message.segments:
            if not segment.text:
                continue
            if deadline is not None and time.monotonic() > deadline:
                raise InspectionTimeout("inspection time limit reached")
            counts, dob_at, hosp_at = self._scan(segment.text)
            for category, count in counts.items():
                tally.add(KIND, segment.where, f"[{category} term]", self._confidence,
                          category=category, count=count)
            if self._patient_identifiers:
                self._patients(segment, dob_at, hosp_at, tally)
        return tally.findings()


def build_automaton(terms: list[Term], labels: bool = True) -> Any:
    """One automaton: lexicon terms, plus the patient-identifier labels."""
    entries: dict[str, list[tuple[str, str | None]]] = {}
    for term in terms:
        key = term_key(term.text)
        if key.strip():
            entries.setdefault(key, []).append((term.category, term.text if term.case_sensitive else None))
    if labels:
        for mark, names in ((_DOB_MARK, DOB_LABELS), (_HOSP_MARK, HOSPITAL_LABELS)):
            for label in names:
                entries.setdefault(term_key(label), []).append((mark, None))
    automaton = ahocorasick.Automaton()
    for key, values in entries.items():
        # Labels first, then exact-case terms, then case-insensitive ones.
        values.sort(key=lambda v: (v[0] not in (_DOB_MARK, _HOSP_MARK), v[1] is None))
        automaton.add_word(key, (len(key), tuple(values)))
    automaton.make_automaton()
    return automaton


def build(options: Mapping[str, Any], ctx: DetectorContext) -> HealthTermsDetector:
    opts = {**DEFAULTS, **options}
    path = os.path.join(ctx.config_dir, str(opts["lexicon"]))
    if not os.path.isfile(path):
        raise DetectorConfigError(f"detectors.{NAME}.lexicon: file not found: {path}")
    try:
        terms = load_lexicon(path)
    except DetectorConfigError as exc:
        raise DetectorConfigError(f"detectors.{NAME}.lexicon: {exc}") from None
    confidence = float(opts["term_confidence"])
    if not 0.0 <= confidence <= 1.0:
        raise DetectorConfigError(
            f"detectors.{NAME}.term_confidence: must be between 0 and 1, got {confidence}"
        )
    patient_identifiers = bool(opts["patient_identifiers"])
    return HealthTermsDetector(
        automaton=build_automaton(terms, labels=patient_identifiers),
        patient_identifiers=patient_identifiers,
        confidence=confidence,
    )
