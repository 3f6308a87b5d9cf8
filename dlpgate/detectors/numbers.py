"""Finding 10-digit health-number candidates in text and weighing the evidence around them.

Shared by the number recogniser (:mod:`dlpgate.detectors.recogniser`) and the
admin console's highlighter.

Finding
-------
A candidate is ten ASCII digits, not inside a longer digit run, written

* contiguously ("4526018155"), 3-3-4 ("452 601 8155") or, for CHI, 6-4
  ("150387 1234"), with between the groups any of: Unicode spaces (NBSP, thin,
  figure, narrow NBSP, ideographic ...), a tab, up to three spaces, Unicode
  dashes (hyphen, U+2010/2011 non-breaking hyphen, figure/en/em dash, minus
  sign, small and fullwidth hyphen-minus, soft hyphen) with optional spaces
  around them (" - "), dots, slashes, underscores, or one line break with
  optional spaces around it (a table cell rendered from HTML or PDF), and
  after it a reply's quote markers ("452 601\n> 8155"); the two
  separators may differ ("452-601 8155"); groups four or more spaces apart
  are columns of figures (a report, ``wc``): form WIDE, and six digits, a dot
  and four are a decimal number ("100670.3527"): form DECIMAL; both count only
  with a health-number label right before;
* as a spreadsheet/data export: "4526018155.0" and "4.526018155E+09"
  (also "e+009", and with trailing zeros dropped down to seven decimals);
* after a list number: "1.4526018155", "12. 452 601 8155", "3) 4526018155";
* grouped any other way ("4526 018 155", "45260 18155", a form's digit boxes
  "4 5 2 6 0 1 8 1 5 5" or "|4|5|2|...", up to three separator characters
  between digits, a "|" among them) only right after a health-number label
  on its line ("NHS No: 4526 018 155"): form ODD. Such a grouping, and any
  grouping the scheme is not written in (an NHS number as 6-4), counts only
  with that label (ODD_FORM, NEAR_LABEL below).

Weighing
--------
Every candidate that passes a scheme's range and check digit gets a score in
log-odds (0 = even odds; the confidence is ``1 / (1 + exp(-score))``) from
the scheme's prior and the evidence around it (:func:`analyse`):

for
    a health-number label right before it ("NHS No:", "CHI", "H&C number")
    or as its column header; a patient label ("Patient ID", "Hospital No",
    "MRN"); patient/clinical words within ``context_window`` characters; and
    the list signal: in a column or list of 10-digit values, the share that
    pass a check digit (a patient list: nearly all; arbitrary IDs: about 1
    in 25; values whose own labels name them another thing's, "INV_...",
    are no support for the others). A CHI written together without a label or a list needs something
    for a patient besides its date and check digit (a person, a date of birth,
    health terms near it, Scotland's mail: _lone_chis), else it scores below
    the shipped rules' threshold.
against
    a phone number by form or context: an international prefix ("+1",
    "+91", "0044", "00 1"), checked with ``phonenumbers`` in the region the
    prefix names, a NANP "1-" prefix, a UK trunk "0"/"(0)", "ext 123"/"x123",
    a phone cue right before ("Tel", "Mob", "T:", "DDI", "WhatsApp", "my
    new number is"...), a "+" glued to it, dial strings (",,745...#"), a
    plain phone number before it joined by "or", "/" or ","; another
    identifier's label right before or as column header (meeting/order/PO/
    invoice/ticket/tracking/account/reference/serial/ISBN/version/timestamp/
    SSN ...), or a bare "ID" that is a thing's ("Merchant ID", "RowID", the
    id of a JSON object or an XML element that is one: "ticket": {"id": ...}),
    or an HL7 v2 field of a message's, an order's or a visit's own number
    (MSH-10, MSA-2, ORC/OBR-2/3, PV1-19);
    a unit after it ("kWh", "bytes"); digits inside a URL path or
    query (unless the query key or the path segment before them names a
    patient or a health number: "?nhs=", "/patients/"; or a record, "/record/",
    "?pid=", on a health service's host, or with patient words near), a DOI; letters or further
    digit groups glued to it; bibliographic lines (ISBN-10s use the same
    Modulus 11); DNS serial form YYYYMMDDnn for CHI, and for a contiguous
    CHI without its label, a Unix time within a few years of today (more so
    beside its own moment written as a date and a time of day).

Per-candidate work is bounded (short windows, anchored regexes, a capped and
cached number of ``phonenumbers`` calls per text), so a text made of nothing
but phone-like lines costs about what a clinic list of the same size does.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple
from urllib.parse import unquote_plus

import ahocorasick
import phonenumbers

from dlpgate.detectors.checksums import (
    HC_RANGE,
    NHS_ISSUED_RANGES,
    NHS_TEST_RANGE,
    _mod11_ok,
    is_ddmmyy,
    luhn_valid,
    verhoeff_valid,
)
from dlpgate.detectors.identifiers import (
    ATTENDANCE_LABELS,
    ID_LABELS,
    PATIENT_NOUNS,
    PATIENT_TEAMS,
    SIGN_OFF_RE,
    given_names,
    header_groups,
    next_line_start,
    person_at,
    placeholder_digits,
    previous_line_start,
    trade_fields_beside,
)
from dlpgate.detectors.lexicon import term_key, without_surrogates, word_text
from dlpgate.mime.errors import InspectionTimeout
from dlpgate.mime.text import CAMEL_BOUNDARY, camel_words
from dlpgate.types import Finding

# --- finding ----------------------------------------------------------------

#: Horizontal spaces accepted between groups (and around a dash).
SPACES = " \t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
#: Dashes and other joiners people and software put between groups.
DASHES = "-\u00ad\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\ufe58\ufe63\uff0d./_"
#: Zero-width characters that copy and paste leaves between digits.
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"

# Between two groups: up to five spaces, dashes, dots, slashes, underscores or
# line breaks (" - ", "  ", "\t", " \n ", "\u2011" ...). A character class,
# not an alternation: the scan runs over every digit of every message.
# A line break may carry a reply's quote markers after it, at any depth ("452 601\n> 8155",
# "\r\n> > > > > > > 8155"): past twelve characters only spaces, tabs and ">" go on. A ">" in a
# separator without a line break before it, and a plain separator of six or more, are dropped
# in scan_all. Possessive: no character of the class is a digit, so giving any back never
# lets the next group match, and a long run of spaces costs one pass.
_SEP_CHARS = "[" + re.escape(SPACES + _ZERO_WIDTH + DASHES + "\r\n>") + "]{0,12}"
_SEP = _SEP_CHARS + "+[ \t>]*+"

# The first digit comes first in the pattern (fast scanning); the lookbehind
# after it checks that no digit comes right before it. "digit." before it (a
# decimal, or a list number "1.4526018155") is decided in scan().
_CANDIDATE_RE = re.compile(
    r"([0-9])(?<![0-9].)"
    + rf"(?:([0-9]{{2}})({_SEP})([0-9]{{3}})({_SEP})([0-9]{{4}})(?:\.0{{1,2}}(?![0-9]))?(?![0-9])(?!\.[0-9])"
    # a float in exponent form: 4.526018155E+09, 4.52601815e+009
    + r"|\.([0-9]{7,9})[eE]\+?0{0,2}9(?![0-9]))"
)
_LIST_NUMBER_RE = re.compile(r"[ \t>*\-]*[0-9]{1,3}\.")

# Forms, by what lies between the groups.
CONTIGUOUS = "contiguous"
GROUPED = "3-3-4"
DATE_FIRST = "6-4"
OTHER = "other"
EXPORT = "export"
ODD = "odd"  # any other grouping, right after a health-number label (_odd_after_labels)
WIDE = "wide"  # groups four or more spaces apart: columns of figures ("131     131    1122", wc)
DECIMAL = "decimal"  # six digits, a dot, four: a decimal number ("100670.3527"), not a CHI's 6-4
SPOKEN = "spoken"  # said in words, as a voicemail's transcription or a phone message writes it (_spoken)


def _wide(sep: str) -> bool:
    return len(sep) >= 4 and not sep.strip(SPACES)


class Candidate(NamedTuple):
    start: int
    end: int
    digits: str
    form: str
    sep: str = ""  # the first separator used ("" when contiguous)


def _quoted_break(sep: str) -> bool:
    """A separator is plain, or a line break with a reply's quote markers after it ("\\n> >")."""
    if ">" not in sep:
        return len(sep) <= 5
    i = sep.find("\n")
    return 0 <= i < sep.find(">") and not sep[i + 1:].strip(" \t>")


def _form(sep1: str, sep2: str) -> str:
    if not sep1 and not sep2:
        return CONTIGUOUS
    if _wide(sep1) or _wide(sep2):
        return WIDE
    if sep1 and sep2:
        return GROUPED
    if sep2 == ".":
        return DECIMAL
    if sep2:
        return DATE_FIRST
    return OTHER


# What every candidate holds, without the look-arounds: three digits, a separator,
# three digits, a separator, four digits; or a digit, a dot and seven digits (the
# exponent form); or a health-number label with ten digits in an odd grouping
# after it (see _odd_after_labels), or its last digit right before one. A text without it has no candidate.
# RE2 decides that in one linear pass in C; Python's engine would try the full
# pattern at every digit, which costs more than the scan itself on a text
# without candidates. Built once the labels are known (_label_search, below).
_SEP_RE2 = _SEP_CHARS + "[ \t>]*"  # RE2 has no possessive quantifiers, nor needs them
_MAY_HOLD = rf"[0-9]{{3}}{_SEP_RE2}[0-9]{{3}}{_SEP_RE2}[0-9]{{4}}|[0-9]\.[0-9]{{7}}"

_PRE_CHECK_FROM = 512  # characters; on a shorter text the pre-check's call costs more than the scan


def scan(text: str) -> tuple[tuple[int, int, str, str, str], ...]:
    """Every 10-digit candidate in ``text`` as (start, end, digits, form, separator), in order.

    Plain tuples (see :class:`Candidate` for the fields): a clinic list has
    hundreds of thousands. The three detectors share one scan per segment
    through the message (see :func:`dlpgate.detectors.recogniser.shared_analyses`).
    """
    if _may_hold is not None and len(text) >= _PRE_CHECK_FROM:
        try:
            if _may_hold(text) is None:
                # (digits said in words have a search of their own: one pattern for both
                # would outgrow the memory RE2 gives its automaton, and cost more than two)
                return tuple(_spoken(text)) if _spoken_may_hold(text) else ()
        except UnicodeError:  # a lone surrogate RE2 cannot take as UTF-8: scan it in full
            pass
    return scan_all(text)


def scan_all(text: str) -> tuple[tuple[int, int, str, str, str], ...]:
    """:func:`scan` without the pre-check: the candidate pattern over the whole text."""
    out: list[tuple[int, int, str, str, str]] = []
    append = out.append
    for m in _CANDIDATE_RE.finditer(text):
        first, two, sep1, three, sep2, four, exp = m.groups()
        start, end = m.span()
        if start >= 2 and text[start - 1] == "." and text[start - 2].isdigit():
            # A decimal ("3.4526018155", "Bay A: 53.4882209063") unless it is a list
            # number first on its line ("12.4526018155"), the number then not itself
            # cut by decimal points (PostScript's coordinates: "345.752 472.2583").
            if not _LIST_NUMBER_RE.fullmatch(text, text.rfind("\n", 0, start) + 1, start) or "." in (sep1 or "") + (sep2 or ""):
                continue
        if exp is not None:
            append((start, end, first + exp.ljust(9, "0"), EXPORT, ""))
        elif (len(sep1) > 5 or len(sep2) > 5 or ">" in sep1 or ">" in sep2) and not (
                _quoted_break(sep1) and _quoted_break(sep2)):
            continue
        elif sep1 or sep2:
            append((start, end, first + two + three + four, _form(sep1, sep2), sep1 or sep2))
        elif (start and text[start - 1] in _HEX_LETTERS or text[end : end + 1] in _HEX_LETTERS) and _in_hex_run(text, start, end):
            continue  # digits of a file or a key written in hexadecimal ("0x504B0304...")
        else:
            append((start, end, first + two + three + four, CONTIGUOUS, ""))
    if _labels_then_digit is not None and (out or _any_digit(text)):  # most short texts hold no digit
        odd = _odd_after_labels(text, out)
        if odd:
            replaced = {o[0] for o in odd}
            out = sorted(odd + [c for c in out if c[0] not in replaced])
    if _may_be_spoken is not None and _spoken_may_hold(text):
        spoken = _spoken(text)
        if spoken:
            if out:  # numerals among the words: a span the others read already stays theirs
                spoken = [c for c in spoken if not any(o[0] < c[1] and c[0] < o[1] for o in out)]
            out = sorted(out + spoken)
    return tuple(out)


_HEX_LETTERS = frozenset("abcdefABCDEF")
_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")
_HEX_RUN = 32  # hexadecimal characters: a hash's, a key's, a file's, not an identifier's


def _in_hex_run(text: str, start: int, end: int) -> bool:
    """Whether the digits at text[start:end] lie in a run of hexadecimal of _HEX_RUN or more."""
    lo, hi = start, end
    while lo > 0 and start - lo < _HEX_RUN and text[lo - 1] in _HEX_DIGITS:
        lo -= 1
    while hi < len(text) and hi - lo < _HEX_RUN and text[hi] in _HEX_DIGITS:
        hi += 1
    return hi - lo >= _HEX_RUN


# Digits said in words, as a voicemail's transcription or a message taken on the phone writes
# them ("six four two, three one three, zero zero one nine", "four six double oh five"); in
# Welsh too ("pump un dau ..."). One run of such words is read as the digits it spells; ten of
# them are a candidate as the written number is, eleven (a phone number) or more none. Between
# the words: spaces, commas, hyphens, full stops (a transcript's punctuation: "four, zero, one.
# one, three, three."), a line break, or a group's separator said ("four three five dash two
# ..."). People also say pairs and hundreds ("... ninety-nine fifty-four", "four hundred and one,
# ..."), "o" for 0 inside such a run ("four o six"; not as a run's first word: alone it is a
# letter), and mix numerals in ("four 01, 133, 9954", "4 0 1 dash 1 3 3 dash 9 9 5 4": a run
# read must hold a word).
_DIGIT_WORDS = {
    "zero": "0", "oh": "0", "nought": "0", "nil": "0", "one": "1", "two": "2", "three": "3", "four": "4",
    "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
    "dim": "0", "un": "1", "dau": "2", "dwy": "2", "tri": "3", "tair": "3", "pedwar": "4", "pedair": "4",
    "pump": "5", "chwech": "6", "saith": "7", "wyth": "8", "naw": "9",
}
_TEENS = {w: str(10 + i) for i, w in enumerate(
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {"twenty": "2", "thirty": "3", "forty": "4", "fourty": "4", "fifty": "5", "sixty": "6", "seventy": "7",
         "eighty": "8", "ninety": "9"}
_ONES = frozenset("one two three four five six seven eight nine".split())  # after a ten: "fifty-nine"
_SAID_SEPS = ("dash", "hyphen")  # a group's separator said
_REPEATS = {"double": 2, "triple": 3, "treble": 3, "dwbl": 2}
_DIGIT_WORD = "|".join(sorted([*_DIGIT_WORDS, *_TEENS, *_TENS], key=len, reverse=True))
_SPOKEN_WORD = f"(?:(?:{'|'.join(_REPEATS)})[ \t]+)?(?:{_DIGIT_WORD})"
# A numeral among the words: not part of a time, a date, a decimal or a thousands' figure.
_SPOKEN_NUMERAL = r"(?<![0-9][:/.,])[0-9]{1,4}(?![0-9]|[:/.,][0-9])"
_SPOKEN_INNER = rf"{_SPOKEN_WORD}|{_SPOKEN_NUMERAL}|hundred(?:[ \t]+and)?|{'|'.join(_SAID_SEPS)}|o"
_SPOKEN_SEP = r"[ \t,.\-]*(?:\r?\n[ \t>]*)?(?<=[ \t,.\-\n>])"  # at least one of them
_SPOKEN_RE = re.compile(
    rf"(?i)(?<![\w'\u2019\-])(?:{_SPOKEN_WORD}|{_SPOKEN_NUMERAL})(?:{_SPOKEN_SEP}(?:{_SPOKEN_INNER}))*(?![\w'\u2019])"
)
_SPOKEN_TOKEN_RE = re.compile(r"[A-Za-z]+|[0-9]+")
_SPOKEN_MIN_WORDS = 4  # in a row, for the cheap test before the reading: ten digits take four words at least
_SPOKEN_MAX_TOKENS = 40  # a longer run is prose or a table of figures, not a number said


_SPOKEN_WORDS = frozenset([*_DIGIT_WORDS, *_TEENS, *_TENS, "hundred", *_SAID_SEPS])


def _spoken_may_hold(text: str) -> bool:
    """``text`` holds _SPOKEN_MIN_WORDS digit words (or numerals, a word among them) in a row
    (RE2: one linear pass in C). A short text (most of a message's: its subject, its names,
    its short parts) is first split into words, which costs less than the call to RE2: with no
    digit word among them it holds none."""
    assert _may_be_spoken is not None
    if len(text) < _PRE_CHECK_FROM and _SPOKEN_WORDS.isdisjoint(
            text.lower().replace(",", " ").replace("-", " ").replace(".", " ").split()):
        return False
    try:
        return _may_be_spoken(text) is not None
    except UnicodeError:  # a lone surrogate RE2 cannot take as UTF-8: search a copy of the same length without it
        return _may_be_spoken(without_surrogates(text)) is not None


def _said_tens(tokens: list[re.Match[str]], i: int, run: str) -> tuple[str, int, int]:
    """The two digits a ten at ``tokens[i]`` says with the one after it ("fifty-nine", "forty
    four"; "ninety" alone: 90), where they end and the index of the next token."""
    t = tokens[i]
    tens = _TENS[t.group().lower()]
    if i + 1 < len(tokens):
        one = tokens[i + 1]
        if one.group().lower() in _ONES and not run[t.end():one.start()].strip(" \t-"):
            return tens + _DIGIT_WORDS[one.group().lower()], one.end(), i + 2
    return tens + "0", t.end(), i + 1


def _said_hundred(tokens: list[re.Match[str]], i: int, run: str) -> tuple[str, int]:
    """The last two digits "hundred" at ``tokens[i]`` says when no ten or teen follows ("four
    hundred": 00, "four hundred and one": 01; "and thirty-one": none, the ten says them), and
    the index of the next token. A comma or a stop after it ends the three ("four hundred, one ...")."""
    end = tokens[i].end()
    i += 1
    if i < len(tokens) and tokens[i].group().lower() == "and":
        end = tokens[i].end()
        i += 1
    if i < len(tokens) and not run[end:tokens[i].start()].strip(" \t-"):
        nxt = tokens[i].group().lower()
        if nxt in _TENS or nxt in _TEENS:
            return "", i
        if nxt in _ONES:
            return "0" + _DIGIT_WORDS[nxt], i + 1
    return "00", i


def _said_pieces(run: str) -> list[tuple[str, int, int, bool]] | None:
    """The digits each word or numeral of a run says, as (digits, start, end, a word); None
    for a run no number is said in ("nineteen hundred", a long run)."""
    tokens = list(_SPOKEN_TOKEN_RE.finditer(run))
    if len(tokens) > _SPOKEN_MAX_TOKENS:
        return None
    out: list[tuple[str, int, int, bool]] = []
    times, i, n = 1, 0, len(tokens)
    while i < n:
        t = tokens[i]
        word, s, e = t.group().lower(), t.start(), t.end()
        if word in _TENS:
            digits, e, i = _said_tens(tokens, i, run)
            out.append((digits, s, e, True))
            continue
        if word == "hundred":
            if not out or not out[-1][3] or len(out[-1][0]) != 1:
                return None  # "nineteen hundred", "double four hundred"
            digits, i = _said_hundred(tokens, i, run)
            out[-1] = (out[-1][0] + digits, out[-1][1], tokens[i - 1].end(), True)
            continue
        i += 1
        if word in _REPEATS:
            times = _REPEATS[word]
            continue
        if word.isdigit():
            if i >= 2 and "\n" in run[tokens[i - 2].end():s]:
                break  # a numeral first on the next line starts something else ("00:01:24 ...")
            out.append((word * times if len(word) == 1 else word, s, e, False))
        else:  # a digit word, "o", a teen, or a separator said ("dash")
            out.append((_TEENS.get(word) or _DIGIT_WORDS.get(word, "0" if word == "o" else "") * times, s, e, True))
        times = 1
    return out


def _spoken(text: str) -> list[tuple[int, int, str, str, str]]:
    """The candidates said in words in ``text`` (SPOKEN): runs of digit words spelling ten digits.
    Numerals leading or trailing a run that spells more are left off it ("Bay 4 four five ...")."""
    out: list[tuple[int, int, str, str, str]] = []
    for m in _SPOKEN_RE.finditer(text):
        pieces = _said_pieces(m.group())
        if not pieces:
            continue
        words = [k for k, p in enumerate(pieces) if p[3]]
        if not words:
            continue  # numerals only: the candidate pattern reads them
        for lo, hi in ((0, len(pieces)), (words[0], len(pieces)), (0, words[-1] + 1), (words[0], words[-1] + 1)):
            run = pieces[lo:hi]
            if sum(len(p[0]) for p in run) == 10:
                while not run[0][0]:  # a said separator first or last is no part of it
                    run = run[1:]
                while not run[-1][0]:
                    run = run[:-1]
                out.append((m.start() + run[0][1], m.start() + run[-1][2], "".join(p[0] for p in run), SPOKEN, " "))
                break
    return out


# Ten digits grouped any other way ("4763 972 502", "47639 72502", a form's digit
# boxes "4 7 6 3 9 7 2 5 0 2" or "|4|7|6|...", a phone's brackets "(476) 397 2502")
# are read only right after a
# health-number label on the same line, or on the line before when the label is
# that whole line: such groupings are common in other numbers, rare in text, and
# a label before them is cheap to find first.
# Dots and marks written between digit groups: a middle dot, a bullet, a hyphenation point, a
# bullet operator; East Asian keyboards' full stop, middle dots and long vowel mark (typed for
# "-"); Swiss thousands' apostrophes; Markdown's escape before a hyphen ("418\\-583\\-1099").
_DOTS = "\u00b7\u2022\u2027\u2219\u3002\u30fb\uff65\u30fc'\u2019\\"
_ODD_SEP = "[" + re.escape(SPACES + _ZERO_WIDTH + DASHES + "|()\r\n,:" + _DOTS) + "]{0,3}"
_ODD_RE = re.compile(rf"[0-9](?:{_ODD_SEP}[0-9]){{9}}(?!{_ODD_SEP}[0-9])")
_ODD_SEP_RE = re.compile(_ODD_SEP.replace("{0,3}", "+"))
# Between groups only right after a health number's label (or under its column's header):
# thousands separators and the like ("NHS England's allocation: 4,512,345,678" is money).
_LABEL_ONLY_SEPS = frozenset(",:" + _DOTS)


# Letters OCR reads, and typists type, for digits: "l", "I" and "i" for 1, "O" and "o" for 0,
# "S" for 5, "B" for 8, "Z" for 2. Read as those digits only right after a health number's label
# ("NHS No: 470 l87 ll76", a faxed referral through OCR; the label may be OCR's too: "CHl No",
# "NHS N0"), in a run of ten with at least _OCR_DIGITS real digits; the scheme's check digit then
# decides. "Ref: 470 l87 ll76" stays a reference, "NHS No: lol" words. The rarer letters
# (_OCR_RARE) only in the number's own grouping, 3-3-4 or ten together, and not two letters
# leading it as a reference's prefix does ("SB12345678").
_OCR_LETTERS = "lIOoiSBZ"
_OCR_RARE = "iSBZ"
_OCR_DIGITS = 5
_OCR_TO_DIGITS = str.maketrans(_OCR_LETTERS, "11001582")
_OCR_GROUPED_RE = re.compile(rf"[0-9{_OCR_LETTERS}]{{3}}([ \-\u00a0]?)[0-9{_OCR_LETTERS}]{{3}}\1[0-9{_OCR_LETTERS}]{{4}}")
# A health number's label as OCR reads it: "CHl No", "CH1 number", "NH5 No", "NHS N0", "H&C N0".
_OCR_LABEL_RE = re.compile(r"\b(?:(?:CH[l1|]|Ch[l1]|NH5)(?=[ .:]*(?:N[oO0]\b|[Nn]umber\b))|(?<=\b(?:NHS|CHI|H&C|HSC)[ .])N0\b)")
_OCR_LABEL_FIX = str.maketrans("l1|50", "IIISO")
_OCR_SEP_CHARS = SPACES + _ZERO_WIDTH + DASHES + "|(),:" + _DOTS  # _ODD_SEP's, on one line
_OCR_SEP = "[" + re.escape(_OCR_SEP_CHARS) + "]{0,3}"
_OCR_RE = re.compile(
    rf"[0-9{_OCR_LETTERS}](?:{_OCR_SEP}[0-9{_OCR_LETTERS}]){{9}}"
    # not glued to a word, nor followed by another digit (or a digit's letter standing alone)
    rf"(?![A-Za-z0-9])(?!{_ODD_SEP}(?:[0-9]|[{_OCR_LETTERS}](?![A-Za-z])))"
)


def _ocr_start(text: str, lo: int, start: int) -> int:
    """Where a run found at ``start`` begins when letters for digits lead it ("CHI: O1O185
    OOl8"): the search's text between label and digits took them."""
    i = start
    while i > lo and start - i < 8 and text[i - 1] in _OCR_LETTERS + " ":
        i -= 1
    while i < start and text[i] == " ":
        i += 1
    return i if i < start and _ocr_run(text, i) is not None else start


def _ocr_run(text: str, start: int) -> re.Match[str] | None:
    """The run of ten digits and digits' letters at ``start`` (_OCR_LETTERS), on one line, not
    glued to a word before it, with a letter and at least _OCR_DIGITS digits in it."""
    if start and text[start - 1].isalnum():
        return None
    m = _OCR_RE.match(text, start)
    if m is None:
        return None
    run = m.group()
    digits = sum(ch.isdigit() for ch in run)
    if not _OCR_DIGITS <= digits < 10:
        return None
    if any(ch in _OCR_RARE for ch in run) and (
            _OCR_GROUPED_RE.fullmatch(run) is None or (run[0].isalpha() and run[1].isalpha())):
        return None
    return m


def _ocr_label_class(text: str, start: int) -> str | None:
    """label_class for a number read through OCR's letters, its label read as OCR may have
    damaged it too ("CHl No:", "NHS N0:"); None unless that repair makes a health number's."""
    lo = max(0, start - 64)
    window = text[lo:start]
    if _OCR_LABEL_RE.search(window) is None:
        return None
    fixed = _OCR_LABEL_RE.sub(lambda m: m.group().translate(_OCR_LABEL_FIX), window)
    cls = label_class(fixed + text[start:start + 64], len(fixed))
    return cls if cls in _NUMBER_LABELS else None


def _ocr_read_label(text: str, cand: Candidate, label_at: int, label: str | None) -> str | None:
    """``label``, the class of the label before ``cand``; for a number read through OCR's letters
    ("CHl No: l5O3..."), the health number's label there as OCR may have damaged it
    (_ocr_label_class) when ``label`` is no health number's."""
    if cand.form != ODD or label in _NUMBER_LABELS:
        return label
    run = text[cand.start:cand.end]
    if run.isdigit() or not any(ch in _OCR_LETTERS for ch in run):
        return label
    return _ocr_label_class(text, label_at) or label


def _label_only(text: str, c: tuple[int, int, str, str, str]) -> bool:
    """An ODD candidate that only a health-number label right before it vouches for: its
    groups joined by thousands separators or dots, or three groups between bars, as a bar
    table's cells are ("| NHS Professionals | 452 | 601 | 9569 |": a row of figures). Any one
    such separator will do: "452 601,8155" is a slip of the finger only after the label."""
    sep = c[4].strip(SPACES)[:1]
    return (sep == "|" and text.count("|", c[0], c[1]) == 2) or not _LABEL_ONLY_SEPS.isdisjoint(text[c[0]:c[1]])
_any_digit = re.compile("[0-9]").search


_LABEL_LINE = r"[^0-9\n]*:[ \t]*\r?\n(?:[ \t>]*\r?\n)?[ \t>]*"
_LABEL_LINE_RE = re.compile(_LABEL_LINE)
_LABEL_AFTER = (r"[ \t]*(?:(?:is|was)[ \t]+(?:(?:his|her|their|my|your|the)[ \t]+)?(?:patient'?s[ \t]+)?"
                r"|[(\[][ \t]*|[-=\x{2013}\x{2014}][ \t]*)")
_ODD_SEP_CHARS = frozenset(SPACES + _ZERO_WIDTH + DASHES + "|()," + _DOTS)  # _ODD_SEP's, on one line and without ":"


def _health_label_on(text: str, lo: int, hi: int) -> bool:
    """A health number's own name ("NHS number", "CHI no", not "NHS Trust") among the words
    of ``text[lo:hi]``."""
    words = _phrase_words(text[lo:hi])
    # ("H&C number": the scheme's name, then "number")
    return any(key in _HEALTH_LABEL_WORDS or (_LABEL_CLASS.get(key) in _NUMBER_LABELS and after < len(words)
                                              and words[after] in _NAMING) for key, after in _word_runs(words))


def _phrase_words(phrase: str) -> list[str]:
    """A phrase's words as labels are looked up: lower case, punctuation and spacing made one."""
    return _norm(_PHRASE_PUNCT_RE.sub(" ", phrase.lower())).split()


def _word_runs(words: list[str]) -> Iterator[tuple[str, int]]:
    """Each run of three, then two, then one of ``words`` (a label's key), with where the word
    after it is."""
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            yield " ".join(words[i:i + n]), i + n


def _odd_run_before(text: str, end: int) -> int:
    """Where ten digits grouped oddly on one line, ending at ``end``, start (_ODD_RE's run, no
    digit before it); -1 for none."""
    i, digits, sep = end, 0, 0
    while i > 0 and digits < 10:
        ch = text[i - 1]
        if "0" <= ch <= "9":
            digits, sep = digits + 1, 0
        elif ch in _ODD_SEP_CHARS and sep < 3 and digits:
            sep += 1
        else:
            break
        i -= 1
    if digits < 10:
        return -1
    j = i
    while j > 0 and end - j < 48 and text[j - 1] in _ODD_SEP_CHARS and i - j < 3:
        j -= 1
    if j > 0 and text[j - 1].isdigit():
        return -1  # more digits before it
    m = _ODD_RE.match(text, i)
    return i if m is not None and m.end() == end else -1


def _odd_after_labels(text: str, found: list[tuple[int, int, str, str, str]]) -> list[tuple[int, int, str, str, str]]:
    """ODD candidates: the digits right after each health-number label, when they are ten in
    an odd grouping. A span the candidate pattern found (``found``, in order) stays as it
    is, unless its scheme is not written that way (3-7; 6-4 but for CHI): then it becomes
    ODD (a label stands before it)."""
    assert _labels_then_digit is not None
    out: list[tuple[int, int, str, str, str]] = []
    try:
        labels = list(_labels_then_digit(text))
    except UnicodeError:  # a lone surrogate RE2 cannot take as UTF-8: search a copy of the same length without it
        labels = list(_labels_then_digit(without_surrogates(text)))
    starts = [c[0] for c in found]
    for label in labels:
        start = label.start(1)
        if label.start(3) >= 0:
            # A health number's label right after the number ("4763 972 502 is her NHS number")
            start = _odd_run_before(text, label.end(3))
            if start < 0 or not _health_label_on(text, label.end(3), label.end() + 8):  # (+ its "number")
                continue
        elif start < 0:  # nine digits after a CHI's label
            start = label.start(2)
            if label_class(text, start) == CHI and not (start and text[start - 1].isdigit()):
                # "CHI 403589223": a CHI whose leading 0 a spreadsheet dropped (born on the 1st to the 9th)
                out.append((start, start + 9, "0" + text[start:start + 9], ODD, ""))
            continue
        m = _ODD_RE.match(text, start)
        ocr = False
        if m is None:
            # digits' letters among them: only right after a health number's own label
            start = _ocr_start(text, label.start(), start)
            m = _ocr_run(text, start)
            if m is None or (label_class(text, start) not in _NUMBER_LABELS and _ocr_label_class(text, start) is None):
                continue
            ocr = True
        run = m.group()
        if "\n" in run:
            # A form's boxes, a digit a line as PDF text gives them: the label may end the line before.
            if len(run.split()) != 10:
                continue
        elif "\n" in text[label.start():start] and not _label_line_before(text, label.start(), start):
            continue
        end = m.end()
        if _overlaps_found(found, starts, start, end):
            continue
        sep = _ODD_SEP_RE.search(run)
        if ocr:
            run = run.translate(_OCR_TO_DIGITS)
        out.append((start, end, "".join(ch for ch in run if "0" <= ch <= "9"), ODD, sep.group() if sep else ""))
    return out


def _label_line_before(text: str, label_at: int, start: int) -> bool:
    """A label on the line before the number's counts only when it is that whole line ("NHS
    number:"), or when that line ends in a colon and names a health number ("NHS number for
    the patient below (Mr A):"), a blank line between them or none."""
    return label_class(text, start) in _NUMBER_LABELS or (
        _LABEL_LINE_RE.fullmatch(text, label_at, start) is not None
        and _health_label_on(text, label_at, text.index("\n", label_at)))


def _overlaps_found(found: list[tuple[int, int, str, str, str]], starts: list[int], start: int, end: int) -> bool:
    """The span overlaps a candidate found already (``found``, in order, and their ``starts``),
    unless it is the same span in a grouping its scheme does not use: that becomes ODD."""
    i = bisect.bisect_left(starts, start)
    if i and found[i - 1][1] > start:
        return True  # inside a candidate found already
    if i < len(found) and found[i][0] < end:
        if not (found[i][:2] == (start, end) and _not_its_form(found[i])):
            return True
        if i + 1 < len(found) and found[i + 1][0] < end:
            return True
    return False


def _not_its_form(c: tuple[int, int, str, str, str]) -> bool:
    spec = _BY_PREFIX.get(c[2][:3])
    return c[3] == OTHER or (c[3] == DATE_FIRST and (spec is None or DATE_FIRST not in spec.forms))


def mask(digits: str) -> str:
    """Masked evidence for a number: only the last four digits are shown."""
    return "*** *** " + digits[-4:]


# --- schemes: ranges and check digits ------------------------------------------


def _prefixes(*ranges: tuple[int, int]) -> frozenset[str]:
    return frozenset(f"{p:03d}" for lo, hi in ranges for p in range(lo, hi + 1))


_NHS = _prefixes(*NHS_ISSUED_RANGES)
_NHS_TEST = _prefixes(NHS_TEST_RANGE)
# Ranges no scheme issues from (000-009, 500-599, 800-998): a number there that passes the
# NHS number's check is one only under the NHS number's own label ("NHS No: 556 452 0890",
# a form's or a column's), as a system's or a person's mistyped, future or example number.
_NHS_UNISSUED = _prefixes((0, 9), (500, 599), (800, 998))
_HC = _prefixes(HC_RANGE)

NHS = "nhs_number"
CHI = "chi_number"
HC = "hc_number"

# Rules a candidate passed: which scheme, and how.
MOD11 = "mod11"
TEST = "test"  # Modulus 11 in the NHS test range 999
UNISSUED = "unissued"  # Modulus 11 in a range no NHS number is issued from: only with its label
LUHN = "luhn"


def classify(digits: str) -> tuple[str, str] | None:
    """(scheme, rule) for ten digits, or None: the scheme whose prefixes hold them, and its check.

    The schemes' prefixes do not overlap (see SCHEMES), so there is one look-up. A form's or
    a template's placeholder is no one's number, under any label: one digit repeated ("000 000
    0000", which every check passes), the digits counted ("0123456789"), two digits in turn.
    """
    spec = _BY_PREFIX.get(digits[:3])
    if spec is None:
        return None
    rule = spec.validate(digits)
    return None if rule is None or placeholder_digits(digits) else (spec.kind, rule)


def _unissued_unlabelled(digits: str, label: str | None) -> bool:
    """Ten digits of a range no scheme issues from (UNISSUED), without the NHS number's own
    label: no NHS number."""
    return digits[:3] in _NHS_UNISSUED and label != NHS


def _nhs_rule(digits: str) -> str | None:
    if not _mod11_ok(digits):
        return None
    prefix = digits[:3]
    return MOD11 if prefix in _NHS else TEST if prefix in _NHS_TEST else UNISSUED


def _hc_rule(digits: str) -> str | None:
    return MOD11 if _mod11_ok(digits) else None


def _chi_rule(digits: str) -> str | None:
    if not is_ddmmyy(digits[:6]):
        return None
    if _mod11_ok(digits):
        return MOD11
    return LUHN if luhn_valid(digits) else None


def chi_birth_date(digits: str, today: date) -> date | None:
    """The date of birth a CHI number's DDMMYY stands for, or None when implausible.

    The century is the latest that does not put the birth after ``today``; a
    birth more than 120 years before ``today`` is not plausible.
    """
    day, month, yy = int(digits[:2]), int(digits[2:4]), int(digits[4:6])
    latest = today.year // 100 * 100
    for century in (latest, latest - 100):
        try:
            born = date(century + yy, month, day)
        except ValueError:
            continue  # 29 February of a year that is not leap in this century
        if born <= today:
            if today.year - born.year - ((today.month, today.day) < (born.month, born.day)) > 120:
                return None
            return born
    return None


# --- evidence -----------------------------------------------------------------

# Scores are log-odds. A rule's min_confidence 0.5 is a score of 0. (Priors: SchemeSpec.)
SCHEME_LABEL = 3.0  # "NHS No:" before an NHS number, "CHI" before a CHI number
HEALTH_LABEL = 2.5  # another scheme's label, or a patient label
CONTEXT = 1.0  # patient/clinical words nearby
LIST_VALID = math.log(0.9 / 0.05)  # a sibling in the same list that passes a check digit
LIST_INVALID = math.log(0.1 / 0.95)  # ... one that does not
LIST_MIN, LIST_MAX = -6.0, 3.0
# A list may be some other id space whose numbers carry the same check digit (ISBN-10's is the
# NHS number's; some systems number assets, consignments and tickets so). Of such numbers about
# four in ten fall in a health scheme's ranges; a patient list's seldom lie outside them (a
# mistyped number passes the check one time in eleven). A sibling that passes Modulus 11 in no
# scheme's range (a CHI's first digits with no date) is so that space's: against it, a sibling
# that passes says little.
LIST_SPACE = math.log(0.99 / 0.01)  # few lists are of such a space
LIST_VALID_IN_SPACE = math.log(0.9 / 0.4)  # a sibling in a scheme's range that passes, against that space
LIST_OUTSIDE = math.log(0.01 / 0.6)  # ... one that passes Modulus 11 where no scheme has it
LIST_FAIL_IN_SPACE = math.log(0.1 / 0.05)  # ... one that fails the check
PHONE_CUE = -5.0
DIAL_VALID = -6.0  # a country code / trunk prefix making a valid phone number
DIAL = -5.0  # a country code prefix, not a valid number there
NANP_ONE = -4.5
EXT = -4.5
OTHER_LABEL = -5.0
ID_LABEL = -0.8
NAMED_LABEL = -2.5  # "SD number", "EDI no": a name the lists do not know, shaped as a number's (_shaped_label)
# ... and a form's field of a name no list holds, in any language ("Nr zamówienia:"), with
# nothing for a patient around it (_fields_of_other_things): NAMED_LABEL too
ACRONYM_LABEL = -1.5  # "WO 4788036924", "CAS alert ...": an acronym right before; patient words outweigh it
GENERIC_REF = -1.5  # "Our ref: 452 601 8155": a reference in the NHS's own grouping; words around decide
PERSON_BESIDE = 1.0  # ... and a person named on the lines around it ("Name: Mrs Joan Example"): a patient's form
URL = -5.0
RECORD_LINK = -1.5  # a record's path or key ("/record/", "?pid=") off a health service's host: words around decide
DOI = -5.0
GLUED_DIGITS = -3.0
GLUED_LETTERS = -2.5
BIBLIO = -2.5
DIAL_STRING = -4.0
SIGNATURE = -3.0  # outweighs a clinician's signature's own clinical words ("Mayo Clinic", "RN")
OTHER_CLAUSE = -1.5  # the number's own clause speaks of parcels, orders, calls...: _OTHER_CLAUSE_RE
SIBLING_PHONE = -4.0  # "... 0161 496 0000 or 4526018155": the other number is a phone number
SIBLING_NAMED = -1.5  # a bare number whose text names its others of the same form as another thing's (_named_siblings)
PHONE_ROWS = -1.5  # the only number on its line, and the next or last line's one number is a phone
UNIT_AFTER = -4.0  # "4302563303 kWh", "4526018155 bytes": a quantity
TERM_AFTER = -5.0  # "4102213007 |Moderate frailty (finding)|": a SNOMED CT concept and its term
DNS_SERIAL = -1.0
UNIX_TIME_NOW = -1.5  # a CHI that is also a Unix time of these years, with no CHI label
UNIX_TIME_NAMED = -2.0  # ... written as software writes one (a file name, a zone offset after it), or (of any year since 2001) with words of time and logs near
LOG_TIMES = -4.0  # three or more CHIs of one date, the rest times of day in order: a log's DDMMYYHHMM
DATE_TIME_NOW = -2.0  # a CHI that is a date of the last two years and a time of day, with no CHI label
# A CHI written as software writes its numbers (contiguous, or a sheet's number), with no label,
# in no list of them, and nothing for it around: no patient or clinical words, no person named
# beside it, no date of birth, no health terms, not in Scotland's mail (_lone_chis). A date and
# a check digit that one ten-digit count, ID or time in three hundred passes is not a patient's
# number on its own outside Scotland: the NHS number's prior (1.0) stands for mail in which NHS
# numbers are everyday, as CHI numbers are only in Scotland's.
LONE_CHI = -1.0
# A number of a range no NHS number is issued from (500-599, 800-998), with no label, alone:
# scored down past holding unless its own line says a patient's clinical detail (_unissued_alone).
UNISSUED_ALONE = -4.0
STRONG = 3.0  # past this either way, nothing nearby changes the outcome
ODD_FORM = -3.0  # grouped as the scheme is not ("4763 972 502"): only a label right before makes it one
NEAR_LABEL = 2.5  # ... or a health-number label earlier on its line ("NHS number for Mrs A: 4763 972 502")

# Categories set on findings: why a number scored low (the strongest reason against).
PHONE = "phone"
PHONE_WEAK = "phone_weak"  # a label class only: "her number is ..."
OTHER_ID = "other_id"
# Label classes of a label the lists do not know, read from its shape (_shaped_label): another
# thing's number, less surely than a known label says so.
NAMED_ID = "named_id"
ACRONYM_ID = "acronym_id"
# A column's header that names no kind of number ("Ref", "No."): the column's values decide
# (nearly all passing the check: a patient list's), else another thing's number.
GENERIC_ID = "generic_id"
LINK = "url"
ID_LIST = "id_list"
FORM = "form"  # glued to letters or more digits, DNS serial form
CATEGORIES = ("", PHONE, OTHER_ID, LINK, ID_LIST, FORM)

# Labels, by class. Matched as whole words right before the number (with
# ":", "#", "No", "Number" and the like between), case-insensitively; a
# space in a phrase matches spaces, dots, hyphens or underscores.
LABELS: dict[str, tuple[str, ...]] = {
    NHS: (
        "nhs", "n.h.s", "n.h.s.", "nhs no", "nhs number", "nhs num", "nhsno", "nhs id", "new nhs",
        "nhs/chi", "nhs or chi", "nhs/h&c", "rhif gig", "rhif y gig", "rhif gig y claf", "rhif gig cymru",
        # the label and a CJK word for "number", glued or apart, as an IME writes them
        # ("NHS番号", "NHS号码", "NHS 번호")
        "nhs番号", "nhs 番号", "nhs号码", "nhs 号码", "nhs號碼", "nhs 號碼", "nhs번호", "nhs 번호",
    ),
    CHI: ("chi", "chi no", "chi number", "community health index", "chi/nhs"),
    HC: (
        "h&c", "h & c", "h+c", "hcn", "health and care", "health & care", "health and care number",
        "health & care number", "hsc no", "hsc number",
    ),
    "patient": (
        "patient", "patients", "pt", "pt no", "patient id", "patient ref", "patient reference", "patient no",
        "patient number", "hospital no", "hospital number", "hosp no", "hospital id", "mrn", "unit no",
        "unit number", "case note", "case notes", "casenote", "casenotes", "case note no", "service user",
        "client id", "resident", "medical record", "medical record number", "health record", "record no",
        "dob", "d.o.b", "date of birth", "born", "name", "surname", "forename",
        # social care's records ("Person ID" in Mosaic and LAS), and every patient-ID label
        # the patient_identifier detector knows (record systems' numbers: "RiO ID", "S1 ID")
        "person id", "client no", "client number", "service user id", "service user no",
        # Welsh: the patient's number, the hospital's, a date of birth
        "rhif claf", "rhif y claf", "rhif ysbyty", "rhif yr ysbyty", "dyddiad geni",
        *ID_LABELS,
    ),
    PHONE: (
        "tel", "tele", "telephone", "phone", "ph", "phn", "mob", "mobile", "mobile phone", "cell", "cellphone",
        "cell phone", "fax", "facsimile", "call", "call us", "call me", "ring", "text", "sms", "whatsapp",
        "signal", "viber", "landline", "direct", "direct line", "direct dial", "ddi", "dd", "switchboard", "bleep",
        "switch", "office", "work", "home", "main", "pager", "contact", "contact no", "contact number",
        "telefon", "tél", "tlf", "handy", "phone number", "tel no", "mobile no", "extension", "helpline",
        "freephone", "toll free", "toll-free", "hotline", "reception", "dial", "voicemail", "voice",
        "t", "m", "f", "p", "o", "d", "w", "h", "c", "tel.", "mob.", "ph.",
        # the verb, then a preposition: "faxed to 480.314.5776", "call us on 0161..."
        "faxed to", "fax to", "fax it to", "fax on", "fax us on", "call on", "call us on", "call me on",
        "ring on", "ring us on", "ring me on", "phone on", "phone us on", "text on", "text me on",
        "call at", "call us at", "call me at", "call in at", "reach us at", "reach me at",
        # "Customer Support at 480-624-2500": a desk and "at", as signatures and bounces write it
        "support at", "helpdesk at", "help desk at", "desk at", "line at", "office at", "team at",
        "service at", "services at", "us at", "me at", "him at", "her at", "them at",
        # "my new number is 0770...", "my mobile number is"
        "my number", "new number", "my new number", "my mobile", "my phone", "my cell", "my landline",
        "my work number", "my home number",
        "his mobile", "her mobile", "his phone", "her phone", "cell is best", "mobile is best",
        # other languages' cues, as signatures from abroad write them
        "telefono", "teléfono", "telefone", "téléphone", "telefoon", "tfno", "tfn", "móvil", "movil", "cel",
        "celular", "cellulare", "portable", "port", "mobil", "mobiel", "gsm", "kom", "komórka", "komorka",
        "tel kom", "numer telefonu", "nr telefonu", "nr tel", "numărul de telefon", "numarul de telefon",
        "nr de telefon", "telefonul", "telefonul mobil", "telemóvel", "telemovel", "número de teléfono",
        "número de telefone", "telefono numeris", "tel nr", "mobilusis", "puh", "puhelin", "cep", "тел", "телефон", "моб", "мобильный", "факс", "τηλ", "τηλέφωνο",
        "κιν", "電話", "携帯", "手机", "电话", "전화", "휴대폰", "핸드폰",
        # Welsh, as NHS Wales's bilingual and Welsh-only mail writes them
        "rhif ffôn", "rhif ffon", "ffôn", "ffon", "ffôn symudol", "ffon symudol", "symudol", "rhif symudol",
        "ffacs", "rhif ffacs", "llinell uniongyrchol",
    ),
    OTHER_ID: (
        "meeting", "meeting id", "conference", "conference id", "webinar", "webinar id", "zoom", "teams",
        "passcode", "access code", "participant code", "pin", "dial-in", "dial in", "join", "bridge",
        "order", "order no", "order number", "order id", "purchase order", "po", "p.o", "p.o.", "po no",
        "po number", "sales order", "so", "invoice", "inv", "invoice no", "invoice number", "bill", "ticket",
        "ticket no", "case", "case no", "case number", "case id", "incident", "inc", "request", "req",
        # a clinical trial's supplies: "Participant 004 - kit no. 4471200380"
        "kit", "kit no", "kit number", "drug kit", "drug kit no", "test kit", "test kit no", "box", "box no",
        "box number",
        "problem", "change", "chg",
        # IT service management's records (ITIL: incidents, problems, changes, requests, known errors)
        "problem record", "problem no", "problem number", "problem ref", "problem id", "change record",
        "change no", "change number", "change ref", "change request", "incident record", "incident no",
        "incident number", "incident ref", "service request", "request no", "request number", "known error",
        "tracking", "track", "tracking number", "tracking no", "tracking id",
        "consignment", "parcel", "shipment", "waybill", "awb", "delivery", "despatch", "dispatch",
        "account", "acct", "acc", "a/c", "account no", "account number", "reference", "ref", "ref no",
        "our ref", "your ref", "reference number", "customer", "cust", "customer no", "customer number",
        "client", "member", "membership", "policy", "policy no", "serial", "serial no", "serial number",
        "s/n", "sn", "isbn", "isbn-10", "isbn10", "asin", "doi", "issn", "pmid", "transaction", "txn",
        "trans", "payment", "receipt", "booking", "confirmation", "reservation", "claim", "licence",
        "license", "registration", "reg", "vat", "company", "company no", "company number", "crn",
        "charity", "employee", "employee id", "staff", "staff no", "staff id", "payroll", "student",
        "student id", "barcode", "ean", "upc", "sku", "item", "part", "part no", "product", "model",
        "batch", "lot", "iban", "bban", "sort code", "card", "ssn", "social security", "sin", "tin", "ein",
        "cpr", "personnummer", "pesel", "bsn", "dni", "nif", "pps", "national id", "insurance", "voucher", "coupon", "utr", "tax", "user id", "userid", "job", "job no", "project", "quote", "quotation", "contract", "tender",
        "supplier", "vendor", "contractor", "message", "msg", "thread", "post", "comment", "issue", "bug", "pr", "defect",
        "defects", "defect id", "defect no",
        "build", "version", "ver", "v", "release", "rev", "revision", "commit", "hash", "checksum",
        "timestamp", "time", "ts", "epoch", "unix", "unix time", "created", "created at", "modified",
        "updated", "expires", "expiry", "exp", "iat", "nbf", "date", "updated at", "sent at", "modified at",
        "received at", "since", "until", "last seen", "timeticks", "uptime", "sysuptime",
        "soa", "zone", "size", "bytes", "total", "amount", "sum", "balance", "price", "cost", "£", "$",
        "€", "usd", "gbp", "eur", "count", "qty", "quantity", "population", "views",
        "downloads", "followers", "asset", "asset tag", "asset no", "asset number", "licence key",
        "license key", "product key", "activation", "activation code", "gift card", "promo", "promo code",
        "delivery note", "certificate", "certificate no", "certificate number", "cert", "cert no", "roll number",
        "roll no", "requisition", "req no", "user", "username",
        # finance and supply (SAP and the like), utilities, devices, foreign tax numbers
        "call-off", "call off", "calloff", "call-off order", "call-off no", "call-off number", "framework",
        "framework agreement", "framework no", "framework number", "framework ref", "blanket order", "release order",
        "credit note", "credit", "debit note", "remittance", "remittance advice", "remittance no",
        "remittance number", "grn", "goods received note", "goods receipt", "despatch note", "dispatch note",
        "document", "document no", "document number", "doc", "doc no", "material document", "journal",
        "journal ref", "express service code", "service code", "service tag", "mprn", "mpan", "meter",
        "meter number", "nip", "regon", "krs", "agreement", "agreement no", "agreement number", "permit",
        "permit number", "seq", "ack", "counter", "counter32", "counter64", "gauge32",
        # people's numbers that are no patient's: learners, applicants, delegates, research participants
        "uln", "learner", "candidate", "applicant", "application", "delegate", "participant", "study id",
        "trial id", "randomisation", "randomization", "specimen", "sample", "aliquot",
        # ... as recruitment abroad labels a candidate (Romanian and Polish put "ID" and "nr" first)
        "candidat", "id candidat", "id candidatului", "nr candidat", "candidato", "id candidato", "id del candidato",
        "número de candidato", "kandydat", "id kandydata", "nr kandydata", "numer kandydata", "kandidatas",
        "kandidato id", "kandidato numeris",
        # requests, notices and mandates
        "foi", "rma", "mandate", "dd mandate", "declaration", "notice", "penalty charge notice", "pcn",
        "conference alias", "alias", "guest code", "host code",
        # estates, payroll and system work
        "consignment note", "waste consignment note", "timesheet", "session", "work order", "call ref",
        "booking ref", "supplier code", "pay no", "pay number", "pay ref", "epoch seconds", "epoch time",
        "epoch timestamp", "unix timestamp",
        # clinical terminologies' codes: SNOMED CT concepts, dm+d medicines, Read codes
        "snomed", "snomed ct", "snomed code", "snomed id", "sct", "sctid", "concept", "concept id", "conceptid",
        "concept code", "description id", "dm+d", "dm d", "dmd", "dm+d code", "dmd code", "dmd id", "vtm", "vmp",
        "vmpp", "amp", "ampp", "vmp id", "amp id", "vtm id", "read code", "ctv3", "pip code", "drug code",
        "product code",
        # property, kit, rooms and logins that share a patient's or a scheme's words ("User name",
        # "Tai Chi", "patient monitor")
        "user name", "login", "log in", "tai chi", "uprn", "title number", "folio", "logger", "data logger",
        "seed", "vmr", "room", "meeting room", "virtual meeting room", "monitor", "device", "device id",
        "sensor", "sensor id", "sensor no", "probe id", "transmitter",
        "access key", "access code", "download key", "docket", "docket no", "run", "run id", "contract number",
        # imaging's and research's own numbers: a study's accession, a sponsor's protocol
        "accession", "accession no", "accession number", "sponsor protocol", "protocol number", "protocol no",
        "protocol id",
        # orders, invoices and bookings as suppliers and hotels abroad (and in Welsh) label them
        "commande", "facture", "rechnung", "rechnungsnummer", "rechnungs nr", "bestellnummer", "bestell nr",
        "auftragsnummer", "auftrags nr", "kundennummer", "kunden nr", "bestellung", "pedido", "factura",
        "ordine", "d'ordine", "d\u2019ordine", "fattura", "bestelnummer", "factuurnummer", "archeb", "rhif archeb", "anfoneb", "rhif anfoneb",
        "الحجز", "الطلب", "الفاتورة", "注文番号", "ご注文番号", "請求書番号", "オーダー番号", "订单号", "订单编号",
        "订单号码", "發票號碼", "发票号码", "주문번호",
        # products as suppliers' paperwork abbreviates their numbers: SAP's and Oracle's order
        # acknowledgements ("Mat. no.", "Material"), catalogues ("Cat. No.", "Cat#"), German, French
        # and Dutch order forms ("Art.-Nr.", "Best.-Nr.", "Réf.", "Artikelnr"), NHS Supply Chain's
        # own and the maker's product codes ("NPC", "MPC"); the head alone is too short for a
        # noun-and-"no." name (_words_class)
        "mat", "mat no", "mat nr", "material", "material code", "materialnummer", "material nr", "matnr",
        "cat", "cat no", "cat nr", "cat ref", "catno", "catalogue", "catalog", "catalogue ref", "catalog ref",
        "art", "art no", "art nr", "artno", "artnr", "article", "artikel", "artikelnr", "artikelnummer",
        "best nr", "bestellnr", "bestnr", "teile nr", "teilenr", "teilenummer", "sach nr", "sachnummer",
        "lief nr", "lieferantennummer", "lieferschein", "lieferschein nr", "lieferscheinnummer", "beleg nr",
        "belegnummer", "auftrag", "auftragsnr", "kundennr", "rechnungsnr",
        "réf", "référence", "réf article", "code article", "produit", "réf produit", "fournisseur",
        "bon de commande", "bestelnr", "ordernr", "ordernummer", "factuurnr", "klantnr", "klantnummer",
        "pakbon", "npc", "mpc", "nsv", "nsv code", "gtin", "mpn", "mfr", "mfr part", "mfg", "manufacturer",
        "manufacturer code", "manufacturer part", "supplier ref", "supplier part", "supplier item",
        "vendor part", "vpn",
        # water outlets, as estates' flushing and Legionella logs number them ("H&C outlet ...")
        "outlet", "outlet id", "outlet no", "outlet number", "tmv", "tap", "tap id",
        # a visit's or an encounter's own number, as contractors' reports and systems label it
        "visit", "visit no", "visit number", "visit id", "visit ref", "encounter", "encounter no",
        "encounter number", "encounter id", "episode no", "episode number", "episode id", *ATTENDANCE_LABELS,
        # ... and a stay's billing number beside the patient's own, as hospital EPRs print their banners:
        # Cerner's FIN (financial number), Epic's CSN (contact serial number) and HAR (hospital account)
        "fin", "fin no", "fin number", "financial number", "financial no", "financial nbr", "csn", "har",
        "hospital account", "billing number", "billing no", "billing account",
        # budgets' codes, as finance and deployment files label them
        "cost centre", "cost center", "cost code", "budget code",
        # Welsh references and IDs (Welsh puts "rhif", number, and "ID" first, and "y", "yr",
        # the, before the thing; a feminine noun's first letter mutates after it: "cynhadledd",
        # "y gynhadledd")
        "cyfeirnod", "eich cyfeirnod", "ein cyfeirnod", "rhif cyfeirnod", "cyfeirnod archeb", "cyfeirnod archebu",
        "rhif yr archeb", "rhif yr anfoneb", "rhif archebu", "rhif cyfrif", "rhif y cyfrif", "rhif cwsmer",
        "id y cyfarfod", "id cyfarfod", "rhif y cyfarfod", "rhif cyfarfod", "id y gynhadledd", "id cynhadledd",
        "rhif y gynhadledd", "rhif cynhadledd", "id y gweminar", "cod pas", "cod mynediad", "rhif tocyn",
        "rhif y tocyn", "rhif achos", "rhif yr achos", "rhif aelodaeth", "rhif polisi", "rhif taw", "rhif cwmni",
        "rhif elusen", "rhif cofrestru", "rhif trafodiad", "rhif derbynneb", "rhif olrhain", "rhif cais",
        "rhif y cais", "rhif digwyddiad", "rhif gweithiwr", "rhif staff", "rhif cyflogres", "rhif contract",
        "rhif y contract", "rhif swydd", "cyfeirnod swydd", "rhif cyflenwr", "rhif y cyflenwr",
    ),
    # Someone's "number" in a sentence: their phone number, or (said of a patient) their NHS
    # number; it counts against a little, as a clause word does, so clinical words outweigh it.
    PHONE_WEAK: ("his number", "her number", "their number", "your number"),
    # A bare "ID" says little: patient lists have ID columns too.
    "id": ("id", "uid", "pid", "ids"),
}
@dataclass(frozen=True)
class SchemeSpec:
    """One health number: what sets it apart from the others (Presidio's recogniser shape).

    prefixes: its first three digits; validate: the check-digit rule it passes
    ("mod11", "luhn", "test") or None; priors: the score of a number passing
    each rule before any evidence; forms: how it is grouped; labels: the words
    that name it (the words for and against all numbers are shared: LABELS,
    CONTEXT_WORDS).
    """

    kind: str
    prefixes: frozenset[str]
    validate: Callable[[str], str | None]
    priors: dict[str, float]
    forms: frozenset[str]
    labels: tuple[str, ...]


_PLAIN_FORMS = frozenset((CONTIGUOUS, GROUPED, EXPORT, SPOKEN))
SCHEMES: dict[str, SchemeSpec] = {
    spec.kind: spec
    for spec in (
        SchemeSpec(NHS, _NHS | _NHS_TEST | _NHS_UNISSUED, _nhs_rule, {MOD11: 1.0, TEST: 1.0, UNISSUED: 1.0},
                   _PLAIN_FORMS, LABELS[NHS]),
        SchemeSpec(HC, _HC, _hc_rule, {MOD11: 1.0}, _PLAIN_FORMS, LABELS[HC]),
        # The date of birth comes first: DD is 01-31, so the prefixes are 010-319
        # (320-399 are H&C's); a Luhn-only number starts low and needs context.
        SchemeSpec(
            CHI, _prefixes((10, 319)) - _HC, _chi_rule, {MOD11: 0.6, LUHN: -0.8},
            _PLAIN_FORMS | {DATE_FIRST}, LABELS[CHI],
        ),
    )
}
_BY_PREFIX = {p: spec for spec in SCHEMES.values() for p in spec.prefixes}
PRIOR = {(kind, rule): score for kind, spec in SCHEMES.items() for rule, score in spec.priors.items()}


_NORM_RE = re.compile(r"[\s._\-\u00a0\u2010-\u2015\u2212]+")


def _norm(text: str) -> str:
    """Lower case; spaces, dots, hyphens and underscores as one space ("N.H.S. No" -> "n h s no")."""
    return _NORM_RE.sub(" ", text.lower()).strip()


# Single letters count as phone cues only when a colon follows ("T: ", "M: ").
_LETTER_CUES = frozenset(w for w in LABELS[PHONE] if len(w) == 1)
_LABEL_CLASS: dict[str, str] = {}
for _cls, _words in LABELS.items():
    for _w in _words:
        _LABEL_CLASS.setdefault(_norm(_w), _cls)
_MAX_LABEL_WORDS = max(k.count(" ") + 1 for k in _LABEL_CLASS)


_Search = Callable[[str], object]
_FindAll = Callable[[str], Iterator[re.Match[str]]]


def _label_search() -> tuple[_Search | None, _FindAll | None]:
    """The RE2 pre-check and the search for health-number labels with an odd grouping after them.

    A label is matched loosely here ("N.H.S", "nhs-no", any case, up to 24
    characters of other text before the digits); :func:`label_class` decides
    later whether it labels the number.
    """
    try:
        import re2
    except ImportError:  # pragma: no cover - google-re2 is a dependency; without it every text is scanned
        return None, None
    keys = sorted({_norm(w) for cls in (NHS, CHI, HC) for w in LABELS[cls]}, key=len, reverse=True)
    words = "|".join(r"[\s._\-\x{a0}]+".join(re2.escape(part) for part in key.split(" ")) for key in keys)
    # (the labels as OCR may read them, _OCR_LABEL_RE's)
    words = r"(?:ch[l1|]|nh5)[\s._:\x{a0}]*(?:n[o0]|number)|(?:nhs|chi|h&c|hsc)[\s.]n0|" + words
    # Ten digits with separators (no look-arounds in RE2: _ODD_RE checks the run ends
    # there), grouped neither contiguously nor 3-3-4: those the candidate pattern
    # reads, and a list with a label on every line would cost a match per line here.
    runs = _odd_runs(_ODD_SEP)
    # 3-3-4 joined by what the candidate pattern does not take: "709·347·1439", "613,583,8334"
    odd = f"[ \\t]?[,:|{_DOTS.replace(chr(92), chr(92) * 2)}]-?[ \\t]?"  # (a Word table pasted as text puts tabs around its bars)
    # ... or by one of them and a space or a dash: "452 601,8155", a slip of the finger
    plain = "[ \\t\\x{a0}\\-]{1,3}"
    runs.append(rf"[0-9]{{3}}(?:{odd}[0-9]{{3}}(?:{odd}|{plain})|{plain}[0-9]{{3}}{odd})[0-9]{{4}}")
    runs.extend(_ocr_runs())
    # ... up to 24 characters after the label; or on the next line (or the one after a blank
    # line) after a label's line ending in a colon ("NHS number for the patient below (Mr A):")
    # (that first: what is read right after a label may be a word's letters, "below", read for digits)
    between = rf"{_LABEL_LINE}|[^0-9\n]{{0,24}}(?:\n[ \t>]*[^0-9\n]{{0,8}})?"
    labelled = rf"(?i:\b(?:{words}))(?:{between})({'|'.join(runs)})"
    # Nine digits after a CHI's label: a CHI whose leading 0 a spreadsheet dropped.
    chi_keys = sorted({_norm(w) for w in LABELS[CHI]}, key=len, reverse=True)
    chi_words = "|".join(r"[\s._\-\x{a0}]+".join(re2.escape(part) for part in key.split(" ")) for key in chi_keys)
    nine = rf"(?i:\b(?:{chi_words}))[^0-9\n]{{0,24}}([0-9]{{9}})(?:[^0-9]|$)"
    # A number's last digit, then its label after it: "4763 972 502 is her NHS number", "... (NHS no)"
    after = rf"([0-9])(?i:{_LABEL_AFTER}\b(?:{words}))"
    # (the pre-check holds every search the candidates come from, a label after its number too)
    return re2.compile(f"{_MAY_HOLD}|{labelled}|{nine}|{after}").search, re2.compile(f"{labelled}|{nine}|{after}").finditer


def _spoken_run() -> str:
    """An RE2 pattern for _SPOKEN_MIN_WORDS digit words or numerals in a row, a word among the
    first (_spoken): few texts hold one."""
    word = rf"\b(?:(?:{'|'.join(_REPEATS)})[ \t]+)?(?:{_DIGIT_WORD}|hundred(?:[ \t]+and)?|{'|'.join(_SAID_SEPS)})\b"
    numeral = r"\b[0-9]{1,4}\b"
    any_ = f"(?:{word}|{numeral}|\\bo\\b)"
    sep = r"[ \t,.\-]+(?:\r?\n[ \t>]*)?"
    runs = [word + f"(?:{sep}{any_}){{{_SPOKEN_MIN_WORDS - 1}}}"]
    for k in range(1, _SPOKEN_MIN_WORDS):  # k numerals before the first word
        runs.append(f"(?:{numeral}{sep}){{{k}}}{word}" + (f"(?:{sep}{any_}){{{_SPOKEN_MIN_WORDS - 1 - k}}}" if k < _SPOKEN_MIN_WORDS - 1 else ""))
    return "(?i:" + "|".join(runs) + ")"


def _spoken_search() -> _Search | None:
    """The search _spoken_may_hold makes (RE2's, or Python's without it)."""
    try:
        import re2
    except ImportError:  # pragma: no cover
        return re.compile(_spoken_run()).search
    return re2.compile(_spoken_run()).search


def _odd_runs(sep: str) -> list[str]:
    """Patterns of ten digits with separators (``sep``, a class with its count), grouped
    neither contiguously nor 3-3-4: those the candidate pattern reads."""
    d, s0, s1 = "[0-9]", sep, sep.replace("{0,3}", "{1,3}")
    runs = []
    for k in (1, 2, 4, 5, 7, 8, 9):  # a separator after the k-th digit
        runs.append(d + "".join((s1 if j == k else s0) + d for j in range(1, 10)))
    for with_sep, without in ((3, 6), (6, 3)):  # 3-7 and 6-4
        runs.append(d + "".join((s1 if j == with_sep else "" if j == without else s0) + d for j in range(1, 10)))
    runs.append(rf"{d}{{3}}\){s0}{d}{{3}}{s0}{d}{{4}}")  # 3-3-4 with a phone's brackets: "(476) 397 2502"
    return runs


def _ocr_runs() -> list[str]:
    """Where a run of digits with a letter OCR or a typist put for a digit may start ("470
    l87 ll76"): digits, then such a letter; or such a letter, then a digit or another. Loose
    (counted groups would swell RE2's automaton past its memory): _ocr_run reads the run."""
    seps = re.escape(_OCR_SEP_CHARS)
    return [f"[0-9][0-9{seps}]*[{_OCR_LETTERS}]", f"[{_OCR_LETTERS}][{seps}]{{0,3}}[0-9{_OCR_LETTERS}]"]


@functools.lru_cache(maxsize=8)
def _cells_may_hold(delim: str) -> _Search | None:
    """An RE2 pre-check for a table delimited by ``delim``: a whole cell that may hold a number
    the candidate pattern does not read (ten digits grouped oddly, with thousands separators
    in quotes, or nine together). One linear pass in C: most lists hold none."""
    try:
        import re2
    except ImportError:  # pragma: no cover
        return None
    d = re2.escape(delim)
    seps = _cell_seps(delim)
    edge, end = rf"(?:^|[{d}\n])[ \t\x22]*", rf"[ \t\x22]*(?:[{d}\r\n]|$)"
    runs = [*_odd_runs(seps), r"[0-9]{3}[^0-9 \-][0-9]{3}[^0-9 \-][0-9]{4}", r"[0-9]{1,3}(?:,[0-9]{3}){3}", r"[0-9]{9}(?:\.0)?"]
    return re2.compile(rf"(?m){edge}(?:{'|'.join(runs)}){end}").search


_may_hold, _labels_then_digit = _label_search()
_may_be_spoken = _spoken_search()

#: Words between a label and its number ("NHS No", "Order number is").
_SUFFIXES = frozenset(("no", "nos", "num", "number", "numbers", "nr", "nbr", "id", "ids", "#", "code", "ref", "is", "of",
                       "was", "n\u00b0", "n\u00ba"))
# The words that make a noun before them a number's name ("Learner number", "Returns No",
# French and Spanish "Facture n°").
_NAMING = frozenset(("no", "nos", "num", "number", "numbers", "nr", "nbr", "#", "code", "n\u00b0", "n\u00ba"))
_TITLES = frozenset(("mr", "mrs", "ms", "miss", "mx", "master", "dr", "prof"))
# Nouns before "number" that name no other thing's number: a patient's record, or no noun at all.
_NOT_NAMES = frozenset((
    "record", "records", "health", "medical", "hospital", "care", "identity", "identification", "index",
    "chart", "file", "notes", "note", "casenote", "casenotes", "person", "people", "patient", "patients",
    "client", "clients", "baby", "babys", "mother", "mothers", "child", "childs", "this", "that", "these",
    "those", "same", "correct", "right", "wrong", "full", "valid", "invalid", "actual", "real", "above",
    "below", "following", "first", "second", "third", "last", "next", "other", "another", "each", "every",
    "which", "what", "whose", "your", "their", "with", "from", "into", "only", "single", "given", "said",
    "unique", "old", "current", "previous", "temporary", "temp", "national", "local", "official",
))

# What may stand between a label and the number: punctuation and spaces.
_FILL = " \t\r\n:#=-_([/|>*'\"\u00a0\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_LEADING = "([{'\"<*\u2022"


_LAST_WORDS = frozenset(k.rsplit(" ", 1)[-1] for k in _LABEL_CLASS)
_LAST_WORD_RE = re.compile(r"[^\s._\-\u00a0]*$")


def _last_word(tail: str) -> str:
    """The last word of a label's text, lower case; of two labels joined by a slash ("Batch/Lot"), the second."""
    last = _LAST_WORD_RE.search(tail).group().lower()  # type: ignore[union-attr]
    if "/" in last and _norm(last) not in _LABEL_CLASS:
        last = last.rsplit("/", 1)[1]
    return last


# The record an event's or a job's number is kept in, after the thing's label: "Incident log
# 4528...", "case file", "job sheet", "ticket record", "crime report": the thing's number still.
_RECORD_NOUNS = frozenset(("log", "logs", "report", "record", "file", "sheet", "card", "entry"))
# ... not after a person's label: a "client record" or a "member file" may be a patient's.
_PEOPLE_HEADS = frozenset((
    "client", "customer", "cust", "member", "membership", "participant", "user", "user name", "username",
    "learner", "student", "candidate", "applicant", "delegate", "employee", "staff", "visit", "encounter",
))


def _record_of(body: str, last: str) -> tuple[str, str] | None:
    """(OTHER_ID, key) when ``body`` ends with another thing's label (of three letters or
    more, no person's: _PEOPLE_HEADS) and then a record noun (_RECORD_NOUNS) that ``last`` is;
    else None (a patient's "medical record" is read as its own label)."""
    cut = body.rstrip(".")
    head = cut[: len(cut) - len(last)].rstrip(_FILL + ".")
    if not head or not cut[len(head):len(cut) - len(last)].strip() == "":
        return None  # glued: "Incidentlog"
    found = _words_class(head)
    if found is None or found[0] != OTHER_ID or len(found[1]) < 3 or found[1] in _PEOPLE_HEADS:
        return None
    return OTHER_ID, f"{found[1]} {last}"


def _plural_label(body: str, last: str) -> tuple[str, str] | None:
    """The plural of another thing's label that ``body`` ends with (its last word ``last``):
    "Orders 4526018155, ...", "SNOMED codes: ..., ...", "concept ids"."""
    if len(last) <= 3 or last[-1] != "s":
        return None
    if _LABEL_CLASS.get(last[:-1].lstrip(_LEADING)) == OTHER_ID:
        return OTHER_ID, last[:-1].lstrip(_LEADING)
    found = _words_class(body.rstrip(".")[:-1])
    return found if found is not None and found[0] == OTHER_ID else None


# (and a brace, a square bracket or markup's angle brackets: '{"a":{"orderId":', "</a><orderId>";
# a closing one as a grid copied without its cells' breaks glues it: "ROBERTS, Alice (Mrs)NHS Number")
_GLUE_MARKS = frozenset(",;(){}[]<>")
_GLUE_RE = re.compile(r"[,;(){}\[\]<>]+(?=[^\s,;(){}\[\]<>])|(?<=[\u2e80-\U0002ffff])(?=[A-Za-z])")


def _unglued(body: str) -> str:
    """The text a label ends, with a space after a comma, semicolon or bracket (or brace) glued to the
    next word, and between East Asian characters and Latin letters after them."""
    return _GLUE_RE.sub(lambda m: m.group() + " ", body[-64:])


def _words_class(body: str) -> tuple[str, str] | None:
    """(class, key) of the label the text ``body`` ends with, or None.

    The labels are the lists above; besides them, a noun and a word that makes it
    a number's name ("Learner number", "Returns No", "order numbers") is another
    thing's number, and so is the plural of another thing's label ("invoices").
    """
    tail = body[-24:].rstrip(".")
    if not tail.isascii() or _GLUE_MARKS.intersection(tail):
        # A label glued to what comes before it, as terse notes and CJK text write it:
        # "Wang Fang,NHS No:", "Name(NHS:", "患者NHS:"; the label begins after the mark or the script change.
        body = _unglued(body)
        tail = body[-24:].rstrip(".")
    last = _last_word(tail)
    if last in _RECORD_NOUNS and (kept := _record_of(body, last)) is not None:
        return kept
    if last not in _LAST_WORDS and last.strip(_FILL + ".") not in _SUFFIXES:
        if not last or last.lstrip(_LEADING) not in _LAST_WORDS:
            return _plural_label(body, last)
    words = _norm(body[-64:]).split(" ")
    if "/" in body[-64:]:  # "PO/Order no", "DOB/NHS No": each word its own, but "S/N", "A/C"
        words = [p for w in words for p in (w.split("/") if "/" in w and w not in _LABEL_CLASS else (w,)) if p]
    # "NHS number of", "Meeting ID is": the label without its trailing words first,
    # then with them one at a time ("my new number is": "my new number").
    stages = [words]
    while stages[-1] and stages[-1][-1].strip(_FILL + ".") in _SUFFIXES:
        stages.append(stages[-1][:-1])
    if len(stages) > 1 and stages[-1]:
        stages[-1] = stages[-1][:-1] + [stages[-1][-1].rstrip(_FILL)]
    # The longest label wins, whichever stage it comes from: "Client ID" is a patient
    # label, though "Client" alone names a customer's number.
    best: tuple[str, str] | None = None
    best_words = 0
    for ws in reversed(stages):
        for k in range(min(_MAX_LABEL_WORDS, len(ws)), best_words, -1):
            key = " ".join(ws[-k:]).lstrip(_LEADING)
            cls = _LABEL_CLASS.get(key)
            if cls is not None:
                best, best_words = (cls, key), k
                break
    if best is None:
        for ws, shorter in zip(stages, stages[1:], strict=False):
            if not shorter or ws[-1].strip(_FILL + ".") not in _NAMING:
                continue
            head = shorter[-1].rstrip(_FILL + ".")
            if (
                len(head) > 3
                and head.isalpha()
                and head not in _NOT_NAMES
                and (len(shorter) < 2 or shorter[-2] not in _TITLES)  # "Mrs Jones number"
            ):
                return OTHER_ID, f"{head} {ws[-1].strip(_FILL + '.')}"
            break
    return best


# A value's key in JSON ("checked": 1703844335): the value's label. Keys that say only
# that a value follows name nothing ("value": as FHIR writes an identifier's).
_JSON_KEY_RE = re.compile(r'"([A-Za-z_][A-Za-z0-9_\-]{1,40})"[ \t]*:[ \t]*"?$')
_JSON_NAMELESS = frozenset((
    "value", "val", "v", "text", "data", "number", "no", "num", "display", "content", "string", "identifier",
    "identity", "ident",
))


def _json_key(window: str) -> tuple[str, str] | None:
    """(class, key) for a number that is a JSON value: its key's label class (_key_class)."""
    m = _JSON_KEY_RE.search(window)
    return None if m is None else _key_class(m.group(1))


# A key as data files and configuration write it, right before its value: a YAML mapping's
# or a properties file's at the start of its line ("  budgetHolder: ", "order_ref="), an XML
# element's ("<invoiceNumber>"); read as a key when written as software names things, its
# words run together (camelCase, snake_case, kebab-case; _CODE_KEY_RE): a note's "Follow-up:"
# is no key. A kebab-case key only as YAML writes one, indented or its value quoted.
_DATA_KEY_RE = re.compile(
    r"(?:^|\n)([ \t>]*)(?:-[ \t]+)?([A-Za-z_][A-Za-z0-9_\-]{1,40})[ \t]*[:=][ \t]*([\"']?)$"
    r"|<([A-Za-z_][\w\-]{1,40})(?:[ \t][^<>\n]{0,80})?>$"
)
_CODE_KEY_RE = re.compile(r"[a-z0-9][A-Z]|[A-Za-z0-9]_[A-Za-z]")
_KEBAB_KEY_RE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)+")  # all lower case: "Follow-up" is a heading
# Words of a key that make it a person's ("personIdentifier", "subjectRef", "clientKey"), or a
# health number's, whatever else it says: no other thing's number.
_KEY_PERSON_RE = re.compile(
    r"(?i)nhs|chi(?![a-z])|hcn|mrn|hosp|patient|person|client|subject|individual|resident|service.?user|citizen")


def _key_class(key: str) -> tuple[str, str] | None:
    """(class, key) for a number that is the value of a data key (JSON's, YAML's, XML's): the
    label its words make ("nhsNumber", "nhs_number": "nhs Number"), or another thing's number
    for a key that names something else ("budgetHolder") and no person; None for a key that
    says only that a value follows ("value")."""
    if key.lower() in _JSON_NAMELESS:
        return None
    found = _words_class(camel_words(key, "_-"))
    if found is not None:
        return found
    if _KEY_PERSON_RE.search(key):
        return None
    return OTHER_ID, key.lower()


def _data_key(window: str) -> tuple[str, str] | None:
    """(class, key) for a number that is the value of a YAML, properties or XML key written as
    software names things (_DATA_KEY_RE), else None."""
    m = _DATA_KEY_RE.search(window)
    if m is None:
        return None
    key = m.group(2) or m.group(4)
    if _CODE_KEY_RE.search(key) is None and not (
            (m.group(1) or m.group(3)) and _KEBAB_KEY_RE.fullmatch(key) is not None):
        return None
    return _key_class(key)


# A JSON object's bare "id" ("_id", "uid"): the object's own identifier, whatever it is. What the
# object is comes from the key it is the value of (or the value of a list of: "ticket": {"id": ...},
# "orders": [{"id": ...}]), however the JSON is laid out, or from a key that says its type
# ("resourceType": "Appointment", "object": "charge", "event": "form.submitted"). A person's record
# ("patient": {...}, "resourceType": "Patient") and a container ("data", "results", "resource")
# leave the bare "id" as it is.
_JSON_ID_RE = re.compile(r'"(?:_?id|ID|Id|_?uid|UID)"[ \t]*:[ \t]*"?$')
_JSON_OWNER_RE = re.compile(r'"([A-Za-z_@][A-Za-z0-9_\-]{0,40})"[ \t]*:[ \t]*$')
_JSON_TYPE_RE = re.compile(r'"(?:resourceType|@type|object|type|kind|entity|event|eventType|event_type)"[ \t]*:[ \t]*"([^"\n]{1,60})"')
_JSON_PERSON_RE = re.compile(r"(?i)patient|person|client|subject|individual|resident|service.?user|citizen|participant|actor|member")
_JSON_CONTAINERS = _JSON_NAMELESS | frozenset((
    "data", "result", "results", "records", "record", "entries", "entry", "resource", "resources", "payload", "body",
    "response", "items", "objects", "list", "rows", "row", "hits", "_source", "source", "node", "nodes", "edges",
    "attributes", "fields", "details", "meta", "properties", "doc", "docs", "document", "documents", "value", "values",
    "contained", "included", "object", "obj", "element", "elements", "detail", "info", "_embedded", "embedded",
))
_JSON_SPAN = 2000  # characters searched around the "id" for its object's bounds


def _json_open(text: str, i: int, lo: int) -> int:
    """The index of the bracket or brace, at or before ``i`` (down to ``lo``), that opens the
    JSON value ``i`` stands in, or -1."""
    depth = 0
    quoted = False
    while i >= lo:
        ch = text[i]
        if ch == '"' and (i == 0 or text[i - 1] != "\\"):
            quoted = not quoted
        elif not quoted:
            if ch in "}]":
                depth += 1
            elif ch in "{[":
                if depth == 0:
                    return i
                depth -= 1
        i -= 1
    return -1


def _json_own_keys(text: str, opener: int) -> str:
    """The text of the JSON object opening at ``opener`` without its members' members."""
    depth, i, hi = 0, opener + 1, min(len(text), opener + _JSON_SPAN)
    own: list[str] = []
    start = i
    while i < hi:
        ch = text[i]
        if ch in "{[":
            if depth == 0:
                own.append(text[start:i])
            depth += 1
        elif ch in "}]":
            if depth == 0:
                break
            depth -= 1
            if depth == 0:
                start = i + 1
        i += 1
    if depth == 0:
        own.append(text[start:i])
    return "".join(own)


def _json_key_of(text: str, opener: int, lo: int) -> str | None:
    """The key whose value is the JSON object opening at ``opener``, or the list it stands in."""
    j = opener - 1
    while j >= lo and text[j] in " \t\r\n":
        j -= 1
    if j >= lo and text[j] in "[,":
        j = _json_open(text, j if text[j] == "[" else j - 1, lo) - 1
        if j < lo - 1 or text[j + 1] != "[":
            return None
        while j >= lo and text[j] in " \t\r\n":
            j -= 1
    key = _JSON_OWNER_RE.search(text, max(lo, j - 48), j + 1) if j >= lo and text[j] == ":" else None
    return key.group(1) if key else None


def _json_owner(text: str, key_at: int) -> str | None:
    """OTHER_ID when the JSON object whose "id" key starts at ``key_at`` is another thing than a
    person's record, as its type or its key says; None when nothing says, or it is a person's."""
    lo = max(0, key_at - _JSON_SPAN)
    opener = _json_open(text, key_at - 1, lo)
    if opener < 0 or text[opener] != "{":
        return None
    m = _JSON_TYPE_RE.search(_json_own_keys(text, opener))
    if m is not None:
        kind = m.group(1)  # "Patient", "inpatient", "NHS": a person's record or a health number
        return None if _JSON_PERSON_RE.search(kind) or _HEALTH_HEAD_RE.search(kind.replace("_", " ")) else OTHER_ID
    name = _json_key_of(text, opener, lo)
    if name is None or name.lower() in _JSON_CONTAINERS or _JSON_PERSON_RE.search(name):
        return None
    found = _words_class(camel_words(name, "_-"))
    return None if found is not None and found[0] in _CONTEXT_CLASS else OTHER_ID


# ... and an XML element's bare <ID>: its parent element's ("<Order><ID>...", "<Ticket>\n  <Id>").
_XML_ID_RE = re.compile(r"<(?:[A-Za-z_][\w.\-]*:)?(?:id|ID|Id|uid|UID)[ \t]*>[ \t]*$")
_XML_TAG_RE = re.compile(r"<(/?)(?:[A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)[^<>]*?(/?)>")


def _xml_owner(text: str, tag_at: int) -> str | None:
    """OTHER_ID when the element whose <ID> child starts at ``tag_at`` names another thing than a
    person's record; None when it names nothing, or a person's."""
    closed: list[str] = []
    for m in reversed(list(_XML_TAG_RE.finditer(text, max(0, tag_at - _JSON_SPAN), tag_at))):
        end_tag, name, empty = m.groups()
        if empty:
            continue
        if end_tag:
            closed.append(name)
        elif closed and closed[-1] == name:
            closed.pop()
        else:
            if name.lower() in _JSON_CONTAINERS or _JSON_PERSON_RE.search(name):
                return None
            found = _words_class(camel_words(name, "_-."))
            return None if found is not None and found[0] in _CONTEXT_CLASS else OTHER_ID
    return None


# An identifier's system before its value, as FHIR writes one in JSON or XML ("system":
# "https://fhir.nhs.uk/Id/nhs-number", "value": "..."; <system value=".../order-number"/>).
_SYSTEM_RE = re.compile(r'system"?[ \t]*(?::|value=)[ \t]*"([^"\s]{4,200})"[^{}<]{0,80}?(?:<value\b[^>]*|"value"[^"]*)"?$')


def _identifier_system(text: str, start: int) -> tuple[str, str] | None:
    """(class, key) for a value whose identifier's system is named right before it: the
    system's last word ("nhs-number", "order-number")."""
    m = _SYSTEM_RE.search(text, max(0, start - 320), start)
    if m is None:
        return None
    last = m.group(1).rstrip("/").rpartition("/")[2].rpartition("#")[2].rpartition(":")[2]
    words = camel_words(last, "_-.")
    return _words_class(words) if words.strip() else None


# "on" ending a clause that calls someone: the number after it is a phone number.
_CALLED_ON_RE = re.compile(
    r"(?i)\b(?:call|calling|ring|ringing|phone|phoning|dial|dialling|text|texting|reach)\b[^.!?;\n]{0,40}\bon$"
)


# A field of a message's header pasted as text ("X-Campaign: ...", "X-Mailer-Job: ..."),
# a tagged bibliographic record's field ("M3  - ", "AN  - ", RIS), a GS1 element string's
# application identifier after a GTIN ("(01)05012345678900(17)270630(21)...").
_PASTED_FIELD_RE = re.compile(
    r"(?:^|\n)[ \t>]*(?:X-[A-Za-z0-9\-]{1,60}:|(?!N[12]|AB|KW|T[1-3I])[A-Z][A-Z0-9][ ][ ]-)[ \t]*$"
    r"|\(01\)[0-9]{14}[^\s]{0,60}\([0-9]{2,4}\)$"
)


def _label_otherwise(body: str, window: str) -> tuple[str, str] | None:
    """A label not written as one: a JSON value's key, a clause that calls someone "on"
    the number ("call NHS Pensions on 345 600 1207", "ring HMRC - they're on ..."), a
    pasted header's, a bibliographic record's or a barcode's field (_PASTED_FIELD_RE)."""
    if body[-1:].isalnum() and '"' in window[-48:]:
        found = _json_key(window)
        if found is not None:
            return found
    if (":" in window[-8:] or "=" in window[-8:] or window[-1:] == ">") and body[-1:].isalnum():
        found = _data_key(window)
        if found is not None:
            return found
    if _called_on(body):
        return PHONE, "on"
    m = _PASTED_FIELD_RE.search(window)
    if m is not None and (not m.group().lstrip("\n \t>").startswith("X-")
                          or _words_class(m.group().strip(" \t\n>:-")) is None):
        return OTHER_ID, "field"  # but "X-NHS-Number:" names its value
    return None


def _called_on(body: str) -> bool:
    """``body`` ends a clause that calls someone "on" a number, and names no health number."""
    m = _CALLED_ON_RE.search(body[-64:])
    return m is not None and _health_label_before(body, len(body)) is None


def _camel_label(body: str) -> tuple[str, str] | None:
    """The label of a form field's or a property's name written as one word ("InvoiceNumber",
    "PONumber", "nhsNo")."""
    if not CAMEL_BOUNDARY.search(body, max(0, len(body) - 24)):
        return None
    return _words_class(camel_words(body[-64:]))


def _label_body(window: str) -> tuple[str, str]:
    """(the text a label ends, what stands between it and the number) for the text before a
    number: "Reference (UTR) 4526018155", "[NHS] 4526018155", "<OrderNumber><![CDATA[...":
    an element names a value in CDATA."""
    body = window.rstrip(_FILL + ")]")
    between = window[len(body):]
    if body.endswith("<![CDATA") and len(between) <= 8:
        body = body[:-8].rstrip(_FILL + ">")
    if "^FD" in body:  # a label printer's field start before the label ("^FDCHI: ...", ZPL)
        body = body.replace("^FD", "   ")
    return body, between


def label_class(text: str, start: int, backwards: str = "", cap: int = 64, tabular: bool = False) -> str | None:
    """The class of the label right before ``start`` ("nhs_number", "patient", "phone", "other_id"...).

    Plain string work and dictionary look-ups, no regex alternation: it runs
    for most candidates, and there are hundreds of labels.
    """
    lo = max(0, start - cap)
    window = text[lo:start]
    body, between = _label_body(window)
    if not body or (len(between) > 8 and not _quoted_line_start(between)):
        return None
    found = _words_class(body) or _camel_label(body) or _label_otherwise(body, window) or _label_further(text, start, body)
    if found is None and "(" in body[-10:]:
        # a short name in brackets after the label: "Unique Learner Number (ULN): ..."
        cut = body.rfind("(")
        if body[cut + 1:].isalnum():
            found = _words_class(body[:cut].rstrip(_FILL))
    if between[:1] == ")" and (found is None or found[0] not in _NUMBER_LABELS):
        found = _label_before_remark(body) or found
    if found is None and body[-1:] == "," and "\n" not in between:
        found = _listing_label(body)
    if found is None:
        return _shaped_label(text, lo + len(body), between)
    cls, key = found
    if key in _EVENT_NOUNS and between[:1] == " " and between.strip(" \t\u00a0") in _TITLE_DASHES:
        return None  # "Best interests meeting - 4526018155": a title, then whom the meeting is about
    if "\n" in between:
        # A label on the line before counts only when it is that whole line ("NHS number:"),
        # or when the line ends in its "is" or "was": a sentence hard-wrapped before its number
        # ("Your case reference is" / "6103691354. Visiting is ...").
        if tabular:
            return None
        line = body[body.rfind("\n") + 1:] if "\n" in body else text[text.rfind("\n", 0, lo) + 1:lo] + body
        if not _norm(line).lstrip(_LEADING + " ->").startswith(key) and not body.endswith(_COPULA_ENDS):
            return None  # (">": a reply's quote markers)
    if len(key) == 1:
        # "T: 452..." is a phone cue; "M. 452" or "item d 452" is not.
        if ":" not in between:
            return None
    if cls == "id" and _id_of_a_thing(text, lo, window, body, between):
        return OTHER_ID  # "Merchant ID", "Device ID": another thing's identifier
    if key in _PURPOSE_WORDS and ":" in between and "\n" not in between:
        # "NHS number (for reference):", "quote your NHS number when you call:"
        return _health_label_before(text, start - len(window) + len(body) - len(key)) or cls
    return cls


# An event's bare noun, a spaced dash, then the number: a meeting's title and its subject, as
# invitations and calendars write them, not the meeting's ID ("meeting ID", "meeting: ...").
_EVENT_NOUNS = frozenset(("meeting", "conference", "webinar", "session"))
_TITLE_DASHES = frozenset(("-", "\u2013", "\u2014"))


def _id_of_a_thing(text: str, lo: int, window: str, body: str, between: str) -> bool:
    """A bare "ID" before the number (``window``, from ``lo``) is another thing's: a thing's name
    before it ("Merchant ID"), a pasted field's, or the id of a JSON object or an XML element
    that is another thing ('"ticket": {"id": ...', "<Order><ID>")."""
    if _qualified_id(body) or _PASTED_FIELD_RE.search(window):
        return True
    if '"' in between + body[-4:]:
        key = _JSON_ID_RE.search(window)
        if key is not None:
            return _json_owner(text, lo + key.start()) == OTHER_ID
    if "<" in body[-12:]:
        tag = _XML_ID_RE.search(window)
        if tag is not None:
            return _xml_owner(text, lo + tag.start()) == OTHER_ID
    return False


# A label the lists do not know, read from its shape (_shaped_label): an acronym or a short
# word before "number", "no", "ref", "code" ("SD number", "EDI no", "gift aid number"), or an
# acronym alone or with one noun right before the number ("WO 4788036924", "URN", "CAS alert").
_SHAPED_NAMING = frozenset(("no", "nos", "num", "number", "nr", "nbr", "ref", "code", "#"))
_ACRONYM_RE = re.compile(r"[A-Z][A-Z0-9&]{1,5}")
_SHAPED_WORD_RE = re.compile(r"[A-Za-z][A-Za-z0-9&#]*\.?")
# Short words before "number" that name no thing: whose, which, how many.
_SHAPED_NOT = frozenset((
    "a an the any one two six ten her his its our my new old own you who and for per via all few due same "
    "and not nor but this that such other what which whose your their re fw fwd aw sv tr wg vs ref no tel fax"
).split())
# Acronyms of the health numbers and of patients' records, and the context words written in
# capitals ("GP", "DOB"): never another thing's name.
_HEALTH_ACRONYMS = frozenset(
    [k for k, c in _LABEL_CLASS.items() if c in (NHS, CHI, HC, "patient", "id") and " " not in k]
    + [w.lower() for w in ("GP", "DOB", "MRN", "CHI", "HCN", "NHS", "HSC", "PAS", "EPR", "EHR", "PID", "UPI")]
)
_DIGITS_AT_RE = re.compile(r"[0-9](?:[ \-]?[0-9])*")
_SHAPED_BETWEEN = " :#.-\u00a0"  # (not "_", a tab, a bar or a line break: a file's name, a cell, a line)
_SHAPED_REACH = 40  # characters before a number read for its shaped label


_WORD_START_RE = re.compile(r"(?<![\w'])[A-Za-z]")


def _shaped_label(text: str, end: int, between: str) -> str | None:
    """NAMED_ID or ACRONYM_ID for a label no list holds that text[:end] ends with, right
    before the number (``between``: what stands between, on one line): "SD number", "ESR
    no.", "gift aid number" (NAMED_ID); "WO", "PPM", "URN", "CAS alert" (ACRONYM_ID). Not a
    health number's or a patient record's acronym, a reply's "RE:", nor a person's name
    ("LEE Joan", "Joan LEE")."""
    if not between or between.strip(_SHAPED_BETWEEN):
        return None
    words = _SHAPED_WORD_RE.findall(text, max(0, end - _SHAPED_REACH), end)
    if not words or not text[end - 1:end].isalnum() and text[end - 1:end] not in ".#":
        return None
    last = words[-1].rstrip(".")
    low = last.lower()
    if low == "code" and text[end - 5:end - 4] == "(":
        # "Profiling bed x 10 (code 4544...)": the code of the thing before its bracket, no person's
        at = end - 5
        lo = max(text.rfind("\n", 0, at) + 1, at - 40)
        starts = [m.start() for m in _WORD_START_RE.finditer(text, lo, at)][-4:]
        return None if any(person_at(text, i, at) for i in starts) else NAMED_ID
    if low in _SHAPED_NAMING and len(words) >= 2:
        head = words[-2].rstrip(".")
        if head.lower() in _HEALTH_ACRONYMS or head.lower() in _SHAPED_NOT or head.lower() in _TITLES:
            return None
        if _ACRONYM_RE.fullmatch(head) or (head.isalpha() and head.islower() and len(head) >= 3):
            return NAMED_ID
        return None
    if low in _HEALTH_ACRONYMS or low in _SHAPED_NOT or low in _SHAPED_NAMING:
        return None
    acronym = len(words) - 1 if _ACRONYM_RE.fullmatch(last) else None
    if acronym is None and len(words) >= 2 and last.isalpha() and len(last) >= 3 and last[1:].islower():
        head = words[-2].rstrip(".")
        if _ACRONYM_RE.fullmatch(head) and head.lower() not in _HEALTH_ACRONYMS and head.lower() not in _SHAPED_NOT:
            acronym = len(words) - 2  # "CAS alert", "IRAS project"
    if acronym is None:
        return None
    digits = _DIGITS_AT_RE.match(text, end + len(between))
    if digits is not None and _named_row(text, digits.end()):
        return None  # "AMU 4526018155 Mrs Joan Example": a ward's list of patients
    at = text.rfind(words[acronym], max(0, end - _SHAPED_REACH), end)
    if (at and (text[at - 1].isalnum() or text[at - 1] in "_/.@")) or words[acronym].lower() in given_names():
        return None  # "ROE_JANE_4526018155.pdf": a file's name; "JANE": a name
    before = text.rfind("\n", 0, at) + 1
    lead = text[max(before, at - 24):at].split()
    if person_at(text, at, end) or (lead and (lead[-1].lower().rstrip(".") in _TITLES
                                             or person_at(text, text.rfind(lead[-1], before, at), end))):
        return None  # "Mrs LEE", "Joan LEE", "LEE Joan": a name in capitals
    return ACRONYM_ID


# An aside in brackets between a label's noun and its "no.": "customer account (Riverside
# House site) no.", "Invoice (copy) no.".
_ASIDE_RE = re.compile(r"[ \t]*\([^()\n]{1,40}\)(?=[ \t]*[\w.#\u00b0]{1,8}$)")


def _label_around_aside(body: str) -> tuple[str, str] | None:
    """The label ``body`` ends with once a bracketed aside inside it is taken out."""
    m = _ASIDE_RE.search(body, max(0, len(body) - 60))
    return None if m is None else _words_class(body[:m.start()] + " " + body[m.end():].lstrip())


def _label_further(text: str, start: int, body: str) -> tuple[str, str] | None:
    """A label a few words before the number: an identifier system's before its "value", a
    label before "was" or "is", a label around a bracketed aside."""
    if body.endswith("value"):
        return _identifier_system(text, start)
    if body.endswith(_COPULA_ENDS):
        return _label_then_copula(body)
    if ")" in body[-12:]:
        return _label_around_aside(body)
    if body[-1:] in "g.es" and (m := _EXAMPLE_RE.search(body, max(0, len(body) - 40))) is not None:
        return _words_class(body[:m.start()])  # "a valid purchase order number, e.g."
    return None


# An example's marker between a label and the number it shows: "order number, e.g.", "NHS
# number, for example", "... such as".
_EXAMPLE_RE = re.compile(r"(?i)[ \t,;(]+(?:e\.?g\.?|i\.?e\.?|for example|for instance|such as|like)$")


_COPULA_ENDS = (" was", " is", " were", " are", " Was", " Is")
# A participle opening a clause between a label and its copula ("shown", "printed", "quoted").
_PARTICIPLE_RE = re.compile(r"[a-z]{2,}(?:ed|wn|en)|given|seen|sent|put|read|held|kept|left|used|set")


def _label_then_copula(body: str) -> tuple[str, str] | None:
    """A label, up to three words of when or which, then "was" or "is" that ``body`` ends
    with: "our HMRC submission receipt last month was", "the order number for March is";
    or a label and a clause of up to five words that a participle opens: "the batch ID
    shown on the dashboard was", "her NHS number printed on the letter is"."""
    words = body[-64:].split()
    first: tuple[str, str] | None = None
    for drop in (2, 3, 4, 5, 6):  # the copula and one to five words before it
        if len(words) <= drop:
            break
        if drop > 4 and not _PARTICIPLE_RE.fullmatch(words[-drop]):
            continue
        found = _words_class(" ".join(words[:-drop]))
        if found is not None and found[1] in _HEALTH_LABEL_WORDS:
            return found  # "her NHS number last time was": the health number's, not the time's
        if found is None or found[0] not in _NUMBER_LABELS:  # "your Health and Care visa is": a visa
            first = first or found
    return None if first is None or first[0] == "id" else first


# Things a patient has or is, whose plural before a comma may introduce the patients' own
# numbers ("the samples, 4526018155 and ...", "two cases, ...", "the CHC claims, ...").
_PATIENTS_THINGS = frozenset((
    "case", "visit", "encounter", "sample", "specimen", "aliquot", "accession", "booking", "reservation", "request",
    "member", "participant", "client", "candidate", "applicant", "student", "learner", "user", "item", "session",
    "claim", "application", "delivery", "registration", "certificate", "card", "document", "doc", "message",
    "randomisation", "randomization",
))


def _listing_label(body: str) -> tuple[str, str] | None:
    """The plural of another thing's label and a comma that ``body`` ends with: the things
    named, then their numbers ("the status of our two previous orders, 4526018155 and ...",
    "three invoices, ..."). Not a patient's things ("the samples, ...")."""
    head = body[:-1].rstrip()
    last = head[head.rfind(" ") + 1:].lower()
    found = _plural_label(head, last)
    return None if found is None or found[1] in _PATIENTS_THINGS else found


def _quoted_line_start(between: str) -> bool:
    """What stands between a label and its number is a line break and a reply's quote markers
    at any depth after it ("NHS No:\n> > > > > > "): the label is the line before's."""
    cut = between.find("\n")
    return 0 <= cut <= 8 and not between[cut + 1:].strip(" \t>")


def _label_before_remark(body: str) -> tuple[str, str] | None:
    """A health number's label before a remark in brackets that ``body`` ends with ("NHS
    Number (one digit per box", "NHS no. (if known"): the remark qualifies it."""
    cut = body.rfind("(")
    if cut < 0 or len(body) - cut > 32:
        return None
    before = _words_class(body[:cut].rstrip(_FILL))
    return before if before is not None and before[0] in _NUMBER_LABELS else None


# Labels that, after a health number's label in the same phrase, say what the number is
# for, not what it is: "Your NHS number for reference:", "NHS number (please quote when
# you call):".
_PURPOSE_WORDS = frozenset(("reference", "ref", "call", "call us", "call me", "contact", "quote", "booking",
                            "confirmation",
                            # ... or where it came from: "Child's CHI as supplied by mum from her previous
                            # Scottish registration:"
                            "registration", "record", "records"))
# A health number's own name ("NHS number", "CHI no", "HCN"), not the service's ("NHS Jobs").
_HEALTH_LABEL_WORDS = {
    k: c for k, c in _LABEL_CLASS.items()
    if c in (NHS, CHI, HC) and (set(k.split()) & (_NAMING | {"id"}) or k in ("nhsno", "hcn"))
}
_PHRASE_PUNCT_RE = re.compile(r"[(),:\[\]\"']")
_PHRASE_STOP_RE = re.compile(r"[0-9;!?\n\r]|\.\s+(?=[A-Z])")  # "NHS no. (quote...": no stop


_CHI_WORD_RE = re.compile(r"\bCHI\b")
_HEALTH_LABEL_REACH = 72  # characters back from a purpose's word in which a health number's label starts its phrase


def _health_label_before(text: str, at: int) -> str | None:
    """The health number's class when a label of one starts the phrase that ends at
    ``at`` (at most _HEALTH_LABEL_REACH characters back, no digit or sentence break in between)."""
    lo = max(0, at - _HEALTH_LABEL_REACH)
    phrase = text[lo:at]
    stops = list(_PHRASE_STOP_RE.finditer(phrase))
    if stops:
        phrase = phrase[stops[-1].end():]
    return next((cls for key, _after in _word_runs(_phrase_words(phrase))
                 if (cls := _HEALTH_LABEL_WORDS.get(key)) is not None), None) or (
        CHI if _CHI_WORD_RE.search(phrase) else None)  # (a bare "CHI", in capitals: not "tai chi")


# Words before a bare "ID" that leave it bare ("your ID", "the ID").
_ID_QUALIFIERS_NOT = frozenset("a an the your my his her their our its this that new same and or of with".split())


_ID_OWNER_CUT_RE = re.compile(r"[,;:{}()\[\]<>'\"*\u2022]")  # what ends the word before "ID": "Smith, ID" has none


def _qualified_id(body: str) -> bool:
    """``body`` ends with a word naming a thing and then "ID" ("Merchant ID", "Store ID"):
    a health number's own labels ("NHS ID", "Patient ID") are matched before this."""
    words = _norm(camel_words(body[-40:])).split(" ")  # "RowID", "formId": "Row ID", "form Id"
    if len(words) < 2 or words[-1] not in ("id", "ids"):
        return False
    word = _ID_OWNER_CUT_RE.split(words[-2])[-1]  # "(survey ID 4526018155)", '...,"form_id": 4526018155'
    before = _ID_OWNER_CUT_RE.split(words[-3])[-1] if len(words) > 2 else ""
    if before in _TITLES or before in given_names():
        return False  # "Mrs Jones ID", "Jane Smith ID": a person's
    return len(word) >= 3 and word.isalpha() and word not in _ID_QUALIFIERS_NOT


_CONTEXT_CLASS = {NHS: NHS, CHI: CHI, HC: HC, "patient": "patient"}
_NUMBER_LABELS = frozenset((NHS, CHI, HC))

# A dialling prefix right before the number: "+44 ", "+1-", "(+44) ", "0044 ", "00 1 ",
# "+44 (0)", a NANP "1-", a UK trunk "0 " or "(0)".
_DIAL_RE = re.compile(
    r"(?:(?P<plus>\+|(?<![0-9])00)[\s\u00a0]*\(?[\s\u00a0]*(?P<cc>[1-9][0-9]{0,2})[\s\u00a0]*\)?"
    r"|(?<![0-9.,])(?P<one>1)(?P<onesep>[\-. ])"
    r"|(?P<trunk>\([\s\u00a0]*0[\s\u00a0]*\)|(?<![0-9.,])0))"
    r"[\s\u00a0\-.\u2010-\u2015\u2212/]{0,3}(?:\([\s\u00a0]*0[\s\u00a0]*\)[\s\u00a0\-.]{0,3})?$"
)
# "ext 12", "x12", and other languages' words: Polish "wew.", Russian "доб.", French "poste".
_EXT_RE = re.compile(r"[\s,;(]{0,3}(?:ext|extn|extension|x|wew|доб|poste)\.?[\s:]{0,2}[0-9]{1,6}(?![0-9])", re.I)
_EXT_FIRST = frozenset("xXwWдДpP")  # a letter each of those words holds: a cheap test before the pattern
_URL_TOKEN_RE = re.compile(r"://|^www\.|^[\w\-]+(?:\.[\w\-]+)+/|[?&=]", re.I)
# A path on a line that a URL begins: the rest of a link whose tracking parts were cut out
# ("https://cdn.example.org/ a f c /images/logo_", as a document's links are read), not a
# file's path in a sentence ("saved to /shared/letters/ROE_JANE_...").
_PATH_TOKEN_RE = re.compile(r"~?/[\w\-.%]+/")
_LINK_LINE_RE = re.compile(r"[ \t>]*[A-Za-z][A-Za-z0-9+.\-]{1,15}://")
# A log's field ("path=", "file=") whose value is a file's path, a share's (\\server\share), a
# drive's (C:\) or a Unix one: no URL's query, whatever its "=" reads as.
_FIELD_PATH_RE = re.compile(r"[A-Za-z_][\w\-.]*=[\"']?(?=\\\\|[A-Za-z]:\\|/(?!/))")
_DOI_RE = re.compile(r"10\.[0-9]{4,9}/")
_QUERY_KEY_RE = re.compile(r"([A-Za-z_][\w\-]*)=$")
_PATH_KEY_RE = re.compile(r"/([A-Za-z_][\w\-]*)/$")
# A key's or a path segment's words: "nhsNumber", "patient_id", "by-nhs-number", "NHSNo".
_KEY_WORD_RE = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")
# The word of a key that names a health number, and what may follow it: "nhs", "nhsNumber",
# "patient_id", "by-nhs-number" name one; "nhsjobs", "patientInfoLeafletId" do not.
_KEY_HEADS = {"nhs": NHS, "chi": CHI, "hcn": HC, "hc": HC, "mrn": "patient", "patient": "patient", "patients": "patient"}
_KEY_TAILS = frozenset(("no", "num", "number", "numbers", "nr", "id", "ids", "record", "records"))
# ... and words that name one only with such a tail: "hospital_no", "ris_pat_id", "pas_id" (a
# Patient Administration System's number).
_TAILED_HEADS = {"hospital": "patient", "hosp": "patient", "pat": "patient", "pt": "patient", "pas": "patient"}
_JOINED_KEYS = {head + tail: label for heads in (_KEY_HEADS, _TAILED_HEADS) for head, label in heads.items()
                for tail in _KEY_TAILS}
# A path segment's or a key's last word that names a record, not whose: "/record/", "/Results/",
# "?ehrId=". The number after one is a patient's on a health service's host (_HEALTH_HOSTS), or
# with patient or clinical words around it (RECORD_LINK).
_RECORD_KEYS = frozenset((
    "record", "records", "chart", "charts", "result", "results", "ehr", "epr", "emr", "casenote", "casenotes",
))
# ... and keys that name a patient's number only on a health service's host: "?pid=" is a
# product's or a page's on a shop's.
_HEALTH_HOST_KEYS = frozenset(("pid", "pids"))
_HEALTH_HOSTS = ("nhs.uk", "nhs.net", "nhs.scot", "nhs.wales", "hscni.net")
_HOST_RE = re.compile(r"(?:[A-Za-z][\w+.\-]*://)?(?:[^/@?#\s]*@)?([\w\-]+(?:\.[\w\-]+)+)")
# A query parameter's key: "id", "idType", "ris_pat_id".
_PARAM_KEY_RE = re.compile(r"[A-Za-z_][\w\-.]*")
# Keys that say only that a value follows ("id", "value", "identifier"): another parameter
# of the query may name it. Keys whose last word says what kind of value another one is
# ("idType", "identifierType", "system").
_VALUE_KEY_WORDS = frozenset(("id", "ids", "value", "val", "v", "identifier", "ident", "number", "no", "num", "nr",
                              "ref", "code", "key"))
_TYPE_KEY_WORDS = frozenset(("type", "system", "scheme", "kind", "namespace"))
_BIBLIO_RE = re.compile(
    # "(2018)", "Livingstone; 2018." and "BMJ 2019;358:" (Vancouver), "et al."
    r"(?i)\bisbn|\((?:19|20)[0-9]{2}\)|;[ ]?(?:19|20)[0-9]{2}[.;:]|\bet al\b|\b(?:press|publish\w*|edition|ed\.|eds\.|pp\.|vol\.|books|penguin|"
    r"routledge|wiley|springer|elsevier|oxford university|cambridge university|sage|hardcover|paperback)\b"
)
_EMAIL_OR_WEB_RE = re.compile(r"@[\w\-]+\.|www\.|https?://", re.I)
# Words that, in the clause a bare number stands in, say what else it is: a parcel's or
# an invoice's reference, a caller's number ("Track your parcel with ...", "Requisition
# ... approved", "voice message from ..."). Only words a clinical sentence seldom uses
# ("order", "called", "meeting", "booked" and "delivered" it does). Weaker than a label
# right before the number: patient or clinical words nearby outweigh them.
_OTHER_CLAUSE_RE = re.compile(
    r"(?i)(?<![\w-])(?:parcels?|couriers?|track|tracking|tracked|shipments?|shipped|consignments?|invoices?|invoiced"
    r"|requisitions?|purchases?|quotes?|quotations?|reservations?|flights?|tickets?|refunds?|payments?|paid"
    r"|transactions?|voicemails?|voice messages?|missed calls?|callers?|caller id|sms|whatsapp|faxed"
    r"|usernames?|log[ -]?in|login|imei|serials?|webinars?|zoom|passcodes?|passwords?|pw|pwd|pin|barcodes?|sku|isbn"
    r"|vat|utr|fax|phone|telephone|mobile|cell|cellphone|landline|reach (?:me|us|him|her|them)|contact|bacs"
    r"|remittances?|timesheets?|statements? of account|(?:customer |company |charity )?account (?:number|no)"
    r"|(?:customer|company|charity) (?:number|no)"
    # goods, kit and ledgers: supplies, IT and finance speak of them, clinical sentences seldom
    r"|cartons?|pallets?|manifests?|laptops?|desktops?|disposal certificates?|catering|reagents?|analy[sz]ers?"
    r"|calibrators?|qc run|pence|ledgers?|working papers?|goods in|stock (?:check|take|level)s?"
    # carriers, bookings, property, devices, accounts and software: what else a bare ten digits are
    r"|dhl|dpd|ups|fedex|parcelforce|royal mail|yodel|evri|tnt|citysprint|waybill|air ?waybill|awb|hotel|folio"
    r"|bookings?|confirmation (?:number|no|code)|uprn|title number|land registry|loggers?|data loggers?|vehicles?"
    r"|trackers?|telematics|cmdb|assets?|asset tags?|devices?|firmware|licen[cs]es?|licen[cs]e keys?|subscriptions?"
    r"|client secret|api keys?|tokens?|credentials|seed|random seed|visa|home office|ukvi|meeting rooms?"
    r"|virtual (?:meeting )?rooms?|vmr|sip|dial[ -]in|conference (?:id|number)|claims?|insurers?|policy (?:number|no)"
    r"|sort code|bank|bgc|direct debit|standing order|cheque|receipted|oracle"
    # software and data: jobs, runs, imports, queries, tables, lots and contracts
    r"|contracts?|jobs?|job_id|runs?|imports?|exports?|extracts?|sql|database|schema"
    r"|lots?|udi|gtin|gs1"
    # orders: a purchase order's abbreviation written as its label, a supplier's stock
    r"|po (?:no|number|num|ref)|\(po\)|orders? (?:no|number|ref)|supply chain|back-?order(?:ed|s)?|out of stock"
    r"|payroll|deductions?)(?![\w-])"
    # an amount of money in the same clause: an invoice's, an order's, a payment's line
    r"|\u00a3[ \t]?[0-9]|\bGBP[ \t]?[0-9]"
)
# Words of buying, stock and carriage; "order" not in "in order to" (the trade of a message,
# detectors.trade; a table's rows of things, _Scorer._of_things).
TRADE_WORDS_RE = re.compile(
    r"(?i)(?<![\w-])(?:deliver(?:y|ies|ed|ing)?|dispatch(?:ed)?|despatch(?:ed)?|goods[ -]?(?:in|inwards|received)"
    r"|grn|p\.?o\.?|purchase orders?|sales orders?|(?<!in )orders?|ordered|invoices?|invoiced|vans?|couriers?"
    r"|back[ -]?order(?:s|ed)?|eta|stock|suppliers?|shipments?|shipped|shipping|tracking|consignments?|pallets?"
    r"|quotes?|quotation|credit notes?|remittance|carriage|lead times?|proforma|requisitions?|sap|oracle"
    r"|e-?procurement|punch-?out|loan kits?|haulier|dpd|dhl|ups|fedex|parcelforce|royal mail"
    r"|in transit|out for delivery|returned to sender"
    # ... and of paying for it: a payment run, a BACS transfer, an overdue account
    r"|paid|payments?|payment runs?|bacs|chaps|overdue|statements? of account|purchase ledger|accounts payable"
    r"|vat)(?![\w-])"
)
# A patient's label in words ("patient", "Hospital No"), not an abbreviation goods share ("Pt No", "MRN").
_PATIENT_WORD_RE = re.compile(r"(?i)\b(?:patient|hospital|service user|resident)")
# Trade, stock and systems, but not calls: a patient's record gives their phone number too.
_TRADE_CLAUSE_RE = re.compile(
    r"(?i)(?<![\w-])(?:invoices?|invoiced|requisitions?|purchases?|quotes?|quotations?|vat|remittances?|ledgers?"
    r"|receipted|oracle|sap|goods in|stock|suppliers?|vendors?|parts?|spares?|lead time|each|cmdb|asset tags?"
    r"|serials?|firmware|client secret|api keys?|passwords?|vehicles?|bookings?)(?![\w-])"
    r"|\u00a3[ \t]?[0-9]|\bGBP[ \t]?[0-9]"
)
_CLAUSE_BREAK_RE = re.compile(r"[.!?;]\s|[\n\r]")

# What says a text's people are in North America, where ten digits written 3-3-4 with
# dashes or dots are a phone number (area codes 320-399 fall in the H&C range, many
# 4xx-7xx in the NHS number's): another number in the North American ways only ("(713)
# 555-0166", "+1 ..."), a city's state and ZIP code ("Boise, ID 83702"), the countries'
# names, "US-based", a North American time zone ("Mountain Time", "10am ET"), a "Cell:".
# Not "US" alone (an ultrasound's), nor a zone's letters without a time ("MST" a tablet's),
# nor "CT" or "MT" even with one ("14:30 CT" is a scan's).
_NORTH_AMERICA_RE = re.compile(
    r"\([ \u00a0]?[2-9][0-9]{2}[ \u00a0]?\)[ \u00a0]?[2-9][0-9]{2}[-.\u2010\u2011][0-9]{4}(?![0-9])"
    r"|\+[ \u00a0]?1[ \u00a0.\-]?\(?[2-9][0-9]{2}\)?[ \u00a0.\-]?[2-9][0-9]{2}[ \u00a0.\-]?[0-9]{4}(?![0-9])"
    r"|[a-z],[ \u00a0](?:A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|RI|S[CD]|T[NX]"
    r"|UT|V[TA]|W[AVIY])[ \u00a0]+[0-9]{5}(?:-[0-9]{4})?(?![0-9])"
    r"|\b(?:USA|U\.S\.A?\.|United States|Canada|North America|US[- ](?:based|office|team|site|contractor|partner|colleague"
    r"|number|phone|cell|mobile|time|hours))(?![\w-])"
    r"|\b(?:Eastern|Central|Mountain|Pacific)(?: Standard| Daylight)? [Tt]ime\b"
    r"|[0-9](?:[ap]m|:[0-5][0-9])[ \u00a0]?(?:[ECMP][SD]T|ET|PT)\b"
    r"|\b(?:[Cc]ell|CELL)[ \t]*[:#]|\b[Cc]ell[ -]?phones?\b"
)
_NANP_WRITTEN_RE = re.compile(r"[0-9]{3}([-.\u2010\u2011])[0-9]{3}\1[0-9]{4}")
_TOKEN_STOP = " \t\r\n<>\"'()[]{}|"
_TOKEN_AFTER_RE = re.compile("[^" + re.escape(_TOKEN_STOP) + "]{0,300}")

_PHONE_CALLS = 2000  # phonenumbers calls per text; past it a prefix alone decides


@functools.lru_cache(maxsize=8192)
def _valid_phone(prefix: str, digits: str, region: str) -> bool:
    """Is ``prefix + digits`` a valid phone number (``region`` for national forms)?"""
    try:
        number = phonenumbers.parse(prefix + digits, region)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(number)


@dataclass
class _Budget:
    phone_calls: int = _PHONE_CALLS


def _dial_evidence(text: str, cand: Candidate, budget: _Budget) -> tuple[float, int]:
    """(score, where the prefix starts) for a dialling prefix right before the candidate."""
    start = cand.start
    lo = max(0, start - 16)
    m = _DIAL_RE.search(text, lo, start)
    if m is None:
        return 0.0, start
    digits = cand.digits
    if m.group("plus"):
        cc = m.group("cc")
        if budget.phone_calls > 0:
            budget.phone_calls -= 1
            return (DIAL_VALID if _valid_phone("+" + cc, digits, "ZZ") else DIAL), m.start()
        return DIAL, m.start()
    if m.group("one"):
        # "1-617-864-0455": the same joiner as inside the number.
        if cand.form == GROUPED and cand.sep.strip(SPACES) == m.group("onesep").strip() and (
            m.group("onesep") != " " or cand.sep == " "
        ):
            return NANP_ONE, m.start()
        if cand.form == GROUPED and cand.sep.strip(SPACES) and budget.phone_calls > 0:
            # "1 713-853-3845": a North American number, when it is a valid one
            budget.phone_calls -= 1
            if _valid_phone("+1", digits, "ZZ"):
                return NANP_ONE, m.start()
        return 0.0, start
    # A UK trunk 0: no UK number starts 04 or 06, so 4xx/6xx numbers never complete one.
    if digits[0] in "46" or "\t" in m.group() or "\n" in m.group():
        return 0.0, start
    if budget.phone_calls <= 0:
        return DIAL, m.start()
    budget.phone_calls -= 1
    # "0 7xx xxx xxxx" is written as a UK phone number even when no such number exists.
    return (DIAL_VALID if _valid_phone("0", digits, "GB") else DIAL), m.start()


_BARE_CC_RE = re.compile(r"(?<![0-9+])([1-9][0-9]{0,2})[ \u00a0]+$")


def _bare_country_code(text: str, cand: Candidate, budget: _Budget) -> tuple[float, int]:
    """(score, where the code starts) for a country code written without its "+" between a
    phone cue and the number ("T: 44 793 387-7788", "Mob 33 612 345 678"), when the two make
    a valid phone number."""
    m = _BARE_CC_RE.search(text, max(0, cand.start - 6), cand.start)
    if m is None or budget.phone_calls <= 0 or label_class(text, m.start()) != PHONE:
        return 0.0, cand.start
    budget.phone_calls -= 1
    if _valid_phone("+" + m.group(1), cand.digits, "ZZ"):
        return DIAL_VALID, m.start()
    return 0.0, cand.start


def _token_before(text: str, start: int) -> str:
    lo = max(0, start - 300)
    i = start
    while i > lo and text[i - 1] not in _TOKEN_STOP:
        i -= 1
    return text[i:start]


# Labels of another thing's number: a list of numbers under one is a list of those things.
_LISTED_AS = frozenset((OTHER_ID, PHONE, NAMED_ID, ACRONYM_ID))

# What a label right before a number says against it: (score, category).
_AGAINST = {
    PHONE: (PHONE_CUE, PHONE),
    PHONE_WEAK: (OTHER_CLAUSE, PHONE),
    OTHER_ID: (OTHER_LABEL, OTHER_ID),
    "id": (ID_LABEL, OTHER_ID),
    NAMED_ID: (NAMED_LABEL, OTHER_ID),
    ACRONYM_ID: (ACRONYM_LABEL, OTHER_ID),
}


def local_evidence(
    text: str, cand: Candidate, backwards: str, budget: _Budget, tabular: bool = False
) -> tuple[float, str, str | None]:
    """(score, category against, label class) from what is written right around a candidate."""
    start, end = cand.start, cand.end
    score = 0.0
    category = ""
    prev = text[start - 1] if start else "\n"

    dial, label_at = 0.0, start
    if prev.isdigit() or prev in " \u00a0-.)(/" or prev in DASHES:
        dial, label_at = _dial_evidence(text, cand, budget)
    elif prev == "+" and not (start >= 2 and text[start - 2].isalnum() and "=" in _token_before(text, start - 1)):
        # "+6657265638": its first digits are a country code; in a query's value after a
        # word, a "+" is a space ("?q=nhs+number+6657265638")
        dial, label_at = DIAL, start - 1
    if dial:
        score += dial
        category = PHONE
    label = label_class(text, label_at, backwards, tabular=tabular) or _hl7_label(text, prev, start, end)
    label = _ocr_read_label(text, cand, label_at, label)
    path = _hl7_path_label(text, prev, start) if label is None else None
    label = label or path
    if label is None and not tabular and prev in _JOINER_ENDS:
        label = _list_label(text, start) if start > 12 else None
        if label is None and not dial and prev != "\n":
            # "T: 44 793 387-7788": a country code without its "+", after a phone cue
            dial, label_at = _bare_country_code(text, cand, budget)
            if dial:
                score += dial
                category = PHONE
                label = PHONE
    # Tested here, not in _link_evidence: most numbers follow a space or a line break, and skip the call.
    link, named = (_link_evidence(text, start, end) if (prev not in " \n\t,;" or "/" in text[max(0, start - 2):start])
                   and path is None else (0.0, None))  # ("pid.3=" is a field's path, no URL's query)
    if named is not None and not dial and label not in _CONTEXT_CLASS:
        # A URL's query key or path names the number, whatever its words read as a label
        # say: "?ris_pat_id=" (a patient's), not a "pat" ID.
        label = named
    if label in (NHS, CHI, HC, "patient"):
        if dial:
            return score, category, None  # "NHS no +44 7..." is not a health number
    elif label in _AGAINST:
        delta, against = _label_against(text, label, label_at, cand)
        score += delta
        category = against if against == PHONE else category or against

    if label is None and not dial and link != RECORD_LINK:  # (".../patients/4526018155", named above, is not "INV/4526018155")
        before, cat = _glued_before(text, start, prev)
        if not before and prev in _JOINER_ENDS and _after_a_phone(text, start):
            before, cat = SIBLING_PHONE, PHONE
        if before:
            score += before
            category = cat
    after, category = _glued_after(text, end, category, cand.form == GROUPED)
    score += after
    if link:
        score += link
        category = LINK
    return score, category, label


# An HL7 v2 identifier's components after its number (the CX type: number^check digit^check
# scheme^assigning authority^identifier type): "|4526018155^^^NHS^NH|" in a PID segment.
_HL7_CX_RE = re.compile(r"\^[^\^|~\r\n]{0,4}\^[^\^|~\r\n]{0,12}\^([^\^|~\r\n]{0,64})\^?([A-Za-z]{0,6})(?=[\^|~\r\n]|$)")
# The identifier types HL7 names patients' numbers with (table 0203): "NH", the NHS number's
# as UK interfaces use it; a medical record's, a patient's internal and external numbers.
_HL7_TYPES = {"nh": NHS, "nhs": NHS, "nhsnbr": NHS, "chi": CHI, "hcn": HC, "mr": "patient", "mrn": "patient",
              "pi": "patient", "pt": "patient", "pe": "patient"}
# The NHS number's OID, as an assigning authority's universal id ("NHS&2.16.840.1.113883.2.1.4.1&ISO").
_NHS_OID = "2.16.840.1.113883.2.1.4.1"


# Fields HL7 v2 gives a message's, a batch's, an order's, a visit's or a document's own number
# (segment, field): MSH-10 and MSA-2 the message control id a message is sent with and
# acknowledged by, the batch's and file's, ORC/OBR-2/3 the placer's and filler's order
# numbers, PV1-19 the visit number, TXA-12 the document's. A patient's numbers stand in PID-2/3/4.
_HL7_OTHER_FIELDS = frozenset((
    ("MSH", 10), ("MSA", 2), ("BHS", 11), ("BHS", 12), ("FHS", 11), ("FHS", 12), ("ORC", 2), ("ORC", 3),
    ("ORC", 4), ("OBR", 2), ("OBR", 3), ("PV1", 19), ("PV1", 50), ("TXA", 12), ("QAK", 1), ("QRD", 4),
))
_HL7_HEADERS = ("MSH", "BHS", "FHS")  # the field mark itself is their first field
_HL7_SEGMENT_RE = re.compile(r"[ \t>]*([A-Z][A-Z0-9]{2})\|")
_HL7_REACH = 4096  # characters of a segment read back for the field a number stands in


def _hl7_field(text: str, start: int) -> tuple[str, int] | None:
    """(segment, field number) of the HL7 v2 segment field the number at ``start`` begins
    ("MSA|AE|6178367155|..." -> ("MSA", 2)), or None if its line is no segment."""
    lo = max(0, start - _HL7_REACH)
    a = max(text.rfind("\n", lo, start), text.rfind("\r", lo, start)) + 1
    if a == 0 and lo:
        return None  # no line break within reach: no segment's line
    m = _HL7_SEGMENT_RE.match(text, a, start)
    if m is None:
        return None
    seg = m.group(1)
    bars = text.count("|", m.end() - 1, start)
    return seg, bars + 1 if seg in _HL7_HEADERS else bars


def _hl7_other(text: str, start: int) -> bool:
    """The number fills an HL7 v2 field of a message's, an order's or a visit's own number (_HL7_OTHER_FIELDS)."""
    return (text[start - 1:start] in ("|", "~") if start else False) and _hl7_field(text, start) in _HL7_OTHER_FIELDS


def _hl7_label(text: str, prev: str, start: int, end: int) -> str | None:
    """The class an HL7 v2 field names the number that starts it (``prev``, the character
    before it, a field's or a repeat's mark): another thing's in a field of a message's, an
    order's or a visit's own number (_HL7_OTHER_FIELDS); the health number's or the patient's an
    identifier's assigning authority or type names after it; else None."""
    if prev not in "|~":
        return None
    if _hl7_field(text, start) in _HL7_OTHER_FIELDS:
        return OTHER_ID
    if text[end:end + 1] != "^":
        return None
    m = _HL7_CX_RE.match(text, end)
    if m is None:
        return None
    authority, kind = m.group(1), m.group(2).lower()
    found = _HL7_TYPES.get(kind)
    if found is None and authority:
        first = authority.split("&", 1)[0]
        found = _LABEL_CLASS.get(_norm(first)) or (NHS if _NHS_OID in authority else None)
    return found if found in _CONTEXT_CLASS else None


# An HL7 v2 field written by its path as an interface engine's log or a mapping names it
# ("pid.3=4526018155", "PID-3.1: ...", "PV1_19=..."): the patient's identifiers stand in PID-2/3/4
# (the patient's number; its type unsaid), a message's, an order's or a visit's own in _HL7_OTHER_FIELDS.
_HL7_PATH_RE = re.compile(r"(?<![A-Za-z0-9])([A-Za-z][A-Za-z0-9]{2})[.\-_]([0-9]{1,2})(?:[.\-_][0-9]{1,2}){0,2}[ \t]*[=:][ \t]*[\"']?$")
_HL7_PATH_REACH = 24  # characters before a number read for its field's path
_HL7_PATIENT_FIELDS = frozenset((2, 3, 4))


def _hl7_path_label(text: str, prev: str, start: int) -> str | None:
    """The class the HL7 v2 field path right before the number names it (_HL7_PATH_RE): a
    patient's identifier's in PID-2/3/4, another thing's in a message's, an order's or a
    visit's own number's field (_HL7_OTHER_FIELDS); else None."""
    if prev not in "=: \t\"'":
        return None
    m = _HL7_PATH_RE.search(text, max(0, start - _HL7_PATH_REACH), start)
    if m is None:
        return None
    seg, field = m.group(1).upper(), int(m.group(2))
    if seg == "PID" and field in _HL7_PATIENT_FIELDS:
        return "patient"
    return OTHER_ID if (seg, field) in _HL7_OTHER_FIELDS else None


# Labels that say only that a number is someone's reference, not what kind of number it is.
_GENERIC_REFS = frozenset(("ref", "our ref", "your ref", "reference", "ref no", "reference number"))


def _label_against(text: str, label: str, at: int, cand: Candidate) -> tuple[float, str]:
    """(score, category) that another thing's label right before the number gives it (_AGAINST)."""
    if label == OTHER_ID and cand.form == GROUPED and _reference_as_nhs_writes(text, at, cand):
        if _person_beside(text, cand.start, cand.end):
            return GENERIC_REF + PERSON_BESIDE, OTHER_ID
        return GENERIC_REF, OTHER_ID
    return _AGAINST[label]


_FIELD_NAME_RE = re.compile(r"[ \t>*\-\u2022]*(?:[A-Za-z][A-Za-z .'/()]{0,30}:)?[ \t]*")
_TITLE_AT_RE = re.compile(r"(?:Mr|Mrs|Ms|Miss|Mx|Master|MR|MRS|MS|MISS)\.?[ \t]")
# Fields naming whoever sends, receives, asks or signs: a contact, not whom the form is about.
_CONTACT_FIELD_RE = re.compile(
    r"contact|from|\bto\b|\bcc\b|attn|attention|\bby\b|sender|author|sign|request|manager|buyer|supplier|officer"
    r"|clinician|consultant|doctor|nurse|therapist|staff|prepared|approved|authori[sz]ed|ordered|orderer|rep\b"
)
# A titled name (a doctor's title counted as one, never taken for a patient's: group 1).
_TITLED_RE = re.compile(r"(?<![A-Za-z])(?:Mr|Mrs|Ms|Miss|Mx|Master|MR|MRS|MS|MISS|(Dr|Prof|DR|PROF))\.?[ \t]+[A-Z]")
_BESIDE_LINES = 2  # lines above and below a number read for a person's name


def _person_beside(text: str, start: int, end: int) -> bool:
    """A person is named on the number's line or on one of the lines around it, alone or
    after a field's name ("Name: Mrs Joan Example", "Patient: EXAMPLE, Joan")."""
    a, b = _line_bounds(text, start, end)
    lo, hi = a, b
    for _ in range(_BESIDE_LINES):
        lo = text.rfind("\n", 0, max(0, lo - 1)) + 1 if lo > 0 else 0
        nxt = text.find("\n", hi + 1)
        hi = len(text) if nxt < 0 else nxt
    pos = lo
    while pos < hi:
        line_end = text.find("\n", pos, hi)
        line_end = hi if line_end < 0 else line_end
        if not (pos <= start < line_end + 1):
            field = _FIELD_NAME_RE.match(text, pos, line_end)
            at = field.end() if field is not None else pos
            name = field.group().lower() if field is not None else ""
            if (at < line_end and (":" in name or _TITLE_AT_RE.match(text, at, line_end))
                    and not _CONTACT_FIELD_RE.search(name) and person_at(text, at, line_end)):
                return True
        pos = line_end + 1
    return False


def _reference_as_nhs_writes(text: str, at: int, cand: Candidate) -> bool:
    """A generic reference's label ("Our ref:") before ten digits grouped 3-3-4 by spaces, as
    the NHS writes its numbers: a practice's or a clinic's letter often gives the patient's
    NHS number as its reference, so patient or clinical words around it decide."""
    if cand.sep not in (" ", "\u00a0"):
        return False
    found = _words_class(_label_body(text[max(0, at - 64):at])[0])
    return found is not None and found[1] in _GENERIC_REFS


# A phone number written so that it cannot be anything else (a "+" country code, an
# area code in brackets, an extension, a UK trunk "0" and eleven digits in all), then
# "or", "/", "," or "and": "call 0161 496 0000 or 4526018155" names two phone numbers.
_PHONE_BEFORE_RE = re.compile(
    r"(?:\+[\s\u00a0]*[0-9][0-9\s\u00a0().\-]{5,}[0-9]"
    r"|\([0-9]{2,5}\)[\s\u00a0]*[0-9][0-9\s\u00a0.\-]{4,}[0-9]"
    r"|[0-9][0-9\s\u00a0().\-]{5,}[0-9][\s\u00a0]*(?:x|ext|extn)\.?[\s\u00a0]*[0-9]{1,6}"
    r"|(?<![0-9])0[0-9](?:[\s\u00a0\-]?[0-9]){9}(?![0-9]))"
    r"[\s\u00a0]*(?:,|/|;|\bor|\band|&)(?:[\s\u00a0]+(?:on|at))?[\s\u00a0]*$",
    re.I,
)
_JOINER_ENDS = frozenset(" ,/;&\u00a0\n")  # "\n": a list wrapped onto the next line
# A phone number anywhere on a line: a "+" country code or a UK trunk "0", then ten digits or more.
_PHONE_ON_LINE_RE = re.compile(r"(?<![0-9])(?:\+[ \u00a0]*[1-9]|0[1-9])(?:[ \u00a0\-()]?[0-9]){8,}")


def _after_a_phone(text: str, start: int) -> bool:
    """The number follows another that is plainly a phone number, joined by "or", "/", "&"
    ("call 0161 496 0000 or 4526018155"), or by a comma when a phone cue is before them
    both ("Tel: 0113 496 0000, 4526018155"). Otherwise a comma makes it the next field of
    a record ("Mrs Ada Example, 07700 900461, 4857773457": name, phone, NHS number)."""
    a = text.rfind("\n", max(0, start - 48), start) + 1 or max(0, start - 48)
    window = text[a:start]
    # What each form of _PHONE_BEFORE_RE holds: most lists of numbers have none of it.
    if "+" not in window and "(" not in window and "x" not in window and "X" not in window and (
        " 0" not in window and not window.startswith("0")
    ):
        return False
    m = _PHONE_BEFORE_RE.search(window)
    if m is None:
        return False
    found = m.group()
    if found.rstrip(" \t\u00a0")[-1:] not in (",", ";") or _EXTENSION_RE.search(found):
        return True  # "or", "/", "&"; or an office's number with its extension: a list of phones
    return label_class(text, a + m.start()) == PHONE


_EXTENSION_RE = re.compile(r"[0-9][\s\u00a0]*(?:x|ext|extn)\.?[\s\u00a0]*[0-9]", re.I)


# A number of seven digits or more, as a line holds it; one written as only a phone
# number is (a "+" country code, an area code in brackets, a UK trunk "0" and ten digits).
_LONG_NUMBER_RE = re.compile(r"[+(]?[0-9][0-9 \u00a0().\-]{6,}[0-9]")
_CLEAR_PHONE_RE = re.compile(
    r"\+[ \u00a0]*[1-9][0-9 \u00a0().\-]{6,}[0-9]|\(0?[0-9]{2,5}\)[ \u00a0]*[0-9][0-9 \u00a0.\-]{4,}[0-9]"
    r"|0[1-9](?:[ \u00a0\-]?[0-9]){8,9}"
)


def _among_phone_rows(text: str, cand: Candidate, a: int, b: int) -> bool:
    """A row of a list of contacts: the number is the only one on its line (text[a:b]),
    with a name or a place before it and nothing after ("Toronto backup: Lena Example,
    647 555 0027") or the other way round ("647 555 0027 - Lena Example"), and the next row
    above or below it (over one blank line) is the same with a number plainly a phone
    ("Toronto site: Dr Osei, +1 416 555 0159"). One person's details are no such list:
    their phones carry their own cues ("Home: 0113 ...", "Daughter: 07700 ..."), and a
    patient's row holds a phone and a number."""
    if len(_LONG_NUMBER_RE.findall(text, a, b)) != 1:
        return False
    before = text[a:cand.start].strip(_ROW_FILL)
    after = text[cand.end:b].strip(_ROW_FILL)
    if bool(before) == bool(after):
        return False  # alone on its line, or inside a sentence
    for lo in (previous_line_start(text, a), next_line_start(text, b)):  # the rows above and below
        if lo is None:
            continue
        hi = text.find("\n", lo)
        hi = len(text) if hi < 0 else hi
        found = list(_LONG_NUMBER_RE.finditer(text, lo, hi))
        if len(found) != 1 or not _CLEAR_PHONE_RE.fullmatch(found[0].group().strip(" .-")):
            continue
        other_before = text[lo:found[0].start()].strip(_ROW_FILL)
        other_after = text[found[0].end():hi].strip(_ROW_FILL)
        if (bool(other_before), bool(other_after)) == (bool(before), bool(after)) and (
                label_class(text, found[0].start()) != PHONE):
            return True
    return False


_ROW_FILL = " \t\r.;,:-\u2013\u2022*"


# Ten digits, then what joins the items of a list on one line: "4526018155, 4526018155
# and ...", "4526018155 & ...", "4526018155 / ...", a note on an item in brackets between
# ("4526018155 (lost in transit), 4526018155").
_LIST_BEFORE_RE = re.compile(
    r"(?<![0-9])([0-9](?:[ \-.\u00a0]?[0-9]){5,17})[ \t\u00a0]*(?:\([^()0-9\n]{1,40}\)[ \t\u00a0]*)?"
    r"(?:,|;|&|/|\band|\bor)(?:[ \t\u00a0]+and)?\s*$",
    re.I,
)
_LIST_REACH = 84  # characters before a list's item read for the item before it (and its note)
_LIST_JOINERS = (",", ";", "&", "/", "and", "AND", "or", "OR")


def _list_label(text: str, start: int) -> str | None:
    """The label of the list the number ends: "order numbers 4526018155, 4526018155 and
    4526018155" are all order numbers; "NHS numbers ... and ..." all NHS numbers; "SNOMED
    codes: 44054006, 1008887005" codes of any length."""
    at = start
    for _ in range(16):
        window = text[max(0, at - _LIST_REACH):at]
        if not window.rstrip().endswith(_LIST_JOINERS):
            return None
        m = _LIST_BEFORE_RE.search(window)
        if m is None:
            return None
        at -= len(window) - m.start(1)
        found = label_class(text, at)
        if found is not None:
            return found
    return None


def _glued_before(text: str, start: int, prev: str) -> tuple[float, str]:
    """(score, category) for letters, digit groups or a dial string glued to the front of the number."""
    if prev.isalpha():
        if prev == "D" and text.endswith("^FD", 0, start):
            return 0.0, ""  # a label printer's field ("^FD4010232137^FS", ZPL): the field's start
        return GLUED_LETTERS, FORM
    # An underscore parts words, as in the file names people make ("ROE_JANE_4526018155.pdf",
    # "20240101_4526018155"): what stands before it is read as a label, not glued on.
    if prev in "-./:#" and start >= 2 and text[start - 2].isalpha():
        return GLUED_LETTERS, FORM  # a reference such as "BACS-240314-0031" or "INV/4526018155"
    if prev in "-./:" and start >= 2 and text[start - 2].isdigit():
        # More digit groups before it, unless they are a list number ("12.452...").
        j = start - 2
        while j > 0 and text[j - 1].isdigit():
            j -= 1
        if not (prev == "." and start - 1 - j <= 3 and (j == 0 or text[j - 1].isspace())):
            return GLUED_DIGITS, FORM
        return 0.0, ""
    if prev == "," and start >= 2 and text[start - 2] == ",":
        return DIAL_STRING, PHONE  # "+16465588656,,7451234567#"
    return 0.0, ""


# A phone cue after the number, as signatures write it: "646-555-0142 (office)",
# "646-555-0142 mobile" at the end of its line. Not a letter alone: "(M)" and "(F)"
# after a patient's number are their sex.
_CUE_AFTER_RE = re.compile(
    r"[ \t]*(?:[(\[][ \t]*(?:office|work|mobile|mob|cell|home|fax|direct|direct line|main|landline|tel|phone"
    r"|pager|bleep|switchboard|whatsapp|bus|business|wk|hm|voice)\.?[ \t]*[)\]]"
    r"|[ \t](?:[-\u2013:][ \t]*)?(?:office|work|mobile|cell|home|fax|direct|landline|whatsapp|voice)[ \t]*(?=\r?\n|$)"
    r"|[ \t]*,[ \t]*(?:fax|tel|phone|mobile|cell)\b)",
    re.I,
)
# The host of a video meeting's SIP or H.323 address, whose local part is the meeting's ID.
_CONFERENCE_HOST_RE = re.compile(r"[\w.\-]*(?:zoom|webex|bluejeans|pexip|lync|teams|sip|vc|video|meet)[\w.\-]*\.", re.I)
_UNIT_RE = re.compile(r"[A-Za-z]{1,10}(?![A-Za-z])")
# A laboratory's counts, which run to ten digits: a viral load's copies, colonies, cells, sequencing reads.
_LAB_COUNTS = ("copies", "cfu", "iu", "cells", "reads", "particles", "genomes")
# Units a quantity is counted in, right after the number.
_UNITS = frozenset((
    "kwh", "mwh", "wh", "kw", "mw", "bytes", "byte", "kb", "mb", "gb", "tb", "kib", "mib", "gib", "bits",
    "pence", "gbp", "usd", "eur", "miles", "km", "metres", "meters", "kg", "tonnes", "ms", "seconds", "secs",
    "hours", "hrs", "minutes", "mins", "litres", "liters", "views", "downloads", "followers", "words",
    "characters", "chars", "rows", "records", "lines", "times", "steps", "calories", "kcal", "octets", "packets",
    *_LAB_COUNTS,
))


# ... but "records" last in a file name or on a line is whose records they are, no count
# ("7123987659_records.pdf", read as "7123987659 records.pdf").
_RECORD_UNITS = frozenset(("records",))
_NAME_END_RE = re.compile(r"(?:\.[A-Za-z0-9]{1,5})?[ \t]*(?:\r?\n|$)")


# ... and in a column's header: the units whose counts run to ten digits (bytes, ticks,
# pence), not a weight's or a distance's (a table whose first column has no header puts
# its NHS numbers under the next one, "Weight (kg)"). "(B)" is bytes.
_HEADER_UNITS = frozenset((
    "bytes", "byte", "kb", "mb", "gb", "tb", "kib", "mib", "gib", "bits", "octets", "packets", "blocks", "ms",
    "pence", "wh", "kwh", "mwh", "views", "downloads", "followers", "gbp", "usd", "eur", *_LAB_COUNTS,
))
_BYTES_CELL_RE = re.compile(r"\((?:B|p)\)")


# A SNOMED CT expression's term after its concept id, between bars: " |Moderate frailty (finding)|".
_TERM_AFTER_RE = re.compile(r"[ \t]*\|[ \t]?[^|\n0-9 \t][^|\n]{1,199}\|")  # a term's words, not a date or a figure

_DATE_NEXT_RE = re.compile(r"[0-3]?[0-9]([/.\-])[01]?[0-9]\1(?:19|20)?[0-9]{2}(?![0-9])")


# A visit's or an episode's number after a slash: "457.594.8802/2" (after a grouped number only).
_SUFFIX_NEXT_RE = re.compile(r"/[0-9]{1,2}(?![0-9]|[/.\-:][0-9])")


def _glued_after(text: str, end: int, category: str, grouped: bool = False) -> tuple[float, str]:
    """(score, category) for what follows the number: an extension, letters or more digits.

    ``category`` is what was found before the number: an extension overrides
    it, weaker evidence only fills it in. After a number in groups (``grouped``), a digit or
    two after a slash are its suffix (a visit's, an episode's), not more of its digits.
    """
    n = len(text)
    nxt = text[end] if end < n else "\n"
    if nxt.isalpha():
        if nxt in "xXeE" and _EXT_RE.match(text, end):
            return EXT, PHONE
        if not (end + 1 < n and text[end + 1].isalpha()) or nxt not in "ts":  # not "4526018155th"
            return GLUED_LETTERS, category or FORM
    elif nxt in "-/" and end + 1 < n and text[end + 1].isdigit() and not _DATE_NEXT_RE.match(text, end + 1) and not (
            grouped and _SUFFIX_NEXT_RE.match(text, end)):
        return GLUED_DIGITS, category or FORM  # but "4526018155/19/07/1956": the next field, a date
    elif nxt == "#":
        # A PIN keyed after a phone number on the same line: "0800 031 8123 / then 4526018155#"
        line = text[text.rfind("\n", 0, end) + 1:end]
        return (DIAL_STRING if _PHONE_ON_LINE_RE.search(line[:-10]) else DIAL_STRING / 2), category or PHONE
    elif nxt == "@" and _CONFERENCE_HOST_RE.match(text, end + 1):
        return GLUED_LETTERS, category or OTHER_ID  # a meeting's SIP address: "4526018155@zoomcrc.com"
    elif nxt in " ,;(" and not _EXT_FIRST.isdisjoint(text[end:end + 6]) and _EXT_RE.match(text, end):
        return EXT, PHONE
    if nxt in " \t(" and _CUE_AFTER_RE.match(text, end):
        return PHONE_CUE, PHONE
    if nxt in " \t|" and _TERM_AFTER_RE.match(text, end) and not _bar_record_cell(text, end):
        return TERM_AFTER, OTHER_ID
    if nxt == " " and end + 1 < n and text[end + 1].isalpha():
        word = _UNIT_RE.match(text, end + 1)
        if word and word.group().lower() in _UNITS and not (
                word.group().lower() in _RECORD_UNITS and _NAME_END_RE.match(text, word.end())) and not (
                word.group()[0].isupper() and word.group().lower() in _TITLES):
            return UNIT_AFTER, category or OTHER_ID  # but "4526018155 Ms T Okafor": whose it is, no milliseconds
    return 0.0, category


# A SNOMED CT identifier's partition (the two digits before its check digit): a concept's,
# a description's or a relationship's, of the international release or of an extension's
# (the UK's dm+d medicines are concepts of its extension).
_SCT_PARTITIONS = frozenset(("00", "01", "02", "10", "11", "12"))
# A clinical terminology named on a row: its code system, or dm+d's kinds of medicine.
_TERMINOLOGY_RE = re.compile(r"(?i:snomed|sctid|dm\+d|concept[ _]?id|ctv3)|\b(?:SCT|VMPP?|AMPP?|VTM|dmd|DMD)\b")
_ROW_REACH = 240  # characters of a number's row, either side, read for a terminology's name


def sctid_shaped(digits: str) -> bool:
    """The digits are built as a SNOMED CT identifier is: a partition it has, and the
    Verhoeff check digit."""
    return digits[-3:-1] in _SCT_PARTITIONS and verhoeff_valid(digits)


# Concepts and their terms one after another on a line: "4102213007 |Moderate frailty (finding)| ".
_CONCEPT_BEFORE_RE = re.compile(r"[0-9]{6,18}[ \t]*\|[^|\n]+\|[ \t,;]*$")


def _bar_record_cell(text: str, end: int) -> bool:
    """The number ending at ``end`` is a cell of a record written with bars ("Jane Example |
    4526018155 | ..."): a bar before it on its line, other than a concept's term before it,
    or none but a header above with as many bars as its row."""
    a = text.rfind("\n", 0, end) + 1
    line = text[a:end]
    cut = line.rfind("|")
    if cut < 0:
        # the first cell of a row ("4526018155 | Jane Example | ..."): its table's header
        # line above holds as many bars ("NHS No | Name | Diagnosis")
        if line[:-10].strip(" \t>"):
            return False
        b = text.find("\n", end)
        bars = text.count("|", a, len(text) if b < 0 else b)
        header = _header_line(text, a) if bars >= 2 else None
        return header is not None and header.count("|") == bars
    return _CONCEPT_BEFORE_RE.search(line, 0, cut + 1) is None


def _link_evidence(text: str, start: int, end: int) -> tuple[float, str | None]:
    """(score, label) for a number inside a URL or DOI: (0.0, None) when it is not in
    one; the label (NHS, CHI, HC, "patient") when the URL's query key or path segment
    names a health number, as a label before it would, or its query does otherwise
    (:func:`_query_label`)."""
    token = _token_before(text, start)
    field = _FIELD_PATH_RE.match(token)
    if field is not None:
        token = token[field.end():]  # "path=\\fs02\letters\...": a log's field whose value is a file's path
    if not token:
        return 0.0, None
    if _URL_TOKEN_RE.search(token) or (_PATH_TOKEN_RE.match(token) and _LINK_LINE_RE.match(
            text, text.rfind("\n", 0, start - len(token)) + 1)):
        if _DOI_RE.search(token):
            return DOI, None
        key = _QUERY_KEY_RE.search(token)
        named = _key_label(key.group(1)) if key else None
        if named is not None:
            return 0.0, named  # "?nhs=4526018155": the query names a health number
        segment = _PATH_KEY_RE.search(token)
        named = _key_label(segment.group(1), path=True) if segment else None
        if named is not None:
            return 0.0, named  # ".../patients/4526018155/summary": the path names it
        named = _query_label(text, end, token)
        if named is not None:
            return 0.0, named
        record = _record_key(key.group(1) if key else segment.group(1)) if key or segment else None  # type: ignore[union-attr]
        if record is not None and _whole_value(text, end):
            # ".../record/4526018155", "?pid=4526018155": a record's number, a patient's on a
            # health service's host; elsewhere only with patient or clinical words around it
            if _health_host(token):
                return 0.0, "patient"
            if record in _RECORD_KEYS:
                return RECORD_LINK, None
        return URL, None
    return (DOI if _DOI_RE.search(token) else 0.0), None


def _query_label(text: str, end: int, token: str) -> str | None:
    """The label (NHS, CHI, HC, "patient") a URL's or a form's query gives a number that is
    its value, other than by the value's key: the value's own words before the number, decoded
    ("?q=nhs%3A4526018155", "?search=NHS4526018155", a FHIR search's
    "?identifier=https%3A%2F%2Ffhir.nhs.uk%2FId%2Fnhs-number%7C4526018155"); or, for a value
    whose key says only that a value follows ("id", "value", "identifier"), another parameter's
    value that names a health number under a key that says what kind the value is
    ("?idType=NHS&id=...", "?identifierType=nhs_number&value=...",
    "?system=https://fhir.nhs.uk/Id/nhs-number&identifier=..."; not "?type=order&id=...")."""
    cut = max(token.rfind("?"), token.rfind("&"), token.rfind(";")) + 1
    key, eq, value = token[cut:].partition("=")  # the number's parameter: "q=nhs%3A", "id=" (no value yet)
    if not eq or "=" in value or not _PARAM_KEY_RE.fullmatch(key):
        return None
    if value:
        decoded = unquote_plus(value)
        found = label_class(decoded, len(decoded))
        return found if found in _CONTEXT_CLASS else None
    if not set(w.lower() for w in _KEY_WORD_RE.findall(key)) <= _VALUE_KEY_WORDS:
        return None
    after = _TOKEN_AFTER_RE.match(text, end).group()  # type: ignore[union-attr]
    params = token[token.find("?") + 1:cut] + "&" + after
    for param in re.split("[&;]", params):
        name, _, named = param.partition("=")
        words = [w.lower() for w in _KEY_WORD_RE.findall(name)]
        if not named or not words or words[-1] not in _TYPE_KEY_WORDS:
            continue
        named = unquote_plus(named).rstrip("/")
        segment = named.rpartition("/")[2]
        # A health number named with its tail ("nhs_number", ".../Id/nhs-number") under any
        # such key; a bare one ("NHS", "H&C") only under an identifier's kind ("idType",
        # "identifierType", "system"): "?type=nhs&id=..." is an offer's category.
        found = _HEALTH_LABEL_WORDS.get(_norm(segment))
        if found is None and (words == ["system"] or not _VALUE_KEY_WORDS.isdisjoint(words[:-1])):
            found = _key_label(segment) or _LABEL_CLASS.get(_norm(named))
        if found in _NUMBER_LABELS:
            return found
    return None


def _key_label(key: str, path: bool = False) -> str | None:
    """The label (NHS, CHI, HC, "patient") a URL's query key or path segment stands for when
    its last words name a health number ("nhs", "nhsNumber", "patient_id", "by-nhs-number"),
    else None ("nhsjobs", "patientInfoLeafletId", "chi_square"). A path segment names one with
    its tail ("/nhs-number/"; "/offers/nhs/" is a category), or as "/patients/"."""
    words = [w.lower() for w in _KEY_WORD_RE.findall(key)]
    if words and words[-1] in _JOINED_KEYS:  # "nhsnumber", "patientid": a head and its tail in one word
        return _JOINED_KEYS[words[-1]]
    for i, word in enumerate(words):
        tailed = i == len(words) - 2 and words[-1] in _KEY_TAILS
        alone = i == len(words) - 1 and (not path or _KEY_HEADS.get(word) == "patient")
        label = ((_KEY_HEADS.get(word) or (_TAILED_HEADS.get(word) if tailed else None))
                 if tailed or alone else None)
        if label is not None:
            return label
    return None


def _record_key(key: str) -> str | None:
    """The word by which a URL's query key or path segment names a record, not whose
    ("record", "Results", "ehrId", "pid"; _RECORD_KEYS, _HEALTH_HOST_KEYS), with an
    identifier's tail after it or not; else None."""
    words = [w.lower() for w in _KEY_WORD_RE.findall(key)]
    if len(words) > 1 and words[-1] in _KEY_TAILS:
        words.pop()
    word = words[-1] if words else ""
    return word if word in _RECORD_KEYS or word in _HEALTH_HOST_KEYS else None


def _whole_value(text: str, end: int) -> bool:
    """The number is the whole of its path segment or query value: the URL ends, or goes on
    to its next segment, parameter or fragment ("4526018155.pdf" is a file's name)."""
    return end >= len(text) or text[end] in _TOKEN_STOP + "/?&#;.,!:" and not (
        text[end] == "." and end + 1 < len(text) and text[end + 1].isalnum())


def _health_host(token: str) -> bool:
    """The URL that ``token`` begins is on a health service's host ("viewer.example-trust.nhs.uk")."""
    m = _HOST_RE.match(token)
    host = m.group(1).lower() if m else ""
    return any(host == d or host.endswith("." + d) for d in _HEALTH_HOSTS)


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    return a, (len(text) if b < 0 else b)


def _in_reference(text: str, cand: Candidate) -> bool:
    """The candidate ends a reference to a book or a paper ("Livingstone; 2018. ...")."""
    a = text.rfind("\n", 0, cand.start) + 1
    return _BIBLIO_RE.search(text, max(a, cand.start - 160), cand.start) is not None


def near_evidence(text: str, cand: Candidate, label: str | None) -> tuple[float, str]:
    """Evidence from the candidate's line and the lines around it (signatures, reading lists)."""
    a, b = _line_bounds(text, cand.start, cand.end)
    score = 0.0
    category = ""
    if _BIBLIO_RE.search(text, max(a, cand.start - 160), cand.start) or _BIBLIO_RE.search(
        text, cand.end, min(b, cand.end + 60)
    ):  # a book's details before its number or after it: "0702047694 (Elsevier, 2019)"
        score += BIBLIO
        category = OTHER_ID
    elif label in (None, "id") and (_other_clause(text, cand, a, b) or _other_lines(text, cand, a, b)):
        # "(ID: ..., passcode 367574)"; "Your ticket reference:" / (blank) / the number
        score += OTHER_CLAUSE
        category = OTHER_ID
    elif label is None and _among_phone_rows(text, cand, a, b):
        score += PHONE_ROWS
        category = PHONE
    if label is None and cand.form == GROUPED and cand.sep.strip(SPACES) in ("-", ".", "\u2010", "\u2011"):
        # A signature: "617-864-0455" on a short line next to an e-mail address or web site.
        rest = text[a:cand.start] + text[cand.end:b]
        # The number alone on its line, or among signature parts ("Jane Doe | 617-864-0455 | www...").
        if not any(ch.isalpha() for ch in rest) or "|" in rest or _EMAIL_OR_WEB_RE.search(rest):
            lo = text.rfind("\n", 0, max(0, a - 1))
            lo = text.rfind("\n", 0, max(0, lo)) if lo > 0 else lo
            hi = b
            for _ in range(2):
                nxt = text.find("\n", hi + 1)
                hi = len(text) if nxt < 0 else nxt
            if _EMAIL_OR_WEB_RE.search(text, max(0, lo), hi) or _signed_off(text, a, b):
                score += SIGNATURE
                category = PHONE
    return score, category


_REPLY_AFTER_RE = re.compile(r"[ \t\r\n>]*(?:-{3,}[ \t]*original message|-{3,}[ \t]*forwarded|on .{0,120} wrote:|from:)", re.I)
_SIGN_OFF_LINES = 5


def _signed_off(text: str, a: int, b: int) -> bool:
    """The line a..b stands in a signature: a sign-off (Regards, Thanks...) in the lines
    above it, or a quoted message right after it."""
    lo = a
    for _ in range(_SIGN_OFF_LINES):
        if lo <= 0:
            break
        lo = text.rfind("\n", 0, lo - 1) + 1
    if SIGN_OFF_RE.search(text, lo, a):
        return True
    return _REPLY_AFTER_RE.match(text, b, b + 300) is not None


def _other_clause(text: str, cand: Candidate, a: int, b: int, words: re.Pattern[str] | None = None) -> bool:
    """The clause around the number (its line, from the last sentence break before it to
    the next after it, at most 60 characters either side) names another kind of number
    (``words``: _OTHER_CLAUSE_RE unless given)."""
    words = words or _OTHER_CLAUSE_RE
    lo = max(a, cand.start - 60)
    before = text[lo:cand.start]
    breaks = [m.end() for m in _CLAUSE_BREAK_RE.finditer(before)]
    if breaks:
        before = before[breaks[-1]:]
    after = text[cand.end:min(b, cand.end + 60)]
    stop = _CLAUSE_BREAK_RE.search(after)
    if stop is not None:
        after = after[:stop.start()]
    if words.search(after) is not None:
        return True
    return any(not _booked_for(m.group(), before[m.end():]) for m in words.finditer(before))


# A booking said to be "for" the number: made for whoever it names ("Booking confirmed for
# 4526018155, MRI right knee"), as "Booked for 4526018155" is; not the booking's own number
# ("booking ref for", "booking number for").
_BOOKED_FOR_RE = re.compile(r"(?i)(?:[ \t]+(?!(?:ref|reference|no|number|code|id)\b)[a-z]+){0,2}[ \t]+for[ \t:]*$")


def _booked_for(word: str, between: str) -> bool:
    """A clause's word is a booking and the number is what it is for (``between``: what stands
    between the word and the number)."""
    return word.lower().startswith(("booking", "reservation")) and _BOOKED_FOR_RE.fullmatch(between) is not None


_NEIGHBOUR_LINE = 120  # characters of a line next to a number alone on its own


def _other_lines(text: str, cand: Candidate, a: int, b: int) -> bool:
    """The number stands alone on its line, and the nearest line with words above it or
    below it (past blank lines) names another kind of number: "Your ticket reference:"
    above, "^ that's the PO to put on the invoice" below."""
    if any(ch.isalnum() for ch in text[a:cand.start]) or any(ch.isalnum() for ch in text[cand.end:b]):
        return False
    # the nearest line with words above (at most two blank lines between)
    pos = a
    for _ in range(3):
        if pos <= 0:
            break
        lo = text.rfind("\n", 0, pos - 1) + 1
        if text[lo:pos - 1].strip():
            # a line with its own figures is another field's ("Booking ref: PHY-22871")
            if not _any_digit(text, lo, pos - 1) and _OTHER_CLAUSE_RE.search(
                    text, max(lo, pos - 1 - _NEIGHBOUR_LINE), pos - 1):
                return True
            break
        pos = lo
    pos = b
    for _ in range(3):
        if pos >= len(text):
            break
        hi = text.find("\n", pos + 1)
        hi = len(text) if hi < 0 else hi
        if text[pos + 1:hi].strip():
            return not _any_digit(text, pos + 1, hi) and _OTHER_CLAUSE_RE.search(
                text, pos + 1, min(hi, pos + 1 + _NEIGHBOUR_LINE)) is not None
        pos = hi
    return False


# Words that say a number near them is a time as software keeps it.
_TIME_WORDS_RE = re.compile(
    r"(?i)\b(?:unix|epoch|posix|timestamps?|time ?stamps?|seconds since|utc|last ?logon|logon|last login"
    r"|lastlogon\w*|last seen|log (?:entry|line|file)s?|syslog)\b"
)


def _in_file_name(text: str, start: int, end: int) -> bool:
    """The number stands inside a file name: words and "_" or "-" before it, "." and an
    extension after ("backup_1712835297.tar.gz", "export-1712835297.csv")."""
    return (
        start >= 2 and text[start - 1] in "_-" and text[start - 2].isalnum()
        and end + 2 < len(text) and text[end] == "." and text[end + 1].isalpha()
    )


# After a Unix time, its zone's offset from UTC, as git, mbox "From " lines and logs write it:
# "1712194747 +0000".
_ZONE_AFTER_RE = re.compile(r"[ \t]+[+\-](?:0[0-9]|1[0-4])[0-5][0-9](?![0-9])")


# A shell history's time line ("#1706265964", quoted in a reply too), then the command it timed.
_HISTORY_TIME_RE = re.compile(r"(?m)^[ \t>]*#$")
# zsh's extended history (": 1702760057:0;command"), fish's ("  when: 1707548668"), "date -r 1711335533".
_TIME_BEFORE_RE = re.compile(r"(?:(?m:^)[ \t>]*: |(?m:^)[ \t>]*when: |\bdate -r )$")
_ZSH_AFTER_RE = re.compile(r":[0-9]+;")
_HISTORY_NEXT_RE = re.compile(r"\n[ \t>]*(?!#[0-9])\S")


def _written_as_time(text: str, start: int, end: int) -> bool:
    """The number is written as software writes a Unix time: inside a file name
    ("backup_1712835297.tar.gz"), before a zone offset ("1712194747 +0000"), beside the
    same moment written as a date and a time of day ("received 1712741918 (2024-04-10
    10:38:38)": _its_moment_beside), as zsh's and
    fish's histories and "date -r" write one, as a shell history's "#" line before the command it timed ("#1706265964" / "sudo systemctl
    restart mirth"; not a list of "#" numbers), or after a word's "@" ("date -d @1712194747";
    not "CHI@...")."""
    if _in_file_name(text, start, end) or _ZONE_AFTER_RE.match(text, end) or _its_moment_beside(text, start, end):
        return True
    cue = _TIME_BEFORE_RE.search(text, max(0, start - 12), start)
    if cue is not None and (cue.group().strip(" \t>") != ":" or _ZSH_AFTER_RE.match(text, end)):
        return True  # (zsh's ": " only with its ":0;" after the time)
    before = text[start - 1] if start else ""
    if before == "@":
        return start < 2 or text[start - 2] in " \t\n(\"'"
    if before != "#" or not _HISTORY_TIME_RE.match(text, text.rfind("\n", 0, start) + 1, start):
        return False
    return text[end:end + 1] == "\n" and _HISTORY_NEXT_RE.match(text, end) is not None


# A time of day and a date, as logs, alerts and exports print the moment a Unix time is:
# ISO's year first ("2024-04-10 10:38:20", "2024-04-10T09:38:38Z"), the day or the month first
# with slashes, dots or dashes ("10/04/2024 10:38", "04/10/24 09:38"), the month by its name
# ("10 Apr 2024", "Apr 10, 2024", ctime's "Wed Apr 10 10:38:20 BST 2024", its time between);
# the time on the 24-hour clock or the 12-hour one ("5:38:38 PM").
_CLOCK_RE = re.compile(r"(?<![0-9:])([01]?[0-9]|2[0-3]):([0-5][0-9])(?::([0-5][0-9]))?(?![0-9])(?:[ \t]?([AaPp])\.?[Mm]\b)?")
_YEAR_FIRST_RE = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})([-/.])([01]?[0-9])\2([0-3]?[0-9])(?![0-9])")
_YEAR_LAST_RE = re.compile(r"(?<![0-9])([0-3]?[0-9])([-/.])([0-3]?[0-9])\2((?:19|20)?[0-9]{2})(?![0-9])")
_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = "(" + "|".join(_MONTH_NAMES) + r")[a-z]*\.?"
_NAMED_DATE_RE = re.compile(
    rf"(?i)\b(?:([0-3]?[0-9])(?:st|nd|rd|th)?[ \t-]+{_MONTH}|{_MONTH}[ \t]+([0-3]?[0-9])(?:st|nd|rd|th)?,?)"
    r"(?:[ \t,-]+|[ \t]+[0-9:]{5,8}[ \t]+(?:[A-Z]{2,5}[ \t]+)?)((?:19|20)[0-9]{2})\b"
)
_MOMENT_REACH = 48  # characters either side of a Unix time, on its line, read for its moment
_ZONE_STEP = 900  # seconds: every zone's offset from UTC is a whole number of quarter hours
_MOMENT_SLACK = 90  # seconds a printed moment may be off (rounded, or printed as it was read)


def _dates_in(text: str, lo: int, hi: int) -> set[date]:
    """The dates written in text[lo:hi], read both ways where the day and the month may be either."""
    found: set[tuple[int, int, int]] = set()
    for m in _YEAR_FIRST_RE.finditer(text, lo, hi):
        found.add((int(m.group(1)), int(m.group(3)), int(m.group(4))))
    for m in _YEAR_LAST_RE.finditer(text, lo, hi):
        year = int(m.group(4)) + (2000 if len(m.group(4)) == 2 else 0)
        a, b = int(m.group(1)), int(m.group(3))
        found.update(((year, b, a), (year, a, b)))
    for m in _NAMED_DATE_RE.finditer(text, lo, hi):
        month = _MONTH_NAMES.index((m.group(2) or m.group(3)).lower()) + 1
        found.add((int(m.group(5)), month, int(m.group(1) or m.group(4))))
    out: set[date] = set()
    for y, mo, d in found:
        try:
            out.add(date(y, mo, d))
        except ValueError:
            continue
    return out


def _hour(m: re.Match[str]) -> int:
    """The hour of a time of day on the 24-hour clock ("5:38 PM": 17)."""
    hour, half = int(m.group(1)), (m.group(4) or "").lower()
    if half and hour <= 12:
        return hour % 12 + (12 if half == "p" else 0)
    return hour


def _its_moment_beside(text: str, start: int, end: int) -> bool:
    """The ten digits read as a Unix time are the moment a date and a time of day written
    beside them on their line say, in some time zone: a log's or an alert's time printed
    both ways ("received 1712741918 (2024-04-10 10:38:38)"). A patient's number read so
    is a moment of any day of thirty years; a date and a time beside it that agree with it
    to the minute (in whole quarter hours of a zone) are a coincidence nobody writes."""
    a, b = _line_bounds(text, start, end)
    lo, hi = max(a, start - _MOMENT_REACH), min(b, end + _MOMENT_REACH)
    if text.find(":", lo, hi) < 0:
        return False
    clocks = [(_hour(m), int(m.group(2)), int(m.group(3) or 0)) for m in _CLOCK_RE.finditer(text, lo, hi)]
    if not clocks:
        return False
    days = _dates_in(text, lo, hi)
    if not days:
        return False
    seconds = int(text[start:end])
    epoch = date(1970, 1, 1).toordinal()
    for day in days:
        for h, m, sec in clocks:
            diff = (day.toordinal() - epoch) * 86_400 + h * 3600 + m * 60 + sec - seconds
            if abs(diff) <= 14 * 3600 + _MOMENT_SLACK:
                off = diff % _ZONE_STEP
                if min(off, _ZONE_STEP - off) <= _MOMENT_SLACK:
                    return True
    return False


def _dns_serial(digits: str) -> bool:
    """YYYYMMDDnn with a plausible year: how DNS zone serials and dated counters are written."""
    year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    return 1990 <= year <= 2049 and 1 <= month <= 12 and 1 <= day <= 31


# --- the header of a table ----------------------------------------------------


# A cell of ten digits grouped any way, thousands separators too ("4,366,583,755", as a
# number format writes it): under a health number's column header, as after its label.
_CELL_SEP_CHARS = SPACES + _ZERO_WIDTH + DASHES + "|()," + _DOTS
_CELL_SEP = "[" + re.escape(_CELL_SEP_CHARS) + "]{0,3}"
_CELL_SEP_RE = re.compile(_CELL_SEP.replace("{0,3}", "+"))


def _cell_seps(delim: str) -> str:
    """Separators between a cell's digit groups, for a table delimited by ``delim``: all
    but the delimiter itself (outside quotes it ends the cell)."""
    return "[" + re.escape(_CELL_SEP_CHARS.replace(delim, "")) + "]{0,3}"


def _column_cells(text: str, found: tuple[tuple[int, int, str, str, str], ...]) -> tuple[tuple[int, int, str, str, str], ...]:
    """Cells of a column a health number's header names, read as its numbers where the
    candidate pattern does not: ten digits grouped another way ("4937 262 726",
    "4,366,583,755"), and nine-digit cells under CHI. A CHI of a person born on the 1st
    to the 9th of a month starts with 0, which a spreadsheet keeps only as text or with
    a number format (openpyxl's reading restores that case); saved as a plain number,
    or exported to CSV from it, the 0 is gone.

    One pass of a pattern in C finds the cells worth a look (a list of 130,000 rows
    holds few or none); only those are placed in their column."""
    header, delim, body = table_header(text)
    if not delim:
        return ()
    columns = {i: cls for i, cell in enumerate(header) if (cls := header_class(cell)) in _NUMBER_LABELS}
    if not columns:
        return ()
    if body <= 0 or body >= len(text):
        return ()
    out: list[tuple[int, int, str, str, str]] = []
    spans = _split_columns(_merged(columns, header))
    if spans:
        out.extend(_split_cells(text, delim, body, spans, found))
    may_hold = _cells_may_hold(delim)
    if may_hold is not None:
        try:
            if may_hold(text) is None:  # one linear pass in C: most lists hold none
                return tuple(out)
        except UnicodeError:  # a lone surrogate RE2 cannot take as UTF-8: look at it all
            pass
    starts = {c[0] for c in found}
    for m in _cell_pattern(delim, CHI in columns.values()).finditer(text, body - 1):
        digits_at = m.start(m.lastindex or 1)
        if digits_at in starts:
            continue
        cell_start = m.start() + 1  # after the delimiter or line end the match starts with
        line_start = text.rfind("\n", 0, cell_start) + 1
        cls = columns.get(text.count(delim, line_start, cell_start))
        if cls is None:
            continue
        run = m.group(m.lastindex or 1)
        if m.lastgroup == "nine":
            if cls == CHI:
                out.append((digits_at, digits_at + 9, "0" + run, CONTIGUOUS, ""))
            continue
        sep = _CELL_SEP_RE.search(run)
        digits = "".join(ch for ch in run if "0" <= ch <= "9")
        out.append((digits_at, digits_at + len(run), digits, ODD, sep.group() if sep else ""))
    return tuple(out)


_SPLIT_MAX = 4  # cells one number may be split over ("first 3 digits", "middle 3", "last 4")


def _split_columns(columns: dict[int, str]) -> list[tuple[int, int]]:
    """(first, last) column of each run of two to _SPLIT_MAX neighbouring columns whose
    headers name the same health number: a form's "NHS number (first 3 digits)", "NHS number
    (middle 3 digits)", "NHS number (last 4 digits)", one number asked for in parts."""
    spans: list[tuple[int, int]] = []
    for i in sorted(columns):
        if spans and spans[-1][1] == i - 1 and columns[spans[-1][0]] == columns[i] and i - spans[-1][0] < _SPLIT_MAX:
            spans[-1] = (spans[-1][0], i)
        else:
            spans.append((i, i))
    return [span for span in spans if span[1] > span[0]]


def _merged(columns: dict[int, str], names: list[str]) -> dict[int, str]:
    """``columns`` with the empty header cells right after each: a header merged over the
    cells its number is split into ("NHS number" over three, as a sheet's merged cell is
    saved as text)."""
    out = dict(columns)
    for k, cls in columns.items():
        j = k + 1
        while j < len(names) and j - k < _SPLIT_MAX and not names[j] and j not in columns:
            out[j] = cls
            j += 1
    return out


def _split_number(cells: list[tuple[int, str]]) -> tuple[int, int, str] | None:
    """(start, end, digits) of the number that neighbouring cells ((offset, text) each) hold
    between them: their digits, only together, are ten ("619", "555", "6327")."""
    parts = [(at + len(cell) - len(cell.lstrip(' \t"' + SPACES)), cell.strip(' \t"' + SPACES)) for at, cell in cells]
    digits = "".join(p for _, p in parts)
    if len(digits) != 10 or not digits.isdigit() or not all(0 < len(p) < 10 for _, p in parts):
        return None
    return parts[0][0], parts[-1][0] + len(parts[-1][1]), digits


def _row_cells(line: str, delim: str) -> list[tuple[int, str]]:
    """(offset, text) of a delimited row's cells, a quoted cell whole ("a, b" is one)."""
    if '"' not in line:
        return _delimited(line, delim)
    cells: list[tuple[int, str]] = []
    at, n = 0, len(line)
    while at <= n:
        end = at
        if line[at:at + 1] == '"':
            end = at + 1
            while True:
                end = line.find('"', end)
                if end < 0:
                    end = n
                    break
                if line[end + 1:end + 2] == '"':
                    end += 2
                    continue
                end += 1
                break
        cut = line.find(delim, end)
        cut = n if cut < 0 else cut
        cells.append((at, line[at:cut]))
        at = cut + 1
    return cells


def _split_cells(text: str, delim: str, body: int, spans: list[tuple[int, int]],
                 found: tuple[tuple[int, int, str, str, str], ...]) -> list[tuple[int, int, str, str, str]]:
    """One number from the neighbouring cells of each span of columns (_split_columns) whose
    digits, together and only together, are ten: "619","555","6327" under "NHS number (first
    3 digits)", "(middle 3 digits)", "(last 4 digits)"."""
    starts = {c[0] for c in found}
    last = max(b for _, b in spans)
    out: list[tuple[int, int, str, str, str]] = []
    pos = body
    while pos < len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        line = text[pos:end].rstrip("\r")
        if line.count(delim) >= last:
            cells = _row_cells(line, delim)
            for a, b in spans:
                joined = _split_number(cells[a:b + 1]) if b < len(cells) else None
                if joined is not None and pos + joined[0] not in starts:
                    out.append((pos + joined[0], pos + joined[1], joined[2], ODD, delim))
        pos = end + 1
    return out


@functools.lru_cache(maxsize=8)
def _cell_pattern(delim: str, nine: bool) -> re.Pattern[str]:
    """Whole cells of a table delimited by ``delim`` that hold ten digits grouped other than
    together or 3-3-4 (quoted cells may hold the delimiter too), and, with ``nine``, nine
    digits together (a CHI that lost its leading 0)."""
    d = re.escape(delim)
    seps = _cell_seps(delim)
    edge = rf"[{d}\n]"  # a character class first: the engine skips to it (the header's line end starts row 1)
    plain_form = rf"(?![0-9]{{3}}[ \-]?[0-9]{{3}}[ \-]?[0-9]{{4}}[ \t]*(?:{d}|$))"
    parts = [
        rf'{edge}[ \t]*"[ \t]*(?P<quoted>[0-9](?:{_CELL_SEP}[0-9]){{9}})[ \t]*"',
        rf"{edge}[ \t]*{plain_form}(?P<odd>[0-9](?:{seps}[0-9]){{9}})[ \t]*(?={d}|\r?$)",
    ]
    if nine:
        parts.append(rf'{edge}[ \t"]*(?P<nine>[0-9]{{9}})(?:\.0)?[ \t"]*(?={d}|\r?$)')
    return re.compile("|".join(parts), re.M)


# A table laid out in a text that is no table itself (an HTML table as it renders, its cells
# apart by tabs; rows pasted from a sheet; columns aligned with spaces): the cells under a
# header cell that names a health number are read in any grouping, as a CSV's are
# (_column_cells): "Dubois<tab>Marc<tab>4 369 487 722" under "Nom<tab>Prénom<tab>NHS Number".
# Only the lines holding such a word are read as headers, and only the rows under them.
_HEALTH_HEAD_RE = re.compile(r"(?i)\b(?:nhs|chi|hcn|h ?[&+] ?c|health (?:and|&) care|hsc)(?![a-z])")
_LAYOUT_NUMBER_RE = re.compile(rf"[0-9](?:{_CELL_SEP}[0-9]){{9}}")
_HEALTH_HEAD_WORDS = ("nhs", "chi", "hcn", "hsc", "h&c", "h & c", "h+c", "health")


def _layout_column_cells(text: str, found: tuple[tuple[int, int, str, str, str], ...]) -> tuple[tuple[int, int, str, str, str], ...]:
    """Cells of a column that a health number's header names in a table laid out in text,
    read as its numbers where the candidate pattern does not (_LAYOUT_NUMBER_RE): ten digits
    grouped another way ("4 369 487 722", "4369 487 722", "4,369,487,722"), or split over the
    cells under its header's parts (_split_columns, _merged: "NHS|||" over "657|786|1536").
    The rows are those under the header down to a blank line or a line without figures
    (_header_line reads the same header back from each of them, _layout_header its cell)."""
    if "\t" not in text and "  " not in text and "|" not in text:
        return ()
    low = text.lower()  # the header's words first, as substrings (most texts have none), then its digits
    if not any(word in low for word in _HEALTH_HEAD_WORDS) or _LAYOUT_NUMBER_RE.search(text) is None:
        return ()
    out: list[tuple[int, int, str, str, str]] = []
    taken = [(c[0], c[1]) for c in found]
    pos = 0
    while (m := _HEALTH_HEAD_RE.search(text, pos)) is not None:
        a = text.rfind("\n", pos, m.start()) + 1 or pos
        b = text.find("\n", m.end())
        b = len(text) if b < 0 else b
        pos = b + 1  # each line read once: the next search starts on the line after
        head_line = text[a:b].rstrip("\r")
        if _a_row(head_line):
            continue  # a row of figures
        delim = "|" if head_line.count("|") >= 2 else "\t" if "\t" in head_line else ""
        names = _delimited(head_line, delim) if delim else _layout_cells(head_line)
        if len(names) < 2 or (delim != "|" and any(len(h.split()) > 4 for _, h in _layout_cells(head_line))):
            continue  # no header: a sentence
        columns = {k: cls for k, (_, cell) in enumerate(names) if (cls := header_class(cell.strip())) in _NUMBER_LABELS}
        if not columns:
            continue
        spans = _split_columns(_merged(columns, [h.strip() for _, h in names])) if delim else []
        while pos < len(text):
            nl = text.find("\n", pos)
            end = len(text) if nl < 0 else nl
            row = text[pos:end].rstrip("\r")
            if not row.strip() or not (_RULE_LINE.issuperset(row) or _a_row(row)):
                break  # a blank line ends the table; a line without figures is another header
            out.extend(_layout_row(row, pos, delim, head_line.count("|"), names, columns, spans))
            pos = end + 1
    kept = []
    for c in out:
        i = bisect.bisect_left(taken, (c[0], c[0]))
        if not ((i < len(taken) and taken[i][0] < c[1]) or (i and taken[i - 1][1] > c[0])):
            kept.append(c)  # else the candidate pattern read it, or part of it
    return tuple(kept)


def _layout_row(row: str, pos: int, delim: str, bars: int, names: list[tuple[int, str]], columns: dict[int, str],
                spans: list[tuple[int, int]]) -> list[tuple[int, int, str, str, str]]:
    """The numbers in a row (at ``pos``) of a table laid out in text under a header whose
    cells are ``names`` (cut at ``delim``, or aligned with spaces when it is ""), in the
    ``columns`` a health number's header names, or split over a span of them: _layout_column_cells."""
    picked: list[tuple[int, str]] = []
    cells: list[tuple[int, str]] = []
    if delim == "|" and row.count("|") == bars:
        cells = _delimited(row, "|")
    elif delim == "\t" and "\t" in row and len(_layout_cells(row)) >= 2:
        cells = _delimited(row, "\t")
    elif not delim and "\t" not in row and len(_layout_cells(row)) >= 2:
        # aligned by spaces: the cells that start where a health number's header cell does
        picked = [(at, cell) for at, cell in _layout_cells(row)
                  if any(k in columns and (abs(h_at - at) <= 2 or h_at <= at < h_at + len(h))
                         for k, (h_at, h) in enumerate(names))]
    picked += [cells[k] for k in columns if k < len(cells)]
    out: list[tuple[int, int, str, str, str]] = []
    for at, cell in picked:
        run = _LAYOUT_NUMBER_RE.fullmatch(cell.strip(SPACES))
        if run is not None:
            start = pos + at + len(cell) - len(cell.lstrip(SPACES))
            sep = _CELL_SEP_RE.search(run.group())
            digits = "".join(ch for ch in run.group() if "0" <= ch <= "9")
            out.append((start, start + len(run.group()), digits, ODD, sep.group() if sep else ""))
    for first, last in spans:
        joined = _split_number(cells[first:last + 1]) if last < len(cells) else None
        if joined is not None:
            out.append((pos + joined[0], pos + joined[1], joined[2], ODD, delim))
    return out


def _delimited(line: str, delim: str) -> list[tuple[int, str]]:
    """(offset, text) of the cells of a line cut at every ``delim``."""
    out, at = [], 0
    for cell in line.split(delim):
        out.append((at, cell))
        at += len(cell) + 1
    return out


def _header_cells(text: str) -> tuple[list[str], str]:
    cells, delim, _end = table_header(text)
    return cells, delim


_TITLE_ROWS = 8  # lines a report may put above its header row ("Run date: ...", "Search: ...")


def table_header(text: str) -> tuple[list[str], str, int]:
    """(cells, delimiter, where the rows start) of a table's header row: its first line,
    or, when that holds no delimiter, the first of the next few lines that reads as a
    header (cells, no figures) with a row of the same shape under it - a report's title
    lines come first. No delimiter found: the first line as one cell, delimiter ""."""
    end = text.find("\n")
    first = text if end < 0 else text[:end]
    after_first = len(text) if end < 0 else end + 1
    for delim in ("\t", ",", ";", "|"):
        if delim in first:
            cells = [c.strip().strip('"') for c in first.split(delim)]
            if "Column Labels" in cells and end >= 0:
                # a pivot table's caption ("Count of Attendance  Column Labels"): its header
                # is the next line ("Row Labels  ED  UTC  Grand Total")
                nxt = text.find("\n", after_first)
                stop = len(text) if nxt < 0 else nxt
                return [c.strip().strip('"') for c in text[after_first:stop].split(delim)], delim, min(stop + 1, len(text))
            return cells, delim, after_first
    pos = after_first
    for _ in range(_TITLE_ROWS):
        if pos >= len(text):
            break
        end = text.find("\n", pos)
        if end < 0:
            break
        line = text[pos:end].rstrip("\r")
        delim = next((d for d in ("\t", ",", ";", "|") if d in line), "")
        if delim:
            nxt = text.find("\n", end + 1)
            row = text[end + 1:len(text) if nxt < 0 else nxt]
            cells = [c.strip().strip('"') for c in line.split(delim)]
            if row.count(delim) == line.count(delim) and sum(1 for c in cells if c) >= 2 and not _a_row(line):
                return cells, delim, end + 1
            break  # the first line with cells is the table's; not a header: none
        pos = end + 1
    return [first.strip()], "", after_first


_HEADER_CLASS_CACHE: dict[str, str | None] = {}


_COUNT_HEADS = (" total ", " count ", " sum ", " no of ", " number of ", " amount ", " qty ")


_MONEY_HEADER_RE = re.compile(
    r"[\u00a3$\u20ac]|(?i:\b(?:gbp|funding|income|budget|spend|costs?|amount|allocation|revenue|expenditure"
    r"|turnover|salary|salaries|pay bill|price|value)\b)"
)


# A staff list's columns (payroll, pensions, establishment) beside a generic "Ref": the
# names in it are employees', not patients'.
_STAFF_HEADER_RE = re.compile(
    r"(?i)\b(?:ni (?:no|number)|nino|national insurance|employee|payroll|salary|pensionable|pension scheme"
    r"|contrib(?:ution)?s?|superannuation|wte|fte|esr|assignment (?:no|number)|staff (?:no|number|id)|pay band)\b"
)


# ... and the columns of a list of a system's users, of the staff raising its tickets or of
# workers' shifts and hours, beside a weak "ID" or "No." over rows that name them (_Scorer._of_things).
_STAFF_COLUMN_RE = re.compile(
    r"(?i)\b(?:users?|user name|username|dept|department|directorate|raised by|logged by|requested by|requester"
    r"|assigned to|assignee|engineer|technician|handsets?|extension|workers?|shifts?"
    r"|hours (?:claimed|worked|authori[sz]ed|booked))\b"
)


# A ledger's, an order book's or a directory's columns beside a generic "Ref".
_LEDGER_HEADER_RE = re.compile(
    r"(?i)\b(?:invoices?|inv|po|orders?|accounts?|suppliers?|vendors?|payments?|net|vat|gross|balance|credit|debit"
    r"|phone|telephone|tel|mobile|fax|extension|ext|qty|quantity|stock|sku|product|items?)\b"
)


# A header's qualifier in brackets after its label or inside it: "Serial (first)", "PO Number
# (SAP)", "Asset tag [site]", "Serial (pack) no.".
_QUALIFIER_RE = re.compile(r"[ \t]*(?:\([^()\n]{1,40}\)|\[[^\[\]\n]{1,40}\])")


def _unqualified_label(cell: str) -> tuple[str, str] | None:
    """The label a header cell names once its bracketed qualifiers are taken out, unless a
    qualifier names a health number or a patient ("Reference (NHS number)")."""
    if "(" not in cell and "[" not in cell:
        return None
    qualifiers = _QUALIFIER_RE.findall(cell)
    if not qualifiers or any(_HEALTH_HEAD_RE.search(q) or "patient" in q.lower() for q in qualifiers):
        return None
    label = _QUALIFIER_RE.sub(" ", cell).strip().rstrip(_FILL)
    return (_words_class(label) or _camel_label(label)) if label else None


def header_class(cell: str) -> str | None:
    """What a column header says the column holds: a label class, or None."""
    if cell in _HEADER_CLASS_CACHE:
        return _HEADER_CLASS_CACHE[cell]
    found = _words_class(cell.rstrip(_FILL)) or _camel_label(cell.rstrip(_FILL)) or _unqualified_label(cell)
    cls = found[0] if found else None
    if cls == "id" and _qualified_id(cell.rstrip(_FILL)):
        cls = OTHER_ID  # "Task ID", "Inventory ID", "Plant ID": another thing's identifiers, as a label says
    if cls is None and _MONEY_HEADER_RE.search(cell):
        cls = OTHER_ID  # "NHS funding (£)", "Income £000", "Budget": a column of amounts
    if cls is None:
        low = term_key(cell)
        for word, c in ((" nhs ", NHS), (" chi ", CHI), (" hcn ", HC), (" h&c ", HC), (" patient", "patient"),
                        (" phone", PHONE), (" tel", PHONE), (" mobile", PHONE), (" fax", PHONE)):
            if word in low:
                cls = c
                break
        else:
            if low.startswith(_COUNT_HEADS):
                cls = OTHER_ID  # "Total reads", "No. of items", "Count of visits": a column of counts
            elif not _HEADER_UNITS.isdisjoint(low.split()) or _BYTES_CELL_RE.search(cell):
                cls = OTHER_ID  # "Transferred (bytes)", "Size MB", "Energy kWh": a column of quantities
    if len(_HEADER_CLASS_CACHE) < 4096:
        _HEADER_CLASS_CACHE[cell] = cls
    return cls


# --- context keywords ---------------------------------------------------------

_MAX_WINDOW = 32_768

#: Patient and clinical words whose nearness supports a number. "NHS", "trust" and
#: "health" alone are left out: every trust's signature carries them; so are the
#: places ("ward", "hospital", "surgery"), which deliveries, repairs and rotas name too.
CONTEXT_CASE_SENSITIVE = ("DOB", "D.O.B", "MRN", "CHI", "GP", "A&E", "HCN", "H&C")
CONTEXT_WORDS = (
    "NHS no", "NHS number", "NHS num", "NHS No.", "patient", "patients", "pt", "date of birth",
    "referral", "referred", "clinic", "consultant", "discharge", "discharged", "admission",
    "admitted", "appointment", "diagnosis", "treatment", "medication", "prescription", "GP practice",
    "nurse", "midwife", "health visitor", "outpatient", "inpatient", "CHI number", "CHI no",
    "community health index", "NHS Scotland", "health board", "health and care number",
    "health & care number", "H&C number", "HSC trust", "hospital number", "hospital no", "case notes",
    "casenotes", "safeguarding", "mental health",
)


# Teams and services named after patients, in every signature of theirs: not a patient.
CONTEXT_NOT = PATIENT_TEAMS


_BLOCKER: tuple[str | None, ...] = ("\x00blocker",)


class Keywords:
    """Context keywords ("patient", "date of birth" ...) near a number.

    Keywords are matched as whole words with one pyahocorasick automaton over
    the segment's word text (see :func:`dlpgate.detectors.lexicon.word_text`):
    ``case_sensitive`` ones ("DOB", "CHI") exactly as written, the others in
    any case; punctuation and line breaks inside a phrase match each other.
    Only the parts of the text within ``window`` characters of a number are
    scanned.
    """

    def __init__(
        self, case_sensitive: Iterable[str], case_insensitive: Iterable[str], window: int, blockers: Iterable[str] = ()
    ) -> None:
        self.window = window
        entries: dict[str, list[str | None]] = {}
        for word in case_sensitive:
            entries.setdefault(term_key(word), []).append(word)
        for word in case_insensitive:
            entries.setdefault(term_key(word), []).append(None)
        self._automaton = ahocorasick.Automaton()
        for key, exact in entries.items():
            self._automaton.add_word(key, (len(key), tuple(exact)))
        # Phrases that hold a keyword without meaning it ("Patient Experience" team): a hit
        # starting where one starts does not count.
        for phrase in blockers:
            self._automaton.add_word(term_key(phrase), (len(term_key(phrase)), _BLOCKER))
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
        found: list[tuple[int, int]] = []
        blocked: set[int] = set()
        for rel_end, (key_len, exacts) in self._automaton.iter(words):
            # rel_end indexes ``words``; words[k] is text[lo + k - 1].
            nxt = lo + rel_end  # the text offset just after the match
            if rel_end < last:
                if words[rel_end + 1] != " ":
                    continue
            elif nxt < n_text and word_text(text[nxt]) != " ":
                continue
            start = nxt - key_len + 1  # the key's leading space = the word's offset in ``text``
            if exacts is _BLOCKER:
                blocked.add(start)
                continue
            for exact in exacts:
                if exact is None or text[start:start + len(exact)] == exact:
                    found.append((start, nxt))
                    break
        # A blocking phrase ends after the keyword it holds, so it is known only afterwards.
        out.extend(hit for hit in found if hit[0] not in blocked)

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


@functools.lru_cache(maxsize=8)
def context_keywords(window: int) -> Keywords:
    return Keywords(CONTEXT_CASE_SENSITIVE, CONTEXT_WORDS, window, CONTEXT_NOT)


# --- analysis of one text -------------------------------------------------------


#: What analyse() reports per scheme: (rule, confidence, category, count, masked evidence).
Summary = tuple[str, float, str, int, tuple[str, ...]]
MAX_EVIDENCE = 3


@functools.lru_cache(maxsize=1024)
def confidence(score: float) -> float:
    """The confidence for a score, rounded down to 0.01 (never up across a rule's threshold)."""
    return math.floor(100.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))) / 100.0


_ROW_BREAKS = 3  # a list continues over at most this many line breaks between its values
# This many values on one line (not a table's row, whose cells are columns) are a list on
# their own: a script's array, numbers pasted in a run ("1811562792,145130922,-878672491,...").
_LINE_LIST = 5
_DEADLINE_EVERY = 512


def _check(deadline: float | None, clock: Callable[[], float]) -> None:
    if deadline is not None and clock() > deadline:
        raise InspectionTimeout("inspection time limit reached")


def _line_starts(text: str, cands: tuple[tuple[int, int, str, str, str], ...],
                 deadline: float | None, clock: Callable[[], float]) -> list[int]:
    """Where the line holding each candidate starts."""
    out: list[int] = []
    line_start = prev_end = 0
    rfind = text.rfind
    for i, (start, end, *_rest) in enumerate(cands):
        if not i & 511:
            _check(deadline, clock)
        if start and text[start - 1] == "\n":
            line_start = start
        else:
            nl = rfind("\n", prev_end, start)
            if nl >= 0:
                line_start = nl + 1
        out.append(line_start)
        prev_end = end
    return out


def _list_score(total: int, valid: int, outside: int = 0) -> float:
    """The list signal a value gets from ``total`` other values of its list, ``valid`` of which pass,
    ``outside`` of which pass Modulus 11 in no scheme's range (then weighed against a list of
    another id space that has the check digit too, LIST_SPACE, as well as against one of any numbers)."""
    score = valid * LIST_VALID + (total - valid) * LIST_INVALID
    if outside > 0:
        score = min(score, LIST_SPACE + valid * LIST_VALID_IN_SPACE + outside * LIST_OUTSIDE
                    + (total - valid - outside) * LIST_FAIL_IN_SPACE)
    return LIST_MAX if score > LIST_MAX else LIST_MIN if score < LIST_MIN else score


class _Lists(NamedTuple):
    """The list signal of every candidate (_list_scores), and the lists it comes from."""

    scores: list[float]
    group_of: list[int]  # by candidate: its list
    totals: list[int]  # by list: its distinct values
    valid: list[int]  # ... and how many of them pass
    outside: list[int]  # ... and how many pass Modulus 11 in no scheme's range (_list_score)


def _list_scores(text: str, cands: tuple[tuple[int, int, str, str, str], ...], valid: list[bool],
                 outside: list[bool], tabular: bool, deadline: float | None, clock: Callable[[], float]) -> _Lists:
    """The list signal for every candidate: what its siblings in the same column or list say.

    A column is the cell index in a table (CSV, sheet), else the place of the
    value among the 10-digit values on its line, or the line itself where it holds
    many (_LINE_LIST); a list continues while its values are at most a few line
    breaks apart. A value counts once in its list: one meeting's ID repeated
    through its invitation is no list of numbers.
    """
    n = len(cands)
    delim = _header_cells(text)[1] if tabular else ""
    lines = _line_starts(text, cands, deadline, clock)
    crowded: set[int] = set()
    if not delim and n >= _LINE_LIST:
        crowded = {line for line, k in Counter(lines).items() if k >= _LINE_LIST}
    group_of = [0] * n
    groups_t: list[int] = []
    groups_v: list[int] = []
    groups_o: list[int] = []
    groups_seen: list[set[str]] = []
    last_by_key: dict[int, tuple[int, int]] = {}  # key -> (group, end of the last member)
    ordinal = 0
    count = text.count
    for i in range(n):
        if not i & 511:
            _check(deadline, clock)
        start, end = cands[i][0], cands[i][1]
        line_start = lines[i]
        ordinal = ordinal + 1 if i and line_start == lines[i - 1] else 0
        if delim:
            key = count(delim, line_start, start) if start > line_start else 0
        else:
            key = -1 - line_start if line_start in crowded else ordinal
        entry = last_by_key.get(key)
        if entry is not None and (entry[1] == line_start - 1 or count("\n", entry[1], start) <= _ROW_BREAKS):
            g = entry[0]
        else:
            g = len(groups_t)
            groups_t.append(0)
            groups_v.append(0)
            groups_o.append(0)
            groups_seen.append(set())
        last_by_key[key] = (g, end)
        group_of[i] = g
        seen = groups_seen[g]
        if cands[i][2] not in seen:
            seen.add(cands[i][2])
            groups_t[g] += 1
            groups_v[g] += valid[i]
            groups_o[g] += outside[i]
    out = [0.0] * n
    for i in range(n):
        g = group_of[i]
        t = groups_t[g]
        if t < 3:
            continue
        # the siblings only (other values: each value counted once)
        out[i] = _list_score(t - 1, groups_v[g] - valid[i], groups_o[g] - outside[i])
    return _Lists(out, group_of, groups_t, groups_v, groups_o)


def _others_in_lists(lists: _Lists, pending: list[_Pending], at: list[int],
                     scorer: _Scorer) -> None:
    """A list's values its own labels name as another thing's ("INV_6529832173", "Order 4526018155")
    are no support for the others as patients' numbers: the others are scored again (in place)
    with the list those leave, when they counted them."""
    others: dict[int, set[str]] = {}
    for p, i in zip(pending, at, strict=True):
        if p[5] in _LISTED_AS and lists.scores[i] > 0:
            others.setdefault(lists.group_of[i], set()).add(p[0][2])
    if not others:
        return
    for k, (p, i) in enumerate(zip(pending, at, strict=True)):
        g = lists.group_of[i]
        named = others.get(g)
        if named is None or p[5] in _LISTED_AS or lists.scores[i] <= 0:
            continue
        drop = len(named - {p[0][2]})
        if not drop:
            continue
        t = lists.totals[g] - 1 - drop
        listed = _list_score(t, lists.valid[g] - 1 - drop, lists.outside[g]) if t >= 2 else 0.0
        scored = scorer.score(p[0], p[1], p[2], listed)
        if scored is not None:
            pending[k] = scored


def _allowed(scheme: str, form: str) -> bool:
    return form in SCHEMES[scheme].forms


_QUIET = frozenset("\n\r,\t;|")


_PLAIN = (CONTIGUOUS, GROUPED, EXPORT)
_Cand = tuple[int, int, str, str, str]
_Pending = tuple[_Cand, str, str, float, str, "str | None"]


class Analysis(NamedTuple):
    """What :func:`analyse` found in one text."""

    #: By scheme: candidates counted by (rule, confidence, category), with masked evidence.
    by_scheme: dict[str, tuple[Summary, ...]]
    #: Digits written here as another thing's number, after its label (an order, an
    #: invoice): digits -> (confidence, category). The same digits elsewhere in the message
    #: without a label are that thing's number too (recogniser.NumberDetector.detect).
    explained: dict[str, tuple[float, str]]
    #: Candidates counted at 0.5 or more with no label at all: (scheme, rule, confidence, digits, form).
    unlabelled: tuple[tuple[str, str, float, str, str], ...]
    #: Digits written here after another thing's label (a ticket's, an order's), by their form:
    #: the named siblings of the bare numbers of the message's other parts (_named_siblings).
    named: dict[str, frozenset[str]] = {}
    #: A health number's or a patient's label here, or a list of patients' numbers: nothing
    #: named elsewhere as another thing's makes the message's bare numbers weaker.
    patients: bool = False
    #: Digits of ``explained`` whose label is known only by its shape ("SR#", "RITM", "CRM:"):
    #: the same digits elsewhere are that thing's number only when nothing speaks for a patient.
    weakly: frozenset[str] = frozenset()
    #: Ten-digit numbers shown here only rounded, as a spreadsheet shows a wide number in
    #: exponent form ("4.01E+09"), in a column headed as another thing's ("Catalogue no"):
    #: their significant digits ("401"). The same number spelled out elsewhere in the
    #: message, rounding to one of them, is one of those things (rounds_to).
    rounded: frozenset[str] = frozenset()


NOTHING = Analysis({}, {}, ())


# A ten-digit number as a spreadsheet shows it when its column is too narrow: one digit, a
# point, a few more and the exponent ("4.01E+09", "5.013E+9"). Seven decimals or more keep
# every digit (an EXPORT candidate); fewer lose the last; fewer than two, one number in a
# hundred of a range rounds to it, too many to say which.
_ROUNDED_RE = re.compile(r"(?<![0-9.])([1-9])\.([0-9]{2,6})[eE]\+0{0,2}9(?![0-9.])")


def _rounded_things(text: str) -> frozenset[str]:
    """The significant digits of the rounded ten-digit numbers (_ROUNDED_RE) a table's cells
    hold under a header naming another thing's number (Analysis.rounded)."""
    if "E+" not in text and "e+" not in text:
        return frozenset()
    cells, delim, rows_from = table_header(text)
    if not delim:
        return frozenset()
    classes: dict[int, str | None] = {}
    found: set[str] = set()
    for m in _ROUNDED_RE.finditer(text, rows_from):
        line_start = text.rfind("\n", 0, m.start()) + 1
        col = text.count(delim, line_start, m.start())
        if col not in classes:
            classes[col] = _cell_class(cells, col)
        if classes[col] in _LISTED_AS:
            found.add(m.group(1) + m.group(2))
    return frozenset(found)


def rounds_to(digits: str, rounded: Iterable[str]) -> bool:
    """The ten digits, rounded as a spreadsheet rounds them to show them in exponent form,
    are one of ``rounded``'s significant digits (Analysis.rounded): "4010232137" is "401"."""
    n = int(digits)
    for sig in rounded:
        unit = 10 ** (10 - len(sig))
        if (n + unit // 2) // unit == int(sig):
            return True
    return False


def analyse(text: str, tabular: bool = False, window: int = 300, today: date | None = None,
            deadline: float | None = None, clock: Callable[[], float] = time.monotonic,
            support: Callable[[str, int, int], bool] | None = None,
            named_elsewhere: Mapping[str, frozenset[str]] | None = None) -> Analysis:
    """Candidates that pass a scheme's checks, scored, counted by (rule, confidence, category).

    By scheme. Not cached: the three number detectors share one analysis of each
    segment through the message they read (recogniser.shared_analyses). ``support``:
    what the message says for a CHI written alone at text[start:end] beyond this text
    (its mail is Scotland's, health terms stand near it; see _lone_chis).
    ``named_elsewhere``: digits the message's other parts write after another thing's
    label, by form (their Analysis.named): siblings of this text's bare numbers too.
    """
    cands = scan(text)
    cells = _column_cells(text, cands) if tabular else _layout_column_cells(text, cands)
    if cells:
        cands = tuple(sorted(cands + cells))
    rounded = _rounded_things(text) if tabular else frozenset()
    if not cands:
        return NOTHING._replace(rounded=rounded) if rounded else NOTHING
    classes = [classify(c[2]) for c in cands]
    valid = [cl is not None and cl[1] != UNISSUED and (c[3] in _PLAIN or _allowed(cl[0], c[3]))
             for c, cl in zip(cands, classes, strict=True)]
    # Groupings a scheme does not use ("452 6018155", an NHS number as 6-4), and numbers of
    # the ranges no NHS number is issued from, count only with a health number's label
    # (_Scorer.score); they are not list siblings.
    labelled = [cl is not None and not v for cl, v in zip(classes, valid, strict=True)]
    if not any(valid) and not any(labelled):
        return NOTHING._replace(rounded=rounded) if rounded else NOTHING
    # Numbers that pass Modulus 11 where no scheme has them (a CHI's prefix and no date): siblings
    # that say the list may be another id space's (_list_score). (An NHS number of a range not
    # issued, "556 452 0890", is written as one often enough: a failing sibling, as before.)
    outside = [cl is None and _mod11_ok(c[2]) and not placeholder_digits(c[2]) for c, cl in zip(cands, classes, strict=True)]
    lists = _list_scores(text, cands, valid, outside, tabular, deadline, clock)
    scorer = _Scorer(text, tabular, today or date.today())
    scorer.cells = frozenset(c[0] for c in cells)
    scorer.support = support
    scorer.mobiles = _mobiles_without_zero(text, cands, lists, scorer)
    pending: list[_Pending] = []
    at: list[int] = []  # by pending candidate: its place in cands
    # Cells of a patient list: nothing written around them can change the outcome.
    listed_cells: dict[tuple[str, str], list] = {}
    n = len(text)
    quiet = _QUIET
    for i, c in enumerate(cands):
        if not valid[i]:
            if labelled[i]:
                scored = scorer.score(c, classes[i][0], classes[i][1], 0.0, lists.scores[i] >= 0)  # type: ignore[index]
                if scored is not None:
                    pending.append(scored)
                    at.append(i)
            continue
        if not i & 511:
            _check(deadline, clock)
        cls: tuple[str, str] = classes[i]  # type: ignore[assignment]
        listed = lists.scores[i]
        start, end = c[0], c[1]
        if (
            listed >= LIST_MAX
            and cls[0] != CHI
            and (text[start - 1] if start else "\n") in quiet
            and (text[end] if end < n else "\n") in quiet
            and not scorer.column_against(start, end)
            and not scorer.terminology_code(c)
        ):
            cell = listed_cells.get(cls)
            if cell is None:
                cell = listed_cells[cls] = [0, []]
            cell[0] += 1
            if len(cell[1]) < MAX_EVIDENCE:
                cell[1].append(c[2])
            continue
        scored = scorer.score(c, cls[0], cls[1], listed)
        if scored is not None:
            pending.append(scored)
            at.append(i)
    _others_in_lists(lists, pending, at, scorer)
    _log_times(pending)
    near = _near_context(text, pending, window)
    named = _named_siblings(text, pending, near, bool(listed_cells), named_elsewhere)
    if scorer.lone:
        _lone_chis(text, pending, near, scorer.lone, support)
    _unissued_alone(text, pending, scorer.unissued)
    if scorer.fields:
        _fields_of_other_things(text, pending, near, scorer.fields, support)
    found = _summaries(listed_cells, pending, near, named)
    return found._replace(rounded=rounded) if rounded else found


# Ten digits a UK mobile's eleven leave when a spreadsheet drops its trunk 0: 07 and a
# mobile's (not a pager's 076, not a personal number's 070) third digit.
_MOBILE_WITHOUT_ZERO_RE = re.compile(r"7[1-57-9][0-9]{8}")


def _mobiles_without_zero(text: str, cands: tuple[_Cand, ...], lists: _Lists, scorer: _Scorer) -> frozenset[int]:
    """Where the candidates start that are UK mobile numbers which lost their leading 0
    (a sheet's cells copied out): a column of them, every one shaped as a mobile is without
    its 0, on rows that each hold a phone number written as one ("Eileen Example<tab>Theatre
    Coordinator<tab>7700900329<tab>01134960107"), under no health number's or patient's
    own header. A column of patients' numbers beside their phones has NHS numbers of other
    shapes in it, or their header over it."""
    groups = {lists.group_of[i] for i, c in enumerate(cands) if c[2][0] == "7"}
    if not groups:
        return frozenset()
    by_group: dict[int, list[int]] = {}
    for i, g in enumerate(lists.group_of):
        if g in groups:
            by_group.setdefault(g, []).append(i)
    out: list[int] = []
    for members in by_group.values():
        if len({cands[i][2] for i in members}) < 2:
            continue
        if not all(cands[i][3] == CONTIGUOUS and _MOBILE_WITHOUT_ZERO_RE.fullmatch(cands[i][2]) for i in members):
            continue
        rows_ok = True
        for i in members:
            start, end = cands[i][0], cands[i][1]
            a, b = _line_bounds(text, start, end)
            if (not any(_CLEAR_PHONE_RE.search(part) for part in (text[a:start], text[end:b]))
                    or scorer.own_header(start, end) in _CONTEXT_CLASS):
                rows_ok = False
                break
        if rows_ok:
            out.extend(cands[i][0] for i in members)
    return frozenset(out)


# Labels that name a thing's own number: a ticket's, an order's ("Ticket #6067284456", "PO 4526018155").
_THINGS_LABELS = frozenset((OTHER_ID, NAMED_ID, ACRONYM_ID))
_SIBLING_ASKS = 64  # bare numbers of one text read for a person beside them (_named_siblings): a note's, not a report's


def _named_siblings(text: str, pending: list[_Pending], near: set[tuple[int, int]], patients_listed: bool,
                    elsewhere: Mapping[str, frozenset[str]] | None = None) -> dict[str, frozenset[str]] | None:
    """Bare numbers of a text that names its other numbers of the same form as another
    thing's, each followed by what it is about in brackets ("RE: Ticket #6067284456 ... this
    seems linked to 6076832436 (smartcard reader driver update), closed last week"): one
    more of those things, when nothing around it speaks for a patient (no health
    number's or patient's label anywhere in the text, no context word near it, no person
    named beside it, no list of numbers that pass). Scored again in place (SIBLING_NAMED).
    The siblings may be named in another part of the message (``elsewhere``: its Subject
    "RE: [Ticket#6067284456] ..."). Returns the digits this text names as another thing's,
    by form; None when it speaks for patients (a label of theirs, a list of their numbers)."""
    if patients_listed:
        return None
    own: dict[str, set[str]] = {}
    for c, _scheme, _rule, _score, _category, label in pending:
        if label in _CONTEXT_CLASS:
            return None
        if label in _THINGS_LABELS:
            own.setdefault(c[3], set()).add(c[2])
    mine = {form: frozenset(digits) for form, digits in own.items()}
    forms: dict[str, set[str]] = {form: set(digits) for form, digits in own.items()}
    for form, digits in (elsewhere or {}).items():
        forms.setdefault(form, set()).update(digits)
    if not forms:
        return mine
    asks = _SIBLING_ASKS
    for k, (c, scheme, rule, score, category, label) in enumerate(pending):
        named = forms.get(c[3])
        if (named is None or not named - {c[2]} or label is not None or category or not 0.0 <= score <= PRIOR[(scheme, rule)]
                or (c[0], c[1]) in near or not (_thing_aside(text, c[1]) or _handled_as_case(text, c[0], c[1]))):
            continue
        asks -= 1
        if asks < 0:
            break
        if not (_person_on_row(text, c[0], c[1]) or _person_beside(text, c[0], c[1])):
            pending[k] = (c, scheme, rule, score + SIBLING_NAMED, OTHER_ID, label)
    return mine


# A few words in brackets right after a number (or leading the next line): what the thing
# numbered is about, as lists of tickets, orders and references write it: "6076832436
# (smartcard reader driver update)", "4198089647 (sharps bins)".
_THING_ASIDE_RE = re.compile(r"[ \t]*(?:\r?\n[ \t>]*)?\(([A-Za-z][A-Za-z '&/\-]{0,60})\)")


# ... or what its clause does with it is what is done with a ticket, a job or an order: closing
# it, opening a new one, escalating, merging, cancelling, dispatching ("Please close 6067284456
# and open a new one for 6076832436", "6076832436 is still open - could you escalate it?").
_CASE_HANDLED_RE = re.compile(
    r"(?i)\b(?:close|closed|closing|re-?open|re-?opened|open a new one|raise a new one|log a new one|still open|escalate"
    r"|escalated|merge|merged|duplicate of|cancel|cancelled|canceled|dispatched|shipped|resolved|reassign(?:ed)?)\b"
)
_CASE_REACH = 60  # characters either side of a sibling number in which its clause's handling is said


def _handled_as_case(text: str, start: int, end: int) -> bool:
    """The clause around the number at text[start:end] (on its line, up to a sentence's end
    or _CASE_REACH either side) says what is done with a ticket, a job or an order (_CASE_HANDLED_RE)."""
    a, b = _line_bounds(text, start, end)
    low, high = max(a, start - _CASE_REACH), min(b, end + _CASE_REACH)
    for stop in (text.rfind(". ", low, start), text.rfind("? ", low, start), text.rfind("! ", low, start)):
        if stop >= 0:
            low = max(low, stop + 2)
    ends = [i for i in (text.find(". ", end, high), text.find("? ", end, high), text.find("! ", end, high)) if i >= 0]
    return _CASE_HANDLED_RE.search(text, low, min(ends) + 1 if ends else high) is not None


def person_named_beside(text: str, digits: str, closely: bool = False) -> bool:
    """A person is named on the row of, or right beside, any place ``text`` writes ``digits``
    (read on demand: for the few numbers another part of the message labels). ``closely``:
    only a name written against the number, with nothing but a space between ("Mrs Joan
    Example 4526018155", "4526018155 - Joan Example"), not a greeting on its row ("Hi Mr
    Patel, 4526018155 is ready")."""
    if closely:
        return any(c[2] == digits and _person_against(text, c[0], c[1]) for c in scan(text))
    return any(c[2] == digits and (_person_on_row(text, c[0], c[1]) or _person_beside(text, c[0], c[1]))
               for c in scan(text))


# A name's words ending where the search ends: a title or capitalised words ("Mrs Joan
# Example", "EXAMPLE, Joan"), its last word capitalised ("arrived but" is no name).
_NAME_ENDS_RE = re.compile(r"(?:(?:Mr|Mrs|Ms|Miss|Mx|Master)\.?[ \t]+)?(?:[^\W\d_][\w'\u2019\-]*,?[ \t]+){0,3}([^\W\d_])[\w'\u2019\-]*$")


def _person_against(text: str, start: int, end: int) -> bool:
    """A person's name right before the number, a space or a tab between ("Mrs Joan Example
    4526018155"), or right after it, a space, tab or dash between ("4526018155 - Joan Example")."""
    a, _b = _line_bounds(text, start, end)
    i = start
    while i > a and text[i - 1] in " \t":
        i -= 1
    if a < i < start:
        name = _NAME_ENDS_RE.search(text, max(a, i - _NAME_ROW_REACH), i)
        if name is not None and name.group(1).isupper() and person_at(text, name.start(), i):
            return True
    row_end = text.find("\n", end)
    row_end = len(text) if row_end < 0 else row_end
    pos = end
    while pos < row_end and text[pos] in " \t-\u2013":
        pos += 1
    return end < pos < row_end and person_at(text, pos, row_end)


def _thing_aside(text: str, end: int) -> bool:
    """Words in brackets after the number end (_THING_ASIDE_RE) that name no person
    ("(Mrs Ada Example)", "(Ada Example)" name whose the number is)."""
    m = _THING_ASIDE_RE.match(text, end)
    return m is not None and _TITLED_RE.search(m.group(1)) is None and not person_at(text, m.start(1), m.end(1))


def _person_on_row(text: str, start: int, end: int) -> bool:
    """A person is named on the number's own line: a titled name anywhere on it ("re Mrs Joan
    Example"), or a name right before or after the number ("Joan Example 4526018155")."""
    a, b = _line_bounds(text, start, end)
    m = _TITLED_RE.search(text, a, b)
    if m is not None and m.group(1) is None:
        return True
    return (start - a <= _NAME_ROW_REACH and person_at(text, a, start)) or _named_row(text, end)


# The forms software writes its counts, IDs and times in: a CHI a person writes apart (its
# date, then four digits; 3-3-4) is written as a person's number is.
_SOFTWARE_FORMS = frozenset((CONTIGUOUS, EXPORT))


def _lone_chis(text: str, pending: list[_Pending], near: set[tuple[int, int]], lone: set[tuple[int, int]],
               support: Callable[[str, int, int], bool] | None) -> None:
    """CHIs that nothing but their checks holds (_Scorer.score: no label, no list, software's
    form) are scored down in place (LONE_CHI) unless something around them speaks for a
    patient: patient or clinical words (``near``), a person named beside them, their date
    of birth written near, Scotland's health service named in this text, or what
    ``support`` reads (the recogniser: Scotland's mail; health terms, a third person or a
    titled name near)."""
    scottish: bool | None = None
    for i, p in enumerate(pending):
        c = p[0]
        span = (c[0], c[1])
        if span not in lone or span in near or _patient_beside(text, c):
            continue
        if scottish is None:
            scottish = scottish_text(text)
        if scottish or (support is not None and support(text, c[0], c[1])):
            continue
        pending[i] = (c, p[1], p[2], p[3] + LONE_CHI, p[4], p[5])


_UNISSUED_TERMS = 2  # health terms on an unissued number's line that make it a patient's


def _unissued_alone(text: str, pending: list[_Pending], unissued: set[tuple[int, int]]) -> None:
    """Unissued numbers alone (_Scorer._unissued) weighed as an issued one is when their own
    line (a subject, a note's line, a sheet's row) says a patient's clinical detail: two
    health terms or more ("... - 5490... - metastatic melanoma, immunotherapy"); the others
    are no NHS numbers, as without a label before."""
    if not unissued:
        return
    from dlpgate.detectors import health_terms

    kept: list[_Pending] = []
    for p in pending:
        c = p[0]
        if (c[0], c[1]) in unissued:
            a, b = _line_bounds(text, c[0], c[1])
            line = text[a:c[0]] + " " + text[c[1]:b]
            if len({line[t.start:t.end].lower() for t in health_terms.shipped().spans(line)}) < _UNISSUED_TERMS:
                continue
            p = (c, p[1], p[2], p[3] - UNISSUED_ALONE, p[4], p[5])
        kept.append(p)
    pending[:] = kept


def _patient_beside(text: str, c: _Cand) -> bool:
    """A person stands beside the number: named on its line before it ("Joan Example
    1503871234") or after it, or in a field on the lines around it ("Name: ..."); or its
    date of birth is written near it ("born 15/03/87")."""
    a = text.rfind("\n", 0, c[0]) + 1
    lead = a
    while lead < c[0] and text[lead] in _BULLETS:
        lead += 1
    if (c[0] - lead <= _NAME_ROW_REACH and lead < c[0] and person_at(text, lead, c[0])) or _named_row(text, c[1]):
        return True
    return _birth_written(text, c) or _person_beside(text, c[0], c[1])


# A form's field that names its value, in whatever language: up to five words of letters (and
# the marks abbreviations carry: "Nr.", "N.º", "n°") leading the line, then a colon
# ("Nr zamówienia: 4911...", "Număr factură:", "Rendelésszám:").
_FIELD_RE = re.compile(r"[ \t>*\-\u2022]*((?:[^\W\d_][^\W\d_'\u2019&]*[.\u00ba\u00b0]*[ \t\-/]*){1,5})[:\uff1a][ \t\u00a0]*")
_FIELD_REACH = 64  # characters of a line before a number read for its field's name
# Words of a field's name that make it a health number's or a patient's, whatever the
# language around them ("Numer NHS pacjenta", "Rhif GIG y claf", "Pacient nr"): the schemes'
# and a record's acronyms, and "patient" as most European languages spell it.
_FIELD_HEALTH_WORDS = frozenset(("nhs", "gig", "chi", "hcn", "hsc", "h&c", "mrn", "dob", "pt", "pas", "hospital",
                                 "hosp", "claf", "ysbyty"))
_FIELD_PATIENT_RE = re.compile(r"pa(?:t|c|cj|z)i?[e\u00eb]nt")
# Words for "number" (and "no.", "code") in the languages of Europe, as a field's name
# writes them before or after the thing's name ("Nr zamówienia", "Număr factură",
# "N.º da encomenda", "Sipariş numarası", "Užsakymo numeris"); Hungarian
# joins it to the name ("Rendelésszám").
_NUMBER_NAMES = frozenset((
    "number", "no", "nr", "nbr", "num", "numer", "num\u0103r", "numar", "n\u00famero", "numero", "nummer",
    "num\u00e9ro", "nro", "n", "n\u00ba", "n\u00b0", "numara", "numaras\u0131", "numeris", "sz\u00e1m",
    "sz\u00e1ma", "rhif", "uimhir", "kod", "cod", "code", "c\u00f3digo", "codice",
))
_JOINED_NUMBER_NAMES = ("sz\u00e1m", "sz\u00e1ma", "nummer", "nr")


def _field_of_its_own(text: str, start: int) -> bool:
    """The number at ``start`` fills a form's field whose name no list holds (label_class found
    none), shaped as another thing's number's in any language: a word for "number" and the
    thing's name leading its line before a colon, none of them a health number's or a patient's."""
    lo = text.rfind("\n", max(0, start - _FIELD_REACH), start) + 1
    if not lo and start > _FIELD_REACH:
        return False
    m = _FIELD_RE.fullmatch(text, lo, start)
    if m is None:
        return False
    words = [w.strip(".\u00ba\u00b0'\u2019") or w for w in re.split(r"[ \t\-/.]+", m.group(1).lower()) if w.strip(".")]
    named = [w for w in words if w not in _NUMBER_NAMES]
    if not named or (len(named) == len(words) and not any(
            w.endswith(_JOINED_NUMBER_NAMES) and len(w) > 6 for w in words)):
        return False  # no word for a number ("Subject:", "Can you check this one:"), or nothing named
    return not any(w in _FIELD_HEALTH_WORDS or _FIELD_PATIENT_RE.match(w) for w in words)


def _fields_of_other_things(text: str, pending: list[_Pending], near: set[tuple[int, int]],
                            fields: set[tuple[int, int]], support: Callable[[str, int, int], bool] | None) -> None:
    """Numbers in a field of their own (_field_of_its_own: "Nr zamówienia: 4911000333") are
    another thing's, scored down in place (NAMED_LABEL) and named so (the same digits in the
    subject are then that thing's: recogniser), unless something around them speaks for a
    patient: patient or clinical words (``near``), a person named beside them, or what
    ``support`` reads (the recogniser: Scotland's mail; health terms, a third person or a
    titled name near). Written together, as software writes its numbers: a field's name in another language
    ("Numer ubezpieczenia zdrowotnego:") may be a health number's all the same."""
    for i, p in enumerate(pending):
        c = p[0]
        span = (c[0], c[1])
        if span not in fields or span in near or _patient_beside(text, c):
            continue
        if support is not None and support(text, c[0], c[1]):
            continue
        pending[i] = (c, p[1], p[2], p[3] + NAMED_LABEL, OTHER_ID, OTHER_ID)


# Scotland's health service by its names: its boards, its national bodies, its patient
# index, its mail's domains ("nhs.scot", the older "scot.nhs.uk").
_SCOTTISH_RE = re.compile(
    r"(?i:\bnhs[ \t]+(?:scotland|ayrshire|borders|dumfries|fife|forth[ \t]+valley|grampian|greater[ \t]+glasgow"
    r"|gg&?c|highland|lanarkshire|lothian|orkney|shetland|tayside|western[ \t]+isles|eileanan[ \t]+siar"
    r"|national[ \t]+services|education[ \t]+for[ \t]+scotland|golden[ \t]+jubilee"
    r"|24(?![0-9/:]|[ \t-]*(?:hours?|hrs?|h|x|seven)\b))\b"  # "NHS 24", not "24/7" or "24 hours"
    r"|\b(?:public[ \t]+health|healthcare[ \t]+improvement)[ \t]+scotland\b|\bcommunity[ \t]+health[ \t]+index\b"
    r"|[\w-]\.scot\b)|\bCHI\b"
)
_SCOTTISH_DOMAINS = ("scot", "scot.nhs.uk")


def scottish_text(text: str) -> bool:
    """``text`` names Scotland's health service: mail in which CHI numbers are everyday."""
    return _SCOTTISH_RE.search(text) is not None


def scottish_mail(texts: Iterable[str], addresses: Iterable[str] = ()) -> bool:
    """Mail of Scotland's health service: an address at one of its domains (its sender, its
    recipients, the organisation's own), or its names in any of ``texts``."""
    for address in addresses:
        domain = address.rpartition("@")[2].lower().rstrip(">. ")
        if any(domain == d or domain.endswith("." + d) for d in _SCOTTISH_DOMAINS):
            return True
    return any(scottish_text(t) for t in texts if t)


def _log_times(pending: list[_Pending]) -> None:
    """CHI-shaped numbers without a CHI label, three or more of one date whose last four
    digits are times of day in order ("0412260905 ERR ...", "041226 1006 ERR ..."): a log's
    DDMMYYHHMM times, together or apart. Many patients born on one day, numbered in the order of a clock,
    are not a list anyone keeps. Scored down in place."""
    by_date: dict[str, list[int]] = {}
    for i, p in enumerate(pending):
        if p[1] == CHI and p[5] != CHI and p[0][3] in (CONTIGUOUS, DATE_FIRST):  # or "150324 0835"
            by_date.setdefault(p[0][2][:6], []).append(i)
    for idxs in by_date.values():
        if len(idxs) < 3:
            continue
        times = [int(pending[i][0][2][6:]) for i in idxs]
        if times == sorted(times) and all(t // 100 < 24 and t % 100 < 60 for t in times):
            for i in idxs:
                c, scheme, rule, score, category, label = pending[i]
                pending[i] = (c, scheme, rule, score + LOG_TIMES, category or OTHER_ID, label)


# A bank statement's columns: a running balance beside the amounts paid in and out.
_BANK_AMOUNTS = frozenset(("amount", "paid in", "paid out", "money in", "money out", "debit", "credit", "debits",
                           "credits", "withdrawals", "deposits", "receipts", "payments", "value"))
# A transaction's code after its description on a UK bank statement: bank giro credit, direct
# debit, faster payment in or out, standing order, BACS, transfer, cheque, debit card, bill payment.
_TXN_CODE_AFTER_RE = re.compile(r"[ \t]+(?:BGC|BACS|DD|DDR|FPI|FPO|FP|SO|STO|TFR|CHQ|DEB|BP|CR|DR)(?=[ \t]*(?:[,;\t|\r\n]|$)|[ \t]+[-\u00a3]?[0-9])")
_AMOUNT_RE = re.compile(r"(?<![0-9.])-?[0-9]{1,3}(?:,?[0-9]{3})*\.[0-9]{2}(?![0-9])")


def _bank_columns(cells: list[str]) -> bool:
    """A table's header cells are a bank statement's: a balance and an amount column."""
    names = {c.strip().lower() for c in cells}
    return any(n.split(" (")[0] in ("balance", "running balance") for n in names) and any(
        n.split(" (")[0] in _BANK_AMOUNTS for n in names)


class _Scorer:
    """The evidence around one candidate at a time, in one text."""

    def __init__(self, text: str, tabular: bool, today: date) -> None:
        self.text = text
        self.tabular = tabular
        self.today = today
        self.budget = _Budget()
        cells, delim, self.rows_from = table_header(text) if tabular else ([], "", 0)
        self.header = (cells, delim)
        # a sheet's or CSV's first line is a row of data, its ten digits and all: no header
        self.headless = bool(delim) and _ROW_DIGITS_RE.search(text, 0, max(0, self.rows_from - 1)) is not None
        self.header_classes: dict[int, str | None] = {}
        self.layout_asks = _LAYOUT_ASKS
        self.header_lines: dict[int, str | None] = {}  # _header_line's answers, by line start
        self.lead_ins: dict[tuple[str, bool], str | None] = {}
        self.cells: frozenset[int] = frozenset()  # where the cells read under a health number's column header start
        self.titled_rows: tuple[int, int] | None = None  # rows of a table naming a titled person, and all its rows
        self.lone: set[tuple[int, int]] = set()  # CHIs that only something around them may hold (_lone_chis)
        self.unissued: set[tuple[int, int]] = set()  # unissued numbers alone that their line may hold (_unissued_alone)
        self.fields: set[tuple[int, int]] = set()  # numbers in a field no list names (_fields_of_other_things)
        self.bank: bool | None = None  # the table's header is a bank statement's (_bank_columns)
        self.terminology: bool | None = None  # the text names a clinical terminology anywhere (_TERMINOLOGY_RE)
        self.north_america: bool | None = None  # the text speaks of North America (_NORTH_AMERICA_RE)
        self.mobiles: frozenset[int] = frozenset()  # where UK mobiles that lost their 0 start (_mobiles_without_zero)
        # What the message says for a patient or for anyone's health around a span (analyse's ``support``),
        # and the answers of _of_things: (start, end) of the part of a table read, and what it is.
        self.support: Callable[[str, int, int], bool] | None = None
        self.things: list[tuple[int, int, bool]] = []
        # Unix times within five years before and two after today (_unix_time_now).
        now = (today - date(1970, 1, 1)).days * 86_400
        self.unix_now = (now - 5 * 365 * 86_400, now + 2 * 365 * 86_400)

    def score(self, c: _Cand, scheme: str, rule: str, listed: float, alone: bool = False) -> _Pending | None:
        """(candidate, scheme, rule, score, category, label), or None for an implausible CHI date
        or an unissued number without the NHS number's label that is not ``alone`` (in no list of
        numbers that fail) or is another thing's by its shape (_Scorer._unissued)."""
        if scheme == CHI and chi_birth_date(c[2], self.today) is None:
            return None
        text = self.text
        score = PRIOR[(scheme, rule)] + listed
        category = ID_LIST if listed <= -2 else ""
        cand = Candidate(*c)
        local, cat, label = self._local(cand)
        score += local
        if cat and local < 0:
            category = cat
        if c[3] not in SCHEMES[scheme].forms:
            # An odd grouping: a health-number label right before it, or (ODD) one
            # earlier on its line, stands for the form the scheme is written in.
            if label in _NUMBER_LABELS:
                score += ODD_FORM
            elif c[3] == ODD and label is None and (self.tabular or c[0] in self.cells or not _label_only(text, c)):
                score += ODD_FORM + NEAR_LABEL
            else:
                return None
        if label in _CONTEXT_CLASS:
            delta, cat = self._health_label(cand, scheme, label)
            score += delta
            category = cat or category
        if label is None:
            label, delta, cat = self._unlabelled(c, scheme, listed, score)
            score += delta
            category = cat or category
        unissued = self._unissued(c, label, category, alone)
        if unissued is None:
            return None
        score += unissued
        if label == GENERIC_ID and listed <= 0:
            score += OTHER_LABEL  # "Ref" over one number, or over references few of which pass
            category = category or OTHER_ID
        if (listed > 0 and (label in _LISTED_AS or (label is None and _in_reference(text, cand)))) or (
                listed < 0 and label in (scheme, "patient")):
            # Its label, its column's header or its line (a book's reference) says what it
            # is: a list of such numbers ("ISBN ..." lines, a "PO Number" column) says no more;
            # named as this very number ("NHS No", an HL7 identifier's "^^^NHS^NH") or as a
            # patient's ("pid.3=", "MRN"), it is no member of the failing numbers around it (a
            # log's times, a message's other ids).
            score -= listed
        # Signatures and reading lists only lower a score: read them where that can matter.
        if label not in _CONTEXT_CLASS and 0.0 <= score < STRONG + CONTEXT:
            near, cat = near_evidence(text, cand, label)
            score += near
            if cat:
                category = cat
            if label is None and cat != PHONE and score >= 0.0 and self._north_american(cand):
                score += NANP_ONE
                category = PHONE
        if scheme == CHI and label != CHI:
            delta, cat = self._chi_forms(c, label)
            score += delta
            category = category or cat
            self._lone(c, label, listed, score)
        self._field(c, label, category, score)
        return (c, scheme, rule, score, category, label)

    def _north_american(self, cand: Candidate) -> bool:
        """A number with no label written as North America writes its phone numbers ("346-555-0005",
        "331.555.0018"), a valid one there, in a text that speaks of North America (_NORTH_AMERICA_RE):
        a contact's number, not a health number. A health number's or a patient's label keeps it one."""
        if cand.form != GROUPED or _NANP_WRITTEN_RE.fullmatch(self.text, cand.start, cand.end) is None:
            return False
        if self.north_america is None:
            self.north_america = _NORTH_AMERICA_RE.search(self.text) is not None
        if not self.north_america or self.budget.phone_calls <= 0:
            return False
        self.budget.phone_calls -= 1
        return _valid_phone("+1", cand.digits, "ZZ")

    def _unlabelled(self, c: _Cand, scheme: str, listed: float, score: float) -> tuple[str | None, float, str]:
        """(label, score, category) for a number with no label before it: from its table's
        column or the line introducing its list, else from its row naming a terminology whose
        code it is built as (terminology_code)."""
        found: tuple[str | None, float, str] = (None, 0.0, "")
        if self.tabular and self.header[1]:
            found = self._column(c[0], c[1], scheme, listed)
        elif not self.tabular and score >= -CONTEXT:
            found = self._table_label(c, scheme)
        if found[0] is None and self.terminology_code(c):
            return OTHER_ID, TERM_AFTER, OTHER_ID
        return found

    def _local(self, cand: Candidate) -> tuple[float, str, str | None]:
        """local_evidence, and a UK mobile that lost its 0 in a column of them (_mobiles_without_zero)
        read as a phone number: "7700900329" beside "01134960107"."""
        local, cat, label = local_evidence(self.text, cand, "", self.budget, self.tabular)
        if label is None and cand.start in self.mobiles:
            return local + PHONE_CUE, PHONE, PHONE
        return local, cat, label

    def _field(self, c: _Cand, label: str | None, category: str, score: float) -> None:
        """Marks a number that would be held, written as software writes its numbers, in a
        form's field of a name no list holds (_fields_of_other_things)."""
        if (label is None and not category and 0.0 <= score < STRONG and c[3] in _SOFTWARE_FORMS and not self.tabular
                and _field_of_its_own(self.text, c[0])):
            self.fields.add((c[0], c[1]))

    def _unissued(self, c: _Cand, label: str | None, category: str, alone: bool) -> float | None:
        """What a number's range adds to its score: nothing for an issued one or under the NHS
        number's label; UNISSUED_ALONE for an unissued one that only its line may hold
        (_unissued_alone: ``alone`` in no list of numbers that fail, no label of any kind, nothing
        around it saying what else it is, written as the NHS number is, not of the 000-009
        prefixes, a UK phone number written without spaces, nor a UK number once its lost 0 is
        put back, 0800..., 0560...); None (no NHS number) for any other unissued one."""
        if not _unissued_unlabelled(c[2], label):
            return 0.0
        if (not alone or label is not None or category or c[3] not in (CONTIGUOUS, GROUPED) or c[2][0] == "0"
                or _valid_phone("", "0" + c[2], "GB")):
            return None
        self.unissued.add((c[0], c[1]))
        return UNISSUED_ALONE

    def _lone(self, c: _Cand, label: str | None, listed: float, score: float) -> None:
        """Marks a CHI that only something around it may hold (_lone_chis): one that would
        be held, without a health number's or a patient's label, in no list of numbers
        that pass, written as software writes its numbers."""
        if 0.0 <= score < -LONE_CHI and label not in _CONTEXT_CLASS and listed <= 0 and c[3] in _SOFTWARE_FORMS:
            self.lone.add((c[0], c[1]))

    def _table_label(self, c: _Cand, scheme: str) -> tuple[str | None, float, str]:
        """(label, score, category) a number in text gets from the table or list it stands
        in: its column's header in a table laid out in text (a rendered HTML table's tabs, a
        report's aligned columns), or the line introducing its list ("consignment notes were:")."""
        text = self.text
        cell = _layout_header(text, c[0], c[1], self.header_lines)
        if cell is not None:
            return _header_evidence(self._layout_class(c[0], c[1], cell), scheme)
        if (self.lead_in(c[0]) == OTHER_ID and not _named_row(text, c[1])) or self._headless_row(c[0], c[1]):
            return OTHER_ID, OTHER_LABEL, OTHER_ID
        return None, 0.0, ""

    def _chi_forms(self, c: _Cand, label: str | None) -> tuple[float, str]:
        """(score, category) for the other things a CHI's ten digits without its label often are.
        After a patient's or another health number's label, a zone offset or a file name's
        dot is no sign of software's Unix time: "Hospital number 1703820002 -0930" is a
        patient's (a time of day after it), git's "author ... 1703820002 -0930" is not."""
        score, category = 0.0, ""
        labelled = label in _CONTEXT_CLASS
        if _dns_serial(c[2]):
            score += DNS_SERIAL
            category = FORM
        if c[3] == CONTIGUOUS and self._unix_time_now(c[2]):
            score += UNIX_TIME_NOW
            category = category or OTHER_ID
            if not labelled and _written_as_time(self.text, c[0], c[1]):
                score += UNIX_TIME_NAMED  # "activity_summary_1712835297.csv": software names files so
        elif c[3] == CONTIGUOUS and self._unix_time_since_2001(c[2]) and (
            (not labelled and _written_as_time(self.text, c[0], c[1]))
            or _TIME_WORDS_RE.search(self.text, max(0, c[0] - 160), min(len(self.text), c[1] + 80))
        ):
            score += UNIX_TIME_NAMED  # "a last logon of 1604536950", "holds Unix seconds ... 1501268295"
            category = category or OTHER_ID
        if self._date_and_time_now(c[2]) and not _birth_written(self.text, c) and not _infant_near(self.text, c):
            score += DATE_TIME_NOW
            category = category or OTHER_ID
        return score, category

    def _date_and_time_now(self, digits: str) -> bool:
        """DDMMYY of the last two years and HHMM a time of day: how scanners, dictation and
        minutes name their files ("Scan_120625_0925"). A CHI's date is a birth, seldom so
        recent, and its last four digits a time only one time in seven."""
        born = chi_birth_date(digits, self.today)
        if born is None or (self.today - born).days > 2 * 366:
            return False
        return int(digits[6:8]) < 24 and int(digits[8:]) < 60

    def _unix_time_since_2001(self, digits: str) -> bool:
        """The ten digits read as a Unix time fall between 2001 (when they became ten) and
        two years from today."""
        return 1_000_000_000 <= int(digits) <= self.unix_now[1]

    def _unix_time_now(self, digits: str) -> bool:
        """The ten digits, read as a Unix time, fall within a few years of today: logs and
        exports write such times everywhere (from 2027 they start 18, a CHI's day)."""
        low, high = self.unix_now
        return low <= int(digits) <= high

    def own_header(self, start: int, end: int) -> str | None:
        """What the header over the number's column says in its own words (header_class),
        not what a generic one ("No.") is taken for beside a name column."""
        text = self.text
        if self.tabular:
            cells, delim = self.header
            line_start = text.rfind("\n", 0, start) + 1
            if not delim or line_start < self.rows_from:
                return None
            col = text.count(delim, line_start, start)
            return header_class(cells[col]) if col < len(cells) else None
        cell = _layout_header(text, start, end, self.header_lines)
        return None if cell is None else header_class(cell)

    def column_against(self, start: int, end: int) -> bool:
        """The header of the table column holding text[start:end] names another thing's
        number: a sheet's or CSV's header row, or (the first few hundred asked) a table
        laid out in text ("Your Invoice No<tab>Date<tab>Amount"), or a column of mobiles
        that lost their 0 (_mobiles_without_zero)."""
        if start in self.mobiles:
            return True
        if self.tabular:
            return bool(self.header[1]) and self._column(start, end, "")[0] in _LISTED_AS
        if _hl7_other(self.text, start):
            return True  # "MSA|AE|6178367155|": a message's control id, not a list's cell
        if self.layout_asks <= 0:
            return False
        self.layout_asks -= 1
        cell = _layout_header(self.text, start, end, self.header_lines)
        if cell is not None:
            return self._layout_class(start, end, cell) in _LISTED_AS
        return (self.lead_in(start) == OTHER_ID and not _named_row(self.text, end)) or self._headless_row(start, end)

    def terminology_code(self, c: _Cand) -> bool:
        """The number is a clinical terminology's code: built as a SNOMED CT identifier is
        (a dm+d medicine's too), on a row that names a terminology ("dm+d|...|Made-up
        preparation 5mg tablets|VMP", "SNOMED 4102213007 ..."). One NHS number in a hundred and
        seventy is so built: a health number's label, read first, keeps it one."""
        if not sctid_shaped(c[2]):
            return False
        if self.terminology is None:
            self.terminology = _TERMINOLOGY_RE.search(self.text) is not None
        if not self.terminology:
            return False
        text = self.text
        a, b = _line_bounds(text, c[0], c[1])
        a, b = max(a, c[0] - _ROW_REACH), min(b, c[1] + _ROW_REACH)
        return _TERMINOLOGY_RE.search(text, a, c[0]) is not None or _TERMINOLOGY_RE.search(text, c[1], b) is not None

    def lead_in(self, start: int) -> str | None:
        """What the line introducing a list says its numbers are, for a number that starts
        its line (after a bullet or spaces): OTHER_ID when that line, ending in ":", names
        another thing's numbers and no patient ("the following timesheets were rejected:",
        "Log excerpt (epoch timestamps):"), else None. Remembered per list."""
        text = self.text
        a = text.rfind("\n", 0, start) + 1
        named = False
        if text[a:start].strip(_BULLETS) and not _ROW_NUMBER_RE.fullmatch(text, a, start):
            # "Sarah Example 4121890078": a person's number, under a line saying whose
            named = start - a <= _NAME_ROW_REACH and person_at(text, a, start)
            if not named:
                return None
        line = _lead_in_line(text, a)
        if line is None:
            return None
        key = (line, named)
        if key not in self.lead_ins:
            self.lead_ins[key] = _lead_in_people(line) if named else _lead_in_class(line)
        return self.lead_ins[key]

    def _column(self, start: int, end: int, scheme: str, listed: float = 0.0) -> tuple[str | None, float, str]:
        """The label of the column holding ``start`` (its header cell), its score and category.
        A column headed as another thing's says nothing of a number whose row alone names a
        person ("Invoice No" over "... Mr Brian Example, hearing loss"): nor do its other values."""
        text = self.text
        if self.headless and self._of_things([], start, end):
            return _header_evidence(OTHER_ID, scheme)
        line_start = text.rfind("\n", 0, start) + 1
        if line_start < self.rows_from:  # the header row itself, or a title line above it
            return None, 0.0, ""
        cells, delim = self.header
        col = text.count(delim, line_start, start)
        if col not in self.header_classes:
            cls = _cell_class(cells, col)
            if cls in _WEAK_CLASSES and col < len(cells) and _generic_header(cells[col]) and self._of_things(cells, start, end):
                cls = OTHER_ID
            self.header_classes[col] = cls
        if self.header_classes[col] in _LISTED_AS and self._named_alone(line_start):
            return None, -min(listed, 0.0), ""
        return _header_evidence(self.header_classes[col], scheme)

    def _layout_class(self, start: int, end: int, cell: str) -> str | None:
        """What the header cell over a number in a table laid out in text says its column holds
        (_layout_cell_class); a weak one ("ID", "No.", "Key") over rows of things (_of_things) heads
        their references."""
        cls = _layout_cell_class(self.text, start, cell)
        if cls not in _WEAK_CLASSES or not _generic_header(cell):
            return cls
        line = _header_line(self.text, self.text.rfind("\n", 0, start) + 1, self.header_lines)
        cells = [] if line is None else _split_header_line(line)
        return OTHER_ID if self._of_things(cells, start, end) else cls

    def _headless_row(self, start: int, end: int) -> bool:
        """The number stands in a row of a table laid out in text with no header over it (its
        line in cells: tabs, wide spaces or bars; a line next to it with ten digits too) whose
        rows are of things (_of_things)."""
        text = self.text
        a, b = _line_bounds(text, start, end)
        line = text[a:b]
        if line.count("|") < 2 and len(_layout_cells(line)) < 2:
            return False
        above = text.rfind("\n", 0, max(0, a - 1)) + 1
        below = text.find("\n", b + 1)
        return (_ROW_DIGITS_RE.search(text, above, max(above, a - 1)) is not None
                or _ROW_DIGITS_RE.search(text, b, len(text) if below < 0 else below) is not None) and self._of_things(
                    [], start, end)

    def _of_things(self, cells: list[str], start: int, end: int) -> bool:
        """The table holding ``start``, whose number column's header names no kind of number
        ("ID", "No.", "Key"), is of things, not of patients: no column is a patient's (a name's
        with a date of birth, a diagnosis's) and nothing in or around it speaks of a patient or of
        anyone's health (``support``: context words, health terms, a titled name); and its other
        columns are a ledger's, a stock list's or a staff list's (_MONEY_HEADER_RE,
        _LEDGER_HEADER_RE, _STAFF_HEADER_RE, _STAFF_COLUMN_RE), or its rows speak of goods, kit,
        carriage, tickets or accounts (_OTHER_CLAUSE_RE, _TRADE_CLAUSE_RE, TRADE_WORDS_RE). Rows that name people
        are of things only beside a staff list's columns ("Order" or "Amount" beside a name may
        be a patient's test or bill). With no way to read what is around it (no ``support``), its
        check digits still decide."""
        support = self.support
        if support is None:
            return False
        for lo, hi, known in self.things:
            if lo <= start < hi:
                return known
        text = self.text
        lo = text.rfind("\n\n", max(0, start - _TABLE_READ), start)
        lo = max(0, start - _TABLE_READ) if lo < 0 else lo + 2
        hi = text.find("\n\n", start, start + _TABLE_READ)
        hi = min(len(text), start + _TABLE_READ) if hi < 0 else hi
        groups: set[str] = set()
        for cell in cells:
            if len(cell) <= 60:
                groups |= header_groups(cell, whole=False)[0]
        found = False
        if not groups & _PATIENT_COLUMNS:
            staff = "staff" in groups or any(_STAFF_HEADER_RE.search(c) or _STAFF_COLUMN_RE.search(c) for c in cells)
            if "name" in groups or _person_on_row(text, start, end):
                found = staff
            else:
                found = (staff or any(_MONEY_HEADER_RE.search(c) or _LEDGER_HEADER_RE.search(c) for c in cells)
                         or _OTHER_CLAUSE_RE.search(text, lo, hi) is not None
                         or _TRADE_CLAUSE_RE.search(text, lo, hi) is not None
                         or TRADE_WORDS_RE.search(text, lo, hi) is not None)
            found = found and not support(text, lo, hi)
        self.things.append((lo, hi, found))
        return found

    def _health_label(self, cand: Candidate, scheme: str, label: str) -> tuple[float, str]:
        """The score and category a health number's or a patient's label before the number gives."""
        text = self.text
        if label in _NUMBER_LABELS and self._bank_reference(cand):
            # "NHS 4508825052 BGC" on a bank statement's line: the payer's name and its reference
            return OTHER_LABEL, OTHER_ID
        if (label == "patient" and not self.tabular and _PATIENT_WORD_RE.search(text, max(0, cand.start - 32), cand.start) is None
                and (_other_clause(text, cand, 0, len(text), _TRADE_CLAUSE_RE)
                     or trade_fields_beside(text, cand.start))):
            # A patient label's words that also name goods and systems ("Pt No." a part's,
            # "MRN" a material receipt's), in a clause of trade: "Pt No. 4631010959, £184.00
            # + VAT each", "receipted on Oracle (MRN 6337915909)".
            return OTHER_CLAUSE, ""
        return (SCHEME_LABEL if label == scheme else HEALTH_LABEL), ""

    def _bank_reference(self, c: _Cand) -> bool:
        """A number on a bank statement's line after a service's name only ("NHS", not "NHS
        number"): the statement's columns (a balance beside the amounts), or a transaction's
        code after the number ("BGC", "DD", "FPI") with an amount on its line, say it is a
        payment's reference."""
        text, start = self.text, c[0]
        line_start = text.rfind("\n", 0, start) + 1
        cells, delim = self.header
        if self.tabular and delim:
            if self.bank is None:
                self.bank = _bank_columns(cells)
            bank = self.bank and line_start >= self.rows_from
            cell_start = max(line_start, text.rfind(delim, 0, start) + 1)
        else:
            bank, cell_start = False, line_start
        if not bank:
            line_end = text.find("\n", c[1])
            bank = _TXN_CODE_AFTER_RE.match(text, c[1]) is not None and _AMOUNT_RE.search(
                text, line_start, len(text) if line_end < 0 else line_end) is not None
        return bank and not _health_label_on(text, max(cell_start, start - 40), start)

    def _named_alone(self, line_start: int) -> bool:
        """The table's row at ``line_start`` names a person with a title ("Mr Brian Example"),
        not under a column of staff ("Consultant"), and fewer than a quarter of the table's rows
        name anyone so (a ledger of customers names them all, a rota its doctors)."""
        text = self.text
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        m = _TITLED_RE.search(text, line_start, line_end)
        if m is None or m.group(1) is not None or not person_at(text, m.start(), line_end):
            return False
        cells, delim = self.header
        col = text.count(delim, line_start, m.start())
        if col < len(cells) and _CONTACT_FIELD_RE.search(cells[col].lower()):
            return False  # "Consultant": "Mr Singh" is the clinic's surgeon
        if self.titled_rows is None:
            rows = text.count("\n", self.rows_from) + 1
            self.titled_rows = (len({text.rfind("\n", 0, t.start()) for t in _TITLED_RE.finditer(text, self.rows_from)}),
                                rows)
        titled, rows = self.titled_rows
        return titled * 4 < rows


# What a weak header ("ID", "No.", "Key") is taken for when nothing else names its column: the
# number's own label's class, "id", or none (_Scorer._of_things).
_WEAK_CLASSES = frozenset((None, "id", GENERIC_ID))
_PATIENT_COLUMNS = frozenset(("dob", "pname", "nhs", "dx"))
_TABLE_READ = 8_000  # characters either side of a number read for its table's rows (_Scorer._of_things)


# Headers that name no kind of number ("Ref", "No.", "ID", a pivot table's "Row Labels"):
# whose, the table's other columns say, or the column's values themselves (GENERIC_ID).
_GENERIC_HEADERS = frozenset(("ref", "refs", "reference", "ref no", "reference number", "reference no", "no", "number",
                              "id", "identifier", "record", "record no", "row labels", "key"))


def _cell_class(cells: list[str], col: int) -> str | None:
    """What a table's header cell says its column holds (header_class); a header that names
    no kind of number ("Ref") in a table of patients (a name or date-of-birth column beside
    it) heads the patients' references."""
    if col >= len(cells):
        return None
    cls = header_class(cells[col])
    if cls == OTHER_ID and _generic_header(cells[col]):
        groups: set[str] = set()
        for i, cell in enumerate(cells):
            if i != col and len(cell) <= 60:
                groups |= header_groups(cell, whole=False)[0]
        if "nhs" not in groups and any(i != col and _STAFF_HEADER_RE.search(cell) for i, cell in enumerate(cells)):
            return OTHER_ID  # beside NI numbers, pay or pension columns: a staff list's references
        if groups & {"dob", "pname", "nhs"}:
            return "patient"
        if any(i != col and (_MONEY_HEADER_RE.search(cell) or _LEDGER_HEADER_RE.search(cell))
               for i, cell in enumerate(cells)):
            return OTHER_ID  # beside amounts, invoices, phones: a ledger's or a directory's references
        return GENERIC_ID
    return cls


def _birth_written(text: str, c: _Cand) -> bool:
    """The CHI's date of birth is written near it as a date ("Baby of Eilidh Fraser
    0501250611, born 05/01/25"): a baby's CHI, not a scan's date and time."""
    dd, mm, yy = c[2][0:2], c[2][2:4], c[2][4:6]
    near = text[max(0, c[0] - 120):c[1] + 120]
    for day in {dd, dd.lstrip("0")}:
        for month in {mm, mm.lstrip("0")}:
            for sep in "/.-":
                for year in (yy, "20" + yy):
                    written = f"{day}{sep}{month}{sep}{year}"
                    at = near.find(written)
                    while at >= 0:
                        after = at + len(written)
                        if (at == 0 or not near[at - 1].isdigit()) and (after == len(near) or not near[after].isdigit()):
                            return True
                        at = near.find(written, at + 1)
    return False


# Words about a baby or an infant as midwives, neonatal units and health visitors write them:
# whose CHI has a date of birth of these months. "day 5" (of life), "3 weeks old".
_INFANT_RE = re.compile(
    r"(?i)\b(?:bab(?:y|ies|y's|ys)|new[ -]?borns?|neonat(?:e|es|al)|infants?|nnu|scbu|nicu|postnatal|post-natal"
    r"|midwi(?:fe|ves|fery)|health visitor|breast[ -]?fe(?:d|eding)|bottle[ -]?fe(?:d|eding)|jaundiced?|bilirubin"
    r"|sbr|phototherapy|heel prick|guthrie|born|day [1-9][0-9]?(?! of the)|[0-9]{1,2} (?:days?|weeks?|months?) old)\b"
)
# ... and words that say a number near them is a time software stamped: a scanner's, a log's, a system's.
_STAMPED_RE = re.compile(
    r"(?i)\b(?:scanned|scanner|scans?_|logs?|logged|created|uploaded|saved|generated|exported|modified|timestamps?"
    r"|printed|received at|sent at)\b"
)
_INFANT_REACH = 160  # characters either side of a number read for a baby's words


def _infant_near(text: str, c: _Cand) -> bool:
    """Words about a baby stand near a CHI whose date is of these months and whose last digits
    read as a time ("Baby boy Mair 2810261407 - SBR today 280 at day 5"): a new-born's CHI,
    not a date and time stamp, unless software's words are on its line or it is a file's name."""
    lo, hi = max(0, c[0] - _INFANT_REACH), min(len(text), c[1] + _INFANT_REACH)
    if _INFANT_RE.search(text, lo, hi) is None:
        return False
    a, b = _line_bounds(text, c[0], c[1])
    prev = text[c[0] - 1] if c[0] else " "
    return prev not in "_-/.#@" and not _in_file_name(text, c[0], c[1]) and _STAMPED_RE.search(text, a, b) is None


def _header_evidence(label: str | None, scheme: str) -> tuple[str | None, float, str]:
    """(label, score, category) a column's header gives the numbers under it: what the same
    label right before a number gives (_AGAINST, local_evidence)."""
    if label in _CONTEXT_CLASS:
        return label, SCHEME_LABEL if label == scheme else HEALTH_LABEL, ""
    if label in _AGAINST:
        return label, *_AGAINST[label]
    return label, 0.0, ""


# Cells of a line laid out in columns: apart by a tab, or by two spaces or more.
_LAYOUT_CELL_RE = re.compile(r"[^\t ](?:[^\t]*?[^\t ])??(?=\t| {2,}|$)")
_RULE_LINE = frozenset("-=_+|:. \t")
_LAYOUT_ROWS_UP = 40  # lines looked at above a number for its table's header
_LAYOUT_ROWS_MAX = 20_000  # ... when the answers are kept for the text (a report's pages of rows)
_LAYOUT_ASKS = 256  # numbers of a list in text whose table header is looked for (column_against)


def _layout_cells(line: str) -> list[tuple[int, str]]:
    """(offset, text) of the cells of a line laid out in columns; [] for a line that is not."""
    if "\t" not in line and "  " not in line:
        return []
    return [(m.start(), m.group()) for m in _LAYOUT_CELL_RE.finditer(line)]


def _generic_header(cell: str) -> bool:
    """The header names no kind of number ("Ref", "No.", "Ref (internal)")."""
    if "(" in cell or "[" in cell:
        cell = _QUALIFIER_RE.sub(" ", cell)
    return _norm(cell).strip(_FILL + ".:") in _GENERIC_HEADERS


def _split_header_line(line: str) -> list[str]:
    """The cells of a table's header line laid out in text: by tabs, bars, or wide spaces."""
    return [c.strip() for c in (line.split("\t") if "\t" in line else line.split("|") if "|" in line
                                else [h for _, h in _layout_cells(line)])]


def _layout_cell_class(text: str, start: int, cell: str) -> str | None:
    """What the header cell over a number in a table laid out in text says its column
    holds (header_class); a generic one ("Ref") heads the patients' references when the
    same header line has a name or date-of-birth column (_cell_class)."""
    cls = header_class(cell)
    if cls != OTHER_ID or not _generic_header(cell):
        return cls
    above = _header_line(text, text.rfind("\n", 0, start) + 1)
    if above is None:
        return GENERIC_ID
    cells = _split_header_line(above)
    return _cell_class(cells, cells.index(cell)) if cell in cells else GENERIC_ID


def _header_line(text: str, a: int, memo: dict[int, str | None] | None = None) -> str | None:
    """The first line above offset ``a`` (a line's start) that is neither a rule line nor a
    row with digits, before a blank line: a table's header. Within _LAYOUT_ROWS_UP lines;
    with ``memo`` (the answers for this text so far, by line start: every row of a table
    has its header's) within _LAYOUT_ROWS_MAX, each line read once for the whole table."""
    pos = a
    passed: list[int] = []
    found: str | None = None
    for _ in range(_LAYOUT_ROWS_UP if memo is None else _LAYOUT_ROWS_MAX):
        if memo is not None and pos in memo:
            found = memo[pos]
            break
        if pos == 0:
            break
        passed.append(pos)
        top = text.rfind("\n", 0, pos - 1) + 1
        above = text[top:pos - 1].rstrip("\r")
        pos = top
        if not above.strip():
            break  # a blank line ends the table
        if _RULE_LINE.issuperset(above) or _a_row(above):
            continue  # a rule line, another row
        found = above
        break
    if memo is not None:
        for p in passed:
            memo[p] = found
    return found


_DIGIT_RUN_RE = re.compile(r"[0-9]{3}")


def _a_row(line: str) -> bool:
    """A line of a table's data, not its header: a run of three digits, or digits a
    quarter of what is written ("ISBN-10", "Q1", "Col 2" are headers' words)."""
    if _DIGIT_RUN_RE.search(line):
        return True
    digits = sum(ch.isdigit() for ch in line)
    return digits > 0 and digits * 4 >= len(line.replace(" ", ""))


_BULLETS = " \t-*\u2022\u00b7>"
_ROW_NUMBER_RE = re.compile(r"[ \t]*[0-9]{1,3}[.)][ \t]*")  # "1. ", "12) ": a numbered list's row
_ROW_DIGITS_RE = re.compile(r"[0-9]{3}[ \-]?[0-9]{3}[ \-]?[0-9]{4}(?![0-9])")  # a row's ten digits
_LEAD_IN_ROWS = 40  # list rows looked over for the line that introduces them


_HEADING_WORDS = 3  # words at most of a heading without a colon that introduces a list
_LEAD_IN_LINES = 3  # lines of the sentence that introduces a list ("... cannot find the following\ninvoices ...:")


def _lead_in_line(text: str, a: int) -> str | None:
    """The words introducing the list whose row starts at ``a``: the first line above, over
    blank lines and rows that start with a digit, when it ends with ":", with the lines of
    its paragraph right before it (a sentence wrapped over lines)."""
    pos = a
    for _ in range(_LEAD_IN_ROWS):
        if pos == 0:
            return None
        top = text.rfind("\n", 0, pos - 1) + 1
        above = text[top:pos - 1].strip()
        pos = top
        if not above or above.lstrip(_BULLETS)[:1].isdigit() or _ROW_DIGITS_RE.search(above):
            continue  # a blank line, a row (its number first, or after a name)
        if not above.endswith(":"):
            # a heading of its own over the list, a few words and no colon ("Fixes", "Known
            # issues", "Bug fixes"): its words alone, what the list is
            heading = above.lstrip(_BULLETS).strip("#*=_ ")
            return heading if 0 < len(heading.split()) <= _HEADING_WORDS and heading[:1].isupper() else None
        lines = [above]
        while len(lines) < _LEAD_IN_LINES and pos > 0:
            top = text.rfind("\n", 0, pos - 1) + 1
            before = text[top:pos - 1].strip()
            if not before:
                break
            lines.insert(0, before)
            pos = top
        return " ".join(lines)
    return None


# Plural nouns for patients in a list's introduction: the list may be theirs, whatever else it names.
_LEAD_PATIENTS_RE = re.compile(
    rf"(?i)\b(?:{'|'.join(PATIENT_NOUNS)}|babies|nhs (?:no|nos|numbers?)|chi|hospital (?:no|nos|numbers?)"
    r"|dobs?|dates? of birth|case notes|medical notes|for notes|(?:medical|health|patient) records|referrals|prescriptions"
    r"|appointments|admissions|results|scans|samples)\b"
)
# The things a list's introduction may say its numbers are: records of business that are
# never a patient's ("Outstanding requests:", "Bookings for transport:", "Case list:" may be).
_LEAD_THINGS = frozenset(_norm(w) for w in (
    "timesheet", "invoice", "consignment", "consignment note", "waste consignment note", "purchase order", "po",
    "order", "sales order", "ticket", "incident", "timestamp", "epoch", "epoch seconds", "epoch time", "epoch timestamp",
    "unix timestamp", "asset", "asset number", "asset no", "asset tag", "serial", "serial number", "serial no", "licence",
    "license", "licence key", "meter", "meter number", "payment", "transaction", "remittance", "credit note",
    "debit note", "isbn", "job", "job no", "work order", "tracking", "tracking number", "parcel", "shipment",
    "waybill", "air waybill", "awb", "defect", "fix", "bug fix", "bug", "known issue", "change request",
    "invoice number", "invoice no", "order number", "order no", "po number", "po no", "account", "account number",
    "account no", "policy", "voucher", "certificate", "permit", "pay no", "pay number", "employee", "employee number",
    "staff number", "grn", "delivery note", "despatch note", "dispatch note", "utr", "vat", "company number",
    "charity", "barcode", "sku", "part", "part no", "product", "session", "build", "commit", "version",
    "reference", "booking reference", "job reference", "reference number",
))
# The last word of a label that names a thing's numbers in the singular too ("asset number").
_NUMBER_WORDS = frozenset(("number", "numbers", "no", "nos", "ref", "refs", "id", "ids"))


# Staff in a list's introduction: the numbers after their names are staff's (pay, pension).
_LEAD_STAFF_RE = re.compile(
    r"(?i)\b(?:staff|employees|colleagues|starters|leavers|locums|members of staff|team members|workers)\b"
)
_NAME_ROW_REACH = 60  # characters of a row's name before its number


def _lead_in_people(line: str) -> str | None:
    """OTHER_ID when the line introducing rows of names and numbers says the people are
    staff ("three staff opting out of the pension scheme:") and names no patients."""
    if _LEAD_PATIENTS_RE.search(line) or not _LEAD_STAFF_RE.search(line):
        return None
    return OTHER_ID


def _lead_in_class(line: str) -> str | None:
    """OTHER_ID when a list's introduction names the numbers as another thing's: a label in
    the plural ("timesheets", "purchase orders", "epoch timestamps") or a label of numbers
    ("asset number"), and no patients nor a patient's number; else None. A label in the
    singular says too little ("Order of the list below:", "Case list for Friday:")."""
    if _LEAD_PATIENTS_RE.search(line):
        return None
    words = _norm(line.replace("/", " ")).split(" ")
    words = [w.strip(_FILL + ".,:;()'\"") for w in words]
    for i, word in enumerate(words):
        plural = len(word) > 3 and word.endswith("s")
        if not plural and word not in _NUMBER_WORDS:
            continue
        for k in (3, 2, 1):
            if i - k + 1 < 0:
                continue
            head = words[i - k + 1:i]
            key = " ".join([*head, word])
            if k > 1 and (key in _LEAD_THINGS or word in _NUMBER_WORDS and " ".join(head) in _LEAD_THINGS):
                return OTHER_ID  # "asset number", "PO numbers", "epoch seconds", "air waybill numbers"
            if plural and (" ".join([*head, word[:-1]]) in _LEAD_THINGS
                           or word.endswith("es") and " ".join([*head, word[:-2]]) in _LEAD_THINGS):
                return OTHER_ID  # "timesheets", "consignment notes", "purchase orders", "bug fixes"
            if k == 2 and word in _NUMBER_WORDS and head[0] in _PATIENTS_THINGS and _LEAD_STAFF_RE.search(line):
                return OTHER_ID  # "the staff shuttle ... booking refs:": bookings, but staff's
    return None


def _named_row(text: str, end: int) -> bool:
    """A person's name follows the number on its row ("4300917868  Mr Albert Example"):
    a list of people, whatever its introduction names."""
    row_end = text.find("\n", end)
    row_end = len(text) if row_end < 0 else row_end
    pos = end
    while pos < row_end and text[pos] in " \t-\u2013:|,;":
        pos += 1
    return pos < row_end and person_at(text, pos, row_end)


def _layout_header(text: str, start: int, end: int, memo: dict[int, str | None] | None = None) -> str | None:
    """The header cell over the number's column, when the number stands in a table laid
    out in text: its line in cells (tabs, runs of spaces, or bars), and above it, over rows
    with digits and rule lines only, a line of short cells without digits, aligned the same way."""
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    line = text[a:len(text) if b < 0 else b]
    col = start - a
    barred = line.count("|") >= 2  # a table drawn with bars: a database's output, Markdown
    cells = [] if barred else _layout_cells(line)
    if not barred and len(cells) < 2:
        return None
    above = _header_line(text, a, memo)
    if above is None:
        return None
    if barred:
        if above.count("|") != line.count("|"):
            return None
        return above.split("|")[line.count("|", 0, col)].strip() or None
    tabbed = "\t" in line
    head = _layout_cells(above)
    if len(head) < 2 or ("\t" in above) != tabbed or any(len(h.split()) > 4 for _, h in head):
        return None
    if tabbed:
        k = line.count("\t", 0, col)
        head_cells = above.split("\t")
        return head_cells[k].strip() if k < len(head_cells) else None
    # aligned by spaces: the header cell that starts where the number's column does
    for at, cell in head:
        if abs(at - col) <= 2 or at <= col < at + len(cell):
            return cell
    return None


def _near_context(text: str, pending: list[_Pending], window: int) -> set[tuple[int, int]]:
    """Spans of the pending candidates with a context word nearby, read only where it could still matter."""
    need = [(p[0][0], p[0][1]) for p in pending if p[5] not in _CONTEXT_CLASS and -CONTEXT <= p[3] < STRONG]
    if not need:
        return set()
    return {span for span, hit in zip(need, context_keywords(window).near_each(text, need), strict=True) if hit}


def _summaries(listed_cells: dict[tuple[str, str], list], pending: list[_Pending],
               near_set: set[tuple[int, int]], named: dict[str, frozenset[str]] | None) -> Analysis:
    """Scored candidates counted by scheme and (rule, confidence, category), with masked evidence;
    ``named``: what _named_siblings returned (None: the text speaks for patients)."""
    out: dict[str, dict[tuple[str, float, str], list]] = {}
    explained: dict[str, tuple[float, str]] = {}
    weakly: set[str] = set()
    unlabelled: list[tuple[str, str, float, str, str]] = []
    for (scheme, rule), (count, digits) in listed_cells.items():
        evidence: list[str] = []
        for d in digits:
            if mask(d) not in evidence:
                evidence.append(mask(d))
        out.setdefault(scheme, {})[(rule, confidence(PRIOR[(scheme, rule)] + LIST_MAX), "")] = [count, evidence]
    for c, scheme, rule, score, category, label in pending:
        if near_set and (c[0], c[1]) in near_set:
            score += CONTEXT
        conf = confidence(score)
        if score >= 0:
            category = ""
            if label is None:
                unlabelled.append((scheme, rule, conf, c[2], c[3]))
        elif label in _THINGS_LABELS and (c[2] not in explained or (c[2] in weakly and label == OTHER_ID)):
            # Not a phone cue: mail programs turn any digits into "tel:" links themselves.
            explained[c[2]] = (conf, category)
            if label == OTHER_ID:
                weakly.discard(c[2])
            else:
                weakly.add(c[2])
        slots = out.get(scheme)
        if slots is None:
            slots = out[scheme] = {}
        key = (rule, conf, category)
        slot = slots.get(key)
        if slot is None:
            slot = slots[key] = [0, []]
        slot[0] += 1
        if len(slot[1]) < MAX_EVIDENCE:
            ev = mask(c[2])
            if ev not in slot[1]:
                slot[1].append(ev)
    by_scheme = {
        scheme: tuple((rule, conf, cat, count, tuple(ev)) for (rule, conf, cat), (count, ev) in slots.items())
        for scheme, slots in out.items()
    }
    return Analysis(by_scheme, explained, tuple(unlabelled), named or {}, named is None, frozenset(weakly))


def find_candidates(text: str, accept: Callable[[str], bool] | None = None) -> list[Candidate]:
    """Candidates in ``text`` that ``accept(digits)`` takes and that are not phone numbers.

    For the console's highlighter: what a reader should look at. A phone number
    by prefix or cue is left out, and so is an odd grouping behind any label but a
    health number's, and wide-spaced groups without one; other evidence is not
    weighed here.
    """
    out: list[Candidate] = []
    budget = _Budget()
    for t in scan(text):
        c = Candidate(*t)
        if c.form == OTHER or (accept is not None and not accept(c.digits)):
            continue
        _score, category, label = local_evidence(text, c, "", budget)
        if category == PHONE or (c.form == ODD and label is not None and label not in _NUMBER_LABELS):
            continue
        if _unissued_unlabelled(c.digits, label):
            continue
        if c.form in (WIDE, DECIMAL) and label not in _NUMBER_LABELS:
            continue
        out.append(c)
    return out


# --- findings -------------------------------------------------------------------


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

    def has(self, kind: str) -> bool:
        """Whether anything of ``kind`` was added."""
        return any(key[0] == kind for key in self._slots)

    def merge(self, other: Tally) -> None:
        """Add everything ``other`` holds."""
        for (kind, where, category, ident), slot in other._slots.items():
            for i, evidence in enumerate(slot.evidence or [""]):
                self.add(kind, where, evidence, slot.confidence, category=category, identifies_patient=ident,
                         count=0 if i else slot.count)

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
